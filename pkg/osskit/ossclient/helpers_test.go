package ossclient

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Test keys: the secret and token are grepped for in error text.
const (
	testKeyID  = "LTAI5tTestKeyId"
	testSecret = "s3cr3t-never-shown"
	testToken  = "sts-token-never-shown"
)

// newTestClient starts an httptest server with h and a client pointed at it
// with fast retries.
func newTestClient(t *testing.T, h http.Handler, tune ...func(*Config)) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := Config{
		Endpoint: srv.URL, Region: "cn-hangzhou", UsePathStyle: true,
		MaxAttempts: 3, BaseDelay: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		Credentials: StaticCredentials{AccessKeyID: testKeyID, AccessKeySecret: testSecret, SecurityToken: testToken},
	}
	for _, f := range tune {
		f(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// ossError writes an OSS XML error response.
func ossError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("x-oss-request-id", "REQ-"+code)
	w.WriteHeader(status)
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>` + code + `</Code><Message>` + msg +
		`</Message><RequestId>REQ-` + code + `</RequestId><HostId>bucket.oss</HostId>` +
		`<SignatureProvided>deadbeefsignature</SignatureProvided><OSSAccessKeyId>` + testKeyID + `</OSSAccessKeyId></Error>`))
}

func mustBucket(t *testing.T, s string) osskit.Bucket {
	t.Helper()
	b, err := osskit.NewBucket(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustKey(t *testing.T, s string) osskit.Key {
	t.Helper()
	k, err := osskit.NewKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
