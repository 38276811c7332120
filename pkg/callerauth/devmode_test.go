package callerauth

import (
	"errors"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

func devConfig() Config {
	return Config{DevMode: true, DevUsers: map[string]string{"alice-demo-token": "alice", "bob-demo-token": "bob"}}
}

func TestDevModeRefusal(t *testing.T) {
	tests := []struct {
		name    string
		cfg     func() Config
		env     map[string]string
		wantErr string // substring; "" means New succeeds
	}{
		{name: "local cloud", cfg: devConfig, env: map[string]string{EnvLocal: "1"}},
		{name: "no OSSFLOW_LOCAL", cfg: devConfig, env: map[string]string{}, wantErr: "OSSFLOW_LOCAL must be 1"},
		{name: "OSSFLOW_LOCAL=true", cfg: devConfig, env: map[string]string{EnvLocal: "true"}, wantErr: "OSSFLOW_LOCAL must be 1"},
		{name: "OSSFLOW_LOCAL=0", cfg: devConfig, env: map[string]string{EnvLocal: "0"}, wantErr: "OSSFLOW_LOCAL must be 1"},
		{name: "on FC (function name)", cfg: devConfig,
			env: map[string]string{EnvLocal: "1", EnvFCFunctionName: "sts-token"}, wantErr: "FC_FUNCTION_NAME is set"},
		{name: "on FC (runtime API)", cfg: devConfig,
			env: map[string]string{EnvLocal: "1", EnvFCRuntimeAPI: "127.0.0.1:9000"}, wantErr: "FC_RUNTIME_API is set"},
		{name: "FC variable set but empty", cfg: devConfig,
			env: map[string]string{EnvLocal: "1", EnvFCRuntimeAPI: ""}, wantErr: "FC_RUNTIME_API is set"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg(), Deps{LookupEnv: envMap(tc.env)})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v; want success", err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrDevModeRefused) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("New error = %v; want ErrDevModeRefused mentioning %q", err, tc.wantErr)
			}
		})
	}
}

func TestDevModeConfigNeedsFlag(t *testing.T) {
	cfg := baseConfig()
	cfg.HS256Secret = []byte("0123456789abcdef0123456789abcdef")
	cfg.DevUsers = map[string]string{"t": "alice"}
	// Demo users without the flag are a mistake, not a silent no-op.
	if _, err := New(cfg, Deps{LookupEnv: envMap(map[string]string{EnvLocal: "1"})}); err == nil ||
		!strings.Contains(err.Error(), "DevMode is off") {
		t.Fatalf("New error = %v; want DevUsers without DevMode refused", err)
	}
}

func TestDevModeAuthenticate(t *testing.T) {
	a, err := New(devConfig(), Deps{LookupEnv: envMap(map[string]string{EnvLocal: "1"})})
	if err != nil {
		t.Fatal(err)
	}
	id, err := a.AuthenticateAt(bearerRequest("bob-demo-token"), testNow)
	if err != nil || id.Subject != "bob" || id.Prefix != "bob" {
		t.Fatalf("demo token: %+v, %v; want subject bob", id, err)
	}
	_, err = a.AuthenticateAt(bearerRequest("carol-demo-token"), testNow)
	checkAuthError(t, err, "carol-demo-token", ErrInvalidToken, fault.Unauthorized, "unknown demo token")
}

// TestDevModeWithJWT: in the local cloud, demo tokens and real JWTs may both
// be accepted; a real JWT still goes through full verification.
func TestDevModeWithJWT(t *testing.T) {
	k1, _, stray, _ := keys(t)
	path := t.TempDir() + "/jwks.json"
	writeFile(t, path, jwksJSON(t, k1))
	cfg := devConfig()
	cfg.Issuer, cfg.Audiences, cfg.JWKSFile = testIssuer, []string{testAudience}, path
	a, err := New(cfg, Deps{LookupEnv: envMap(map[string]string{EnvLocal: "1"})})
	if err != nil {
		t.Fatal(err)
	}
	runAuthCases(t, a, []authCase{
		{name: "demo token", token: "alice-demo-token", wantSub: "alice"},
		{name: "real JWT", token: signWith(t, k1, goodClaims()), wantSub: "alice"},
		{name: "forged JWT", token: signWith(t, stray, goodClaims()),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token signature is invalid"},
	})
}
