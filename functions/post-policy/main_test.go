package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/pkg/callerauth"
)

// TestSetup wires the function from a complete environment, and reports
// every missing or bad variable by name from an incomplete one.
func TestSetup(t *testing.T) {
	t.Setenv(grant.EnvBucket, "photos")
	t.Setenv(grant.EnvRegion, "cn-hangzhou")
	t.Setenv(callerauth.EnvIssuer, "https://idp.example.com/")
	t.Setenv(callerauth.EnvAudiences, "ossflow-upload")
	t.Setenv(callerauth.EnvHS256Secret, "a-main-test-hs256-secret-of-32-bytes!")
	t.Setenv(callerauth.EnvCORSOrigins, "https://app.example.com")
	h, err := setup(context.Background())
	if err != nil || h == nil {
		t.Fatalf("setup = %v, %v; want a handler", h, err)
	}

	t.Setenv(grant.EnvBucket, "")
	t.Setenv(grant.EnvPostExpiry, "3h")
	t.Setenv(callerauth.EnvIssuer, "")
	_, err = setup(context.Background())
	for _, want := range []string{grant.EnvBucket, grant.EnvPostExpiry, callerauth.EnvIssuer} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("setup err = %v; want it to name %s", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), "a-main-test-hs256") {
		t.Errorf("setup error quotes the HS256 secret")
	}
}
