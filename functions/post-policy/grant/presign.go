package grant

import (
	"fmt"
	"net/http"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Put grants a V4 presigned PUT URL for a fresh key. Content-Type,
// x-oss-forbid-overwrite: true and x-oss-meta-original-name are signed, so
// the upload must send Headers exactly: another type, or a PUT that would
// replace an object, is refused by OSS. A presigned PUT cannot bound the
// body size (OSS does not sign Content-Length), so MaxSize holds only for
// the declared size; use ModePost where the limit must be enforced.
// Errors: see Upload.
func (m *Minter) Put(user string, req Request, creds signer.Credentials, now time.Time) (Grant, error) {
	up, err := m.prepare(user, req, now)
	if err != nil {
		return Grant{}, err
	}
	headers := map[string]string{
		"Content-Type":           up.contentType,
		"x-oss-forbid-overwrite": "true",
		MetaOriginalName:         up.name,
	}
	url, err := m.presign(http.MethodPut, up.key.String(), headers, creds, now, m.cfg.PutExpiry)
	if err != nil {
		return Grant{}, err
	}
	return Grant{Method: http.MethodPut, URL: url, Headers: headers, Key: up.key.String(),
		ExpiresAt: presignExpiry(now, m.cfg.PutExpiry)}, nil
}

// Get grants a V4 presigned GET URL for key if user owns it: it lies under
// <UploadPrefix>/<user>/ or <variant>/<user>/ and is a well-formed
// generated key (no "." or ".." segments). Errors: fault.Invalid for an
// empty key, fault.Forbidden for any key user does not own, fault.Internal
// when signing fails.
func (m *Minter) Get(user, key string, creds signer.Credentials, now time.Time) (Grant, error) {
	if key == "" {
		return Grant{}, fault.New(fault.Invalid, "key is required")
	}
	if osskit.ValidateGenerated(key) != nil || !m.cfg.owns(user, key) {
		return Grant{}, fault.New(fault.Forbidden, "you may read only your own uploads and their variants")
	}
	url, err := m.presign(http.MethodGet, key, nil, creds, now, m.cfg.GetExpiry)
	if err != nil {
		return Grant{}, err
	}
	return Grant{Method: http.MethodGet, URL: url, Key: key, ExpiresAt: presignExpiry(now, m.cfg.GetExpiry)}, nil
}

func (m *Minter) presign(method, key string, headers map[string]string, creds signer.Credentials, now time.Time, d time.Duration) (string, error) {
	u := m.objectURL(key)
	r := &http.Request{Method: method, URL: u, Host: u.Host, Header: http.Header{}}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	signed, err := signer.PresignURL(r, m.cfg.Bucket, key, creds, m.cfg.Region, now, d, nil)
	if err != nil {
		return "", fault.Wrap(fault.Internal, "", fmt.Errorf("presign %s %s/%s: %w", method, m.cfg.Bucket, key, err))
	}
	return signed, nil
}

// presignExpiry is when a URL signed at now stops working: x-oss-date has
// whole seconds, and the URL is valid for d from it.
func presignExpiry(now time.Time, d time.Duration) time.Time {
	return now.UTC().Truncate(time.Second).Add(d)
}
