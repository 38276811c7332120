package signer

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/internal/nodetest"
)

// runAliOSS feeds cases to tools/node/ossv4.js (ali-oss, pinned in
// tools/node/package.json) and decodes one result per case into out. In CI
// a missing node or ali-oss fails the test: the cross-check must run.
func runAliOSS(t *testing.T, cases []map[string]any, out any) {
	t.Helper()
	nodetest.Require(t, "ali-oss")
	nodetest.Run(t, "ossv4.js", map[string]any{"cases": cases}, out)
}

// aliCase is a request both signers sign; queries map a name to nil for a
// value-less subresource such as ?acl (ali-oss's strictNullHandling).
type aliCase struct {
	name, method, key string
	headers           map[string]string
	queries           map[string]*string
	additional        []string
	token             string
}

func sp(s string) *string { return &s }

var aliCases = []aliCase{
	{name: "plain put", method: "PUT", key: "a.jpg", headers: map[string]string{"Content-Type": "image/jpeg"}},
	{name: "unicode key", method: "PUT", key: "users/ü ñ/文件 (1).jpg", headers: map[string]string{"Content-Type": "image/jpeg", "x-oss-meta-owner": "zoe"}},
	{name: "special chars", method: "GET", key: "sp ace+plus%pct*star~tilde!'();:@&=$,",
		queries: map[string]*string{"response-content-disposition": sp(`attachment; filename="x y.jpg"`)}},
	{name: "acl", method: "PUT", key: "k", queries: map[string]*string{"acl": nil}, headers: map[string]string{"x-oss-object-acl": "private"}},
	{name: "uploads", method: "POST", key: "big.bin", queries: map[string]*string{"uploads": nil}},
	{name: "upload part", method: "PUT", key: "big.bin", queries: map[string]*string{"partNumber": sp("2"), "uploadId": sp("0004B9895DBBB6EC98E36")}},
	{name: "additional headers and host", method: "PUT", key: "k", additional: []string{"host", "Cache-Control"},
		headers: map[string]string{"host": "bkt.oss-cn-hangzhou.aliyuncs.com", "cache-control": "no-cache", "x-oss-forbid-overwrite": "true"}},
	{name: "security token", method: "PUT", key: "k/x.png", token: "CAIS+token/with=chars", headers: map[string]string{"Content-Type": "image/png"}},
}

var aliCreds = Credentials{AccessKeyID: "LTAI5tAliCross", AccessKeySecret: "ali/Secret+Key="}

func (c aliCase) request(t *testing.T) *http.Request {
	u := &url.URL{Scheme: "http", Host: "bkt.oss-cn-hangzhou.aliyuncs.com", Path: "/" + c.key}
	q := url.Values{}
	for k, v := range c.queries {
		if v == nil {
			q[k] = []string{""}
		} else {
			q.Set(k, *v)
		}
	}
	u.RawQuery = q.Encode()
	r, err := http.NewRequest(c.method, u.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.headers {
		if k != "host" {
			r.Header.Set(k, v)
		}
	}
	return r
}

func (c aliCase) js(kind string) map[string]any {
	return map[string]any{"kind": kind, "region": "oss-cn-hangzhou", "bucket": "bkt", "accessKeyId": aliCreds.AccessKeyID,
		"accessKeySecret": aliCreds.AccessKeySecret, "stsToken": c.token, "method": c.method, "object": c.key,
		"headers": c.headers, "queries": c.queries, "additionalHeaders": c.additional}
}

func TestPresignURLMatchesAliOSS(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 5, 0, time.UTC)
	var cases []map[string]any
	for _, c := range aliCases {
		m := c.js("url")
		m["expires"], m["nowMs"] = 900, now.UnixMilli()
		cases = append(cases, m)
	}
	var out []struct{ URL string }
	runAliOSS(t, cases, &out)
	for i, c := range aliCases {
		t.Run(c.name, func(t *testing.T) {
			creds := aliCreds
			creds.SecurityToken = c.token
			ours, err := PresignURL(c.request(t), "bkt", c.key, creds, "cn-hangzhou", now, 900*time.Second, c.additional)
			if err != nil {
				t.Fatalf("PresignURL: %v", err)
			}
			ou, _ := url.Parse(ours)
			au, err := url.Parse(out[i].URL)
			if err != nil {
				t.Fatalf("ali-oss URL %q: %v", out[i].URL, err)
			}
			// The path's escaping is the URL's business, not the signature's.
			if ou.Path != au.Path {
				t.Errorf("path = %s; ali-oss says %s", ou.Path, au.Path)
			}
			oq, aq := ou.Query(), au.Query()
			for _, name := range []string{"x-oss-signature", "x-oss-credential", "x-oss-date", "x-oss-expires", "x-oss-additional-headers", "x-oss-security-token", "x-oss-signature-version"} {
				if oq.Get(name) != aq.Get(name) {
					t.Errorf("%s = %q; ali-oss says %q", name, oq.Get(name), aq.Get(name))
				}
			}
			r := c.request(t)
			r.URL = au
			if _, err := Verify(r, "bkt", c.key, now.Add(900*time.Second), staticLookup(creds)); err != nil {
				t.Errorf("Verify ali-oss URL: %v", err)
			}
		})
	}
}

func TestSignRequestMatchesAliOSS(t *testing.T) {
	now := time.Date(2026, 11, 21, 23, 59, 59, 0, time.UTC)
	var cases []map[string]any
	var reqs []*http.Request
	for _, c := range aliCases {
		creds := aliCreds
		creds.SecurityToken = c.token
		r := c.request(t)
		if err := SignRequest(r, "bkt", c.key, creds, "cn-hangzhou", now, c.additional); err != nil {
			t.Fatalf("%s: SignRequest: %v", c.name, err)
		}
		m := c.js("header")
		headers := map[string]string{}
		for k := range r.Header {
			if k != "Authorization" {
				headers[strings.ToLower(k)] = r.Header.Get(k)
			}
		}
		if h, ok := c.headers["host"]; ok {
			headers["host"] = h
		}
		m["headers"] = headers
		cases = append(cases, m)
		reqs = append(reqs, r)
	}
	var out []struct{ Authorization string }
	runAliOSS(t, cases, &out)
	for i, c := range aliCases {
		if got, want := reqs[i].Header.Get("Authorization"), out[i].Authorization; got != want {
			t.Errorf("%s: Authorization = %q; ali-oss says %q", c.name, got, want)
		}
	}
}
