package ossemu

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// OSS multipart limits: parts are numbered 1-10000 and every part but the
// last must be at least 100 KB.
const (
	maxPartNumber = 10000
	minPartSize   = 100 << 10
)

type initiateResult struct {
	XMLName      xml.Name `xml:"InitiateMultipartUploadResult"`
	EncodingType string   `xml:"EncodingType,omitempty"`
	Bucket       string   `xml:"Bucket"`
	Key          string   `xml:"Key"`
	UploadID     string   `xml:"UploadId"`
}

// initiateUpload is OSS InitiateMultipartUpload; the object's metadata is
// fixed here and applied at completion.
func (s *Server) initiateUpload(rq *request) *apiError {
	h := rq.r.Header
	forbid, e := forbidOverwrite(h.Get("x-oss-forbid-overwrite"))
	if e != nil {
		return e
	}
	if forbid {
		if _, err := s.st.object(rq.bucket, rq.key); err == nil {
			return errorf("FileAlreadyExists", "The object you specified already exists and can not be overwritten.").with("Key", rq.key)
		}
	}
	b, _ := s.st.bucket(rq.bucket)
	class, e := storageClass(h.Get("x-oss-storage-class"), b.StorageClass)
	if e != nil {
		return e
	}
	userMeta, std, e := objectHeaders(h)
	if e != nil {
		return e
	}
	acl, e := objectACL(h.Get("x-oss-object-acl"))
	if e != nil {
		return e
	}
	u := &upload{
		ID: strings.ToUpper(newRef()), Key: rq.key, Initiated: rq.now, Parts: map[int]part{},
		Template: objectMeta{
			ContentType: contentType(h.Get("Content-Type"), rq.key), StorageClass: class,
			UserMeta: userMeta, Headers: std, ACL: acl,
		},
	}
	if e := s.st.addUpload(rq.bucket, u); e != nil {
		return e
	}
	enc := rq.r.URL.Query().Get("encoding-type")
	return writeXML(rq, http.StatusOK, initiateResult{
		EncodingType: enc, Bucket: rq.bucket, Key: encodeName(rq.key, enc), UploadID: u.ID,
	})
}

