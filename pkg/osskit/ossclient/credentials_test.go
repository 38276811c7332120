package ossclient

import (
	"context"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
)

func TestInvocationCredentials(t *testing.T) {
	env := map[string]string{EnvAccessKeyID: "env-id", EnvAccessKeySecret: "env-secret", EnvSecurityToken: "env-token"}
	p := InvocationCredentials{Getenv: func(k string) string { return env[k] }}
	inv := events.Credentials{AccessKeyID: "inv-id", AccessKeySecret: "inv-secret", SecurityToken: "inv-token"}
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"invocation wins", events.WithInvocation(context.Background(), events.Invocation{Credentials: inv}), "inv-id"},
		{"half invocation falls back", events.WithInvocation(context.Background(),
			events.Invocation{Credentials: events.Credentials{AccessKeyID: "x"}}), "env-id"},
		{"no invocation uses env", context.Background(), "env-id"},
	}
	for _, tt := range tests {
		c, err := p.Credentials(tt.ctx)
		if err != nil || c.AccessKeyID != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, c.AccessKeyID, err, tt.want)
		}
	}
	empty := InvocationCredentials{Getenv: func(string) string { return "" }}
	_, err := empty.Credentials(context.Background())
	if err == nil || fault.KindOf(err) != fault.Internal || !strings.Contains(err.Error(), EnvAccessKeyID) {
		t.Errorf("no credentials: err = %v; want an internal error naming %s", err, EnvAccessKeyID)
	}
	if _, err := (StaticCredentials{AccessKeyID: "only-id"}).Credentials(context.Background()); err == nil {
		t.Error("StaticCredentials without a secret succeeded")
	}
}

func TestConfigValidate(t *testing.T) {
	if _, err := New(Config{Region: "cn-hangzhou"}); err != nil {
		t.Errorf("New with only a region: %v", err)
	}
	_, err := New(Config{MaxAttempts: 50, BaseDelay: -1})
	if err == nil {
		t.Fatal("New accepted a config without region, 50 attempts and a negative delay")
	}
	for _, want := range []string{"Region", "MaxAttempts", "BaseDelay"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("config error %q does not name %s", err, want)
		}
	}
}
