package ossemu

import "net/http"

// RAM authorization of requests signed with temporary credentials: each
// OSS operation maps to the RAM action OSS checks for it
// (https://www.alibabacloud.com/help/en/oss/user-guide/ram-policy-overview,
// "authorization syntax and elements") and to the resource
// acs:oss:<region>:<account>:<bucket>[/<key>].

// bucketActions maps "METHOD subresource" on a bucket to its RAM action.
// DeleteMultipleObjects is absent: it is checked per key, as oss:DeleteObject.
var bucketActions = map[string]string{
	"PUT acl":          "oss:PutBucketAcl",
	"GET acl":          "oss:GetBucketAcl",
	"GET location":     "oss:GetBucketLocation",
	"GET uploads":      "oss:ListMultipartUploads",
	"GET ":             "oss:ListObjects",
	"DELETE ":          "oss:DeleteBucket",
	"PUT lifecycle":    "oss:PutBucketLifecycle",
	"GET lifecycle":    "oss:GetBucketLifecycle",
	"DELETE lifecycle": "oss:DeleteBucketLifecycle",
	"GET stat":         "oss:GetBucketStat",
	"GET versioning":   "oss:GetBucketVersioning",
	"PUT versioning":   "oss:PutBucketVersioning",
	"GET versions":     "oss:ListObjectVersions",
	"GET inventory":    "oss:GetBucketInventory",
	"PUT cors":         "oss:PutBucketCors",
	"GET cors":         "oss:GetBucketCors",
	"DELETE cors":      "oss:DeleteBucketCors",
}

// objectActions maps "METHOD subresource" on an object to its RAM action.
var objectActions = map[string]string{
	"GET ":            "oss:GetObject",
	"HEAD ":           "oss:GetObject",
	"GET objectMeta":  "oss:GetObject",
	"HEAD objectMeta": "oss:GetObject",
	"GET uploadId":    "oss:ListParts",
	"GET acl":         "oss:GetObjectAcl",
	"PUT acl":         "oss:PutObjectAcl",
	"PUT ":            "oss:PutObject",
	"PUT uploadId":    "oss:UploadPart",
	"PUT partNumber":  "oss:UploadPart",
	"DELETE ":         "oss:DeleteObject",
	"DELETE uploadId": "oss:AbortMultipartUpload",
	"POST uploads":    "oss:InitiateMultipartUpload",
	"POST uploadId":   "oss:CompleteMultipartUpload",
}

// ramResource names a bucket, or an object when key is not "".
func (s *Server) ramResource(bucket, key string) string {
	r := "acs:oss:" + s.cfg.Region + ":" + s.cfg.AccountID + ":" + bucket
	if key != "" {
		r += "/" + key
	}
	return r
}

// authorize checks one action against the request's temporary-credential
// policy; requests without one pass.
func (s *Server) authorize(rq *request, action, resource string) *apiError {
	if rq.authorize == nil || rq.authorize(action, resource) {
		return nil
	}
	return errorf("AccessDenied", "You have no right to access this object because of the RAM policy of your temporary credentials.")
}

func (s *Server) authorizeBucket(rq *request, sub string) *apiError {
	op := rq.r.Method + " " + sub
	if op == "POST delete" {
		return nil // DeleteMultipleObjects: checked per key
	}
	action, ok := bucketActions[op]
	if !ok {
		// An operation this table does not name yet: a scoped credential is
		// refused rather than waved through (fail closed).
		action = "oss:Unmapped" + rq.r.Method + "Bucket"
	}
	return s.authorize(rq, action, s.ramResource(rq.bucket, ""))
}

func (s *Server) authorizeObject(rq *request, sub string) *apiError {
	action, ok := objectActions[rq.r.Method+" "+sub]
	if !ok {
		action = "oss:Unmapped" + rq.r.Method + "Object" // fail closed, as for buckets
	}
	if _, versioned := versionParam(rq); versioned && sub == "" {
		// Reading or deleting one version is its own RAM action in OSS.
		switch action {
		case "oss:GetObject":
			action = "oss:GetObjectVersion"
		case "oss:DeleteObject":
			action = "oss:DeleteObjectVersion"
		}
	}
	if e := s.authorize(rq, action, s.ramResource(rq.bucket, rq.key)); e != nil {
		return e
	}
	// CopyObject also reads its source, which OSS checks as oss:GetObject.
	if src := rq.r.Header.Get("x-oss-copy-source"); src != "" && rq.r.Method == http.MethodPut && sub == "" {
		if b, k, v, e := parseCopySource(src); e == nil {
			action := "oss:GetObject"
			if v != "" {
				action = "oss:GetObjectVersion"
			}
			return s.authorize(rq, action, s.ramResource(b, k))
		}
	}
	return nil
}
