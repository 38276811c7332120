package ossclient

import (
	"context"
	"errors"
	"os"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// CredentialsProvider supplies the keys to sign one request. The client
// asks again for every request (and every retry), so a provider can hand
// out the fresh role credentials FC passes with each invocation.
type CredentialsProvider interface {
	// Credentials returns valid keys or an error; it must not log them.
	Credentials(ctx context.Context) (events.Credentials, error)
}

// The environment variables InvocationCredentials falls back to, as the
// Alibaba Cloud SDKs and FC name them.
const (
	EnvAccessKeyID     = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	EnvAccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	EnvSecurityToken   = "ALIBABA_CLOUD_SECURITY_TOKEN"
)

// InvocationCredentials uses the credentials of the invocation in the
// request's context (events.InvocationFrom), and otherwise the
// ALIBABA_CLOUD_* environment variables. With neither it fails with an
// *osskit.Error without a kind (a deployment bug: fault.Internal).
type InvocationCredentials struct {
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

// Credentials implements CredentialsProvider.
func (p InvocationCredentials) Credentials(ctx context.Context) (events.Credentials, error) {
	if inv, ok := events.InvocationFrom(ctx); ok && inv.Credentials.Valid() {
		return inv.Credentials, nil
	}
	getenv := p.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c := events.Credentials{
		AccessKeyID:     getenv(EnvAccessKeyID),
		AccessKeySecret: getenv(EnvAccessKeySecret),
		SecurityToken:   getenv(EnvSecurityToken),
	}
	if !c.Valid() {
		return events.Credentials{}, &osskit.Error{Op: "Credentials",
			Err: errors.New("no credentials: the invocation carries none and " + EnvAccessKeyID + "/" + EnvAccessKeySecret + " are unset")}
	}
	return c, nil
}

// StaticCredentials always returns the same keys; for tests and the local stack.
type StaticCredentials events.Credentials

// Credentials implements CredentialsProvider; keys missing a half fail
// like InvocationCredentials.
func (s StaticCredentials) Credentials(context.Context) (events.Credentials, error) {
	c := events.Credentials(s)
	if !c.Valid() {
		return events.Credentials{}, &osskit.Error{Op: "Credentials", Err: errors.New("static credentials lack an access key id or secret")}
	}
	return c, nil
}
