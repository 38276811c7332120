package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// creds are one invocation's temporary credentials; FC rotates them.
type creds struct{ id, secret, token string }

var (
	credsA   = creds{"STS.idA", "secretA-9KfQq2sLwXyZ0aB1cD2eF3", "tokenA-CAIS8QF1q6Ft5B2yfSjIr5bNIfvgj6dx"}
	credsB   = creds{"STS.idB", "secretB-7HgTr4mNpQs2uVwXyZa1b2", "tokenB-CAIS9ZZ2q6Ft5B2yfSjIr5bNIfvgj6dx"}
	envCreds = creds{"LTAI.envId", "envSecret-Zq81mK2nX0pL4v6Tb3Hc", "envToken-CAIS1AB2q6Ft5B2yfSjIr5bNI"}
)

func (c creds) env() []string {
	return []string{"ALIBABA_CLOUD_ACCESS_KEY_ID=" + c.id, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + c.secret,
		"ALIBABA_CLOUD_SECURITY_TOKEN=" + c.token}
}

// fcHeaders are the x-fc-* headers FC sends with an invocation, both from
// the runtime API (go1) and to a custom runtime.
func fcHeaders(c creds, deadline time.Time) http.Header {
	h := http.Header{}
	h.Set("x-fc-function-deadline", strconv.FormatInt(deadline.UnixMilli(), 10))
	h.Set("x-fc-function-timeout", "60")
	h.Set("x-fc-function-name", "thumbnail-fc")
	h.Set("x-fc-region", "cn-hangzhou")
	h.Set("x-fc-account-id", "1234567890123456")
	h.Set("x-fc-retry-count", "2")
	h.Set("x-fc-access-key-id", c.id)
	h.Set("x-fc-access-key-secret", c.secret)
	h.Set("x-fc-security-token", c.token)
	return h
}

// ossEvent is an FC OSS trigger payload with one record per key, shaped like
// the fc-runtime-go-sdk README_OSS.md sample.
func ossEvent(keys ...string) []byte {
	recs := make([]string, len(keys))
	for i, k := range keys {
		recs[i] = fmt.Sprintf(`{"eventName":"ObjectCreated:PutObject","eventSource":"acs:oss",
		"eventTime":"2022-06-10T06:21:35.000Z","eventVersion":"1.0",
		"oss":{"bucket":{"arn":"acs:oss:cn-hangzhou:1234567890123456:uploads","name":"uploads",
		"ownerIdentity":"1234567890123456","virtualBucket":""},
		"object":{"deltaSize":10,"eTag":"7D73E1052AF595535DE90994F4C3E6D5","key":%q,"size":10},
		"ossSchemaVersion":"1.0","ruleId":"r1"},"region":"cn-hangzhou",
		"requestParameters":{"sourceIPAddress":"10.0.0.1"},"responseElements":{"requestId":"62A2E2EFD0DEFE3930847A6E"},
		"userIdentity":{"principalId":"1234567890123456"}}`, k)
	}
	return []byte(`{"events":[` + strings.Join(recs, ",") + `]}`)
}

// s3Event is an S3 notification with one record, as in aws-lambda-go's
// testdata/s3-event.json.
func s3Event(key string) []byte {
	return []byte(fmt.Sprintf(`{"Records":[{"eventVersion":"2.0","eventSource":"aws:s3","awsRegion":"us-east-1",
	"eventTime":"1970-01-01T00:00:00.000Z","eventName":"ObjectCreated:Put","userIdentity":{"principalId":"EXAMPLE"},
	"requestParameters":{"sourceIPAddress":"127.0.0.1"},"responseElements":{"x-amz-request-id":"EXAMPLE123456789"},
	"s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule","bucket":{"name":"example-bucket",
	"ownerIdentity":{"principalId":"EXAMPLE"},"arn":"arn:aws:s3:::example-bucket"},
	"object":{"key":%q,"size":1024,"eTag":"0123456789abcdef0123456789abcdef","sequencer":"0A1B2C3D4E5F678901"}}}]}`, key))
}

func timerEvent(payload string) []byte {
	return []byte(fmt.Sprintf(`{"triggerTime":"2022-07-29T10:02:58Z","triggerName":"nightly","payload":%q}`, payload))
}

// fcHTTPEvent is an FC 3.0 HTTP trigger payload.
func fcHTTPEvent(method, rawPath string, query map[string]string, body string, b64 bool) []byte {
	ev := map[string]any{
		"version": "v1", "rawPath": rawPath, "body": body, "isBase64Encoded": b64,
		"headers":         map[string]string{"Content-Type": "text/plain", "Cookie": "s=1"},
		"queryParameters": query,
		"requestContext": map[string]any{
			"accountId": "1234567890123456", "domainName": "fn.cn-hangzhou.fcapp.run", "domainPrefix": "fn",
			"requestId": "1-http", "time": "2023-09-05T06:41:11Z", "timeEpoch": "1693896071895",
			"http": map[string]string{"method": method, "path": "", "protocol": "HTTP/1.1",
				"sourceIp": "39.40.41.42", "userAgent": "test"},
		},
	}
	b, _ := json.Marshal(ev)
	return b
}

// httpResponse is the JSON both FC and Lambda HTTP responses decode to.
type httpResponse struct {
	StatusCode      int               `json:"statusCode"`
	Headers         map[string]string `json:"headers"`
	Body            string            `json:"body"`
	IsBase64Encoded bool              `json:"isBase64Encoded"`
	Cookies         []string          `json:"cookies"`
}