// uploadPart is OSS UploadPart.
func (s *Server) uploadPart(rq *request) *apiError {
	q := rq.r.URL.Query()
	if rq.r.Header.Get("x-oss-copy-source") != "" {
		return errorf("NotImplemented", "UploadPartCopy is not supported by this emulator.")
	}
	n, err := strconv.Atoi(q.Get("partNumber"))
	if err != nil || n < 1 || n > maxPartNumber {
		return errorf("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive.").
			with("ArgumentName", "partNumber").with("ArgumentValue", q.Get("partNumber"))
	}
	id := q.Get("uploadId")
	if _, e := s.st.uploadSnapshot(rq.bucket, rq.key, id); e != nil {
		return e
	}
	want, e := parseContentMD5(rq.r.Header.Get("Content-MD5"))
	if e != nil {
		return e
	}
	body, e := s.receive(rq.r.Body, rq.r.ContentLength, s.cfg.MaxObjectSize, want)
	if e != nil {
		return e
	}
	p := part{Number: n, Blob: body.ref, Size: body.size, ETag: body.etag(), MD5: body.md5, CRC64: body.crc, LastModified: rq.now}
	if e := s.st.putPart(rq.bucket, rq.key, id, p); e != nil {
		_ = s.st.blobs.remove(body.ref)
		return e
	}
	h := rq.w.Header()
	h.Set("ETag", p.ETag)
	h.Set("x-oss-hash-crc64ecma", strconv.FormatUint(p.CRC64, 10))
	h.Set("Content-Length", "0")
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

type completeRequest struct {
	XMLName xml.Name `xml:"CompleteMultipartUpload"`
	Parts   []struct {
		PartNumber int    `xml:"PartNumber"`
		ETag       string `xml:"ETag"`
	} `xml:"Part"`
}

type completeResult struct {
	XMLName      xml.Name `xml:"CompleteMultipartUploadResult"`
	EncodingType string   `xml:"EncodingType,omitempty"`
	Location     string   `xml:"Location"`
	Bucket       string   `xml:"Bucket"`
	Key          string   `xml:"Key"`
	ETag         string   `xml:"ETag"`
}

// completeUpload is OSS CompleteMultipartUpload: the listed parts (or all,
// with x-oss-complete-all: yes) must exist with the given ETags, ascend,
// and all but the last be at least 100 KB. The object's ETag is the MD5 of
// the parts' binary MD5s, upper-case hex, then "-<number of parts>".
func (s *Server) completeUpload(rq *request) *apiError {
	id := rq.r.URL.Query().Get("uploadId")
	u, e := s.st.uploadSnapshot(rq.bucket, rq.key, id)
	if e != nil {
		return e
	}
	var chosen []part
	if strings.EqualFold(rq.r.Header.Get("x-oss-complete-all"), "yes") {
		for _, n := range slices.Sorted(maps.Keys(u.Parts)) {
			chosen = append(chosen, u.Parts[n])
		}
	} else {
		var req completeRequest
		if e := readXML(rq.r, &req, false); e != nil {
			return e
		}
		for i, p := range req.Parts {
			if i > 0 && p.PartNumber <= req.Parts[i-1].PartNumber {
				return errorf("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.")
			}
			have, ok := u.Parts[p.PartNumber]
			if !ok || strings.Trim(p.ETag, `"`) != strings.Trim(have.ETag, `"`) {
				return errorf("InvalidPart", "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.").
					with("PartNumber", strconv.Itoa(p.PartNumber))
			}
			chosen = append(chosen, have)
		}
	}
	if len(chosen) == 0 {
		return errorf("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
	}
	for i, p := range chosen[:len(chosen)-1] {
		if p.Size < minPartSize {
			return errorf("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size.").
				with("PartNumber", strconv.Itoa(chosen[i].Number)).with("MinSizeAllowed", strconv.Itoa(minPartSize))
		}
	}
	forbid, e := forbidOverwrite(rq.r.Header.Get("x-oss-forbid-overwrite"))
	if e != nil {
		return e
	}
	cb, e := parseCallback(rq.r.Header.Get("x-oss-callback"), rq.r.Header.Get("x-oss-callback-var"), "CompleteMultipartUpload", nil)
	if e != nil {
		return e
	}
	body, e := s.concatParts(chosen)
	if e != nil {
		return e
	}
	m := u.Template.clone()
	m.Key, m.Blob, m.Size, m.CRC64, m.LastModified, m.Type = rq.key, body.ref, body.size, body.crc, rq.now, "Multipart"
	m.ETag = multipartETag(chosen)
	if e := s.st.putObject(rq.bucket, &m, forbid); e != nil {
		_ = s.st.blobs.remove(body.ref)
		return e
	}
	_ = s.st.removeUpload(rq.bucket, rq.key, id, nil)
	setVersionID(rq, m.VersionID)
	s.emit(rq, EventCompleteMultipartUpload, rq.bucket, m)
	enc := rq.r.URL.Query().Get("encoding-type")
	rq.w.Header().Set("x-oss-hash-crc64ecma", strconv.FormatUint(m.CRC64, 10))
	if cb != nil {
		return s.finishCallback(rq, cb, rq.bucket, m)
	}
	return writeXML(rq, http.StatusOK, completeResult{
		EncodingType: enc, Location: fmt.Sprintf("http://%s/%s/%s", rq.r.Host, rq.bucket, rq.key),
		Bucket: rq.bucket, Key: encodeName(rq.key, enc), ETag: m.ETag,
	})
}

// concatParts writes the parts, in order, into one new body.
func (s *Server) concatParts(parts []part) (received, *apiError) {
	var readers []io.Reader
	var total int64
	for _, p := range parts {
		f, err := s.st.blobs.open(p.Blob)
		if err != nil {
			return received{}, errInternal()
		}
		defer f.Close()
		readers = append(readers, f)
		total += p.Size
	}
	return s.receive(io.MultiReader(readers...), total, max(total, s.cfg.MaxObjectSize), nil)
}

func multipartETag(parts []part) string {
	h := md5.New()
	for _, p := range parts {
		h.Write(p.MD5)
	}
	return fmt.Sprintf(`"%s-%d"`, strings.ToUpper(hex.EncodeToString(h.Sum(nil))), len(parts))
}

// abortUpload is OSS AbortMultipartUpload.
func (s *Server) abortUpload(rq *request) *apiError {
	if e := s.st.removeUpload(rq.bucket, rq.key, rq.r.URL.Query().Get("uploadId"), nil); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}
