// Package httpapi is the sts-token function's HTTP edge.
//
// POST / or GET / with "Authorization: Bearer <JWT>" returns scoped
// temporary credentials for the verified caller:
//
//	{"AccessKeyId":"STS.…","AccessKeySecret":"…","SecurityToken":"…",
//	 "Expiration":"2026-11-22T01:15:00Z","Region":"cn-hangzhou",
//	 "Bucket":"ossflow-uploads","Endpoint":"https://oss-cn-hangzhou.aliyuncs.com",
//	 "Prefix":"uploads/u1/","Profile":"upload"}
//
// The first four fields are STS's own names, so the body can be returned
// as is from ali-oss's refreshSTSToken (ali-oss lower-cases the first
// letter and copies securityToken to stsToken). To build a client
// directly: new OSS({endpoint: r.Endpoint, bucket: r.Bucket, accessKeyId:
// r.AccessKeyId, accessKeySecret: r.AccessKeySecret, stsToken:
// r.SecurityToken}), and put objects under r.Prefix. Region is the
// general region id (cn-hangzhou), which V4 signing needs; ali-oss's own
// region option wants "oss-" in front of it.
//
// The profile ("upload" by default, or "read") may be asked for with
// ?profile= or a JSON body {"profile":"read"}; only configured profiles
// are served. Responses carry Cache-Control: no-store. Errors are
// {"error":{"code","message"}}: 401 with WWW-Authenticate for a missing or
// bad token, 403 for a profile not allowed, 400 for a bad request, 503 with
// Retry-After when STS throttles and no cached set is usable, 502 when STS
// fails (details only in the log).
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Authenticator verifies a request's caller (callerauth.Authenticator).
type Authenticator interface {
	Authenticate(r *http.Request) (callerauth.Identity, error)
}

// Minter mints credentials for a caller (mint.Service).
type Minter interface {
	Mint(ctx context.Context, c mint.Caller, p sessionpolicy.Profile) (mint.Grant, error)
}

// Config is what the edge tells clients and which profiles it serves.
type Config struct {
	// Realm is named in WWW-Authenticate. Default "ossflow".
	Realm string
	// Profiles a caller may ask for; default {upload}.
	Profiles []sessionpolicy.Profile
	// DefaultProfile is used when the request names none; default the
	// first of Profiles.
	DefaultProfile sessionpolicy.Profile
	Region         string
	Bucket         string
	// Endpoint is the OSS endpoint URL clients should use.
	Endpoint string
	// RetryAfter is sent with 503s. Default 2s.
	RetryAfter time.Duration
}

// New checks cfg and returns the handler. Errors name the bad field.
func New(cfg Config, auth Authenticator, m Minter) (http.Handler, error) {
	if cfg.Realm == "" {
		cfg.Realm = "ossflow"
	}
	if len(cfg.Profiles) == 0 {
		cfg.Profiles = []sessionpolicy.Profile{sessionpolicy.Upload}
	}
	if cfg.DefaultProfile == "" {
		cfg.DefaultProfile = cfg.Profiles[0]
	}
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = 2 * time.Second
	}
	var errs []error
	for _, p := range cfg.Profiles {
		if !sessionpolicy.Known(p) {
			errs = append(errs, fmt.Errorf("httpapi: Profiles: unknown profile %q", p))
		}
	}
	if !slices.Contains(cfg.Profiles, cfg.DefaultProfile) {
		errs = append(errs, fmt.Errorf("httpapi: DefaultProfile %q is not among Profiles", cfg.DefaultProfile))
	}
	if cfg.Region == "" || cfg.Bucket == "" || cfg.Endpoint == "" {
		errs = append(errs, errors.New("httpapi: Region, Bucket and Endpoint are required"))
	}
	if auth == nil || m == nil {
		errs = append(errs, errors.New("httpapi: an Authenticator and a Minter are required"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &handler{cfg: cfg, auth: auth, mint: m, retryAfter: strconv.Itoa(int((cfg.RetryAfter + time.Second - 1) / time.Second))}, nil
}

type handler struct {
	cfg        Config
	auth       Authenticator
	mint       Minter
	retryAfter string
}

// response is the success body; see the package doc.
type response struct {
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string `json:"AccessKeySecret"`
	SecurityToken   string `json:"SecurityToken"`
	Expiration      string `json:"Expiration"`
	Region          string `json:"Region"`
	Bucket          string `json:"Bucket"`
	Endpoint        string `json:"Endpoint"`
	Prefix          string `json:"Prefix"`
	Profile         string `json:"Profile"`
}

// ServeHTTP answers one credential request; see the package doc.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Nothing this endpoint answers may be stored: successes hold keys,
	// failures may be transient.
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path != "/" {
		fault.WriteError(w, http.StatusNotFound, fault.NotFound.String(), "not found")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		fault.WriteError(w, http.StatusMethodNotAllowed, fault.Invalid.String(), "use GET or POST")
		return
	}
	id, err := h.auth.Authenticate(r)
	if err != nil {
		h.fail(w, r, "", err)
		return
	}
	profile, err := h.profile(r)
	if err != nil {
		h.fail(w, r, id.Prefix, err)
		return
	}
	session, err := callerauth.SessionName(id.Subject)
	if err != nil {
		h.fail(w, r, id.Prefix, err)
		return
	}
	g, err := h.mint.Mint(r.Context(), mint.Caller{Subject: id.Subject, Segment: id.Prefix, SessionName: session}, profile)
	if err != nil {
		h.fail(w, r, id.Prefix, err)
		return
	}
	logGrant(r, id.Prefix, g)
	fault.WriteJSON(w, http.StatusOK, response{
		AccessKeyID:     g.AccessKeyID,
		AccessKeySecret: g.AccessKeySecret,
		SecurityToken:   g.SecurityToken,
		Expiration:      g.Expiration.UTC().Format("2006-01-02T15:04:05Z"),
		Region:          h.cfg.Region,
		Bucket:          h.cfg.Bucket,
		Endpoint:        h.cfg.Endpoint,
		Prefix:          g.Prefix,
		Profile:         string(g.Profile),
	})
}

// maxBody bounds the JSON a POST may carry; {"profile":"upload"} needs 20 bytes.
const maxBody = 4 << 10

// profile reads the requested profile from ?profile= or a JSON body and
// checks it: unknown names are Invalid, known but not enabled Forbidden.
func (h *handler) profile(r *http.Request) (sessionpolicy.Profile, error) {
	name := r.URL.Query().Get("profile")
	if r.Method == http.MethodPost && r.ContentLength != 0 {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct != "application/json" {
			return "", fault.New(fault.Invalid, "the request body must be JSON")
		}
		var body struct {
			Profile string `json:"profile"`
		}
		dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil && !errors.Is(err, io.EOF) {
			return "", fault.Wrap(fault.Invalid, `the body must be {"profile":"<name>"}`, fmt.Errorf("decode body: %w", err))
		}
		if body.Profile != "" {
			if name != "" && name != body.Profile {
				return "", fault.New(fault.Invalid, "the query and the body name different profiles")
			}
			name = body.Profile
		}
	}
	if name == "" {
		return h.cfg.DefaultProfile, nil
	}
	p := sessionpolicy.Profile(name)
	if !sessionpolicy.Known(p) {
		return "", fault.New(fault.Invalid, "unknown profile")
	}
	if !slices.Contains(h.cfg.Profiles, p) {
		return "", fault.New(fault.Forbidden, "this profile is not available")
	}
	return p, nil
}
