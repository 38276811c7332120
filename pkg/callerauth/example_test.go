package callerauth_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Example wires an Authenticator and CORS in front of a handler the way an
// HTTP function's main.go does, mapping errors to a status and a challenge
// once, at the edge.
func Example() {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	secret := []byte("an-hs256-secret-of-at-least-32-bytes")
	auth, err := callerauth.New(callerauth.Config{
		Issuer:      "https://idp.example.com/",
		Audiences:   []string{"ossflow-upload"},
		HS256Secret: secret,
	}, callerauth.Deps{Clock: func() time.Time { return now }})
	if err != nil {
		fmt.Println(err)
		return
	}
	cors, err := callerauth.NewCORS(callerauth.CORSConfig{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	h := cors.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := auth.Authenticate(r)
		if err != nil {
			if fault.KindOf(err) == fault.Unauthorized {
				w.Header().Set("WWW-Authenticate", callerauth.Challenge("ossflow", err))
			}
			http.Error(w, fault.PublicMessage(err), fault.HTTPStatus(err))
			return
		}
		fmt.Fprintf(w, "uploads/%s/", id.Prefix)
	}))

	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: secret}, nil)
	token, _ := jwt.Signed(signer).Claims(jwt.Claims{
		Subject: "auth0|42", Issuer: "https://idp.example.com/", Audience: jwt.Audience{"ossflow-upload"},
		Expiry: jwt.NewNumericDate(now.Add(time.Hour)),
	}).Serialize()

	for _, header := range []string{"Bearer " + token, ""} {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Header.Set("Origin", "https://app.example.com")
		if header != "" {
			r.Header.Set("Authorization", header)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("WWW-Authenticate"), w.Body.String())
	}
	// Output:
	// 200 https://app.example.com  uploads/auth0_7C42/
	// 401 https://app.example.com Bearer realm="ossflow" bearer token required
}
