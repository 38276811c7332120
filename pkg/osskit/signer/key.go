package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"time"
)

// Algorithm is the V4 signature algorithm name, used in the Authorization
// header, the x-oss-signature-version query parameter and form field.
const Algorithm = "OSS4-HMAC-SHA256"

// Product is the service name in a V4 credential scope.
const Product = "oss"

// scopeTerminator ends every V4 credential scope.
const scopeTerminator = "aliyun_v4_request"

const (
	dateTimeFormat = "20060102T150405Z"
	dateFormat     = "20060102"
	// unsignedPayload is what OSS V4 hashes in place of the body: OSS does
	// not check payload hashes, so clients never compute one.
	unsignedPayload = "UNSIGNED-PAYLOAD"
	// MaxPresignExpiry is the longest validity OSS accepts for a V4
	// presigned URL (x-oss-expires ≤ 604800 s).
	MaxPresignExpiry = 7 * 24 * time.Hour
	// MaxSkew is how far a header-signed request's time may be from the
	// server's clock, in either direction.
	MaxSkew = 15 * time.Minute
)

// Credentials are an access key pair and, for STS credentials, the
// security token that must travel with every signed request.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

// valid reports whether c can sign anything.
func (c Credentials) valid() error {
	if c.AccessKeyID == "" || c.AccessKeySecret == "" {
		return newError(CodeInvalidArgument, "credentials need an access key id and secret")
	}
	return nil
}

// SigningKey derives the V4 signing key for secret on day (its UTC date)
// in region: an HMAC-SHA256 chain "aliyun_v4"+secret → YYYYMMDD → region →
// "oss" → "aliyun_v4_request". It cannot fail; an empty secret or region
// yields a key that simply matches nothing OSS would issue.
func SigningKey(secret string, day time.Time, region string) []byte {
	k := hmacSHA256([]byte("aliyun_v4"+secret), day.UTC().Format(dateFormat))
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, Product)
	return hmacSHA256(k, scopeTerminator)
}

// scope is the credential scope <date>/<region>/oss/aliyun_v4_request.
func scope(day time.Time, region string) string {
	var buf [64]byte
	return string(appendScope(buf[:0], day, region))
}

// appendScope appends the credential scope to dst; signing builds the
// scope on every call, so it avoids Format's intermediate string.
func appendScope(dst []byte, day time.Time, region string) []byte {
	dst = day.UTC().AppendFormat(dst, dateFormat)
	dst = append(dst, '/')
	dst = append(dst, region...)
	return append(dst, "/"+Product+"/"+scopeTerminator...)
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}
