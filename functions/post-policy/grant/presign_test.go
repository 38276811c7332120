package grant

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

func TestPutSignsTypeAndForbidOverwrite(t *testing.T) {
	cfg := testConfig()
	cfg.Endpoint, cfg.PathStyle = "http://127.0.0.1:9000", true
	g, err := newTestMinter(t, cfg).Put("alice", Request{Filename: "a.webp", ContentType: "image/webp", Mode: ModePut}, stsCreds, testNow)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	want := map[string]string{"Content-Type": "image/webp", "x-oss-forbid-overwrite": "true", "x-oss-meta-original-name": "a.webp"}
	if len(g.Headers) != len(want) {
		t.Errorf("Headers = %v; want %v", g.Headers, want)
	}
	for k, v := range want {
		if g.Headers[k] != v {
			t.Errorf("Headers[%q] = %q; want %q", k, g.Headers[k], v)
		}
	}
	u, err := url.Parse(g.URL)
	if err != nil {
		t.Fatalf("URL %q: %v", g.URL, err)
	}
	if u.Path != "/photos/"+wantKey+".webp" || g.Key != wantKey+".webp" || g.Method != "PUT" {
		t.Errorf("PUT %s key %s; want path /photos/%s.webp", u.Path, g.Key, wantKey)
	}
	q := u.Query()
	if q.Get("x-oss-expires") != "600" || q.Get("x-oss-security-token") != stsCreds.SecurityToken || q.Get("x-oss-date") != "20261122T010203Z" {
		t.Errorf("query = %v; want 600 s expiry, the STS token and the signing time", q)
	}
	if !g.ExpiresAt.Equal(testNow.Add(10 * time.Minute)) {
		t.Errorf("ExpiresAt = %v; want now + 10 min", g.ExpiresAt)
	}
	// The URL verifies with the headers and fails with another type.
	verify := func(ct string) error {
		r, _ := http.NewRequest(http.MethodPut, g.URL, nil)
		for k, v := range g.Headers {
			r.Header.Set(k, v)
		}
		r.Header.Set("Content-Type", ct)
		_, err := signer.Verify(r, "photos", g.Key, testNow.Add(time.Minute), func(id string) (string, bool) {
			return stsCreds.AccessKeySecret, id == stsCreds.AccessKeyID
		})
		return err
	}
	if err := verify("image/webp"); err != nil {
		t.Errorf("verify with returned headers: %v", err)
	}
	if err := verify("text/html"); err == nil {
		t.Errorf("verify with Content-Type text/html succeeded; want signature mismatch")
	}
}

func TestGetOnlyOwnObjects(t *testing.T) {
	m := newTestMinter(t, Config{Bucket: "photos", Region: "cn-hangzhou", VariantPrefixes: []string{"thumbs", "previews"}})
	tests := []struct {
		key  string
		kind fault.Kind // Internal means "granted"
	}{
		{"uploads/alice/2026/11/22/x.jpg", -1},
		{"thumbs/alice/2026/11/22/x/small.webp", -1},
		{"previews/alice/x.jpg", -1},
		{"uploads/bob/2026/11/22/x.jpg", fault.Forbidden},
		{"thumbs/bob/x.jpg", fault.Forbidden},
		{"uploads/alice2/x.jpg", fault.Forbidden},
		{"uploads/alice", fault.Forbidden},
		{"uploads/alice/", fault.Forbidden},
		{"uploads/alice/../bob/x.jpg", fault.Forbidden},
		{"uploads/alice//x.jpg", fault.Forbidden},
		{"private/alice/x.jpg", fault.Forbidden},
		{"/uploads/alice/x.jpg", fault.Forbidden},
		{"uploads/alice/\x00.jpg", fault.Forbidden},
		{"", fault.Invalid},
	}
	for _, tt := range tests {
		g, err := m.Get("alice", tt.key, plainCreds, testNow)
		switch {
		case tt.kind == -1 && err != nil:
			t.Errorf("Get(%q) = %v; want granted", tt.key, err)
		case tt.kind == -1:
			u, _ := url.Parse(g.URL)
			if g.Method != "GET" || u.Host != "photos.oss-cn-hangzhou.aliyuncs.com" || u.Path != "/"+tt.key ||
				u.Query().Get("x-oss-expires") != "900" || !g.ExpiresAt.Equal(testNow.Add(15*time.Minute)) {
				t.Errorf("Get(%q) = %s %s expires %v; want a 15 min virtual-host URL", tt.key, g.Method, g.URL, g.ExpiresAt)
			}
		case fault.KindOf(err) != tt.kind:
			t.Errorf("Get(%q) err = %v (kind %s); want %s", tt.key, err, fault.KindOf(err), tt.kind)
		}
	}
	if _, err := m.Get("alice", "uploads/bob/x.jpg", plainCreds, testNow); !strings.Contains(fault.PublicMessage(err), "only your own") {
		t.Errorf("refusal message = %q; want it to say why", fault.PublicMessage(err))
	}
}
