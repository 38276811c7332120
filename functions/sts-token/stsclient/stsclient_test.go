package stsclient_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/stsclient"
	"github.com/ossflow/ossflow/localstack/stsemu"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Fixtures for the emulator, not credentials for any account.
const (
	fnKey    = "LTAI5tStsClientFn"
	fnSecret = "sts-client-fn-secret"
	role     = "acs:ram::1234567890123456:role/ossflow-upload"
)

func emulator(t *testing.T, throttle func() bool) (*stsemu.Server, string) {
	t.Helper()
	s, err := stsemu.New(stsemu.Config{
		Roles: []stsemu.Role{{ARN: role,
			TrustPolicy:        `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1234567890123456:root"}}]}`,
			PermissionPolicies: []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}`}}},
		Callers:  map[string]stsemu.Caller{fnKey: {Secret: fnSecret, Principal: "acs:ram::1234567890123456:user/fn"}},
		Throttle: throttle,
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return s, strings.TrimPrefix(hs.URL, "http://")
}

func withCreds(id, secret string) context.Context {
	return events.WithInvocation(context.Background(), events.Invocation{Credentials: events.Credentials{AccessKeyID: id, AccessKeySecret: secret}})
}

func TestAssumeRole(t *testing.T) {
	emu, endpoint := emulator(t, nil)
	c, err := stsclient.New(stsclient.Config{Endpoint: endpoint, Protocol: "http", Region: "cn-hangzhou", RoleARN: role})
	if err != nil {
		t.Fatal(err)
	}
	policy := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"acs:oss:*:*:bkt/uploads/u1/*"}]}`
	before := time.Now()
	got, err := c.AssumeRole(withCreds(fnKey, fnSecret), stsclient.Request{SessionName: "u1", Policy: policy, Duration: 900 * time.Second})
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	if d := got.Expiration.Sub(before); d < 899*time.Second || d > 902*time.Second {
		t.Errorf("Expiration %v after the call; want 900s", d)
	}
	iss, ok := emu.Lookup(got.AccessKeyID)
	if !ok || iss.SessionName != "u1" || iss.SessionPolicy != policy || iss.SecurityToken != got.SecurityToken {
		t.Errorf("emulator recorded %+v; want session u1 with the policy sent", iss.Credential)
	}
}

func TestAssumeRoleUsesTheDefaultChainWithoutInvocationCredentials(t *testing.T) {
	_, endpoint := emulator(t, nil)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", fnKey)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", fnSecret)
	c, err := stsclient.New(stsclient.Config{Endpoint: endpoint, Protocol: "http", RoleARN: role})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AssumeRole(context.Background(), stsclient.Request{SessionName: "env"}); err != nil {
		t.Fatalf("AssumeRole with env credentials: %v", err)
	}
}

func TestAssumeRoleErrors(t *testing.T) {
	var throttle atomic.Bool
	_, endpoint := emulator(t, throttle.Load)
	dead := httptest.NewServer(nil)
	deadEndpoint := strings.TrimPrefix(dead.URL, "http://")
	dead.Close()
	tests := []struct {
		name      string
		endpoint  string
		role      string
		secret    string
		throttled bool
		want      error
		kind      fault.Kind
	}{
		{"throttled", endpoint, role, fnSecret, true, stsclient.ErrThrottled, fault.Unavailable},
		{"unknown role", endpoint, "acs:ram::1234567890123456:role/nope", fnSecret, false, stsclient.ErrRejected, fault.Internal},
		{"wrong secret", endpoint, role, "wrong", false, stsclient.ErrRejected, fault.Internal},
		{"unreachable", deadEndpoint, role, fnSecret, false, stsclient.ErrUnavailable, fault.Unavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			throttle.Store(tt.throttled)
			c, err := stsclient.New(stsclient.Config{Endpoint: tt.endpoint, Protocol: "http", RoleARN: tt.role, Timeout: 2 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.AssumeRole(withCreds(fnKey, tt.secret), stsclient.Request{SessionName: "u1"})
			if !errors.Is(err, tt.want) {
				t.Fatalf("AssumeRole error = %v; want %v", err, tt.want)
			}
			if k := fault.KindOf(err); k != tt.kind {
				t.Errorf("kind = %v; want %v", k, tt.kind)
			}
			if strings.Contains(err.Error(), fnSecret) || strings.Contains(err.Error(), "wrong") && tt.secret == "wrong" {
				t.Errorf("error %q leaks the secret", err)
			}
		})
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	_, err := stsclient.New(stsclient.Config{Protocol: "ftp"})
	for _, want := range []string{"Endpoint is required", "RoleARN is required", `Protocol "ftp"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New error = %v; want it to mention %q", err, want)
		}
	}
}
