package ossemu

import (
	"crypto/subtle"
	"net/http"
	"time"
)

// Bucket ACLs OSS knows.
const (
	aclPrivate         = "private"
	aclPublicRead      = "public-read"
	aclPublicReadWrite = "public-read-write"
)

func validACL(acl string) bool {
	return acl == aclPrivate || acl == aclPublicRead || acl == aclPublicReadWrite
}

// anonymousAllowed says whether a request without a signature may proceed:
// reads on public-read buckets, anything on public-read-write buckets.
func anonymousAllowed(acl string, read bool) bool {
	return acl == aclPublicReadWrite || (read && acl == aclPublicRead)
}

// identity is who a verified request was signed by.
type identity struct {
	AccessKeyID   string
	SecurityToken string
	// Region is the V4 credential scope's region; "" for V1.
	Region string
	// Expires is when a presigned request stops being valid (zero for
	// header signatures).
	Expires time.Time
}

// verifyFunc checks a request's signature. It returns errUnsigned when the
// request carries no signature at all, and otherwise an *apiError with the
// OSS code to answer. The signature code itself lives in pkg/osskit/signer;
// this seam keeps the emulator's routing independent of it.
type verifyFunc func(r *http.Request, bucket, key string, now time.Time, lookup func(id string) (string, bool)) (identity, *apiError)

// errUnsigned marks a request that carries no signature.
var errUnsigned = errorf("AccessDenied", "You have no right to access this resource because the request carries no signature.")

// lookupSecret resolves an access key id to its secret: long-term keys
// first, then the temporary-credential hook.
func (s *Server) lookupSecret(id string) (string, bool) {
	if secret, ok := s.cfg.AccessKeys[id]; ok {
		return secret, true
	}
	if s.cfg.TempCredentials != nil {
		if tc, ok := s.cfg.TempCredentials(id); ok {
			return tc.Secret, true
		}
	}
	return "", false
}

// authenticate verifies rq's signature, or admits it anonymously when
// anonymousOK and it carries none. A temporary key must present its own
// security token and be unexpired.
func (s *Server) authenticate(rq *request, anonymousOK bool) *apiError {
	id, e := s.check(rq.r, rq.bucket, rq.key, rq.now, s.lookupSecret)
	if e == errUnsigned {
		if anonymousOK {
			return nil
		}
		return errorf("AccessDenied", "You have no right to access this object because of bucket acl.")
	}
	if e != nil {
		return e
	}
	return s.admit(rq, id)
}

// admit accepts a verified identity: its V4 scope must name this region,
// and a temporary key must present its own security token and be unexpired.
func (s *Server) admit(rq *request, id identity) *apiError {
	if id.Region != "" && id.Region != s.cfg.Region {
		// The scope names another region's endpoint; OSS refuses the
		// signature rather than recomputing it for a region it is not.
		return errorf("InvalidArgument", "The region in the V4 credential scope does not match this endpoint's region "+s.cfg.Region+".")
	}
	if _, long := s.cfg.AccessKeys[id.AccessKeyID]; !long {
		var tc TempCredential
		ok := false
		if s.cfg.TempCredentials != nil {
			tc, ok = s.cfg.TempCredentials(id.AccessKeyID)
		}
		if !ok {
			return errorf("InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.")
		}
		if id.SecurityToken == "" || subtle.ConstantTimeCompare([]byte(id.SecurityToken), []byte(tc.SecurityToken)) != 1 {
			return errorf("InvalidSecurityToken", "The security token you provided is invalid.")
		}
		if !rq.now.Before(tc.Expires) {
			return errorf("SecurityTokenExpired", "The security token you provided has expired.")
		}
		rq.authorize = tc.Authorize
	}
	rq.principal = id.AccessKeyID
	return nil
}
