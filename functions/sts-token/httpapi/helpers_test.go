package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/logging"
)

// Test fixtures, not credentials for any account.
const (
	issuer   = "https://idp.example.com/"
	audience = "ossflow-upload"
)

var hsSecret = []byte("sts-token-test-hs256-secret-0123456789")

func authenticator(t testing.TB, now func() time.Time) *callerauth.Authenticator {
	t.Helper()
	a, err := callerauth.New(callerauth.Config{Issuer: issuer, Audiences: []string{audience}, HS256Secret: hsSecret},
		callerauth.Deps{Clock: now})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// token signs an HS256 JWT for sub valid for an hour around now.
func token(t testing.TB, sub string, now time.Time) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: hsSecret}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwt.Signed(signer).Claims(jwt.Claims{
		Subject: sub, Issuer: issuer, Audience: jwt.Audience{audience},
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Hour)),
	}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// logged returns a request context carrying a logger that writes to buf,
// as the runtime glue attaches one.
func logged(r *http.Request, buf *bytes.Buffer) *http.Request {
	ctx, _ := logging.ForRequest(context.Background(), logging.New(buf, "sts-token"), "req-1")
	return r.WithContext(ctx)
}

// fakeMinter returns grant or err and records what it was asked.
type fakeMinter struct {
	grant  mint.Grant
	err    error
	caller mint.Caller
	prof   sessionpolicy.Profile
}

func (f *fakeMinter) Mint(_ context.Context, c mint.Caller, p sessionpolicy.Profile) (mint.Grant, error) {
	f.caller, f.prof = c, p
	if f.err != nil {
		return mint.Grant{}, f.err
	}
	g := f.grant
	g.Profile = p
	return g, nil
}
