package callback

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

// roundTripFunc serves key fetches in memory so the fuzzer stays fast and
// off the network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzVerifyHeaders throws arbitrary headers, request-targets and bodies at
// Verify. It must never panic, must always return a typed error unless the
// input is one the seed corpus signed, and must leave r.Body readable.
func FuzzVerifyHeaders(f *testing.F) {
	key, _, pemBytes := keys(f)
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(pemBytes)), Request: r}, nil
	})}
	v := newTestVerifier(f, plainConfig(), client, nil)
	signed := map[string]bool{}
	seed := func(keyURL, target, body string) {
		r := signedRequest(f, key, keyURL, target, []byte(body))
		msg, _ := StringToSign(r.URL.EscapedPath(), r.URL.RawQuery, []byte(body))
		signed[string(msg)] = true
		f.Add(r.Header.Get(HeaderPubKeyURL), r.Header.Get(HeaderAuthorization), target, []byte(body))
	}
	seed(ossKeyURL, "/cb", "bucket=b&object=a.jpg")
	seed(ossKeyURL, "/cb?x=1&y=%2F", `{"object":"a"}`)
	seed(ossKeyURL, "/%E4%B8%AD", "")
	b := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	f.Add(b("http://169.254.169.254/k.pem"), "AAAA", "/cb", []byte("x"))
	f.Add(b("http://user@gosspublic.alicdn.com/k.pem"), "AAAA", "/cb", []byte("x"))
	f.Add(b("http://gosspublic.alicdn.com:80/k.pem"), "", "*", []byte(nil))
	f.Add("", "", "http://a/b?c", []byte("x"))

	f.Fuzz(func(t *testing.T, keyHdr, authHdr, target string, body []byte) {
		r := &http.Request{
			Method:     http.MethodPost,
			URL:        &url.URL{Path: "/"},
			RequestURI: target,
			Header:     http.Header{"X-Oss-Pub-Key-Url": {keyHdr}, "Authorization": {authHdr}},
			Body:       io.NopCloser(bytes.NewReader(body)),
		}
		got, err := v.Verify(context.Background(), r)
		if err != nil {
			if ReasonOf(err) == "" {
				t.Fatalf("untyped error %v", err)
			}
			if got != nil {
				t.Fatalf("body returned with error %v", err)
			}
		} else {
			u, _ := url.ParseRequestURI(target)
			msg, _ := StringToSign(u.EscapedPath(), u.RawQuery, body)
			if !signed[string(msg)] {
				t.Fatalf("accepted a request nobody signed: target %q", target)
			}
			if !bytes.Equal(got, body) {
				t.Fatalf("body = %q; want %q", got, body)
			}
		}
		if ReasonOf(err) != ReasonBodyTooLarge {
			again, _ := io.ReadAll(r.Body)
			if !bytes.Equal(again, body) {
				t.Fatalf("r.Body after Verify = %q; want %q", again, body)
			}
		}
	})
}

// FuzzDecode feeds arbitrary callback / callback-var parameters to Decode.
// Whatever Decode accepts must survive Encode and decode to the same value.
func FuzzDecode(f *testing.F) {
	b := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	f.Add(b(`{"callbackUrl":"http://a.example/cb","callbackBody":"o=${object}&u=${x:u}","callbackSNI":true,"callbackBodyType":"application/json"}`), b(`{"x:u":"1"}`))
	f.Add(b(`{"callbackUrl":"http://a/cb;https://b/c","callbackHost":"h","callbackBody":"${imageInfo.width}"}`), "")
	f.Add(b(`{"callbackUrl":1}`), "")
	f.Add("%%", "")
	f.Fuzz(func(t *testing.T, cb, cbVar string) {
		c, err := Decode(cb, cbVar)
		if err != nil {
			if ReasonOf(err) != ReasonInvalidCallback {
				t.Fatalf("Decode error %v; want %s", err, ReasonInvalidCallback)
			}
			return
		}
		cb2, cbVar2, err := c.Encode()
		if err != nil {
			t.Fatalf("Encode of decoded %+v = %v", c, err)
		}
		c2, err := Decode(cb2, cbVar2)
		if err != nil {
			t.Fatalf("Decode of re-encoded = %v", err)
		}
		if len(c.Vars) == 0 {
			c.Vars = nil // "{}" and absent callback-var mean the same
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip = %+v; want %+v", c2, c)
		}
	})
}
