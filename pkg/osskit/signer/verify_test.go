package signer

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	negNow   = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	negCreds = Credentials{AccessKeyID: "LTAI5tNegative", AccessKeySecret: "neg/Secret+Key=Value", SecurityToken: "CAIS.neg.token"}
)

// signed returns a header-signed PUT of photos/a b.jpg with a signed
// Content-Type and an additional header.
func signedHeader(t *testing.T) *http.Request {
	t.Helper()
	r, _ := http.NewRequest("PUT", "http://photos.oss-cn-hangzhou.aliyuncs.com/a%20b.jpg?acl", nil)
	r.Header.Set("Content-Type", "image/jpeg")
	r.Header.Set("Cache-Control", "no-cache")
	if err := SignRequest(r, "photos", "a b.jpg", negCreds, "cn-hangzhou", negNow, []string{"cache-control"}); err != nil {
		t.Fatal(err)
	}
	return r
}

func presigned(t *testing.T, expires time.Duration) *http.Request {
	t.Helper()
	r, _ := http.NewRequest("PUT", "http://photos.oss-cn-hangzhou.aliyuncs.com/a%20b.jpg", nil)
	r.Header.Set("Content-Type", "image/jpeg")
	r.Header.Set("x-oss-forbid-overwrite", "true")
	raw, err := PresignURL(r, "photos", "a b.jpg", negCreds, "cn-hangzhou", negNow, expires, []string{"host"})
	if err != nil {
		t.Fatal(err)
	}
	r.URL, _ = url.Parse(raw)
	return r
}

var hexRun = regexp.MustCompile(`[0-9a-fA-F]{32,}`)

func setQuery(r *http.Request, name, value string) {
	q := r.URL.Query()
	q.Set(name, value)
	r.URL.RawQuery = q.Encode()
}

func TestVerifyNegative(t *testing.T) {
	lookup := staticLookup(negCreds)
	tests := []struct {
		name   string
		req    func(t *testing.T) *http.Request
		bucket string
		key    string
		at     time.Time
		lookup func(string) (string, bool)
		want   string
	}{
		{name: "header ok", req: signedHeader},
		{name: "presign ok", req: func(t *testing.T) *http.Request { return presigned(t, time.Hour) }},
		{name: "header tampered method", req: func(t *testing.T) *http.Request { r := signedHeader(t); r.Method = "DELETE"; return r }, want: CodeSignatureDoesNotMatch},
		{name: "header tampered key", req: signedHeader, key: "a c.jpg", want: CodeSignatureDoesNotMatch},
		{name: "header tampered bucket", req: signedHeader, bucket: "photos2", want: CodeSignatureDoesNotMatch},
		{name: "header tampered query", req: func(t *testing.T) *http.Request { r := signedHeader(t); r.URL.RawQuery = "tagging"; return r }, want: CodeSignatureDoesNotMatch},
		{name: "header tampered signed header", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.Header.Set("Content-Type", "text/html")
			return r
		}, want: CodeSignatureDoesNotMatch},
		{name: "header added x-oss header", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.Header.Set("x-oss-object-acl", "public-read")
			return r
		}, want: CodeSignatureDoesNotMatch},
		{name: "header missing additional header", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.Header.Del("Cache-Control")
			return r
		}, want: CodeSignatureDoesNotMatch},
		{name: "header unsigned header changed is fine", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.Header.Set("User-Agent", "other")
			return r
		}},
		{name: "wrong secret", req: signedHeader, lookup: func(string) (string, bool) { return "wrong", true }, want: CodeSignatureDoesNotMatch},
		{name: "unknown key id", req: signedHeader, lookup: func(string) (string, bool) { return "", false }, want: CodeInvalidAccessKeyID},
		{name: "skew exactly 15 min ok", req: signedHeader, at: negNow.Add(MaxSkew)},
		{name: "skew 15 min + 1 s late", req: signedHeader, at: negNow.Add(MaxSkew + time.Second), want: CodeRequestTimeTooSkewed},
		{name: "skew 15 min + 1 s early", req: signedHeader, at: negNow.Add(-MaxSkew - time.Second), want: CodeRequestTimeTooSkewed},
		{name: "presign at expiry ok", req: func(t *testing.T) *http.Request { return presigned(t, time.Hour) }, at: negNow.Add(time.Hour)},
		{name: "presign expired by 1 s", req: func(t *testing.T) *http.Request { return presigned(t, time.Hour) }, at: negNow.Add(time.Hour + time.Second), want: CodeAccessDenied},
		{name: "presign x-oss-expires > 7 days", req: func(t *testing.T) *http.Request {
			r := presigned(t, time.Hour)
			setQuery(r, "x-oss-expires", strconv.Itoa(604801))
			return r
		}, want: CodeInvalidArgument},
		{name: "presign stretched expiry", req: func(t *testing.T) *http.Request {
			r := presigned(t, time.Hour)
			setQuery(r, "x-oss-expires", "7200")
			return r
		}, want: CodeSignatureDoesNotMatch},
		{name: "presign missing signed header", req: func(t *testing.T) *http.Request {
			r := presigned(t, time.Hour)
			r.Header.Del("x-oss-forbid-overwrite")
			return r
		}, want: CodeSignatureDoesNotMatch},
		{name: "presign other host", req: func(t *testing.T) *http.Request {
			r := presigned(t, time.Hour)
			r.Host = "evil.example"
			return r
		}, want: CodeSignatureDoesNotMatch},
		{name: "presign dated 16 min ahead", req: func(t *testing.T) *http.Request { return presigned(t, time.Hour) }, at: negNow.Add(-16 * time.Minute), want: CodeRequestTimeTooSkewed},
		{name: "presign repeated signature param", req: func(t *testing.T) *http.Request {
			r := presigned(t, time.Hour)
			r.URL.RawQuery += "&x-oss-signature=00"
			return r
		}, want: CodeInvalidArgument},
		{name: "presign plus header auth", req: func(t *testing.T) *http.Request {
			r := presigned(t, time.Hour)
			r.Header.Set("Authorization", "OSS a:b")
			return r
		}, want: CodeInvalidArgument},
		{name: "anonymous", req: func(t *testing.T) *http.Request {
			r, _ := http.NewRequest("GET", "http://photos.oss-cn-hangzhou.aliyuncs.com/a", nil)
			return r
		}, want: CodeAccessDenied},
		{name: "unknown scheme", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.Header.Set("Authorization", "Bearer x")
			return r
		}, want: CodeInvalidArgument},
		{name: "malformed credential", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/oss/", "/s3/", 1))
			return r
		}, want: CodeInvalidArgument},
		{name: "bad percent escape", req: func(t *testing.T) *http.Request {
			r := signedHeader(t)
			r.URL.RawQuery = "a=%zz"
			return r
		}, want: CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.req(t)
			bucket, key := "photos", "a b.jpg"
			if tt.bucket != "" {
				bucket = tt.bucket
			}
			if tt.key != "" {
				key = tt.key
			}
			at := negNow
			if !tt.at.IsZero() {
				at = tt.at
			}
			lk := lookup
			if tt.lookup != nil {
				lk = tt.lookup
			}
			_, err := Verify(r, bucket, key, at, lk)
			if got := errCode(err); got != tt.want {
				t.Fatalf("code = %q (%v); want %q", got, err, tt.want)
			}
			if err == nil {
				return
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("err %T is not *Error", err)
			}
			for _, secret := range append([]string{negCreds.AccessKeySecret, negCreds.SecurityToken}, signatures(r)...) {
				if secret != "" && strings.Contains(err.Error(), secret) {
					t.Errorf("error %q leaks %q", err, secret)
				}
			}
			// The signature we computed never leaves Verify: no hex run as
			// long as a signature may appear in the message.
			if hexRun.MatchString(err.Error()) {
				t.Errorf("error %q contains a signature-like hex string", err)
			}
		})
	}
}

