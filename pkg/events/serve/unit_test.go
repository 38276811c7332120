package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
)

// These tests run the glue in-process, so -race sees it; the binary tests
// cover the platforms end to end.

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromFCHeaders(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	getenv := env(map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "envId", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "envSecret",
		"FC_REGION": "cn-beijing", "FC_FUNCTION_NAME": "envFn"})
	tests := []struct {
		name   string
		header map[string]string
		want   events.Invocation
	}{
		{"all headers", map[string]string{"x-fc-request-id": "r1", "x-fc-function-deadline": "1795305600000",
			"x-fc-function-timeout": "30", "x-fc-access-key-id": "id", "x-fc-access-key-secret": "s",
			"x-fc-security-token": "tok", "x-fc-retry-count": "3", "x-fc-region": "cn-hangzhou", "x-fc-function-name": "fn"},
			events.Invocation{Platform: events.PlatformFC, RequestID: "r1", Function: "fn", Region: "cn-hangzhou",
				Deadline: time.UnixMilli(1795305600000), RetryCount: 3, Credentials: events.Credentials{AccessKeyID: "id", AccessKeySecret: "s", SecurityToken: "tok"}}},
		{"timeout only, env fallbacks", map[string]string{"x-fc-request-id": "r2", "x-fc-function-timeout": "30", "x-fc-retry-count": "x"},
			events.Invocation{Platform: events.PlatformFC, RequestID: "r2", Function: "envFn", Region: "cn-beijing",
				Deadline: now.Add(30 * time.Second), Credentials: events.Credentials{AccessKeyID: "envId", AccessKeySecret: "envSecret"}}},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.header {
			h.Set(k, v)
		}
		if got := fromFCHeaders(h, now, getenv); got != tt.want {
			t.Errorf("%s: fromFCHeaders = %+v; want %+v", tt.name, got, tt.want)
		}
	}
}

func TestFromLambda(t *testing.T) {
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{
		AwsRequestID: "aws-r1", InvokedFunctionArn: "arn:aws:lambda:eu-west-1:111122223333:function:thumb:live"})
	got := fromLambda(ctx, env(nil))
	if got.RequestID != "aws-r1" || got.Region != "eu-west-1" || got.AccountID != "111122223333" || got.Function != "thumb" {
		t.Errorf("fromLambda = %+v; want request aws-r1, eu-west-1, 111122223333, thumb", got)
	}
}

func TestObjectsDispositionsInProcess(t *testing.T) {
	var calls atomic.Int32
	h := Objects(func(ctx context.Context, ev events.ObjectEvent) error {
		calls.Add(1)
		switch ev.Key {
		case "gone.jpg":
			return fault.New(fault.NotFound, "gone")
		case "down.jpg":
			return fmt.Errorf("put variant %s: %w", ev.Key, context.DeadlineExceeded)
		case "boom.jpg":
			panic("boom")
		}
		return nil
	})
	var buf bytes.Buffer
	ctx := zerolog.New(&buf).WithContext(context.Background())
	tests := []struct {
		keys      []string
		wantRetry bool
	}{
		{[]string{"a.jpg", "gone.jpg"}, false},
		{[]string{"down.jpg", "a.jpg"}, true},
		{[]string{"boom.jpg", "a.jpg", "gone.jpg"}, true},
	}
	for _, tt := range tests {
		calls.Store(0)
		_, err := h.event(ctx, ossEvent(tt.keys...), events.PlatformFC)
		if (err != nil) != tt.wantRetry {
			t.Errorf("%v: err = %v; want retry %v", tt.keys, err, tt.wantRetry)
		}
		if int(calls.Load()) != len(tt.keys) {
			t.Errorf("%v: handler called %d times; want once per record", tt.keys, calls.Load())
		}
	}
	if _, err := h.event(ctx, []byte(`{}`), events.PlatformFC); !errors.Is(err, events.ErrMalformed) {
		t.Errorf("event({}) err = %v; want ErrMalformed", err)
	}
}

func TestHTTPEventRecorder(t *testing.T) {
	h := HTTP(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bad-code":
			w.WriteHeader(42)
		case "/early-hints":
			w.Header().Set("Link", "</a.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
		case "/late":
			w.WriteHeader(http.StatusAccepted)
			w.WriteHeader(http.StatusTeapot) // ignored, as net/http does
		}
		_, _ = w.Write([]byte("<!DOCTYPE html><p>hi"))
	}))
	for path, want := range map[string]int{"/": 200, "/late": 202, "/early-hints": 200} {
		out, err := h.event(context.Background(), fcHTTPEvent("GET", path, nil, "", false), events.PlatformFC)
		if err != nil {
			t.Fatal(err)
		}
		var r httpResponse
		_ = json.Unmarshal(out, &r)
		if r.StatusCode != want || r.Headers["Content-Type"] != "text/html; charset=utf-8" || r.IsBase64Encoded {
			t.Errorf("%s: response %+v; want %d, sniffed text/html, body as text", path, r, want)
		}
	}
	out, _ := h.event(context.Background(), fcHTTPEvent("GET", "/bad-code", nil, "", false), events.PlatformFC)
	var r httpResponse
	_ = json.Unmarshal(out, &r)
	if r.StatusCode != 500 || r.Body != internalBody {
		t.Errorf("WriteHeader(42): response %+v; want 500 %q, as net/http panics on it", r, internalBody)
	}
}

func TestRunSetupFailureInProcess(t *testing.T) {
	var out bytes.Buffer
	getenv := env(map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": "tok-zz9-secret-value"})
	code := run("fn", func(context.Context) (Handler, error) {
		return nil, errors.New("load config: bad region near tok-zz9-secret-value")
	}, nil, getenv, &out)
	if code != 1 || strings.Count(out.String(), "\n") != 1 || strings.Contains(out.String(), "tok-zz9-secret-value") ||
		!strings.Contains(out.String(), "bad region") {
		t.Errorf("run = %d, output %q; want 1 and one redacted line naming the error", code, out.String())
	}
	out.Reset()
	code = run("fn", func(context.Context) (Handler, error) { return nil, nil }, nil, getenv, &out)
	if code != 1 || !strings.Contains(out.String(), "setup returned no handler") {
		t.Errorf("nil handler: run = %d, %q; want 1 and a clear message", code, out.String())
	}
	if code = run("fn", nil, []string{"-bogus"}, getenv, &out); code != 2 {
		t.Errorf("bad flag: run = %d; want 2", code)
	}
}
