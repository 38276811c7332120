package signer

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	sdkcreds "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
	sdksigner "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/signer"
)

// crossCase is one request both signers sign; the official SDK is the
// independent implementation we must agree with byte for byte.
type crossCase struct {
	name, method, bucket, key string
	query                     url.Values
	header                    map[string]string
	additional                []string
	token                     string
}

var crossCases = []crossCase{
	{name: "plain put", method: "PUT", bucket: "photos", key: "a.jpg",
		header: map[string]string{"Content-Type": "image/jpeg"}},
	{name: "unicode and spaces", method: "PUT", bucket: "photos", key: "users/ü ñ/文件 (1).jpg",
		header: map[string]string{"Content-Type": "image/jpeg", "x-oss-meta-Owner": " Zoë "}},
	{name: "special chars", method: "GET", bucket: "b-1", key: "sp ace+plus%pct*star~tilde!'();:@&=$,?#[]",
		query: url.Values{"response-content-disposition": {`attachment; filename="x y.jpg"`}}},
	{name: "double slash key", method: "DELETE", bucket: "b", key: "a//b/"},
	{name: "acl subresource", method: "PUT", bucket: "b", key: "k", query: url.Values{"acl": {""}},
		header: map[string]string{"x-oss-object-acl": "private"}},
	{name: "initiate multipart", method: "POST", bucket: "b", key: "big.bin", query: url.Values{"uploads": {""}}},
	{name: "upload part", method: "PUT", bucket: "b", key: "big.bin",
		query: url.Values{"uploadId": {"0004B9895DBBB6EC98E36"}, "partNumber": {"2"}}},
	{name: "bucket level", method: "GET", bucket: "b", query: url.Values{"prefix": {"users/1/"}, "max-keys": {"100"}}},
	{name: "additional headers", method: "PUT", bucket: "b", key: "k",
		header:     map[string]string{"Content-MD5": "eB5eJF1ptWaXm4bijSPyxw==", "x-oss-forbid-overwrite": "true", "Cache-Control": "no-cache", "Abc": "v"},
		additional: []string{"Cache-Control", "abc", "x-oss-forbid-overwrite", "not-sent"}},
	{name: "security token", method: "PUT", bucket: "b", key: "k/x.png", token: "CAIS+token/with=chars",
		header: map[string]string{"Content-Type": "image/png"}},
}

func (c crossCase) request() *http.Request {
	u := &url.URL{Scheme: "http", Host: c.bucket + ".oss-cn-hangzhou.aliyuncs.com", Path: "/" + c.key, RawQuery: c.query.Encode()}
	r, _ := http.NewRequest(c.method, u.String(), nil)
	for k, v := range c.header {
		r.Header.Set(k, v)
	}
	return r
}

func (c crossCase) creds() Credentials {
	return Credentials{"LTAI5tExampleKeyID", "example/secret+key=", c.token}
}

func (c crossCase) sdkContext(r *http.Request, query bool, at time.Time) *sdksigner.SigningContext {
	cr := c.creds()
	sc := sdkcreds.Credentials{AccessKeyID: cr.AccessKeyID, AccessKeySecret: cr.AccessKeySecret, SecurityToken: cr.SecurityToken}
	product, region := "oss", "cn-hangzhou"
	ctx := &sdksigner.SigningContext{Product: &product, Region: &region, Request: r, Credentials: &sc,
		AdditionalHeaders: c.additional, AuthMethodQuery: query, Time: at}
	if c.bucket != "" {
		ctx.Bucket = &c.bucket
	}
	if c.key != "" {
		ctx.Key = &c.key
	}
	return ctx
}

func TestSignRequestMatchesSDK(t *testing.T) {
	now := time.Date(2026, 11, 21, 23, 59, 30, 0, time.UTC)
	for _, c := range crossCases {
		t.Run(c.name, func(t *testing.T) {
			theirs := c.request()
			if err := (&sdksigner.SignerV4{}).Sign(context.Background(), c.sdkContext(theirs, false, now)); err != nil {
				t.Fatalf("SDK sign: %v", err)
			}
			ours := c.request()
			if err := SignRequest(ours, c.bucket, c.key, c.creds(), "cn-hangzhou", now, c.additional); err != nil {
				t.Fatalf("SignRequest: %v", err)
			}
			for _, h := range []string{"Authorization", "x-oss-date", "Date", "x-oss-content-sha256", "x-oss-security-token"} {
				if got, want := ours.Header.Get(h), theirs.Header.Get(h); got != want {
					t.Errorf("%s = %q; SDK says %q", h, got, want)
				}
			}
			v, err := Verify(theirs, c.bucket, c.key, now.Add(MaxSkew), staticLookup(c.creds()))
			if err != nil {
				t.Fatalf("Verify SDK-signed request: %v", err)
			}
			if v.AccessKeyID != c.creds().AccessKeyID || v.SecurityToken != c.token || v.Region != "cn-hangzhou" || v.Version != VersionV4 {
				t.Errorf("Verified = %+v", v)
			}
		})
	}
}

func TestPresignURLMatchesSDK(t *testing.T) {
	for _, c := range crossCases {
		t.Run(c.name, func(t *testing.T) {
			// The SDK reads the clock itself when presigning; we read the
			// instant it used back from its URL and sign with that.
			theirs := c.request()
			if err := (&sdksigner.SignerV4{}).Sign(context.Background(), c.sdkContext(theirs, true, time.Now().Add(2*time.Hour))); err != nil {
				t.Fatalf("SDK presign: %v", err)
			}
			q := theirs.URL.Query()
			at, err := time.Parse("20060102T150405Z", q.Get("x-oss-date"))
			if err != nil {
				t.Fatalf("SDK x-oss-date %q: %v", q.Get("x-oss-date"), err)
			}
			secs, _ := strconv.Atoi(q.Get("x-oss-expires"))
			got, err := PresignURL(c.request(), c.bucket, c.key, c.creds(), "cn-hangzhou", at, time.Duration(secs)*time.Second, c.additional)
			if err != nil {
				t.Fatalf("PresignURL: %v", err)
			}
			if want := theirs.URL.String(); got != want {
				t.Errorf("PresignURL =\n %s\nSDK says\n %s", got, want)
			}
			v, err := Verify(theirs, c.bucket, c.key, at.Add(time.Duration(secs)*time.Second), staticLookup(c.creds()))
			if err != nil {
				t.Fatalf("Verify SDK presigned URL: %v", err)
			}
			if !v.Presigned || v.SecurityToken != c.token {
				t.Errorf("Verified = %+v; want presigned with token %q", v, c.token)
			}
		})
	}
}

func TestVerifyAcceptsSDKV1(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for _, c := range crossCases {
		for _, query := range []bool{false, true} {
			t.Run(c.name+"/query="+strconv.FormatBool(query), func(t *testing.T) {
				r := c.request()
				at := now
				if query {
					at = now.Add(time.Minute) // V1 query: Time is the absolute expiry
				}
				if err := (&sdksigner.SignerV1{}).Sign(context.Background(), c.sdkContext(r, query, at)); err != nil {
					t.Fatalf("SDK V1 sign: %v", err)
				}
				v, err := Verify(r, c.bucket, c.key, now, staticLookup(c.creds()))
				if err != nil {
					t.Fatalf("Verify SDK V1 (query=%v): %v", query, err)
				}
				if v.Version != VersionV1 || v.Presigned != query || v.SecurityToken != c.token {
					t.Errorf("Verified = %+v", v)
				}
			})
		}
	}
}
