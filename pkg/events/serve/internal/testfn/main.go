// Command testfn is the function the serve tests build and run: a real
// binary calling serve.Start, whose handlers report what they were given
// (in their responses and log lines) and fail on demand. TESTFN_KIND picks
// the handler: http, objects, ticks, or badsetup.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/events/serve"
	"github.com/ossflow/ossflow/pkg/fault"
)

func main() {
	serve.Start("testfn", setup)
}

func setup(ctx context.Context) (serve.Handler, error) {
	switch kind := os.Getenv("TESTFN_KIND"); kind {
	case "http":
		return serve.HTTP(routes()), nil
	case "objects":
		return serve.Objects(object), nil
	case "ticks":
		return serve.Ticks(tick), nil
	default:
		// Like a config loader that quotes too much: the token must not print.
		return nil, fmt.Errorf("load config: OSS_BUCKET is not set (kind %q, token %s)",
			kind, os.Getenv("ALIBABA_CLOUD_SECURITY_TOKEN"))
	}
}

// whoami is what a handler learned about its invocation. The secret is
// reported as a hash so the test can match it without anything printing it.
type whoami struct {
	RequestID   string `json:"requestId"`
	Function    string `json:"function"`
	Region      string `json:"region"`
	AccountID   string `json:"accountId"`
	RetryCount  int    `json:"retryCount"`
	Platform    string `json:"platform"`
	DeadlineMs  int64  `json:"deadlineMs"`
	CtxDeadline int64  `json:"ctxDeadlineMs"`
	AccessKeyID string `json:"accessKeyId"`
	SecretHash  string `json:"secretHash"`
	TokenHash   string `json:"tokenHash"`
}

func describe(ctx context.Context) whoami {
	inv, _ := events.InvocationFrom(ctx)
	w := whoami{
		RequestID: inv.RequestID, Function: inv.Function, Region: inv.Region, AccountID: inv.AccountID,
		RetryCount: inv.RetryCount, Platform: string(inv.Platform), AccessKeyID: inv.Credentials.AccessKeyID,
		SecretHash: hash(inv.Credentials.AccessKeySecret), TokenHash: hash(inv.Credentials.SecurityToken),
	}
	if !inv.Deadline.IsZero() {
		w.DeadlineMs = inv.Deadline.UnixMilli()
	}
	if d, ok := ctx.Deadline(); ok {
		w.CtxDeadline = d.UnixMilli()
	}
	return w
}

// hash is the short digest the tests compare secrets by.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

func routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		d := describe(r.Context())
		zerolog.Ctx(r.Context()).Info().Str("accessKeyId", d.AccessKeyID).Msg("whoami")
		writeJSON(w, d)
	})
	mux.HandleFunc("/echo/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		writeJSON(w, map[string]any{
			"method": r.Method, "path": r.URL.Path, "escapedPath": r.URL.EscapedPath(),
			"query": r.URL.Query(), "body": string(body), "host": r.Host, "remoteAddr": r.RemoteAddr,
			"cookie": r.Header.Get("Cookie"), "secretHeader": r.Header.Get("x-fc-access-key-secret"),
		})
	})
	mux.HandleFunc("/png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Add("Set-Cookie", "a=1")
		w.Header().Add("Set-Cookie", "b=2")
		_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x01\x02"))
	})
	mux.HandleFunc("/panic", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("partial") {
			w.Header().Set("X-Partial", "yes")
			_, _ = w.Write([]byte("partial"))
		}
		panic("boom")
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func object(ctx context.Context, ev events.ObjectEvent) error {
	switch {
	case strings.HasPrefix(ev.Key, "bad/"):
		return fault.Newf(fault.Invalid, "%s is not an image", ev.Key)
	case strings.HasPrefix(ev.Key, "flaky/"):
		return fault.Wrap(fault.Unavailable, "", errors.New("object store timed out"))
	case strings.HasPrefix(ev.Key, "panic/"):
		panic("record " + ev.Key)
	}
	d := describe(ctx)
	zerolog.Ctx(ctx).Info().Str("bucket", ev.Bucket).Str("key", ev.Key).Str("platform", d.Platform).
		Str("accessKeyId", d.AccessKeyID).Str("fp", d.SecretHash).
		Int64("deadlineMs", d.DeadlineMs).Int64("ctxDeadlineMs", d.CtxDeadline).Msg("processed")
	return nil
}

func tick(ctx context.Context, t events.Tick) error {
	switch t.Payload {
	case "fail":
		return fault.Wrap(fault.Unavailable, "", errors.New("audit store down"))
	case "drop":
		return fault.New(fault.Invalid, "unknown audit")
	}
	zerolog.Ctx(ctx).Info().Str("trigger", t.Name).Str("payload", t.Payload).Msg("tick")
	return nil
}
