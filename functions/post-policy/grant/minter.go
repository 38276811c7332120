package grant

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Grant is what the function answers: everything a browser needs to upload
// or download one object with no SDK. For a POST, send Fields verbatim as
// multipart form fields, then the file last; for a PUT, send Headers
// exactly; for a GET, just fetch URL.
type Grant struct {
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Fields    map[string]string `json:"fields,omitempty"`
	Headers   map[string]string `json:"headers,omitempty"`
	Key       string            `json:"key"`
	ExpiresAt time.Time         `json:"expiresAt"`
	MaxSize   int64             `json:"maxSize,omitempty"`
}

// Minter issues grants under one Config. It is safe for concurrent use.
type Minter struct {
	cfg      Config
	rand     io.Reader
	endpoint *url.URL
	allowed  string // the allowlist, for error messages
	callback string // the encoded callback parameter, "" for none
}

// NewMinter applies cfg's defaults, validates it and returns a Minter that
// reads key randomness from rand (crypto/rand.Reader in main). Errors: the
// joined Validate problems, or a callback that cannot be encoded.
func NewMinter(cfg Config, rand io.Reader) (*Minter, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("post-policy config: %w", err)
	}
	if rand == nil {
		return nil, fmt.Errorf("post-policy config: no source of randomness")
	}
	m := &Minter{cfg: cfg, rand: rand}
	m.endpoint, _ = url.Parse(cfg.Endpoint) // Validate parsed it already
	types := make([]string, len(cfg.ContentTypes))
	for i, ct := range cfg.ContentTypes {
		types[i] = ct.Type
	}
	m.allowed = strings.Join(types, ", ")
	if cfg.Callback != nil {
		cb := *cfg.Callback
		cb.FormVars = []string{userVar}
		param, _, err := cb.Encode()
		if err != nil {
			return nil, fmt.Errorf("post-policy config: callback: %w", err)
		}
		m.callback = param
	}
	return m, nil
}

// Config returns the Minter's validated configuration.
func (m *Minter) Config() Config { return m.cfg }

// Upload grants user (a safe key segment) one upload as req asks: a
// PostObject form for ModePost, a presigned PUT for ModePut. Errors carry
// fault kinds: Invalid for a content type off the allowlist or an unusable
// file name, TooLarge for a declared size over MaxSize, Internal when
// signing fails (bad credentials or a failed random read).
func (m *Minter) Upload(user string, req Request, creds signer.Credentials, now time.Time) (Grant, error) {
	if req.Mode == ModePut {
		return m.Put(user, req, creds, now)
	}
	return m.Post(user, req, creds, now)
}

// upload is what both modes decide before signing.
type upload struct {
	key         osskit.Key
	contentType string
	name        string // sanitised original file name
}

func (m *Minter) prepare(user string, req Request, now time.Time) (upload, error) {
	ct, ok := match(m.cfg.ContentTypes, req.ContentType)
	if !ok {
		return upload{}, fault.Newf(fault.Invalid, "contentType %q is not allowed; allowed: %s", clip(req.ContentType), m.allowed)
	}
	if req.Size > m.cfg.MaxSize {
		return upload{}, fault.Newf(fault.TooLarge, "size %d exceeds the maximum of %d bytes", req.Size, m.cfg.MaxSize)
	}
	name, err := SanitizeFilename(req.Filename)
	if err != nil {
		return upload{}, err
	}
	key, err := NewUploadKey(m.cfg.UploadPrefix, user, ct.Ext, now, m.rand)
	if err != nil {
		return upload{}, fault.Wrap(fault.Internal, "", fmt.Errorf("choose upload key for %s: %w", user, err))
	}
	return upload{key: key, contentType: ct.Type, name: name}, nil
}

// bucketURL is where a PostObject form goes: https://bucket.host/ or, path
// style, http://host/bucket/.
func (m *Minter) bucketURL() *url.URL {
	u := *m.endpoint
	if m.cfg.PathStyle {
		u.Path = "/" + m.cfg.Bucket + "/"
	} else {
		u.Host = m.cfg.Bucket + "." + u.Host
		u.Path = "/"
	}
	return &u
}

// objectURL is the URL of key in the bucket, in the configured style.
func (m *Minter) objectURL(key string) *url.URL {
	u := m.bucketURL()
	u.Path += key
	return u
}
