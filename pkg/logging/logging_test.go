package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"
)

func TestLineShape(t *testing.T) {
	var buf bytes.Buffer
	l := New(&buf, "thumbnail")
	ctx, _ := ForRequest(context.Background(), l, "1-abc-def")
	zerolog.Ctx(ctx).Info().Str("key", "uploads/a.jpg").Msg("processed")

	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("log line is not JSON: %v: %q", err, buf.String())
	}
	for field, want := range map[string]string{
		"level": "info", "function": "thumbnail", "requestId": "1-abc-def",
		"message": "processed", "key": "uploads/a.jpg",
	} {
		if got, _ := line[field].(string); got != want {
			t.Errorf("%s = %q; want %q", field, got, want)
		}
	}
	ts, _ := line["time"].(string)
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(ts) {
		t.Errorf("time = %q; want RFC 3339 UTC with milliseconds", ts)
	}
	if strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("want exactly one line, got %q", buf.String())
	}
}

// Secrets that must never print, each in a form code really logs it.
const (
	akSecret = "9KfQq2sLwXyZ0aB1cD2eF3gH4iJ5kL"
	stsToken = "CAIS8QF1q6Ft5B2yfSjIr5bNIfvgj6dxgJSHOUPJiUQ7eOxvhKzBkzz2IH1Je3NpAO0Yt/k1nWpQ7PkblqJ4T5pIXlHHdM8u"
	jwt      = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"
	v4Sig    = "a5f8e8c9d0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7"
)

func TestRedaction(t *testing.T) {
	cases := []struct {
		name string
		log  func(l zerolog.Logger)
		keep []string // non-secret text that must survive
		gone []string // secrets that must not appear
	}{
		{"secret-named field", func(l zerolog.Logger) {
			l.Info().Str("AccessKeyId", "LTAI5tExampleId").Str("AccessKeySecret", akSecret).Msg("creds")
		}, []string{"LTAI5tExampleId", "creds"}, []string{akSecret}},
		{"security token field", func(l zerolog.Logger) {
			l.Info().Str("securityToken", stsToken).Msg("sts")
		}, []string{"sts"}, []string{stsToken}},
		{"presigned URL in a message", func(l zerolog.Logger) {
			l.Info().Str("url", "http://b.oss/k.jpg?x-oss-credential=LTAI5%2F20261122%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-signature="+v4Sig+"&x-oss-security-token="+stsToken).Msg("presigned")
		}, []string{"http://b.oss/k.jpg", "presigned"}, []string{v4Sig, stsToken}},
		{"V4 authorization header in an error", func(l zerolog.Logger) {
			l.Error().Err(errors.New("request failed: Authorization: OSS4-HMAC-SHA256 Credential=LTAI5/20261122/cn-hangzhou/oss/aliyun_v4_request,Signature=" + v4Sig)).Msg("oss")
		}, []string{"request failed", "LTAI5/20261122"}, []string{v4Sig}},
		{"V1 authorization header", func(l zerolog.Logger) {
			l.Warn().Str("header", "OSS LTAI5tExampleId:kZoYNv66bsmc10+dcGKw5x2PRrk=").Msg("v1")
		}, []string{"LTAI5tExampleId"}, []string{"kZoYNv66bsmc10+dcGKw5x2PRrk="}},
		{"bearer token and bare JWT", func(l zerolog.Logger) {
			l.Info().Str("auth", "Bearer "+jwt).Str("note", "caller sent "+jwt).Msg("auth")
		}, []string{"caller sent"}, []string{jwt, "c2lnbmF0dXJlLWJ5dGVzLWhlcmU"}},
		{"STS token inside free text", func(l zerolog.Logger) {
			l.Info().Msg("got token " + stsToken + " from sts")
		}, []string{"from sts"}, []string{stsToken}},
		{"policy form fields", func(l zerolog.Logger) {
			l.Info().Interface("fields", map[string]string{"key": "uploads/u1/a.jpg", "x-oss-signature": v4Sig}).Msg("form")
		}, []string{"uploads/u1/a.jpg"}, []string{v4Sig}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			c.log(New(&buf, "fn"))
			out := buf.String()
			if !json.Valid(bytes.TrimSpace(buf.Bytes())) {
				t.Errorf("redacted line is not valid JSON: %s", out)
			}
			for _, s := range c.gone {
				if strings.Contains(out, s) {
					t.Errorf("secret %q printed: %s", s, out)
				}
			}
			for _, s := range c.keep {
				if !strings.Contains(out, s) {
					t.Errorf("lost %q: %s", s, out)
				}
			}
			if !strings.Contains(out, Redacted) {
				t.Errorf("no %s marker: %s", Redacted, out)
			}
		})
	}
}

func TestAddSecretRedactsAnywhere(t *testing.T) {
	var buf bytes.Buffer
	r := NewRedactor(&buf)
	r.AddSecret(akSecret)
	r.AddSecret("short") // too short to redact safely: ignored
	l := NewWithRedactor(r, "fn")
	l.Info().Str("detail", "x"+akSecret+"y").Msg("a short word stays")
	out := buf.String()
	if strings.Contains(out, akSecret) {
		t.Fatalf("registered secret printed: %s", out)
	}
	if !strings.Contains(out, "a short word stays") {
		t.Fatalf("short value was redacted: %s", out)
	}
}

func TestRedactorConcurrent(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	r := NewRedactor(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}))
	l := NewWithRedactor(r, "fn")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.AddSecret(akSecret)
			for j := 0; j < 50; j++ {
				l.Info().Str("token", stsToken).Msg("tick")
			}
		}()
	}
	wg.Wait()
	if strings.Contains(buf.String(), stsToken) {
		t.Fatal("token printed under concurrency")
	}
	if n := strings.Count(buf.String(), "\n"); n != 400 {
		t.Fatalf("lines = %d; want 400", n)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
