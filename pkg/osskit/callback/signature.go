package callback

import (
	"crypto"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"net/http"
	"net/url"
)

// StringToSign returns the bytes OSS signs for a callback: the URL-decoded
// path, then "?" and the raw (still encoded) query when the query is
// non-empty, then "\n" and the body. escapedPath is the path as sent on the
// wire; an undecodable path is an *Error with ReasonBadRequest.
func StringToSign(escapedPath, rawQuery string, body []byte) ([]byte, error) {
	path, err := url.PathUnescape(escapedPath)
	if err != nil {
		return nil, newErr(ReasonBadRequest, nil, "request path is not valid percent-encoding")
	}
	s := make([]byte, 0, len(path)+1+len(rawQuery)+1+len(body))
	s = append(s, path...)
	if rawQuery != "" {
		s = append(s, '?')
		s = append(s, rawQuery...)
	}
	s = append(s, '\n')
	return append(s, body...), nil
}

// Sign returns the base64 authorization header value OSS would send for a
// callback to escapedPath?rawQuery with body, signed with key. It exists for
// emulators and tests; production code only verifies. Errors are *Error
// (ReasonBadRequest for a bad path, ReasonInvalidConfig for a bad key).
func Sign(key *rsa.PrivateKey, escapedPath, rawQuery string, body []byte) (string, error) {
	if key == nil {
		return "", newErr(ReasonInvalidConfig, nil, "nil signing key")
	}
	msg, err := StringToSign(escapedPath, rawQuery, body)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(msg)
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.MD5, sum[:])
	if err != nil {
		return "", newErr(ReasonInvalidConfig, err, "sign callback")
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// requestTarget returns the escaped path and raw query OSS signed. A server
// request's RequestURI is the request line as received, so it survives
// http.StripPrefix and other URL rewriting; client-built requests (tests)
// fall back to r.URL.
func requestTarget(r *http.Request) (escapedPath, rawQuery string, err error) {
	u := r.URL
	if r.RequestURI != "" {
		u, err = url.ParseRequestURI(r.RequestURI)
		if err != nil {
			return "", "", newErr(ReasonBadRequest, nil, "request URI does not parse")
		}
	}
	if u == nil {
		return "", "", newErr(ReasonBadRequest, nil, "request has no URL")
	}
	return u.EscapedPath(), u.RawQuery, nil
}

// verifySignature checks sig (raw bytes) over the signed string for
// escapedPath, rawQuery and body. A mismatch is ReasonBadSignature; the
// error never carries the signature.
func verifySignature(pub *rsa.PublicKey, sig []byte, escapedPath, rawQuery string, body []byte) error {
	msg, err := StringToSign(escapedPath, rawQuery, body)
	if err != nil {
		return err
	}
	sum := md5.Sum(msg)
	var ok bool
	if pub.N.BitLen() < 1024 {
		ok = verifyPKCS1v15MD5Legacy(pub, sum[:], sig)
	} else {
		ok = rsa.VerifyPKCS1v15(pub, crypto.MD5, sum[:], sig) == nil
	}
	if !ok {
		return newErr(ReasonBadSignature, nil, "signature does not match the request")
	}
	return nil
}
