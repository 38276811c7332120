package ossemu

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

type copyObjectResult struct {
	XMLName      xml.Name `xml:"CopyObjectResult"`
	ETag         string   `xml:"ETag"`
	LastModified string   `xml:"LastModified"`
}

// parseCopySource splits x-oss-copy-source ("/bucket/url-encoded-key",
// optionally "?versionId=...") into bucket, key and version id.
func parseCopySource(v string) (bucket, key, versionID string, e *apiError) {
	bad := errorf("InvalidArgument", "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.").
		with("ArgumentName", "x-oss-copy-source").with("ArgumentValue", v)
	v, query, _ := strings.Cut(v, "?")
	if query != "" {
		q, err := url.ParseQuery(query)
		if err != nil || q.Get("versionId") == "" {
			return "", "", "", bad
		}
		versionID = q.Get("versionId")
	}
	rest, _ := strings.CutPrefix(v, "/")
	b, k, ok := strings.Cut(rest, "/")
	if !ok || b == "" || k == "" {
		return "", "", "", bad
	}
	k, err := url.PathUnescape(k)
	if err != nil || !validObjectName(k) {
		return "", "", "", bad
	}
	return b, k, versionID, nil
}

// copyObject is OSS CopyObject: x-oss-copy-source names the source,
// x-oss-metadata-directive COPY (default) keeps its metadata, REPLACE takes
// the request's. x-oss-copy-source-if-* are the source preconditions.
func (s *Server) copyObject(rq *request) *apiError {
	h := rq.r.Header
	srcBucket, srcKey, srcVersion, e := parseCopySource(h.Get("x-oss-copy-source"))
	if e != nil {
		return e
	}
	directive := strings.ToUpper(h.Get("x-oss-metadata-directive"))
	if directive != "" && directive != "COPY" && directive != "REPLACE" {
		return errorf("InvalidArgument", "x-oss-metadata-directive must be COPY or REPLACE.").
			with("ArgumentName", "x-oss-metadata-directive").with("ArgumentValue", directive)
	}
	forbid, e := forbidOverwrite(h.Get("x-oss-forbid-overwrite"))
	if e != nil {
		return e
	}
	acl, e := objectACL(h.Get("x-oss-object-acl"))
	if e != nil {
		return e
	}
	dst, _ := s.st.bucket(rq.bucket)
	class, e := storageClass(h.Get("x-oss-storage-class"), dst.StorageClass)
	if e != nil {
		return e
	}
	sb, ok := s.st.bucket(srcBucket)
	if !ok {
		return errNoSuchBucket(srcBucket)
	}
	if rq.principal == "" && !anonymousAllowed(sb.ACL, true) {
		return errorf("AccessDenied", "You have no right to access the source object.")
	}
	var src objectMeta
	if srcVersion != "" {
		if src, e = s.st.objectVersion(srcBucket, srcKey, srcVersion); e == nil && src.DeleteMarker {
			e = errNoSuchKey(srcKey)
		}
		rq.w.Header().Set("x-oss-copy-source-version-id", srcVersion)
	} else {
		src, e = s.st.object(srcBucket, srcKey)
	}
	if e != nil {
		return e
	}
	cond := http.Header{}
	for _, n := range []string{"If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"} {
		if v := h.Get("x-oss-copy-source-" + strings.ToLower(n)); v != "" {
			cond.Set(n, v)
		}
	}
	if status, c := preconditions(cond, src.ETag, src.LastModified); status != 0 {
		return errorf("PreconditionFailed", "At least one of the pre-conditions you specified did not hold.").
			with("Condition", "x-oss-copy-source-"+strings.ToLower(c))
	}
	if archived[src.StorageClass] {
		return errorf("InvalidObjectState", "The operation is not valid for the source object's state.").with("Key", srcKey)
	}
	f, err := s.st.blobs.open(src.Blob)
	if err != nil {
		return errInternal()
	}
	body, e := s.receive(f, src.Size, s.cfg.MaxObjectSize, nil)
	f.Close()
	if e != nil {
		return e
	}
	m := src.clone()
	m.Key, m.Blob, m.LastModified, m.StorageClass, m.ACL = rq.key, body.ref, rq.now, class, acl
	m.VersionID, m.DeleteMarker = "", false // the store assigns the copy's own version
	if directive == "REPLACE" {
		userMeta, std, e := objectHeaders(h)
		if e != nil {
			_ = s.st.blobs.remove(body.ref)
			return e
		}
		m.UserMeta, m.Headers = userMeta, std
		m.ContentType = contentType(h.Get("Content-Type"), rq.key)
	}
	if e := s.st.putObject(rq.bucket, &m, forbid); e != nil {
		_ = s.st.blobs.remove(body.ref)
		return e
	}
	setVersionID(rq, m.VersionID)
	s.emit(rq, EventCopyObject, rq.bucket, m)
	rq.w.Header().Set("x-oss-hash-crc64ecma", strconv.FormatUint(m.CRC64, 10))
	return writeXML(rq, http.StatusOK, copyObjectResult{ETag: m.ETag, LastModified: isoTime(m.LastModified)})
}
