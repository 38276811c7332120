package serve

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func startLambda(t *testing.T, kind string) (*runtimeAPI, *proc) {
	t.Helper()
	api := newLambdaRuntimeAPI(t)
	env := append([]string{"TESTFN_KIND=" + kind, "AWS_LAMBDA_RUNTIME_API=" + api.addr(),
		"AWS_LAMBDA_FUNCTION_NAME=thumb-lambda"}, envCreds.env()...)
	return api, startProc(t, env)
}

func lambdaHeaders(deadline time.Time) http.Header {
	h := http.Header{}
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(deadline.UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:thumb-lambda")
	return h
}

func TestLambdaHTTP(t *testing.T) {
	api, p := startLambda(t, "http")
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)
	url, err := os.ReadFile("../testdata/lambda-http-function-url.json")
	if err != nil {
		t.Fatal(err)
	}
	ev := strings.Replace(string(url), `"rawPath": "/my/path"`, `"rawPath": "/whoami"`, 1)
	r := decodeHTTP(t, api.invoke(t, "aws-1", lambdaHeaders(deadline), []byte(ev)))
	var who map[string]any
	if err := json.Unmarshal([]byte(r.Body), &who); err != nil || r.StatusCode != 200 {
		t.Fatalf("status = %d, body %q; want 200 JSON", r.StatusCode, r.Body)
	}
	for k, v := range map[string]any{"requestId": "aws-1", "function": "thumb-lambda", "region": "us-east-1",
		"accountId": "123456789012", "platform": "lambda", "accessKeyId": envCreds.id,
		"deadlineMs": float64(deadline.UnixMilli()), "ctxDeadlineMs": float64(deadline.UnixMilli())} {
		if who[k] != v {
			t.Errorf("whoami %s = %v; want %v", k, who[k], v)
		}
	}
	// Binary bodies go back base64, Set-Cookie as cookies[].
	ev = strings.Replace(string(url), `"rawPath": "/my/path"`, `"rawPath": "/png"`, 1)
	r = decodeHTTP(t, api.invoke(t, "aws-2", lambdaHeaders(deadline), []byte(ev)))
	if b, _ := base64.StdEncoding.DecodeString(r.Body); !r.IsBase64Encoded || !strings.HasPrefix(string(b), "\x89PNG") ||
		strings.Join(r.Cookies, ";") != "a=1;b=2" {
		t.Errorf("png response = %+v; want base64 PNG and cookies [a=1 b=2]", r)
	}
	r = decodeHTTP(t, api.invoke(t, "aws-3", lambdaHeaders(deadline), []byte(`{"rawPath":"/"}`)))
	if r.StatusCode != http.StatusBadRequest {
		t.Errorf("malformed event status = %d; want 400", r.StatusCode)
	}
	p.waitLog(t, "whoami", map[string]any{"requestId": "aws-1", "function": "testfn"})
	p.checkNoSecrets(t, envCreds.secret, envCreds.token)
}

func TestLambdaObjects(t *testing.T) {
	api, p := startLambda(t, "objects")
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)
	if o := api.invoke(t, "s3-1", lambdaHeaders(deadline), s3Event("uploads%2Fa+b.jpg")); o.kind != "response" {
		t.Errorf("outcome = %s %s; want response", o.kind, o.body)
	}
	p.waitLog(t, "processed", map[string]any{"requestId": "s3-1", "key": "uploads/a b.jpg", "platform": "lambda",
		"accessKeyId": envCreds.id, "deadlineMs": deadline.UnixMilli()})
	if o := api.invoke(t, "s3-2", lambdaHeaders(deadline), s3Event("flaky/a.jpg")); o.kind != "error" {
		t.Errorf("transient failure outcome = %s %s; want error", o.kind, o.body)
	}
	if o := api.invoke(t, "s3-3", lambdaHeaders(deadline), []byte(`[]`)); o.kind != "response" {
		t.Errorf("malformed outcome = %s %s; want response", o.kind, o.body)
	}
	p.waitLog(t, "malformed event payload dropped: a retry would fail the same way", map[string]any{"requestId": "s3-3"})
	p.checkNoSecrets(t, envCreds.secret, envCreds.token)
}
