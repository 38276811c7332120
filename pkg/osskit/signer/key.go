package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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

// hmacHex is hex(HMAC-SHA256(key, data)) for a derived 32-byte signing
// key, the form every V4 signature takes. It is RFC 2104 spelled out over
// sha256.Sum256 with the pads and, for the usual message sizes, the
// message in stack buffers: crypto/hmac allocates its two digests and
// pads on every call, which was most of what signing allocated once the
// derived key is cached. TestHMACHexMatchesCryptoHMAC holds it to
// crypto/hmac.
func hmacHex(key *[sha256.Size]byte, data string) string {
	const blockSize = 64 // SHA-256's block size
	var stack [4096]byte // a policy carrying a real STS token is about 2 KB of base64
	inner := append(stack[:0], key[:]...)
	inner = append(inner, make([]byte, blockSize-sha256.Size)...)
	for i := range blockSize {
		inner[i] ^= 0x36
	}
	inner = append(inner, data...)
	innerSum := sha256.Sum256(inner)

	var outer [blockSize + sha256.Size]byte
	copy(outer[:], key[:])
	for i := range blockSize {
		outer[i] ^= 0x5c
	}
	copy(outer[blockSize:], innerSum[:])
	sum := sha256.Sum256(outer[:])

	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}
