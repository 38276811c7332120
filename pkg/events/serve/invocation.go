package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aliyun/fc-runtime-go-sdk/fccontext"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/ossflow/ossflow/pkg/events"
)

// The invocation builders below read what each platform hands over with a
// call. Credentials come from the call when the platform sends them (FC
// rotates them per invocation) and from the environment otherwise.

// fromFCContext reads the FC SDK's per-invocation context.
func fromFCContext(ctx context.Context, getenv func(string) string) events.Invocation {
	inv := events.Invocation{Platform: events.PlatformFC}
	if fc, ok := fccontext.FromContext(ctx); ok {
		inv.RequestID = fc.RequestID
		inv.Function = fc.Function.Name
		inv.Region = fc.Region
		inv.AccountID = fc.AccountId
		inv.RetryCount = fc.RetryCount
		inv.Credentials = events.Credentials{
			AccessKeyID:     fc.Credentials.AccessKeyId,
			AccessKeySecret: fc.Credentials.AccessKeySecret,
			SecurityToken:   fc.Credentials.SecurityToken,
		}
	}
	if d, ok := ctx.Deadline(); ok {
		inv.Deadline = d
	}
	return withEnvDefaults(inv, getenv)
}

// fromFCHeaders reads the x-fc-* headers FC sends a custom runtime. The
// deadline is x-fc-function-deadline (epoch ms) when present, else now plus
// x-fc-function-timeout seconds.
func fromFCHeaders(h http.Header, now time.Time, getenv func(string) string) events.Invocation {
	inv := events.Invocation{
		Platform:  events.PlatformFC,
		RequestID: h.Get("x-fc-request-id"),
		Function:  h.Get("x-fc-function-name"),
		Region:    h.Get("x-fc-region"),
		AccountID: h.Get("x-fc-account-id"),
		Credentials: events.Credentials{
			AccessKeyID:     h.Get("x-fc-access-key-id"),
			AccessKeySecret: h.Get("x-fc-access-key-secret"),
			SecurityToken:   h.Get("x-fc-security-token"),
		},
	}
	if n, err := strconv.Atoi(h.Get("x-fc-retry-count")); err == nil && n >= 0 {
		inv.RetryCount = n
	}
	if ms, err := strconv.ParseInt(h.Get("x-fc-function-deadline"), 10, 64); err == nil && ms > 0 {
		inv.Deadline = time.UnixMilli(ms)
	} else if s, err := strconv.Atoi(h.Get("x-fc-function-timeout")); err == nil && s > 0 {
		inv.Deadline = now.Add(time.Duration(s) * time.Second)
	}
	return withEnvDefaults(inv, getenv)
}

// fromLambda reads aws-lambda-go's per-invocation context. Region and
// account come from the invoked function's ARN
// (arn:aws:lambda:<region>:<account>:function:<name>).
func fromLambda(ctx context.Context, getenv func(string) string) events.Invocation {
	inv := events.Invocation{Platform: events.PlatformLambda, Function: lambdacontext.FunctionName}
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		inv.RequestID = lc.AwsRequestID
		if parts := strings.Split(lc.InvokedFunctionArn, ":"); len(parts) >= 7 && parts[0] == "arn" {
			inv.Region, inv.AccountID, inv.Function = parts[3], parts[4], parts[6]
		}
	}
	if d, ok := ctx.Deadline(); ok {
		inv.Deadline = d
	}
	return withEnvDefaults(inv, getenv)
}

// fromLocal describes a local development call: a fresh request id, the
// environment's credentials, no deadline.
func fromLocal(getenv func(string) string) events.Invocation {
	return withEnvDefaults(events.Invocation{Platform: events.PlatformLocal, RequestID: newRequestID()}, getenv)
}

// withEnvDefaults fills what the call did not say from the environment FC
// and Lambda set for the instance.
func withEnvDefaults(inv events.Invocation, getenv func(string) string) events.Invocation {
	if !inv.Credentials.Valid() {
		inv.Credentials = events.Credentials{
			AccessKeyID:     getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
			AccessKeySecret: getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
			SecurityToken:   getenv("ALIBABA_CLOUD_SECURITY_TOKEN"),
		}
	}
	inv.Function = first(inv.Function, getenv("FC_FUNCTION_NAME"), getenv("AWS_LAMBDA_FUNCTION_NAME"))
	inv.Region = first(inv.Region, getenv("FC_REGION"), getenv("AWS_REGION"))
	inv.AccountID = first(inv.AccountID, getenv("FC_ACCOUNT_ID"))
	if inv.RequestID == "" {
		inv.RequestID = newRequestID()
	}
	return inv
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// newRequestID makes an id for calls the platform did not name, so log
// lines of one call still group together.
func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "local-" + hex.EncodeToString(b[:])
}
