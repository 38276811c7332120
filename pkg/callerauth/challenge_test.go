package callerauth

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
)

func TestChallenge(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	cfg := baseConfig()
	cfg.HS256Secret = secret
	a := newAuth(t, cfg, nil)
	expired := goodClaims()
	expired.Exp = testNow.Add(-time.Hour)

	tests := []struct {
		name   string
		header string
		want   string
	}{
		{name: "no token", want: `Bearer realm="ossflow"`},
		{name: "malformed header", header: "Basic abc",
			want: `Bearer realm="ossflow", error="invalid_request", error_description="authorization scheme must be Bearer"`},
		{name: "expired token", header: "Bearer " + sign(t, "HS256", secret, "", expired),
			want: `Bearer realm="ossflow", error="invalid_token", error_description="token has expired"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			_, err := a.Authenticate(r)
			if got := Challenge(testRealm, err); got != tc.want {
				t.Errorf("Challenge = %s\nwant        %s", got, tc.want)
			}
			if fault.HTTPStatus(err) != http.StatusUnauthorized {
				t.Errorf("status = %d; want 401", fault.HTTPStatus(err))
			}
		})
	}
}

func TestChallengeStripsUnsafeCharacters(t *testing.T) {
	err := fault.Wrap(fault.Unauthorized, "bad \"quote\" \\ and\nnewline", ErrInvalidToken)
	want := `Bearer error="invalid_token", error_description="bad quote  andnewline"`
	if got := Challenge("", err); got != want {
		t.Errorf("Challenge = %s; want %s", got, want)
	}
}
