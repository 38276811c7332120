package signer

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// The vectors below are the pinned inputs and outputs of the official Go
// SDK's own tests: alibabacloud-oss-go-sdk-v2@v1.6.1/oss/signer/signer_test.go
// (TestV4AuthHeader, TestV4AuthHeaderToken, TestV4AuthHeaderWithAdditionalHeaders,
// TestV4AuthQuery, TestV4AuthQueryToken, TestV4AuthQueryWithAdditionalHeaders,
// TestV1AuthHeader, TestV1AuthQuery). The OSS documentation's worked
// examples mask the AccessKey ("LTAI****") and give no secret, so they
// cannot be reproduced and are not used.

// sdkRequest builds the request every SDK V4 vector starts from.
func sdkRequest(contentType string) *http.Request {
	r, _ := http.NewRequest("PUT", "http://bucket.oss-cn-hangzhou.aliyuncs.com", nil)
	r.Header = http.Header{}
	r.Header.Add("x-oss-head1", "value")
	r.Header.Add("abc", "value")
	r.Header.Add("ZAbc", "value")
	r.Header.Add("XYZ", "value")
	r.Header.Add("content-type", contentType)
	q := url.Values{}
	q.Add("param1", "value1")
	q.Add("+param1", "value3")
	q.Add("|param1", "value4")
	q.Add("+param2", "")
	q.Add("|param2", "")
	q.Add("param2", "")
	r.URL.RawQuery = q.Encode()
	return r
}

const sdkKey = "1234+-/123/1.txt"

func TestSignRequestSDKVectors(t *testing.T) {
	tests := []struct {
		name       string
		creds      Credentials
		unix       int64
		additional []string
		want       string
	}{
		{"TestV4AuthHeader", Credentials{"ak", "sk", ""}, 1702743657, nil,
			"OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"},
		{"TestV4AuthHeaderToken", Credentials{"ak", "sk", "token"}, 1702784856, nil,
			"OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea"},
		{"TestV4AuthHeaderWithAdditionalHeaders", Credentials{"ak", "sk", ""}, 1702747512, []string{"ZAbc", "abc"},
			"OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f"},
		{"TestV4AuthHeaderWithAdditionalHeaders/default-signed", Credentials{"ak", "sk", ""}, 1702747512, []string{"x-oss-no-exist", "ZAbc", "x-oss-head1", "abc"},
			"OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sdkRequest("text/plain")
			now := time.Unix(tt.unix, 0)
			if err := SignRequest(r, "bucket", sdkKey, tt.creds, "cn-hangzhou", now, tt.additional); err != nil {
				t.Fatalf("SignRequest: %v", err)
			}
			if got := r.Header.Get("Authorization"); got != tt.want {
				t.Errorf("Authorization = %q; want %q", got, tt.want)
			}
			// What we signed, we verify.
			if _, err := Verify(r, "bucket", sdkKey, now, staticLookup(tt.creds)); err != nil {
				t.Errorf("Verify own signature: %v", err)
			}
		})
	}
}

func TestPresignURLSDKVectors(t *testing.T) {
	tests := []struct {
		name           string
		creds          Credentials
		sign, expireAt int64
		additional     []string
		wantDate       string
		wantAdditional string
		wantSig        string
	}{
		{"TestV4AuthQuery", Credentials{"ak", "sk", ""}, 1702781677, 1702782276, nil,
			"20231217T025437Z", "", "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe"},
		{"TestV4AuthQueryToken", Credentials{"ak", "sk", "token"}, 1702785388, 1702785987, nil,
			"20231217T035628Z", "", "3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5"},
		{"TestV4AuthQueryWithAdditionalHeaders", Credentials{"ak", "sk", ""}, 1702783809, 1702784408, []string{"ZAbc", "abc"},
			"20231217T033009Z", "abc;zabc", "6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7"},
		{"TestV4AuthQueryWithAdditionalHeaders/default-signed", Credentials{"ak", "sk", ""}, 1702783809, 1702784408, []string{"x-oss-no-exist", "abc", "x-oss-head1", "ZAbc"},
			"20231217T033009Z", "abc;zabc", "6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sdkRequest("application/octet-stream")
			now := time.Unix(tt.sign, 0)
			raw, err := PresignURL(r, "bucket", sdkKey, tt.creds, "cn-hangzhou", now, time.Duration(tt.expireAt-tt.sign)*time.Second, tt.additional)
			if err != nil {
				t.Fatalf("PresignURL: %v", err)
			}
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatalf("parse %q: %v", raw, err)
			}
			q := u.Query()
			for name, want := range map[string]string{
				"x-oss-signature-version":  "OSS4-HMAC-SHA256",
				"x-oss-expires":            "599",
				"x-oss-date":               tt.wantDate,
				"x-oss-credential":         "ak/20231217/cn-hangzhou/oss/aliyun_v4_request",
				"x-oss-additional-headers": tt.wantAdditional,
				"x-oss-security-token":     tt.creds.SecurityToken,
				"x-oss-signature":          tt.wantSig,
			} {
				if got := q.Get(name); got != want {
					t.Errorf("%s = %q; want %q", name, got, want)
				}
			}
			signed := r.Clone(r.Context())
			signed.URL = u
			if _, err := Verify(signed, "bucket", sdkKey, now.Add(599*time.Second), staticLookup(tt.creds)); err != nil {
				t.Errorf("Verify own presigned URL at its last valid second: %v", err)
			}
		})
	}
}

