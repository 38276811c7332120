package ossemu

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"hash/crc64"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

var crcTable = crc64.MakeTable(crc64.ECMA)

// received is a request body safely stored as a blob, with the digests OSS
// reports for it.
type received struct {
	ref  string
	size int64
	md5  []byte
	crc  uint64
}

func (b received) etag() string { return `"` + strings.ToUpper(hex.EncodeToString(b.md5)) + `"` }

func (b received) contentMD5() string { return base64.StdEncoding.EncodeToString(b.md5) }

// parseContentMD5 decodes a Content-MD5 header; a value that is not base64
// of 16 bytes is OSS's InvalidDigest (EC 0017-00000502).
func parseContentMD5(v string) ([]byte, *apiError) {
	if v == "" {
		return nil, nil
	}
	sum, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(sum) != md5.Size {
		e := errorf("InvalidDigest", "The Content-MD5 you specified is not valid.")
		e.EC = "0017-00000502"
		return nil, e
	}
	return sum, nil
}

// receive streams body into a new blob, refusing more than limit bytes
// (EntityTooLarge) and a body whose MD5 differs from wantMD5 (InvalidDigest,
// EC 0017-00000503). declared is the Content-Length, -1 if unknown; a body
// shorter than declared is refused too. On error nothing is stored.
func (s *Server) receive(body io.Reader, declared, limit int64, wantMD5 []byte) (received, *apiError) {
	if declared > limit {
		return received{}, errTooLarge(limit)
	}
	bw, err := s.st.blobs.create()
	if err != nil {
		return received{}, errInternal()
	}
	hm := md5.New()
	hc := crc64.New(crcTable)
	n, err := io.Copy(io.MultiWriter(bw, hm, hc), io.LimitReader(body, limit+1))
	switch {
	case err != nil:
		bw.abort()
		return received{}, errorf("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.")
	case n > limit:
		bw.abort()
		return received{}, errTooLarge(limit)
	case declared >= 0 && n != declared:
		bw.abort()
		return received{}, errorf("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.")
	}
	got := hm.Sum(nil)
	if wantMD5 != nil && !bytes.Equal(got, wantMD5) {
		bw.abort()
		e := errorf("InvalidDigest", "The Content-MD5 you specified did not match what we received.")
		e.EC = "0017-00000503"
		return received{}, e
	}
	ref, err := bw.commit()
	if err != nil {
		return received{}, errInternal()
	}
	return received{ref: ref, size: n, md5: got, crc: hc.Sum64()}, nil
}

func errTooLarge(limit int64) *apiError {
	return errorf("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.").
		with("MaxSizeAllowed", itoa(limit))
}

// storedHeaders are the standard headers OSS keeps with an object and
// returns on GET and HEAD.
var storedHeaders = []string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"}

// maxUserMeta is OSS's limit on the total size of x-oss-meta-* headers.
const maxUserMeta = 8 << 10

// objectHeaders collects user metadata and stored standard headers from h.
func objectHeaders(h http.Header) (userMeta, std map[string]string, e *apiError) {
	total := 0
	for name, vals := range h {
		low := strings.ToLower(name)
		if m, ok := strings.CutPrefix(low, "x-oss-meta-"); ok && m != "" {
			if userMeta == nil {
				userMeta = map[string]string{}
			}
			userMeta[m] = strings.Join(vals, ",")
			total += len(m) + len(userMeta[m])
		}
	}
	if total > maxUserMeta {
		return nil, nil, errorf("InvalidArgument", "Your metadata headers exceed the maximum allowed metadata size.")
	}
	for _, name := range storedHeaders {
		if v := h.Get(name); v != "" {
			if std == nil {
				std = map[string]string{}
			}
			std[name] = v
		}
	}
	return userMeta, std, nil
}

// contentType is the given type, else a guess from the key's extension as
// OSS makes, else application/octet-stream.
func contentType(given, key string) string {
	if given != "" {
		return given
	}
	if t := mime.TypeByExtension(path.Ext(key)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Storage classes OSS accepts in x-oss-storage-class.
var storageClasses = map[string]bool{
	"Standard": true, "IA": true, "Archive": true, "ColdArchive": true, "DeepColdArchive": true,
}

func storageClass(given, bucketDefault string) (string, *apiError) {
	if given == "" {
		return bucketDefault, nil
	}
	if !storageClasses[given] {
		return "", errorf("InvalidArgument", "The storage class you specified is not valid.").
			with("ArgumentName", "x-oss-storage-class").with("ArgumentValue", given)
	}
	return given, nil
}

// forbidOverwrite parses x-oss-forbid-overwrite, which OSS accepts only as
// "true" or "false".
func forbidOverwrite(v string) (bool, *apiError) {
	switch strings.ToLower(v) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errorf("InvalidArgument", "x-oss-forbid-overwrite must be true or false.").
		with("ArgumentName", "x-oss-forbid-overwrite").with("ArgumentValue", v)
}
