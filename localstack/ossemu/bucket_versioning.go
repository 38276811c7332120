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
