package ossemu

import (
	"net/http"
)

const aclDefault = "default"

// objectACL parses x-oss-object-acl: default, private, public-read or
// public-read-write; absent means default (inherit the bucket's).
func objectACL(v string) (string, *apiError) {
	if v == "" || v == aclDefault {
		return aclDefault, nil
	}
	if !validACL(v) {
		return "", errorf("InvalidArgument", "no such object access control exists").
			with("ArgumentName", "x-oss-object-acl").with("ArgumentValue", v)
	}
	return v, nil
}

// effectiveACL is the ACL that governs key: its own unless that is
// default, in which case the bucket's. A missing key gets the bucket's, so
// anonymous callers learn nothing more than the bucket ACL allows.
func (s *Server) effectiveACL(b bucketMeta, key string) string {
	if m, e := s.st.object(b.Name, key); e == nil && m.ACL != "" && m.ACL != aclDefault {
		return m.ACL
	}
	return b.ACL
}

func (s *Server) getObjectACL(rq *request) *apiError {
	m, e := s.st.object(rq.bucket, rq.key)
	if e != nil {
		return e
	}
	acl := m.ACL
	if acl == "" {
		acl = aclDefault
	}
	return writeXML(rq, http.StatusOK, accessControlPolicy{Owner: s.owner(), Grant: acl})
}

func (s *Server) putObjectACL(rq *request) *apiError {
	acl, e := objectACL(rq.r.Header.Get("x-oss-object-acl"))
	if e != nil {
		return e
	}
	if e := s.st.setObjectACL(rq.bucket, rq.key, acl); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}
