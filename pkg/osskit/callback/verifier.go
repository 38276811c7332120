package callback

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/base64"
	"io"
	"net/http"
	"time"
)

// Header names OSS sets on a callback request.
const (
	HeaderPubKeyURL     = "x-oss-pub-key-url"
	HeaderAuthorization = "authorization"
)

// maxAuthorization bounds the base64 signature header: an 8192-bit
// signature is 1366 base64 characters.
const maxAuthorization = 2048

// Verifier checks that a callback request was signed by OSS. It is safe for
// concurrent use; build one per process and share it.
type Verifier struct {
	cfg     Config
	policy  keyURLPolicy
	fetcher *keyFetcher
	cache   *keyCache
}

// NewVerifier returns a Verifier for cfg. client fetches public keys (nil
// means a plain http.Client; tests inject one whose transport reaches an
// httptest server); its CheckRedirect is replaced on a private copy. now is
// the clock for the key cache's TTL (nil means time.Now). An invalid cfg is
// an *Error with ReasonInvalidConfig.
func NewVerifier(cfg Config, client *http.Client, now func() time.Time) (*Verifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	policy := newKeyURLPolicy(cfg)
	return &Verifier{
		cfg:     cfg,
		policy:  policy,
		fetcher: newKeyFetcher(client, policy, cfg.MaxKeyBytes, cfg.MinKeyBits),
		cache:   newKeyCache(cfg.CacheSize, cfg.CacheTTL, now),
	}, nil
}

// Verify checks r's OSS signature and returns its body; on error the body is
// nil so unverified bytes are not used by mistake. r.Body is read (up to
// Config.MaxBodyBytes) and replaced by a reader over the same bytes, so the
// handler can parse it again either way. Every failure is an *Error whose Reason says
// what failed; its fault kind is Unauthorized for a forged or broken request,
// TooLarge for an oversized body and Unavailable when the key cannot be had.
func (v *Verifier) Verify(ctx context.Context, r *http.Request) ([]byte, error) {
	if r == nil {
		return nil, newErr(ReasonBadRequest, nil, "nil request")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	keyURL, err := v.keyURL(r.Header)
	if err != nil {
		return nil, err
	}
	sig, err := decodeHeader(r.Header, HeaderAuthorization, maxAuthorization)
	if err != nil {
		return nil, err
	}
	body, err := v.readBody(r)
	if err != nil {
		return nil, err
	}
	path, query, err := requestTarget(r)
	if err != nil {
		return nil, err
	}
	pub, err := v.publicKey(ctx, keyURL)
	if err != nil {
		return nil, err
	}
	if err := verifySignature(pub, sig, path, query, body); err != nil {
		return nil, err
	}
	return body, nil
}

// keyURL decodes and vets the x-oss-pub-key-url header.
func (v *Verifier) keyURL(h http.Header) (string, error) {
	raw, err := decodeHeader(h, HeaderPubKeyURL, base64.StdEncoding.EncodedLen(maxKeyURL))
	if err != nil {
		return "", err
	}
	return v.policy.check(string(raw))
}

// publicKey returns the key for keyURL from the cache or the network. The
// fetch gets its own deadline, detached from ctx, because other callbacks
// may be waiting on the same fetch.
func (v *Verifier) publicKey(ctx context.Context, keyURL string) (*rsa.PublicKey, error) {
	return v.cache.get(ctx, keyURL, func() (*rsa.PublicKey, error) {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), v.cfg.FetchTimeout)
		defer cancel()
		return v.fetcher.fetch(fctx, keyURL)
	})
}

// readBody reads at most MaxBodyBytes and always leaves r.Body readable
// from the start of what was read.
func (v *Verifier) readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		r.Body = http.NoBody
		return []byte{}, nil
	}
	if r.ContentLength > v.cfg.MaxBodyBytes {
		return nil, newErr(ReasonBodyTooLarge, nil, "body is %d bytes; limit %d", r.ContentLength, v.cfg.MaxBodyBytes)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, v.cfg.MaxBodyBytes+1))
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return nil, newErr(ReasonBodyRead, err, "read callback body")
	}
	if int64(len(body)) > v.cfg.MaxBodyBytes {
		return nil, newErr(ReasonBodyTooLarge, nil, "body exceeds %d bytes", v.cfg.MaxBodyBytes)
	}
	return body, nil
}

// decodeHeader returns the base64-decoded value of the single header name.
// Errors name the header, never its value.
func decodeHeader(h http.Header, name string, maxLen int) ([]byte, error) {
	vals := h.Values(name)
	switch {
	case len(vals) == 0 || vals[0] == "":
		return nil, newErr(ReasonMissingHeader, nil, "header %s is missing", name)
	case len(vals) > 1:
		return nil, newErr(ReasonMalformedHeader, nil, "header %s appears %d times", name, len(vals))
	case len(vals[0]) > maxLen:
		return nil, newErr(ReasonMalformedHeader, nil, "header %s is longer than %d bytes", name, maxLen)
	}
	raw, err := base64.StdEncoding.DecodeString(vals[0])
	if err != nil || len(raw) == 0 {
		return nil, newErr(ReasonMalformedHeader, nil, "header %s is not base64", name)
	}
	return raw, nil
}
