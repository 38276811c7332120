package ossemu_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/internal/nodetest"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// upload is one client's attempt to store body as bucket/key on srv.
type upload struct {
	srv               *ossemutest.Server
	id, secret, token string
	bucket, key, body string
	presign           bool // a time-limited grant: presigned URL / the form's policy expiry
	validFor          time.Duration
	formPrefix        string // the key prefix a form's policy allows
	readBack          bool   // ali-oss reads the object back with the same credentials
}

// outcome is what the client saw: success, or OSS's status and code.
type outcome struct {
	OK     bool   `json:"ok"`
	Status int    `json:"status"`
	Code   string `json:"code"`
	// Got is the body the client read back after a successful upload,
	// when the case asks for it (ali-oss only; the Go test reads the
	// others back with the SDK).
	Got *string `json:"got"`
}

// viaSDK uploads with the official Go SDK v2: PutObject signed with the
// V4 Authorization header, or a V4 presigned PUT URL sent with net/http.
func viaSDK(t *testing.T, u upload) outcome {
	t.Helper()
	c := oss.NewClient(oss.LoadDefaultConfig().
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider(u.id, u.secret, u.token)).
		WithRegion(u.srv.Region).WithEndpoint(u.srv.URL).WithUsePathStyle(true).
		WithRetryMaxAttempts(1).WithSignatureVersion(oss.SignatureVersionV4))
	req := &oss.PutObjectRequest{Bucket: oss.Ptr(u.bucket), Key: oss.Ptr(u.key), Body: bytes.NewReader([]byte(u.body))}
	if !u.presign {
		_, err := c.PutObject(context.Background(), req)
		if err == nil {
			return outcome{OK: true, Status: 200}
		}
		code, status := serviceCode(err)
		if status == 0 {
			t.Fatalf("sdk put: %v", err)
		}
		return outcome{Status: status, Code: code}
	}
	req.Body = nil
	pre, err := c.Presign(context.Background(), req, oss.PresignExpires(u.validFor))
	if err != nil {
		t.Fatalf("sdk presign: %v", err)
	}
	hr, err := http.NewRequest(pre.Method, pre.URL, bytes.NewReader([]byte(u.body)))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range pre.SignedHeaders {
		hr.Header.Set(k, v)
	}
	return doHTTP(t, hr)
}

// viaForm posts a browser-style multipart form: the fields a page gets
// from its signing backend (postpolicy), then the file part, last.
func viaForm(t *testing.T, u upload) outcome {
	t.Helper()
	now := time.Now()
	form, err := postpolicy.New().Bucket(u.bucket).KeyPrefix(u.formPrefix).ContentLengthRange(1, 1024).
		Expires(now.Add(u.validFor)).
		Sign(signer.Credentials{AccessKeyID: u.id, AccessKeySecret: u.secret, SecurityToken: u.token}, u.srv.Region, now)
	if err != nil {
		t.Fatalf("sign form: %v", err)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range form.Fields {
		if k != "key" {
			_ = w.WriteField(k, v)
		}
	}
	_ = w.WriteField("key", u.key)
	fw, err := w.CreateFormFile("file", "note.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(u.body))
	_ = w.Close()
	hr, err := http.NewRequest(http.MethodPost, u.srv.URL+"/"+u.bucket, &buf)
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Content-Type", w.FormDataContentType())
	hr.Header.Set("Origin", "http://127.0.0.1")
	return doHTTP(t, hr)
}

func doHTTP(t *testing.T, r *http.Request) outcome {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatalf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 300 {
		return outcome{OK: true, Status: resp.StatusCode}
	}
	var doc struct {
		Code string `xml:"Code"`
	}
	_ = xml.Unmarshal(data, &doc)
	return outcome{Status: resp.StatusCode, Code: doc.Code}
}

// aliCase is the JSON tools/node/ossemu-client.js reads for one upload.
type aliCase struct {
	Endpoint        string `json:"endpoint"`
	Region          string `json:"region"`
	Bucket          string `json:"bucket"`
	AccessKeyID     string `json:"accessKeyId"`
	AccessKeySecret string `json:"accessKeySecret"`
	STSToken        string `json:"stsToken"`
	Key             string `json:"key"`
	Body            string `json:"body"`
	Presign         bool   `json:"presign"`
	Expires         int    `json:"expires"`
	ReadBack        bool   `json:"readBack"`
}

// viaAliOSS runs every upload through ali-oss under Node in one process.
// In CI (CI set) a missing node or node_modules fails the test: the
// three-client table must run there. Elsewhere it returns nil and the
// reason, and only the ali-oss column is skipped.
func viaAliOSS(t *testing.T, ups []upload) ([]outcome, string) {
	t.Helper()
	if _, missing := nodetest.Usable(t, "ali-oss"); missing != "" {
		return nil, "ali-oss client skipped locally: " + missing
	}
	cases := make([]aliCase, len(ups))
	for i, u := range ups {
		cases[i] = aliCase{Endpoint: u.srv.URL, Region: u.srv.Region, Bucket: u.bucket, AccessKeyID: u.id,
			AccessKeySecret: u.secret, STSToken: u.token, Key: u.key, Body: u.body, Presign: u.presign,
			Expires: int(u.validFor / time.Second), ReadBack: u.readBack}
	}
	var out []outcome
	nodetest.Run(t, "ossemu-client.js", map[string]any{"cases": cases}, &out)
	if len(out) != len(ups) {
		t.Fatalf("ossemu-client.js gave %d results; want %d", len(out), len(ups))
	}
	return out, ""
}
