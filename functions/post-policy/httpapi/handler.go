// Package httpapi is post-policy's HTTP edge: it authenticates the caller,
// asks a grant Minter for an upload form, a presigned PUT or a presigned
// GET, and maps every error once to a status and a public message.
//
// Routes:
//
//	POST /          {"filename","contentType","size"?,"mode":"post"|"put"} → grant JSON
//	GET  /url?key=K presigned GET for one of the caller's own objects → grant JSON
//
// Errors, as in sts-token, are {"error":{"code","message"}}: code is the
// fault kind (unauthorized with a WWW-Authenticate challenge, invalid,
// forbidden, too_large, not_found, internal) and message is public text
// that never carries internal detail.
//
// Every response carries Cache-Control: no-store: a grant holds a signature
// that must not sit in a shared cache. CORS is wrapped around the handler
// in main (callerauth.CORS).
package httpapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Authenticator identifies a request's caller at now; *callerauth.Authenticator
// is one. Errors carry fault kinds (Unauthorized, Forbidden, Unavailable).
type Authenticator interface {
	AuthenticateAt(r *http.Request, now time.Time) (callerauth.Identity, error)
}

// Minter issues grants; *grant.Minter is one. Errors carry fault kinds.
type Minter interface {
	Upload(user string, req grant.Request, creds signer.Credentials, now time.Time) (grant.Grant, error)
	Get(user, key string, creds signer.Credentials, now time.Time) (grant.Grant, error)
}

// CredentialSource returns the credentials one request signs with.
// InvocationCredentials is the one main uses.
type CredentialSource func(ctx context.Context) (signer.Credentials, error)

// Deps are what the handler needs; all but Realm are required.
type Deps struct {
	Auth        Authenticator
	Grants      Minter
	Credentials CredentialSource
	// Clock gives each request its "now"; main passes time.Now.
	Clock func() time.Time
	// Realm names the protection space in WWW-Authenticate (default ossflow).
	Realm string
}

type handler struct{ Deps }

// New returns the post-policy HTTP handler, or an error naming the first
// missing dependency.
func New(d Deps) (http.Handler, error) {
	switch {
	case d.Auth == nil:
		return nil, errors.New("httpapi: Auth is required")
	case d.Grants == nil:
		return nil, errors.New("httpapi: Grants is required")
	case d.Credentials == nil:
		return nil, errors.New("httpapi: Credentials is required")
	case d.Clock == nil:
		return nil, errors.New("httpapi: Clock is required")
	}
	if d.Realm == "" {
		d.Realm = "ossflow"
	}
	return handler{d}, nil
}

// ServeHTTP routes, authenticates, then mints.
func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	var allow string
	switch r.URL.Path {
	case "/":
		allow = http.MethodPost
	case "/url":
		allow = http.MethodGet
	default:
		h.fail(w, r, "", fault.New(fault.NotFound, "no such endpoint; use POST / or GET /url?key="))
		return
	}
	if r.Method != allow {
		w.Header().Set("Allow", allow)
		fault.WriteError(w, http.StatusMethodNotAllowed, fault.Invalid.String(), "use "+allow+" "+r.URL.Path)
		return
	}
	now := h.Clock()
	id, err := h.Auth.AuthenticateAt(r, now)
	if err != nil {
		if fault.KindOf(err) == fault.Unauthorized {
			w.Header().Set("WWW-Authenticate", callerauth.Challenge(h.Realm, err))
		}
		h.fail(w, r, "", err)
		return
	}
	creds, err := h.Credentials(r.Context())
	if err != nil {
		h.fail(w, r, id.Prefix, err)
		return
	}
	var g grant.Grant
	var mode string
	if allow == http.MethodPost {
		var req grant.Request
		req, err = readRequest(r)
		if err == nil {
			mode = req.Mode
			g, err = h.Grants.Upload(id.Prefix, req, creds, now)
		}
	} else {
		mode = "get"
		g, err = h.Grants.Get(id.Prefix, r.URL.Query().Get("key"), creds, now)
	}
	if err != nil {
		h.fail(w, r, id.Prefix, err)
		return
	}
	logGrant(r, id.Prefix, mode, g)
	fault.WriteJSON(w, http.StatusOK, g)
}

// readRequest reads at most one byte more than ParseRequest accepts, so an
// oversized body is refused without being read whole.
func readRequest(r *http.Request) (grant.Request, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, grant.MaxRequestBytes+1))
	if err != nil {
		return grant.Request{}, fault.Wrap(fault.Invalid, "request body could not be read", err)
	}
	return grant.ParseRequest(body)
}
