package ossemu

import (
	"bytes"
	"crypto/md5"
	"encoding/xml"
	"io"
	"net/http"
)

// maxDeleteObjects is OSS's per-request limit for DeleteMultipleObjects.
const maxDeleteObjects = 1000

type deleteRequest struct {
	XMLName xml.Name `xml:"Delete"`
	Quiet   bool     `xml:"Quiet"`
	Objects []struct {
		Key       string `xml:"Key"`
		VersionID string `xml:"VersionId"`
	} `xml:"Object"`
}

type deleteResult struct {
	XMLName      xml.Name     `xml:"DeleteResult"`
	EncodingType string       `xml:"EncodingType,omitempty"`
	Deleted      []deletedKey `xml:"Deleted"`
}

type deletedKey struct {
	Key                   string `xml:"Key"`
	VersionID             string `xml:"VersionId,omitempty"`
	DeleteMarker          bool   `xml:"DeleteMarker,omitempty"`
	DeleteMarkerVersionID string `xml:"DeleteMarkerVersionId,omitempty"`
}

// deleteMultiple is OSS DeleteMultipleObjects. OSS requires Content-MD5 on
// this call (doc-detail/31983) and verifies the body against it; a missing
// key counts as deleted. Quiet mode answers with no body when all succeed.
func (s *Server) deleteMultiple(rq *request) *apiError {
	h := rq.r.Header
	if h.Get("Content-MD5") == "" {
		e := errorf("InvalidDigest", "The Content-MD5 header is required for DeleteMultipleObjects.")
		return e
	}
	want, e := parseContentMD5(h.Get("Content-MD5"))
	if e != nil {
		return e
	}
	enc := rq.r.URL.Query().Get("encoding-type")
	if enc != "" && enc != "url" {
		return errorf("InvalidArgument", "The encoding type must be url.").
			with("ArgumentName", "encoding-type").with("ArgumentValue", enc)
	}
	data, err := io.ReadAll(io.LimitReader(rq.r.Body, maxXMLBody+1))
	if err != nil || len(data) > maxXMLBody {
		return errorf("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
	}
	if sum := md5.Sum(data); !bytes.Equal(sum[:], want) {
		e := errorf("InvalidDigest", "The Content-MD5 you specified did not match what we received.")
		e.EC = "0017-00000503"
		return e
	}
	var req deleteRequest
	if err := xml.Unmarshal(data, &req); err != nil || len(req.Objects) == 0 || len(req.Objects) > maxDeleteObjects {
		return errorf("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
	}
	for _, o := range req.Objects {
		if !validObjectName(o.Key) {
			return errorf("InvalidObjectName", "The specified object is not valid.")
		}
		if e := s.authorize(rq, "oss:DeleteObject", s.ramResource(rq.bucket, o.Key)); e != nil {
			return e
		}
	}
	out := deleteResult{EncodingType: enc}
	for _, o := range req.Objects {
		m, ge := s.st.object(rq.bucket, o.Key)
		var res deleted
		var de *apiError
		if o.VersionID != "" {
			if v, ve := s.st.objectVersion(rq.bucket, o.Key, o.VersionID); ve == nil {
				m, ge = v, nil
			}
			res, de = s.st.deleteVersion(rq.bucket, o.Key, o.VersionID)
		} else {
			res, de = s.st.deleteObject(rq.bucket, o.Key, rq.now)
		}
		if de != nil {
			return de
		}
		if res.existed && ge == nil {
			s.emit(rq, EventDeleteObjects, rq.bucket, m)
		}
		d := deletedKey{Key: encodeName(o.Key, enc), VersionID: o.VersionID, DeleteMarker: res.deleteMarker}
		if res.deleteMarker {
			d.DeleteMarkerVersionID = res.versionID
		}
		out.Deleted = append(out.Deleted, d)
	}
	if req.Quiet {
		rq.w.Header().Set("Content-Length", "0")
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	return writeXML(rq, http.StatusOK, out)
}
