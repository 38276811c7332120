package ossemu

import "net/http"

// Routing: which operation a method and sub-resource name, in the order OSS
// checks a request: the sub-resource is known, the bucket exists, CORS
// preflights are answered unsigned, then the signature (or the ACL for
// anonymous calls) and the temporary credential's RAM policy.

func errMethod() *apiError {
	return errorf("MethodNotAllowed", "The specified method is not allowed against this resource.")
}

func (s *Server) serveBucket(rq *request) *apiError {
	r := rq.r
	sub, e := subresource(r.URL.Query(), true)
	if e != nil {
		return e
	}
	if e := s.inject(rq, operationOf(r, "", sub)); e != nil {
		return e
	}
	if r.Method == http.MethodPut && sub == "" {
		if e := s.authenticate(rq, false); e != nil {
			return e
		}
		if e := s.authorize(rq, "oss:PutBucket", s.ramResource(rq.bucket, "")); e != nil {
			return e
		}
		return s.putBucket(rq)
	}
	meta, ok := s.st.bucket(rq.bucket)
	if !ok {
		return errNoSuchBucket(rq.bucket)
	}
	if r.Method == http.MethodOptions {
		return s.preflight(rq, meta)
	}
	s.corsActual(rq, meta)
	if r.Method == http.MethodPost && sub == "" && isMultipartForm(r) {
		return s.postObject(rq)
	}
	read := (r.Method == http.MethodGet || r.Method == http.MethodHead) && sub == ""
	if e := s.authenticate(rq, anonymousAllowed(meta.ACL, read)); e != nil {
		return e
	}
	if e := s.authorizeBucket(rq, sub); e != nil {
		return e
	}
	switch r.Method + " " + sub {
	case "PUT acl":
		return s.putBucketACL(rq)
	case "GET acl":
		return s.getBucketACL(rq, meta)
	case "GET location":
		return writeXML(rq, http.StatusOK, locationConstraint{Value: "oss-" + s.cfg.Region})
	case "GET uploads":
		return s.listUploads(rq)
	case "GET ":
		return s.listObjects(rq)
	case "DELETE ":
		return s.deleteBucket(rq)
	case "POST delete":
		return s.deleteMultiple(rq)
	case "PUT lifecycle":
		return s.putLifecycle(rq)
	case "GET lifecycle":
		return s.getLifecycle(rq, meta)
	case "DELETE lifecycle":
		return s.deleteLifecycle(rq)
	case "PUT cors":
		return s.putCORS(rq)
	case "GET cors":
		return s.getCORS(rq, meta)
	case "DELETE cors":
		return s.deleteCORS(rq)
	case "GET stat":
		return s.bucketStatOf(rq)
	case "GET versions":
		return s.listVersions(rq)
	case "GET inventory":
		return s.listInventory(rq)
	case "GET versioning":
		return s.getVersioning(rq, meta)
	case "PUT versioning":
		return s.putVersioning(rq)
	}
	return errMethod()
}

func (s *Server) serveObject(rq *request) *apiError {
	r := rq.r
	sub, e := subresource(r.URL.Query(), false)
	if e != nil {
		return e
	}
	if e := s.inject(rq, operationOf(r, rq.key, sub)); e != nil {
		return e
	}
	meta, ok := s.st.bucket(rq.bucket)
	if !ok {
		return errNoSuchBucket(rq.bucket)
	}
	if r.Method == http.MethodOptions {
		return s.preflight(rq, meta)
	}
	s.corsActual(rq, meta)
	read := (r.Method == http.MethodGet || r.Method == http.MethodHead) && (sub == "" || sub == "objectMeta")
	if e := s.authenticate(rq, anonymousAllowed(s.effectiveACL(meta, rq.key), read)); e != nil {
		return e
	}
	if e := s.authorizeObject(rq, sub); e != nil {
		return e
	}
	switch r.Method + " " + sub {
	case "GET ":
		return s.getObject(rq, true)
	case "HEAD ":
		return s.getObject(rq, false)
	case "HEAD objectMeta", "GET objectMeta":
		return s.objectMeta(rq)
	case "GET uploadId":
		return s.listParts(rq)
	case "GET acl":
		return s.getObjectACL(rq)
	case "PUT acl":
		return s.putObjectACL(rq)
	case "PUT ":
		if r.Header.Get("x-oss-copy-source") != "" {
			return s.copyObject(rq)
		}
		return s.putObject(rq)
	case "PUT uploadId", "PUT partNumber":
		return s.uploadPart(rq)
	case "DELETE ":
		return s.deleteObject(rq)
	case "DELETE uploadId":
		return s.abortUpload(rq)
	case "POST uploads":
		return s.initiateUpload(rq)
	case "POST uploadId":
		return s.completeUpload(rq)
	}
	return errMethod()
}
