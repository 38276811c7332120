package stsemu

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Server is the STS emulator, an http.Handler. Build it with New.
type Server struct {
	cfg   Config
	store *store
}

// New validates cfg, parsing every role's policies, and opens the
// credential store (reading DataDir when set). It returns the joined
// configuration errors, or an error naming the data directory.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	st, err := openStore(cfg.DataDir, &cfg)
	if err != nil {
		return nil, fmt.Errorf("stsemu: open data dir %s: %w", cfg.DataDir, err)
	}
	return &Server{cfg: cfg, store: st}, nil
}

// Lookup returns the credential issued under an access key id, with its
// policies, whether or not it has expired; false if this server never
// issued it (or forgot it a day after expiry).
func (s *Server) Lookup(accessKeyID string) (Issued, bool) {
	return s.store.get(accessKeyID)
}

// maxForm bounds the form body an RPC call may carry.
const maxForm = 64 << 10

// ServeHTTP answers one RPC call. Every answer is JSON; failures use STS's
// error shape {"RequestId","HostId","Code","Message","Recommend"}.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	now := s.cfg.Clock().UTC()
	params, e := readParams(r)
	if e == nil {
		var resp any
		resp, e = s.call(r, params, requestID, now)
		if e == nil {
			writeJSON(w, http.StatusOK, resp)
			return
		}
	}
	writeError(w, r, requestID, e)
}

func readParams(r *http.Request) (url.Values, *stsError) {
	if r.URL.Path != "/" {
		return nil, errf(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, errf(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
	}
	params := r.URL.Query()
	if r.Method == http.MethodPost {
		if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" {
			r.Body = http.MaxBytesReader(nil, r.Body, maxForm)
			if err := r.ParseForm(); err != nil {
				return nil, errf(http.StatusBadRequest, "InvalidParameter", "The request body is not a valid form.")
			}
			for name, vals := range r.PostForm {
				params[name] = append(params[name], vals...)
			}
		}
	}
	return params, nil
}

// call authenticates the caller and runs the action.
func (s *Server) call(r *http.Request, params url.Values, requestID string, now time.Time) (any, *stsError) {
	principal, e := s.authenticate(r.Method, params, now)
	if e != nil {
		return nil, e
	}
	switch params.Get("Action") {
	case "AssumeRole":
		return s.assumeRole(params, principal, requestID, now)
	case "GetCallerIdentity":
		return s.callerIdentity(principal, params.Get("AccessKeyId"), requestID), nil
	}
	return nil, errf(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
}

// authenticate checks the RPC common parameters and signature and returns
// the caller's principal ARN.
func (s *Server) authenticate(method string, params url.Values, now time.Time) (string, *stsError) {
	for _, name := range []string{"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		if params.Get(name) == "" {
			if name == "Signature" {
				return "", errf(http.StatusBadRequest, "IncompleteSignature", "The request signature does not conform to Aliyun standards.")
			}
			return "", errf(http.StatusBadRequest, "MissingParameter", "The input parameter \""+name+"\" that is mandatory for processing this request is not supplied.")
		}
	}
	if params.Get("Version") != "2015-04-01" {
		return "", errf(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
	}
	if params.Get("SignatureMethod") != "HMAC-SHA1" || params.Get("SignatureVersion") != "1.0" {
		return "", errf(http.StatusBadRequest, "InvalidParameter.SignatureMethod", "Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported.")
	}
	ts, err := time.Parse("2006-01-02T15:04:05Z", params.Get("Timestamp"))
	if err != nil {
		return "", errf(http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
	}
	if d := now.Sub(ts); d > MaxSkew || d < -MaxSkew {
		return "", errf(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	id := params.Get("AccessKeyId")
	secret, principal, e := s.caller(id, params.Get("SecurityToken"), now)
	if e != nil {
		return "", e
	}
	want := Sign(params, method, secret)
	if subtle.ConstantTimeCompare([]byte(want), []byte(params.Get("Signature"))) != 1 {
		// Unlike STS, the string-to-sign is not echoed: the test logs that
		// would print it are better off without it.
		return "", errf(http.StatusBadRequest, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.")
	}
	if !s.store.useNonce(params.Get("SignatureNonce"), now) {
		return "", errf(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	return principal, nil
}

// caller resolves an access key id to its secret and principal: a
// configured long-term key, or a temporary key this server issued, which
// must bring its security token and be unexpired (role chaining).
func (s *Server) caller(id, token string, now time.Time) (secret, principal string, e *stsError) {
	if c, ok := s.cfg.Callers[id]; ok {
		return c.Secret, c.Principal, nil
	}
	iss, ok := s.store.get(id)
	if !ok {
		return "", "", errf(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	switch {
	case token == "":
		return "", "", errf(http.StatusBadRequest, "MissingSecurityToken", "SecurityToken is mandatory for this action.")
	case subtle.ConstantTimeCompare([]byte(token), []byte(iss.SecurityToken)) != 1:
		return "", "", errf(http.StatusBadRequest, "InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey.")
	case !now.Before(iss.Expiration):
		return "", "", errf(http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
	}
	return iss.AccessKeySecret, iss.RoleARN, nil
}

type callerIdentity struct {
	RequestID    string `json:"RequestId"`
	AccountID    string `json:"AccountId"`
	Arn          string `json:"Arn"`
	IdentityType string `json:"IdentityType"`
	AccessKeyID  string `json:"AccessKeyId"`
}

func (s *Server) callerIdentity(principal, accessKeyID, requestID string) callerIdentity {
	typ := "RAMUser"
	switch {
	case strings.HasSuffix(principal, ":root"):
		typ = "Account"
	case strings.Contains(principal, ":role/"):
		typ = "AssumedRoleUser"
	}
	return callerIdentity{RequestID: requestID, AccountID: s.cfg.AccountID, Arn: principal, IdentityType: typ, AccessKeyID: accessKeyID}
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