// signatures returns the signature the request carries and the one we
// would compute for it, neither of which may appear in an error.
func signatures(r *http.Request) []string {
	var out []string
	if a := r.Header.Get("Authorization"); a != "" {
		if _, sig, ok := strings.Cut(a, "Signature="); ok {
			out = append(out, sig)
		}
	}
	if s := r.URL.Query().Get("x-oss-signature"); s != "" {
		out = append(out, s)
	}
	return out
}

func TestSignInputErrors(t *testing.T) {
	r, _ := http.NewRequest("GET", "http://b.oss-cn-hangzhou.aliyuncs.com/k", nil)
	tests := []struct {
		name string
		err  error
	}{
		{"no secret", SignRequest(r.Clone(r.Context()), "b", "k", Credentials{AccessKeyID: "id"}, "cn-hangzhou", negNow, nil)},
		{"no region", SignRequest(r.Clone(r.Context()), "b", "k", negCreds, "", negNow, nil)},
		{"key without bucket", SignRequest(r.Clone(r.Context()), "", "k", negCreds, "cn-hangzhou", negNow, nil)},
		{"nil request", SignRequest(nil, "b", "k", negCreds, "cn-hangzhou", negNow, nil)},
		{"presign zero expiry", second(PresignURL(r, "b", "k", negCreds, "cn-hangzhou", negNow, 0, nil))},
		{"presign 7 days + 1 s", second(PresignURL(r, "b", "k", negCreds, "cn-hangzhou", negNow, MaxPresignExpiry+time.Second, nil))},
	}
	for _, tt := range tests {
		if code := errCode(tt.err); code != CodeInvalidArgument {
			t.Errorf("%s: code = %q; want InvalidArgument", tt.name, code)
		}
	}
	if _, err := PresignURL(r, "b", "k", negCreds, "cn-hangzhou", negNow, MaxPresignExpiry, nil); err != nil {
		t.Errorf("presign exactly 7 days: %v", err)
	}
}

func second(_ string, err error) error { return err }
