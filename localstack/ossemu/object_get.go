package ossemu

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// archived classes must be restored before their data can be read.
var archived = map[string]bool{"Archive": true, "ColdArchive": true, "DeepColdArchive": true}

// responseOverrides are the presigned-GET query parameters that override
// response headers.
var responseOverrides = map[string]string{
	"response-content-type":        "Content-Type",
	"response-content-language":    "Content-Language",
	"response-expires":             "Expires",
	"response-cache-control":       "Cache-Control",
	"response-content-disposition": "Content-Disposition",
	"response-content-encoding":    "Content-Encoding",
}

// getObject is OSS GetObject (withBody) and HeadObject: conditional
// headers, a single byte range, stored metadata.
func (s *Server) getObject(rq *request, withBody bool) *apiError {
	m, e := s.readable(rq)
	if e != nil {
		return e
	}
	h := rq.w.Header()
	setObjectHeaders(h, m)
	setVersionID(rq, m.VersionID)
	if status, cond := preconditions(rq.r.Header, m.ETag, m.LastModified); status == http.StatusPreconditionFailed {
		return errorf("PreconditionFailed", "At least one of the pre-conditions you specified did not hold.").with("Condition", cond)
	} else if status == http.StatusNotModified {
		rq.w.WriteHeader(http.StatusNotModified)
		return nil
	}
	if !withBody {
		h.Set("Content-Length", itoa(m.Size))
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	if archived[m.StorageClass] {
		return errorf("InvalidObjectState", "The operation is not valid for the object's state.").with("Key", m.Key)
	}
	q := rq.r.URL.Query()
	for param, header := range responseOverrides {
		if v := q.Get(param); v != "" {
			h.Set(header, v)
		}
	}
	start, end, partial, e := parseRange(rq.r.Header.Get("Range"), m.Size)
	if e != nil {
		h.Set("Content-Range", fmt.Sprintf("bytes */%d", m.Size))
		return e
	}
	f, err := s.st.blobs.open(m.Blob)
	if err != nil {
		return errInternal()
	}
	defer f.Close()
	status := http.StatusOK
	if partial {
		if _, err := f.Seek(start, io.SeekStart); err != nil {
			return errInternal()
		}
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end, m.Size))
		status = http.StatusPartialContent
	}
	h.Set("Content-Length", itoa(end-start+1))
	rq.w.WriteHeader(status)
	_, _ = io.CopyN(rq.w, f, end-start+1)
	return nil
}

func setObjectHeaders(h http.Header, m objectMeta) {
	h.Set("Content-Type", m.ContentType)
	h.Set("ETag", m.ETag)
	h.Set("Last-Modified", m.LastModified.UTC().Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	h.Set("x-oss-object-type", m.Type)
	h.Set("x-oss-storage-class", m.StorageClass)
	h.Set("x-oss-hash-crc64ecma", strconv.FormatUint(m.CRC64, 10))
	if m.ContentMD5 != "" {
		h.Set("Content-MD5", m.ContentMD5)
	}
	for k, v := range m.UserMeta {
		h.Set("x-oss-meta-"+k, v)
	}
	for k, v := range m.Headers {
		h.Set(k, v)
	}
}

// preconditions evaluates If-Match / If-Unmodified-Since (412) and then
// If-None-Match / If-Modified-Since (304), the RFC 7232 order OSS follows,
// and names the condition that failed. Unparseable dates are ignored.
func preconditions(h http.Header, etag string, modified time.Time) (status int, condition string) {
	modified = modified.Truncate(time.Second)
	if v := h.Get("If-Match"); v != "" {
		if !etagMatches(v, etag) {
			return http.StatusPreconditionFailed, "If-Match"
		}
	} else if t, err := http.ParseTime(h.Get("If-Unmodified-Since")); err == nil && modified.After(t) {
		return http.StatusPreconditionFailed, "If-Unmodified-Since"
	}
	if v := h.Get("If-None-Match"); v != "" {
		if etagMatches(v, etag) {
			return http.StatusNotModified, "If-None-Match"
		}
	} else if t, err := http.ParseTime(h.Get("If-Modified-Since")); err == nil && !modified.After(t) {
		return http.StatusNotModified, "If-Modified-Since"
	}
	return 0, ""
}

func etagMatches(list, etag string) bool {
	want := strings.Trim(etag, `"`)
	for _, v := range strings.Split(list, ",") {
		v = strings.TrimSpace(v)
		if v == "*" || strings.Trim(v, `"`) == want {
			return true
		}
	}
	return false
}

// parseRange reads a single "bytes=" range as OSS does: a malformed or
// multi-part range is ignored (the whole object is returned), an end past
// the object is clamped, and a start at or past the end is 416 InvalidRange.
func parseRange(v string, size int64) (start, end int64, partial bool, e *apiError) {
	whole := func() (int64, int64, bool, *apiError) { return 0, size - 1, false, nil }
	spec, ok := strings.CutPrefix(strings.TrimSpace(v), "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return whole()
	}
	first, last, ok := strings.Cut(spec, "-")
	if !ok {
		return whole()
	}
	if first == "" {
		n, err := strconv.ParseInt(last, 10, 64)
		if err != nil || n <= 0 {
			return whole()
		}
		if size == 0 {
			return 0, 0, false, errInvalidRange()
		}
		return max(size-n, 0), size - 1, true, nil
	}
	a, err := strconv.ParseInt(first, 10, 64)
	if err != nil || a < 0 {
		return whole()
	}
	b := size - 1
	if last != "" {
		if b, err = strconv.ParseInt(last, 10, 64); err != nil || b < a {
			return whole()
		}
	}
	if a >= size {
		return 0, 0, false, errInvalidRange()
	}
	return a, min(b, size-1), true, nil
}

func errInvalidRange() *apiError {
	return errorf("InvalidRange", "The requested range cannot be satisfied.")
}

// objectMeta is OSS GetObjectMeta: the object's ETag, size and times
// without its body or user metadata.
func (s *Server) objectMeta(rq *request) *apiError {
	m, e := s.readable(rq)
	if e != nil {
		return e
	}
	h := rq.w.Header()
	h.Set("ETag", m.ETag)
	h.Set("Content-Length", itoa(m.Size))
	h.Set("Last-Modified", m.LastModified.UTC().Format(http.TimeFormat))
	h.Set("x-oss-hash-crc64ecma", strconv.FormatUint(m.CRC64, 10))
	rq.w.WriteHeader(http.StatusOK)
	return nil
}