func TestVerifyV1SDKVectors(t *testing.T) {
	const date = "Wed, 28 Dec 2022 10:27:41 GMT"
	at, _ := http.ParseTime(date)
	tests := []struct {
		name, method, query, bucket, key, auth string
		withBody                               bool
	}{
		{"TestV1AuthHeader/1", "PUT", "", "examplebucket", "nelson", "OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=", true},
		{"TestV1AuthHeader/2-acl", "PUT", "acl", "examplebucket", "nelson", "OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=", true},
		{"TestV1AuthHeader/3-resourceGroup", "GET", "resourceGroup&non-resousce=null", "examplebucket", "", "OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=", false},
		{"TestV1AuthHeader/4-acl-resourceGroup", "GET", "resourceGroup&acl", "examplebucket", "", "OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest(tt.method, "http://examplebucket.oss-cn-hangzhou.aliyuncs.com/?"+tt.query, nil)
			if tt.withBody {
				r.Header.Set("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==")
				r.Header.Set("Content-Type", "text/html")
				r.Header.Set("x-oss-meta-author", "alice")
				r.Header.Set("x-oss-meta-magic", "abracadabra")
			}
			r.Header.Set("x-oss-date", date)
			r.Header.Set("Date", date)
			r.Header.Set("Authorization", tt.auth)
			v, err := Verify(r, tt.bucket, tt.key, at, staticLookup(Credentials{"ak", "sk", ""}))
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if v.Version != VersionV1 || v.AccessKeyID != "ak" || v.Presigned {
				t.Errorf("Verified = %+v; want V1 header for ak", v)
			}
		})
	}
}

func TestVerifyV1QuerySDKVectors(t *testing.T) {
	tests := []struct {
		name, rawURL, key, token string
		expires                  int64
	}{
		{"TestV1AuthQuery/1", "http://bucket.oss-cn-hangzhou.aliyuncs.com/key?Expires=1699807420&OSSAccessKeyId=ak&Signature=dcLTea%2BYh9ApirQ8o8dOPqtvJXQ%3D&versionId=versionId", "key", "", 1699807420},
		{"TestV1AuthQuery/2-token", "http://bucket.oss-cn-hangzhou.aliyuncs.com/key%2B123?Expires=1699808204&OSSAccessKeyId=ak&Signature=jzKYRrM5y6Br0dRFPaTGOsbrDhY%3D&security-token=token&versionId=versionId", "key+123", "token", 1699808204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest("GET", tt.rawURL, nil)
			exp := time.Unix(tt.expires, 0)
			v, err := Verify(r, "bucket", tt.key, exp, staticLookup(Credentials{"ak", "sk", ""}))
			if err != nil {
				t.Fatalf("Verify at expiry: %v", err)
			}
			if !v.Presigned || v.SecurityToken != tt.token || !v.Expires.Equal(exp) {
				t.Errorf("Verified = %+v; want presigned, token %q, expires %v", v, tt.token, exp)
			}
			_, err = Verify(r, "bucket", tt.key, exp.Add(time.Second), staticLookup(Credentials{"ak", "sk", ""}))
			if code := errCode(err); code != CodeAccessDenied {
				t.Errorf("Verify 1 s after expiry: code = %q; want AccessDenied", code)
			}
		})
	}
}

func staticLookup(c Credentials) func(string) (string, bool) {
	return func(id string) (string, bool) {
		if id == c.AccessKeyID {
			return c.AccessKeySecret, true
		}
		return "", false
	}
}

func errCode(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	if err != nil {
		return "non-*Error: " + err.Error()
	}
	return ""
}
