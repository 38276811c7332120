package httpapi

import (
	"net/http"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/pkg/fault"
)

// fail maps err once: status and public message from its fault kind, one
// log line with the internal detail. Errors reaching here never hold a
// secret (signer, postpolicy and callerauth promise that), and the logger
// redacts anyway.
func (h handler) fail(w http.ResponseWriter, r *http.Request, user string, err error) {
	kind := fault.KindOf(err)
	status := fault.HTTPStatus(err)
	ev := zerolog.Ctx(r.Context()).Info()
	if kind == fault.Internal || kind == fault.Unavailable {
		ev = zerolog.Ctx(r.Context()).Error()
	}
	ev.Str("method", r.Method).Str("path", r.URL.Path).Str("user", user).Str("kind", kind.String()).
		Int("status", status).Err(err).Msg("request refused")
	fault.WriteError(w, status, kind.String(), fault.PublicMessage(err))
}

// logGrant records who got what: the key and expiry, never the URL or the
// form fields, which hold signatures and tokens.
func logGrant(r *http.Request, user, mode string, g grant.Grant) {
	zerolog.Ctx(r.Context()).Info().Str("user", user).Str("mode", mode).Str("key", g.Key).
		Time("expiresAt", g.ExpiresAt).Msg("granted")
}
