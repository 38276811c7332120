package ossemu

import (
	"net/http"
	"strconv"
)

// putObject is OSS PutObject: the body becomes the object, with the
// headers' metadata, after the Content-MD5, size and overwrite checks.
func (s *Server) putObject(rq *request) *apiError {
	h := rq.r.Header
	bucket, _ := s.st.bucket(rq.bucket)
	forbid, e := forbidOverwrite(h.Get("x-oss-forbid-overwrite"))
	if e != nil {
		return e
	}
	class, e := storageClass(h.Get("x-oss-storage-class"), bucket.StorageClass)
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
	cb, e := parseCallback(h.Get("x-oss-callback"), h.Get("x-oss-callback-var"), "PutObject", nil)
	if e != nil {
		return e
	}
	wantMD5, e := parseContentMD5(h.Get("Content-MD5"))
	if e != nil {
		return e
	}
	if forbid {
		// Refuse before reading the body, as OSS does; putObject checks again
		// at commit for a concurrent writer.
		if _, err := s.st.object(rq.bucket, rq.key); err == nil {
			return errorf("FileAlreadyExists", "The object you specified already exists and can not be overwritten.").with("Key", rq.key)
		}
	}
	body, e := s.receive(rq.r.Body, rq.r.ContentLength, s.cfg.MaxObjectSize, wantMD5)
	if e != nil {
		return e
	}
	m := &objectMeta{
		Key:          rq.key,
		Blob:         body.ref,
		Size:         body.size,
		ETag:         body.etag(),
		ContentMD5:   body.contentMD5(),
		CRC64:        body.crc,
		ContentType:  contentType(h.Get("Content-Type"), rq.key),
		LastModified: rq.now,
		StorageClass: class,
		Type:         "Normal",
		ACL:          acl,
		UserMeta:     userMeta,
		Headers:      std,
	}
	if e := s.st.putObject(rq.bucket, m, forbid); e != nil {
		_ = s.st.blobs.remove(body.ref)
		return e
	}
	setVersionID(rq, m.VersionID)
	s.emit(rq, EventPutObject, rq.bucket, *m)
	out := rq.w.Header()
	out.Set("ETag", m.ETag)
	out.Set("Content-MD5", m.ContentMD5)
	out.Set("x-oss-hash-crc64ecma", strconv.FormatUint(m.CRC64, 10))
	if cb != nil {
		return s.finishCallback(rq, cb, rq.bucket, *m)
	}
	out.Set("Content-Length", "0")
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

// deleteObject is OSS DeleteObject: 204 whether or not the key existed.
// With ?versionId it removes that version for good; in a versioned bucket
// without one it adds a delete marker. Either way the response names the
// version and says whether it is a delete marker.
func (s *Server) deleteObject(rq *request) *apiError {
	m, e := s.st.object(rq.bucket, rq.key)
	var res deleted
	var de *apiError
	if id, ok := versionParam(rq); ok {
		if id == "" {
			return errorf("InvalidArgument", "The versionId must not be empty.").with("ArgumentName", "versionId")
		}
		if v, ve := s.st.objectVersion(rq.bucket, rq.key, id); ve == nil {
			m, e = v, nil
		}
		res, de = s.st.deleteVersion(rq.bucket, rq.key, id)
	} else {
		res, de = s.st.deleteObject(rq.bucket, rq.key, rq.now)
	}
	if de != nil {
		return de
	}
	if res.existed && e == nil {
		s.emit(rq, EventDeleteObject, rq.bucket, m)
	}
	setVersionID(rq, res.versionID)
	if res.deleteMarker {
		rq.w.Header().Set("x-oss-delete-marker", "true")
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}

// versionParam is the request's ?versionId, if it names one.
func versionParam(rq *request) (string, bool) {
	q := rq.r.URL.Query()
	if !q.Has("versionId") {
		return "", false
	}
	return q.Get("versionId"), true
}

// setVersionID announces the version a call wrote, read or deleted;
// buckets never versioned have none to announce.
func setVersionID(rq *request, id string) {
	if id != "" {
		rq.w.Header().Set("x-oss-version-id", id)
	}
}
