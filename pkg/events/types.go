package events

import (
	"context"
	"time"
)

// Platform names the cloud a payload came from.
type Platform string

// Platforms whose payloads this package understands.
const (
	PlatformFC     Platform = "fc"
	PlatformLambda Platform = "lambda"
	PlatformLocal  Platform = "local"
)

// ObjectEvent is one object-store notification record, the same whichever
// platform delivered it.
type ObjectEvent struct {
	Platform Platform
	// Name is the event name as the platform spells it, without the "oss:"
	// or "s3:" prefix, e.g. "ObjectCreated:PutObject" or "ObjectCreated:Put".
	Name   string
	Bucket string
	// Key is the object key, already URL-decoded where the platform encodes it.
	Key         string
	Size        int64
	ETag        string
	ContentType string
	VersionID   string
	Region      string
	Time        time.Time
	// RequestID is the object store's request id of the call that caused the event.
	RequestID string
	// SourceIP is the address of the client that caused the event.
	SourceIP string
	// Principal is the platform's identity of the caller that caused the event.
	Principal string
}

// Created reports whether the event announces a new or replaced object.
func (e ObjectEvent) Created() bool { return hasPrefix(e.Name, "ObjectCreated:") }

// Removed reports whether the event announces a deleted object.
func (e ObjectEvent) Removed() bool { return hasPrefix(e.Name, "ObjectRemoved:") }

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// Tick is one timer firing.
type Tick struct {
	Platform Platform
	Time     time.Time
	// Name is the trigger (FC) or rule (EventBridge) that fired.
	Name string
	// Payload is the trigger's configured payload, verbatim.
	Payload string
}

// Credentials are the access keys an invocation runs with. On FC they are the
// function role's temporary credentials, handed fresh with every invocation.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

// Valid reports whether both key halves are present.
func (c Credentials) Valid() bool { return c.AccessKeyID != "" && c.AccessKeySecret != "" }

// Invocation describes the call a handler is serving. The runtime glue puts
// one in every handler's context.
type Invocation struct {
	Platform    Platform
	RequestID   string
	Function    string
	Region      string
	AccountID   string
	Deadline    time.Time
	RetryCount  int
	Credentials Credentials
}

type invocationKey struct{}

// WithInvocation returns a copy of ctx carrying inv.
func WithInvocation(ctx context.Context, inv Invocation) context.Context {
	return context.WithValue(ctx, invocationKey{}, inv)
}

// InvocationFrom returns the invocation stored in ctx, and false if there is none.
func InvocationFrom(ctx context.Context) (Invocation, bool) {
	inv, ok := ctx.Value(invocationKey{}).(Invocation)
	return inv, ok
}
