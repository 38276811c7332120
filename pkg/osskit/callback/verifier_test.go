package callback

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

// The signed string is url_decode(path) + "?" + query (if any) + "\n" + body,
// MD5 + RSA PKCS#1 v1.5, per step 4 "verify the signature" of
// https://www.alibabacloud.com/help/en/oss/developer-reference/callback
// (also the official Java sample's VerifyOSSCallbackRequest, which appends
// "?" + getQueryString() only when the query is non-empty).
func TestVerifyAccepts(t *testing.T) {
	key, _, _ := keys(t)
	ks := newKeyServer(t, false)
	v := newTestVerifier(t, plainConfig(), ks.client(), nil)
	tests := []struct {
		name, target string
		body         string
	}{
		{"form body", "/oss/callback", "bucket=b&object=uploads%2Fa.jpg&size=1024"},
		{"json body", "/oss/callback", `{"bucket":"b","object":"a.jpg","size":1024}`},
		{"query kept raw", "/cb?user=alice&sig=a%2Bb", "object=a.jpg"},
		{"encoded path", "/up%20load/%E4%B8%AD.php", "object=a.jpg"},
		{"empty body", "/cb", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := signedRequest(t, key, ossKeyURL, tt.target, []byte(tt.body))
			got, err := v.Verify(context.Background(), r)
			if err != nil {
				t.Fatalf("Verify = %v; want nil", err)
			}
			if string(got) != tt.body {
				t.Errorf("body = %q; want %q", got, tt.body)
			}
			again, _ := io.ReadAll(r.Body)
			if string(again) != tt.body {
				t.Errorf("r.Body after Verify = %q; want %q", again, tt.body)
			}
		})
	}
}

// OSS sends http://gosspublic.alicdn.com/...; with the default config the
// key is fetched over https instead.
func TestVerifyDefaultConfigFetchesOverTLS(t *testing.T) {
	key, _, _ := keys(t)
	ks := newKeyServer(t, true)
	v := newTestVerifier(t, DefaultConfig(), ks.client(), nil)
	r := signedRequest(t, key, ossKeyURL, "/cb", []byte("object=a.jpg"))
	if _, err := v.Verify(context.Background(), r); err != nil {
		t.Fatalf("Verify = %v; want nil", err)
	}
	if n := ks.fetches.Load(); n != 1 {
		t.Errorf("TLS key fetches = %d; want 1", n)
	}
	ks.mux.HandleFunc("/downgrade.pem", redirect(ossKeyURL))
	r = signedRequest(t, key, "https://gosspublic.alicdn.com/downgrade.pem", "/cb", []byte("object=a.jpg"))
	if _, err := v.Verify(context.Background(), r); ReasonOf(err) != ReasonKeyURLRejected {
		t.Errorf("redirect from https to http: Verify = %v; want %s", err, ReasonKeyURLRejected)
	}
}

