package ossemu_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

type xmlError struct {
	XMLName    xml.Name `xml:"Error"`
	Code       string   `xml:"Code"`
	Message    string   `xml:"Message"`
	RequestID  string   `xml:"RequestId"`
	HostID     string   `xml:"HostId"`
	Key        string   `xml:"Key"`
	BucketName string   `xml:"BucketName"`
	EC         string   `xml:"EC"`
}

func readError(t *testing.T, resp *http.Response) xmlError {
	t.Helper()
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var x xmlError
	if err := xml.Unmarshal(data, &x); err != nil {
		t.Fatalf("error body is not OSS XML: %v: %q", err, data)
	}
	return x
}

// signed builds a request signed V4 with the test key.
func signed(t *testing.T, srv *ossemutest.Server, method, bucket, key string, body io.Reader) *http.Request {
	t.Helper()
	data, _ := io.ReadAll(orEmpty(body))
	return signedWith(t, srv, method, bucket, key, string(data), nil)
}

func orEmpty(r io.Reader) io.Reader {
	if r == nil {
		return strings.NewReader("")
	}
	return r
}

// signedWith builds a request with body and headers, signed V4 with the
// test key (signed headers included).
func signedWith(t *testing.T, srv *ossemutest.Server, method, bucket, key, body string, headers map[string]string) *http.Request {
	t.Helper()
	path := "/"
	if bucket != "" {
		path += bucket + "/" + key
	}
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	creds := signer.Credentials{AccessKeyID: srv.AccessKeyID, AccessKeySecret: srv.AccessKeySecret}
	if err := signer.SignRequest(req, bucket, key, creds, srv.Region, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	return req
}

func do(t *testing.T, req *http.Request) *http.Response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestXMLErrorShape(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	tests := []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
		check  func(x xmlError) string
	}{
		{"anonymous on private bucket", func() *http.Request {
			r, _ := http.NewRequest("GET", srv.URL+"/photos/a.txt", nil)
			return r
		}, 403, "AccessDenied", nil},
		{"missing key", func() *http.Request { return signed(t, srv, "GET", "photos", "nope.txt", nil) }, 404, "NoSuchKey",
			func(x xmlError) string {
				if x.Key != "nope.txt" {
					return "Key = " + x.Key + "; want nope.txt"
				}
				return ""
			}},
		{"missing bucket", func() *http.Request { return signed(t, srv, "GET", "nobucket", "a.txt", nil) }, 404, "NoSuchBucket",
			func(x xmlError) string {
				if x.BucketName != "nobucket" {
					return "BucketName = " + x.BucketName + "; want nobucket"
				}
				return ""
			}},
		{"bad bucket name", func() *http.Request { return signed(t, srv, "GET", "Bad_Name", "a", nil) }, 400, "InvalidBucketName", nil},
		{"tampered signature", func() *http.Request {
			r := signed(t, srv, "GET", "photos", "a.txt", nil)
			r.URL.Path = "/photos/b.txt"
			return r
		}, 403, "SignatureDoesNotMatch", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, tt.req())
			x := readError(t, resp)
			if resp.StatusCode != tt.status || x.Code != tt.code {
				t.Fatalf("status = %d code %s; want %d %s", resp.StatusCode, x.Code, tt.status, tt.code)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/xml" {
				t.Errorf("Content-Type = %q; want application/xml", got)
			}
			id := resp.Header.Get("x-oss-request-id")
			if id == "" || x.RequestID != id {
				t.Errorf("RequestId = %q, header %q; want equal and non-empty", x.RequestID, id)
			}
			if x.HostID == "" || x.Message == "" {
				t.Errorf("HostId %q Message %q; want both set", x.HostID, x.Message)
			}
			if strings.Contains(x.Message, srv.AccessKeySecret) {
				t.Errorf("message leaks the secret")
			}
			if tt.check != nil {
				if msg := tt.check(x); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

func TestHeadErrorTravelsInHeader(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	resp := do(t, signed(t, srv, "HEAD", "photos", "nope.txt", nil))
	resp.Body.Close()
	raw, err := base64.StdEncoding.DecodeString(resp.Header.Get("x-oss-err"))
	if resp.StatusCode != 404 || err != nil {
		t.Fatalf("head missing = %d, x-oss-err decode err %v; want 404 and base64 XML", resp.StatusCode, err)
	}
	var x xmlError
	if err := xml.Unmarshal(raw, &x); err != nil || x.Code != "NoSuchKey" {
		t.Fatalf("x-oss-err = %q (%v); want NoSuchKey document", raw, err)
	}
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

// resign signs req again (after its URL or headers changed).
func resign(t *testing.T, srv *ossemutest.Server, req *http.Request, bucket, key string) *http.Request {
	t.Helper()
	req.Header.Del("Authorization")
	creds := signer.Credentials{AccessKeyID: srv.AccessKeyID, AccessKeySecret: srv.AccessKeySecret}
	if err := signer.SignRequest(req, bucket, key, creds, srv.Region, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	return req
}

// TestErrorsNeverEchoSecrets: a forged request's error must not carry the
// secret, the signature the client sent, or its security token.
func TestErrorsNeverEchoSecrets(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	req, _ := http.NewRequest("PUT", srv.URL+"/photos/a.txt", strings.NewReader("x"))
	creds := signer.Credentials{AccessKeyID: srv.AccessKeyID, AccessKeySecret: "forged-secret-123", SecurityToken: "token-secret-456"}
	if err := signer.SignRequest(req, "photos", "a.txt", creds, srv.Region, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	auth := req.Header.Get("Authorization")
	sig := auth[strings.LastIndex(auth, "=")+1:]
	resp := do(t, req)
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("forged put = %d; want 403", resp.StatusCode)
	}
	for _, secret := range []string{"forged-secret-123", "token-secret-456", sig, srv.AccessKeySecret} {
		if strings.Contains(string(data), secret) {
			t.Errorf("error body %q contains a secret, token or signature", data)
		}
		for k, v := range resp.Header {
			if strings.Contains(strings.Join(v, " "), secret) {
				t.Errorf("response header %s contains a secret, token or signature", k)
			}
		}
	}
}
