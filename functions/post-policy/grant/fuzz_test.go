package grant

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
)

// FuzzRequestBody throws arbitrary bodies at the whole path a caller
// controls, ParseRequest then Upload, and checks what no body may change:
// the bucket, the caller's prefix, the size limit, the allowlisted type,
// forbid-overwrite, the lifetime. Every failure must be a classified,
// non-internal error.
func FuzzRequestBody(f *testing.F) {
	for _, seed := range []string{
		`{"filename":"a.jpg","contentType":"image/jpeg"}`,
		`{"filename":"a.png","contentType":"image/png; charset=x","size":5,"mode":"put"}`,
		`{"filename":"../../x","contentType":"IMAGE/GIF","size":10485760}`,
		`{"filename":"a","contentType":"text/html","bucket":"x","key":"y"}`,
		`{"filename":"\u202e\u0000Zoë","contentType":"image/heic","mode":"post"}`,
		`{"filename":"a","contentType":"image/webp","size":-1}`, `[]`, `null`, ``,
	} {
		f.Add([]byte(seed))
	}
	m, err := NewMinter(testConfig(), zeroRand())
	if err != nil {
		f.Fatal(err)
	}
	allowed := map[string]bool{}
	for _, ct := range DefaultContentTypes {
		allowed[ct.Type] = true
	}
	lookup := func(id string) (string, bool) { return stsCreds.AccessKeySecret, id == stsCreds.AccessKeyID }
	f.Fuzz(func(t *testing.T, body []byte) {
		m.rand = zeroRand() // keys stay well-formed whatever the run length
		req, err := ParseRequest(body)
		if err == nil {
			var g Grant
			g, err = m.Upload("alice", req, stsCreds, testNow)
			if err == nil {
				checkGrant(t, g, req.Mode, allowed, lookup)
				return
			}
		}
		if k := fault.KindOf(err); k != fault.Invalid && k != fault.TooLarge {
			t.Fatalf("body %q: err = %v (kind %s); want Invalid or TooLarge", body, err, k)
		}
	})
}

func checkGrant(t *testing.T, g Grant, mode string, allowed map[string]bool, lookup func(string) (string, bool)) {
	t.Helper()
	if !strings.HasPrefix(g.Key, "uploads/alice/2026/11/22/"+zeroRandom+".") || strings.Count(g.Key, "/") != 5 {
		t.Fatalf("key %q is outside uploads/alice/<date>/", g.Key)
	}
	if mode == ModePut {
		u, err := url.Parse(g.URL)
		if err != nil || u.Host != "photos.oss-cn-hangzhou.aliyuncs.com" || u.Path != "/"+g.Key || u.Query().Get("x-oss-expires") != "600" {
			t.Fatalf("PUT URL %q: host, key or expiry wrong", g.URL)
		}
		if !allowed[g.Headers["Content-Type"]] || g.Headers["x-oss-forbid-overwrite"] != "true" {
			t.Fatalf("PUT headers %v", g.Headers)
		}
		return
	}
	p, err := postpolicy.Parse(g.Fields["policy"])
	if err != nil {
		t.Fatalf("policy does not parse: %v", err)
	}
	if !p.Expiration.Equal(testNow.Add(DefaultPostExpiry)) {
		t.Fatalf("expiration %v; want now + %s", p.Expiration, DefaultPostExpiry)
	}
	seen := map[string]bool{}
	for _, c := range p.Conditions {
		seen[c.Field] = true
		switch c.Field {
		case "bucket":
			ok(t, c.Values[0] == "photos", "bucket %q", c.Values[0])
		case "key":
			ok(t, c.Op == postpolicy.OpEq && c.Values[0] == g.Key, "key condition %v", c)
		case "content-length":
			ok(t, c.Min == 1 && c.Max == DefaultMaxSize, "size range %d..%d", c.Min, c.Max)
		case "content-type":
			ok(t, c.Op == postpolicy.OpEq && allowed[c.Values[0]], "content type %v", c)
		case "x-oss-forbid-overwrite":
			ok(t, c.Values[0] == "true", "forbid overwrite %v", c)
		case "success_action_status":
			ok(t, c.Values[0] == "201", "status %v", c)
		}
	}
	for _, f := range []string{"bucket", "key", "content-length", "content-type", "x-oss-forbid-overwrite", "x-oss-security-token"} {
		ok(t, seen[f], "policy has no %s condition", f)
	}
	fields := slices.Sorted(maps.Keys(g.Fields))
	_, err = postpolicy.Evaluate(postpolicy.Submission{Bucket: "photos", Fields: g.Fields, FileSize: 1}, testNow, lookup)
	ok(t, err == nil, "returned form %v refused: %v", fields, err)
	_, err = postpolicy.Evaluate(postpolicy.Submission{Bucket: "photos", Fields: g.Fields, FileSize: DefaultMaxSize + 1}, testNow, lookup)
	ok(t, err != nil, "form accepted a file of max+1 bytes")
}

func ok(t *testing.T, cond bool, format string, args ...any) {
	t.Helper()
	if !cond {
		t.Fatalf(format, args...)
	}
}
