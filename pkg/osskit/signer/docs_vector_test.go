package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"
	"time"
)

// TestDocsHeaderExample reproduces the worked example of the OSS V4 header
// signing doc ("在Header中包含V4签名",
// https://help.aliyun.com/zh/oss/developer-reference/recommend-to-use-signature-version-4):
// secret "yourAccessKeySecret", 2025-04-11T06:41:24Z, cn-hangzhou,
// PUT /examplebucket/exampleobject with Content-Disposition and
// Content-Length as additional headers. The expected canonical-request
// hash and signature are the doc's, as also pinned by third-party ports
// (flutter_oss_aliyun test "test v4 signature"). The AccessKey ID is masked
// in the doc; it is not part of what is signed, so the vector still holds.
// The doc's presigned-URL example uses an unpublished AccessKey ID inside
// x-oss-credential (which is signed), so it cannot be reproduced.
func TestDocsHeaderExample(t *testing.T) {
	const (
		wantCanonicalHash = "c46d96390bdbc2d739ac9363293ae9d710b14e48081fcb22cd8ad54b63136eca"
		wantAuth          = "OSS4-HMAC-SHA256 Credential=LTAI****************/20250411/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=content-disposition;content-length,Signature=d3694c2dfc5371ee6acd35e88c4871ac95a7ba01d3a2f476768fe61218590097"
	)
	now := time.Date(2025, 4, 11, 6, 41, 24, 0, time.UTC)
	creds := Credentials{AccessKeyID: "LTAI****************", AccessKeySecret: "yourAccessKeySecret"}
	newReq := func() *http.Request {
		r, _ := http.NewRequest("PUT", "http://examplebucket.oss-cn-hangzhou.aliyuncs.com/exampleobject", nil)
		r.Header.Set("Content-Disposition", "attachment")
		r.Header.Set("Content-Length", "3")
		r.Header.Set("Content-MD5", "ICy5YqxZB1uWSwcVLSNLcA==")
		r.Header.Set("Content-Type", "text/plain")
		return r
	}
	r := newReq()
	if err := SignRequest(r, "examplebucket", "exampleobject", creds, "cn-hangzhou", now, []string{"content-disposition", "content-length"}); err != nil {
		t.Fatal(err)
	}
	if got := r.Header.Get("Authorization"); got != wantAuth {
		t.Errorf("Authorization = %q; want the doc's %q", got, wantAuth)
	}
	additional := []string{"content-disposition", "content-length"}
	canon := canonicalRequest("PUT", canonicalURI("examplebucket", "exampleobject"), "", canonicalHeaders(r.Header, r.Host, additional), additional, unsignedPayload)
	if sum := sha256.Sum256([]byte(canon)); hex.EncodeToString(sum[:]) != wantCanonicalHash {
		t.Errorf("canonical request hash = %x; want the doc's %s\n%s", sum, wantCanonicalHash, canon)
	}

	// The doc writes the header with ", " between fields; a server must
	// accept that spelling too.
	v := newReq()
	v.Header.Set("x-oss-date", "20250411T064124Z")
	v.Header.Set("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
	v.Header.Set("Authorization", "OSS4-HMAC-SHA256 Credential=LTAI****************/20250411/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=content-disposition;content-length, Signature=d3694c2dfc5371ee6acd35e88c4871ac95a7ba01d3a2f476768fe61218590097")
	if _, err := Verify(v, "examplebucket", "exampleobject", now, staticLookup(creds)); err != nil {
		t.Errorf("Verify the doc's request: %v", err)
	}
}

// TestDocsV1Examples verifies the V1 worked examples of the OSS
// "在Header中包含签名" / "在URL中包含签名" docs
// (https://help.aliyun.com/document_detail/31951.html and 31952.html):
// AccessKey 44CF9590006BF252F707 / OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV.
// The URL example's signature is the value the docs' formula yields (also
// pinned by independent ports, e.g. libcloud's and several Go clients').
func TestDocsV1Examples(t *testing.T) {
	creds := Credentials{AccessKeyID: "44CF9590006BF252F707", AccessKeySecret: "OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV"}
	date := "Thu, 17 Nov 2005 18:49:58 GMT"
	at, _ := http.ParseTime(date)

	r, _ := http.NewRequest("PUT", "http://oss-example.oss-cn-hangzhou.aliyuncs.com/nelson", nil)
	r.Header.Set("Content-MD5", "ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=")
	r.Header.Set("Content-Type", "text/html")
	r.Header.Set("Date", date)
	r.Header.Set("X-OSS-Meta-Author", "foo@bar.com")
	r.Header.Set("X-OSS-Magic", "abracadabra")
	r.Header.Set("Authorization", "OSS 44CF9590006BF252F707:26NBxoKdsyly4EDv6inkoDft/yA=")
	if got, want := v1StringToSign(r, nil, "oss-example", "nelson", date),
		"PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\n"+date+"\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson"; got != want {
		t.Errorf("V1 string to sign = %q; want the doc's %q", got, want)
	}
	if _, err := Verify(r, "oss-example", "nelson", at, staticLookup(creds)); err != nil {
		t.Errorf("Verify V1 header example: %v", err)
	}

	q, _ := http.NewRequest("GET", "http://oss-example.oss-cn-hangzhou.aliyuncs.com/oss-api.pdf?OSSAccessKeyId=44CF9590006BF252F707&Expires=1141889120&Signature=EwaNTn1erJGkimiJ9WmXgwnANLc%3D", nil)
	v, err := Verify(q, "oss-example", "oss-api.pdf", time.Unix(1141889060, 0), staticLookup(creds))
	if err != nil {
		t.Fatalf("Verify V1 URL example: %v", err)
	}
	if !v.Presigned || v.Expires.Unix() != 1141889120 {
		t.Errorf("Verified = %+v; want presigned until 1141889120", v)
	}
}
