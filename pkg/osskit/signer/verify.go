package signer

import (
	"crypto/hmac"
	"encoding/hex"
	"net/http"
	"strings"
	"time"
)

// Signature versions reported in Verified.Version.
const (
	VersionV4 = "v4"
	VersionV1 = "v1"
)

// Verified describes a request whose signature checked out.
type Verified struct {
	AccessKeyID   string
	SecurityToken string // as sent by the client; the caller checks it is current
	Version       string // VersionV4 or VersionV1
	Region        string // from the V4 credential scope; "" for V1
	Presigned     bool
	Expires       time.Time // presigned only: the instant the URL stops working
}

// Verify checks a signed OSS request for bucket/key at now: a V4
// Authorization header, a V4 presigned query, a V1 header ("OSS ak:sig")
// or a V1 query (OSSAccessKeyId/Expires/Signature). Header forms must be
// within MaxSkew of now; presigned URLs until their expiry (V4 also at
// most MaxSkew early). lookup returns an access key's secret. The body is
// never read: V4 signs the x-oss-content-sha256 header as sent (OSS
// clients send UNSIGNED-PAYLOAD), not a hash of the payload.
//
// Errors are *Error: ErrAnonymous when nothing is signed;
// InvalidArgument for malformed or conflicting auth; InvalidAccessKeyId
// when lookup fails; RequestTimeTooSkewed; AccessDenied for expired URLs;
// SignatureDoesNotMatch otherwise. No message holds a secret, token or
// signature.
func Verify(r *http.Request, bucket, key string, now time.Time, lookup func(accessKeyID string) (secret string, ok bool)) (Verified, error) {
	if r == nil || r.URL == nil {
		return Verified{}, newError(CodeInvalidArgument, "no request to verify")
	}
	params, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return Verified{}, err
	}
	auth := r.Header.Get("Authorization")
	v4q := hasParam(params, "x-oss-signature") || hasParam(params, "x-oss-signature-version") || hasParam(params, "x-oss-credential")
	v1q := hasParam(params, "Signature") || hasParam(params, "OSSAccessKeyId")
	forms := 0
	for _, b := range []bool{auth != "", v4q, v1q} {
		if b {
			forms++
		}
	}
	switch {
	case forms == 0:
		return Verified{}, ErrAnonymous
	case forms > 1:
		return Verified{}, newError(CodeInvalidArgument, "only one of Authorization header, V4 query or V1 query signing may be used")
	case strings.HasPrefix(auth, Algorithm+" "):
		return verifyV4Header(r, params, bucket, key, auth, now, lookup)
	case strings.HasPrefix(auth, "OSS "):
		return verifyV1Header(r, params, bucket, key, auth, now, lookup)
	case auth != "":
		return Verified{}, newError(CodeInvalidArgument, "unsupported Authorization scheme")
	case v4q:
		return verifyV4Query(r, params, bucket, key, now, lookup)
	default:
		return verifyV1Query(r, params, bucket, key, now, lookup)
	}
}

// v4Check is what both V4 forms have parsed before the signature compare.
type v4Check struct {
	accessKeyID, region, dateTime, signature string
	day                                      time.Time
	additional                               []string
}

// ParseCredential splits an x-oss-credential value
// <AccessKeyId>/<YYYYMMDD>/<region>/oss/aliyun_v4_request. It returns an
// *Error with CodeInvalidArgument when the shape, product, terminator or
// date is wrong.
func ParseCredential(c string) (accessKeyID string, day time.Time, region string, err error) {
	parts := strings.Split(c, "/")
	if len(parts) != 5 || parts[0] == "" || parts[2] == "" {
		return "", time.Time{}, "", newError(CodeInvalidArgument, "credential must be <AccessKeyId>/<date>/<region>/oss/aliyun_v4_request")
	}
	if parts[3] != Product || parts[4] != scopeTerminator {
		return "", time.Time{}, "", newError(CodeInvalidArgument, "credential scope must end with /oss/aliyun_v4_request")
	}
	day, perr := time.Parse(dateFormat, parts[1])
	if perr != nil {
		return "", time.Time{}, "", newError(CodeInvalidArgument, "credential date must be YYYYMMDD")
	}
	return parts[0], day, parts[2], nil
}

// ParseDateTime parses an x-oss-date value and checks it falls on day, the
// credential's date, as OSS requires. It returns an *Error with
// CodeInvalidArgument otherwise.
func ParseDateTime(s string, day time.Time) (time.Time, error) {
	t, err := time.Parse(dateTimeFormat, s)
	if err != nil {
		return time.Time{}, newError(CodeInvalidArgument, "x-oss-date must be YYYYMMDDTHHMMSSZ")
	}
	if t.Format(dateFormat) != day.UTC().Format(dateFormat) {
		return time.Time{}, newError(CodeInvalidArgument, "x-oss-date is not on the credential's date")
	}
	return t, nil
}

func parseCredential(c string, v *v4Check) error {
	ak, day, region, err := ParseCredential(c)
	if err != nil {
		return err
	}
	v.accessKeyID, v.day, v.region = ak, day, region
	return nil
}

func parseDateTime(s string, v *v4Check) (time.Time, error) {
	t, err := ParseDateTime(s, v.day)
	if err == nil {
		v.dateTime = s
	}
	return t, err
}

// parseAdditional splits a ';'-joined list of additional header names.
func parseAdditional(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	names := strings.Split(s, ";")
	for i, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			return nil, newError(CodeInvalidArgument, "empty name in additional headers")
		}
		names[i] = n
	}
	return names, nil
}

// checkV4 looks the key up, rebuilds the canonical request and compares.
func checkV4(r *http.Request, v v4Check, method, uri, query string, lookup func(string) (string, bool)) error {
	secret, ok := lookup(v.accessKeyID)
	if !ok {
		return newError(CodeInvalidAccessKeyID, "the access key id does not exist")
	}
	host := r.Host
	for _, a := range v.additional {
		if vals, found := headerValues(r.Header, a, host); !found || len(vals) == 0 {
			return newError(CodeSignatureDoesNotMatch, "signed header "+quoteName(a)+" is missing from the request")
		}
	}
	canon := canonicalRequest(method, uri, query, canonicalHeaders(r.Header, host, v.additional), v.additional, payloadHash(r.Header))
	want := hmacSHA256(SigningKey(secret, v.day, v.region), stringToSign(v.dateTime, scope(v.day, v.region), canon))
	got, err := hex.DecodeString(v.signature)
	if err != nil || !hmac.Equal(got, want) {
		return newError(CodeSignatureDoesNotMatch, "the request signature we calculated does not match the signature you provided; check your key and signing method")
	}
	return nil
}

func hasParam(params []param, name string) bool {
	for _, p := range params {
		if p.name == name {
			return true
		}
	}
	return false
}

// oneParam returns the single value of name; a repeated name is malformed
// because a second copy could smuggle a different value past the check.
func oneParam(params []param, name string) (string, bool, error) {
	var v string
	n := 0
	for _, p := range params {
		if p.name == name {
			v = p.value
			n++
		}
	}
	if n > 1 {
		return "", false, newError(CodeInvalidArgument, "query parameter "+quoteName(name)+" is repeated")
	}
	return v, n == 1, nil
}
