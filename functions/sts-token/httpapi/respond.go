package httpapi

import (
	"errors"
	"net/http"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/fault"
)

// fail maps err once, here: 401 + WWW-Authenticate, 403, 400, 503 +
// Retry-After, 502 for a failed STS call, 500 otherwise; one log line with
// the detail, which the logger redacts anyway.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, user string, err error) {
	kind := fault.KindOf(err)
	status, code, message := fault.HTTPStatus(err), kind.String(), fault.PublicMessage(err)
	switch {
	case kind == fault.Unauthorized:
		w.Header().Set("WWW-Authenticate", callerauth.Challenge(h.cfg.Realm, err))
	case kind == fault.Unavailable:
		w.Header().Set("Retry-After", h.retryAfter)
	case errors.Is(err, mint.ErrUpstream):
		status, code, message = http.StatusBadGateway, "upstream", "the credential service failed; try again later"
	}
	log := zerolog.Ctx(r.Context())
	ev := log.Info()
	if status >= 500 {
		ev = log.Error()
	}
	ev.Str("method", r.Method).Str("user", user).Str("kind", kind.String()).Int("status", status).Err(err).Msg("request refused")
	fault.WriteError(w, status, code, message)
}

// logGrant records who got what and until when; never key material.
func logGrant(r *http.Request, user string, g mint.Grant) {
	zerolog.Ctx(r.Context()).Info().Str("user", user).Str("profile", string(g.Profile)).Str("prefix", g.Prefix).
		Bool("cached", g.Cached).Time("expiresAt", g.Expiration).Msg("granted")
}
