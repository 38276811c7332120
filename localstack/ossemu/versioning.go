package ossemu

import (
	"encoding/xml"
	"io"
	"net/http"
)

type versioningConfiguration struct {
	XMLName xml.Name `xml:"VersioningConfiguration"`
	Status  string   `xml:"Status,omitempty"`
}

// getVersioning is OSS GetBucketVersioning: no Status element for a bucket
// never versioned, else Enabled or Suspended.
func (s *Server) getVersioning(rq *request, meta bucketMeta) *apiError {
	return writeXML(rq, http.StatusOK, versioningConfiguration{Status: meta.Versioning})
}

// putVersioning is OSS PutBucketVersioning. Like OSS, a bucket once
// versioned can be suspended but never returns to unversioned: Status
// must be Enabled or Suspended.
func (s *Server) putVersioning(rq *request) *apiError {
	data, err := io.ReadAll(io.LimitReader(rq.r.Body, maxXMLBody+1))
	var c versioningConfiguration
	if err != nil || len(data) > maxXMLBody || xml.Unmarshal(data, &c) != nil {
		return errorf("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
	}
	if c.Status != versioningEnabled && c.Status != versioningSuspended {
		return errorf("InvalidArgument", "The versioning status must be Enabled or Suspended.").
			with("ArgumentName", "Status").with("ArgumentValue", c.Status)
	}
	if e := s.st.updateBucket(rq.bucket, func(b *bucketMeta) { b.Versioning = c.Status }); e != nil {
		return e
	}
	rq.w.Header().Set("Content-Length", "0")
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

// readable finds the object a GET or HEAD reads: the version ?versionId
// names, else the current object. Delete markers answer as OSS answers
// them: the marker's own version is 405 MethodNotAllowed, a key whose
// newest version is a marker is 404 NoSuchKey, both with
// x-oss-delete-marker: true.
func (s *Server) readable(rq *request) (objectMeta, *apiError) {
	h := rq.w.Header()
	if id, ok := versionParam(rq); ok {
		if id == "" {
			return objectMeta{}, errorf("InvalidArgument", "The versionId must not be empty.").with("ArgumentName", "versionId")
		}
		m, e := s.st.objectVersion(rq.bucket, rq.key, id)
		if e != nil {
			return objectMeta{}, e
		}
		if m.DeleteMarker {
			h.Set("x-oss-delete-marker", "true")
			setVersionID(rq, id)
			return objectMeta{}, errMethod()
		}
		return m, nil
	}
	m, e := s.st.object(rq.bucket, rq.key)
	if e != nil && e.Code == "NoSuchKey" {
		if mk, ok := s.st.latestMarker(rq.bucket, rq.key); ok {
			h.Set("x-oss-delete-marker", "true")
			setVersionID(rq, mk.VersionID)
		}
	}
	return m, e
}
