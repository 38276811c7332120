package callback

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/url"
)

// Key sizes accepted. OSS's own callback key is 512 bits (see legacyrsa.go);
// above 8192 bits verification gets slow enough to be a lever for denial of
// service. Config.MinKeyBits can raise the floor.
const (
	minKeyBits = 512
	maxKeyBits = 8192
	// maxRedirects bounds redirect chains; each hop is re-checked.
	maxRedirects = 3
)

// keyFetcher downloads and parses public keys with the redirect policy,
// timeout and size cap applied.
type keyFetcher struct {
	client   *http.Client
	policy   keyURLPolicy
	maxBytes int64
	minBits  int
}

// newKeyFetcher copies client (nil means a zero http.Client) so that setting
// CheckRedirect does not change the caller's client.
func newKeyFetcher(client *http.Client, policy keyURLPolicy, maxBytes int64, minBits int) *keyFetcher {
	c := &http.Client{}
	if client != nil {
		*c = *client
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return newErr(ReasonKeyFetch, nil, "more than %d redirects", maxRedirects)
		}
		// With the https upgrade on, a hop back to http would hand the
		// key to any network attacker again.
		if policy.upgrade && req.URL.Scheme != "https" {
			return newErr(ReasonKeyURLRejected, nil, "redirect leaves https")
		}
		// A redirect to another host would turn the allowlist into an
		// open proxy to whatever that host points at.
		return policy.checkParsed(req.URL)
	}
	return &keyFetcher{client: c, policy: policy, maxBytes: maxBytes, minBits: minBits}
}

// fetch GETs rawURL (already checked) and returns its RSA public key.
// Errors are *Error: ReasonKeyFetch, ReasonKeyTooLarge, ReasonKeyInvalid, or
// ReasonKeyURLRejected for a refused redirect.
func (f *keyFetcher) fetch(ctx context.Context, rawURL string) (*rsa.PublicKey, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, newErr(ReasonKeyFetch, nil, "build key request")
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var cbErr *Error
		if errors.As(err, &cbErr) {
			return nil, cbErr
		}
		// url.Error repeats the URL, which is fine (not secret), but the
		// inner error is what says why.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, newErr(ReasonKeyFetch, err, "get public key")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, newErr(ReasonKeyFetch, nil, "key server answered status %d", resp.StatusCode)
	}
	if resp.ContentLength > f.maxBytes {
		return nil, newErr(ReasonKeyTooLarge, nil, "key response is %d bytes; limit %d", resp.ContentLength, f.maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, newErr(ReasonKeyFetch, err, "read public key")
	}
	if int64(len(data)) > f.maxBytes {
		return nil, newErr(ReasonKeyTooLarge, nil, "key response exceeds %d bytes", f.maxBytes)
	}
	return parsePublicKey(data, f.minBits)
}

// parsePublicKey reads the first PEM block: "PUBLIC KEY" (PKIX, what OSS
// publishes) or "RSA PUBLIC KEY" (PKCS#1), of minBits..8192 bits. Errors are
// ReasonKeyInvalid and never quote the data.
func parsePublicKey(data []byte, minBits int) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, newErr(ReasonKeyInvalid, nil, "key response holds no PEM block")
	}
	var pub *rsa.PublicKey
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, newErr(ReasonKeyInvalid, nil, "PKIX public key does not parse")
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, newErr(ReasonKeyInvalid, nil, "public key is not RSA")
		}
		pub = rk
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, newErr(ReasonKeyInvalid, nil, "PKCS#1 public key does not parse")
		}
		pub = k
	default:
		return nil, newErr(ReasonKeyInvalid, nil, "PEM block type %q is not a public key", clip(block.Type))
	}
	if bits := pub.N.BitLen(); bits < minBits || bits > maxKeyBits {
		return nil, newErr(ReasonKeyInvalid, nil, "RSA key has %d bits; want %d..%d", bits, minBits, maxKeyBits)
	}
	return pub, nil
}