func TestVerifyRejectsTampering(t *testing.T) {
	key, other, _ := keys(t)
	ks := newKeyServer(t, false)
	v := newTestVerifier(t, plainConfig(), ks.client(), nil)
	body := []byte("bucket=b&object=a.jpg&size=1024")
	tests := []struct {
		name   string
		mutate func(r *http.Request) *http.Request
		want   Reason
		kind   fault.Kind
	}{
		{"tampered body", func(r *http.Request) *http.Request {
			r.Body = io.NopCloser(bytes.NewReader([]byte("bucket=b&object=evil.jpg&size=1024")))
			return r
		}, ReasonBadSignature, fault.Unauthorized},
		{"tampered query", func(r *http.Request) *http.Request {
			return resign(r, "/cb?user=mallory", r.Header)
		}, ReasonBadSignature, fault.Unauthorized},
		{"tampered path", func(r *http.Request) *http.Request {
			return resign(r, "/admin?user=alice", r.Header)
		}, ReasonBadSignature, fault.Unauthorized},
		{"query dropped", func(r *http.Request) *http.Request {
			return resign(r, "/cb", r.Header)
		}, ReasonBadSignature, fault.Unauthorized},
		{"missing authorization", func(r *http.Request) *http.Request {
			r.Header.Del(HeaderAuthorization)
			return r
		}, ReasonMissingHeader, fault.Unauthorized},
		{"garbage authorization", func(r *http.Request) *http.Request {
			r.Header.Set(HeaderAuthorization, "not base64 !!")
			return r
		}, ReasonMalformedHeader, fault.Unauthorized},
		{"random signature", func(r *http.Request) *http.Request {
			r.Header.Set(HeaderAuthorization, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
			return r
		}, ReasonBadSignature, fault.Unauthorized},
		{"signed by another key", func(r *http.Request) *http.Request {
			return signedRequest(t, other, ossKeyURL, "/cb?user=alice", body)
		}, ReasonBadSignature, fault.Unauthorized},
		{"duplicate authorization", func(r *http.Request) *http.Request {
			r.Header.Add(HeaderAuthorization, r.Header.Get(HeaderAuthorization))
			return r
		}, ReasonMalformedHeader, fault.Unauthorized},
		{"missing key url", func(r *http.Request) *http.Request {
			r.Header.Del(HeaderPubKeyURL)
			return r
		}, ReasonMissingHeader, fault.Unauthorized},
		{"garbage key url", func(r *http.Request) *http.Request {
			r.Header.Set(HeaderPubKeyURL, "%%%")
			return r
		}, ReasonMalformedHeader, fault.Unauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.mutate(signedRequest(t, key, ossKeyURL, "/cb?user=alice", body))
			auth := r.Header.Get(HeaderAuthorization)
			got, err := v.Verify(context.Background(), r)
			if ReasonOf(err) != tt.want {
				t.Fatalf("Verify error = %v; want reason %s", err, tt.want)
			}
			if got != nil {
				t.Errorf("body = %q on error; want nil", got)
			}
			if k := fault.KindOf(err); k != tt.kind {
				t.Errorf("kind = %s; want %s", k, tt.kind)
			}
			if len(auth) > 8 && bytes.Contains([]byte(err.Error()), []byte(auth)) {
				t.Errorf("error %q echoes the authorization header", err)
			}
		})
	}
}

// resign keeps r's signature headers but moves it to target, as an attacker
// replaying a callback against another URL would.
func resign(r *http.Request, target string, h http.Header) *http.Request {
	body, _ := io.ReadAll(r.Body)
	r2, _ := http.NewRequest(http.MethodPost, "http://app.example"+target, bytes.NewReader(body))
	r2.RequestURI = target
	r2.Header = h.Clone()
	return r2
}

func TestVerifyBodyLimit(t *testing.T) {
	key, _, _ := keys(t)
	ks := newKeyServer(t, false)
	cfg := plainConfig()
	cfg.MaxBodyBytes = 16
	v := newTestVerifier(t, cfg, ks.client(), nil)
	for _, chunked := range []bool{false, true} {
		r := signedRequest(t, key, ossKeyURL, "/cb", bytes.Repeat([]byte("a"), 17))
		if chunked {
			r.ContentLength = -1
		}
		_, err := v.Verify(context.Background(), r)
		if ReasonOf(err) != ReasonBodyTooLarge || fault.KindOf(err) != fault.TooLarge {
			t.Errorf("chunked=%v: Verify = %v; want %s (too_large)", chunked, err, ReasonBodyTooLarge)
		}
	}
	if n := ks.fetches.Load(); n != 0 {
		t.Errorf("key fetches = %d; want 0 (body checked before the network)", n)
	}
}

func TestVerifyErrorsTyped(t *testing.T) {
	var e *Error
	_, err := (&Verifier{}).Verify(context.Background(), nil)
	if !errors.As(err, &e) || e.Reason != ReasonBadRequest {
		t.Errorf("Verify(nil) = %v; want *Error %s", err, ReasonBadRequest)
	}
	if _, err := Sign(nil, "/", "", nil); ReasonOf(err) != ReasonInvalidConfig {
		t.Errorf("Sign(nil key) = %v; want %s", err, ReasonInvalidConfig)
	}
	if _, err := NewVerifier(Config{}, nil, nil); ReasonOf(err) != ReasonInvalidConfig {
		t.Errorf("NewVerifier(Config{}) = %v; want %s", err, ReasonInvalidConfig)
	}
}
