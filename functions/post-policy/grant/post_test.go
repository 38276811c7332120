package grant

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/callback"
	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

const wantKey = "uploads/alice/2026/11/22/" + zeroRandom

// TestPostPolicyConditions pins every condition of the policy, in order,
// for the shapes a deployment produces.
func TestPostPolicyConditions(t *testing.T) {
	cred := `{"x-oss-credential":"STS.NUgrantTest/20261122/cn-hangzhou/oss/aliyun_v4_request"}`
	common := func(key, ct string) []string {
		return []string{
			`{"bucket":"photos"}`,
			`{"x-oss-signature-version":"OSS4-HMAC-SHA256"}`,
			cred,
			`{"x-oss-date":"20261122T010203Z"}`,
			`{"x-oss-security-token":"CAISgrantSecurityTokenValue0123456789"}`,
			`["eq","$key","` + key + `"]`,
			`["content-length-range",1,10485760]`,
			`["eq","$content-type","` + ct + `"]`,
			`["eq","$success_action_status","201"]`,
			`["eq","$x-oss-forbid-overwrite","true"]`,
		}
	}
	cb := &callback.Callback{URL: "https://api.example.com/uploaded", Body: "object=${object}&user=${x:user}"}
	cbParam, _, _ := callback.Callback{URL: cb.URL, Body: cb.Body, FormVars: []string{"x:user"}}.Encode()
	tests := []struct {
		name   string
		cfg    func(*Config)
		req    Request
		want   []string
		fields map[string]string
	}{
		{"jpeg", nil, Request{Filename: "IMG_0001.JPG", ContentType: "image/jpeg"},
			append(common(wantKey+".jpg", "image/jpeg"), `["eq","$x-oss-meta-original-name","IMG_0001.JPG"]`),
			map[string]string{"key": wantKey + ".jpg", "Content-Type": "image/jpeg", "x-oss-meta-original-name": "IMG_0001.JPG"}},
		{"type with params and case is pinned canonical, ext from type not name", nil,
			Request{Filename: "evil.html", ContentType: "IMAGE/PNG; charset=binary", Size: 10},
			append(common(wantKey+".png", "image/png"), `["eq","$x-oss-meta-original-name","evil.html"]`),
			map[string]string{"key": wantKey + ".png", "Content-Type": "image/png"}},
		{"unicode name is percent-encoded", nil, Request{Filename: `C:\Users\Zoë\été 1.heic`, ContentType: "image/heic"},
			append(common(wantKey+".heic", "image/heic"), `["eq","$x-oss-meta-original-name","%C3%A9t%C3%A9 1.heic"]`),
			map[string]string{"x-oss-meta-original-name": "%C3%A9t%C3%A9 1.heic"}},
		{"callback pinned with the caller", func(c *Config) { c.Callback = cb }, Request{Filename: "a.gif", ContentType: "image/gif"},
			append(common(wantKey+".gif", "image/gif"), `["eq","$x-oss-meta-original-name","a.gif"]`,
				`["eq","$callback","`+cbParam+`"]`, `["eq","$x:user","alice"]`),
			map[string]string{"callback": cbParam, "x:user": "alice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			g, err := newTestMinter(t, cfg).Post("alice", tt.req, stsCreds, testNow)
			if err != nil {
				t.Fatalf("Post: %v", err)
			}
			exp, conds := policyConditions(t, g.Fields["policy"])
			if exp != "2026-11-22T01:12:03.000Z" {
				t.Errorf("expiration = %s; want 2026-11-22T01:12:03.000Z (now + 10 min)", exp)
			}
			if !slices.Equal(conds, tt.want) {
				t.Errorf("conditions =\n  %s\nwant\n  %s", strings.Join(conds, "\n  "), strings.Join(tt.want, "\n  "))
			}
			for k, v := range tt.fields {
				if g.Fields[k] != v {
					t.Errorf("Fields[%q] = %q; want %q", k, g.Fields[k], v)
				}
			}
			if g.Method != "POST" || g.URL != "https://photos.oss-cn-hangzhou.aliyuncs.com/" || g.MaxSize != 10<<20 ||
				!g.ExpiresAt.Equal(testNow.Add(10*time.Minute)) || g.Key != g.Fields["key"] {
				t.Errorf("grant = %s %s key %s maxSize %d expires %v", g.Method, g.URL, g.Key, g.MaxSize, g.ExpiresAt)
			}
			// The form as returned must pass the policy evaluator OSS's
			// emulator uses, signature included.
			sub := postpolicy.Submission{Bucket: "photos", Fields: g.Fields, FileSize: 1}
			if _, err := postpolicy.Evaluate(sub, testNow.Add(time.Minute), func(id string) (string, bool) {
				return stsCreds.AccessKeySecret, id == stsCreds.AccessKeyID
			}); err != nil {
				t.Errorf("Evaluate(returned form) = %v; want accepted", err)
			}
		})
	}
}

func TestPostWithoutSecurityTokenOmitsIt(t *testing.T) {
	g, err := newTestMinter(t, testConfig()).Post("alice", Request{Filename: "a.png", ContentType: "image/png"}, plainCreds, testNow)
	if err != nil {
		t.Fatalf("Post: %v", err)
	}
	if _, ok := g.Fields["x-oss-security-token"]; ok {
		t.Errorf("form has x-oss-security-token for long-term credentials")
	}
	_, conds := policyConditions(t, g.Fields["policy"])
	for _, c := range conds {
		if strings.Contains(c, "security-token") {
			t.Errorf("policy condition %s for long-term credentials", c)
		}
	}
}

// TestCallerCannotWidenTheGrant sends requests that try to pick the bucket,
// the key, the size or a type outside the allowlist.
func TestCallerCannotWidenTheGrant(t *testing.T) {
	m := newTestMinter(t, testConfig())
	tests := []struct {
		name string
		body string
		kind fault.Kind
		want string
	}{
		{"bucket field", `{"filename":"a.jpg","contentType":"image/jpeg","bucket":"other"}`, fault.Invalid, `unknown field "bucket"`},
		{"key field", `{"filename":"a.jpg","contentType":"image/jpeg","key":"uploads/bob/x.jpg"}`, fault.Invalid, `unknown field "key"`},
		{"maxSize field", `{"filename":"a.jpg","contentType":"image/jpeg","maxSize":99999999999}`, fault.Invalid, `unknown field "maxSize"`},
		{"html", `{"filename":"a.html","contentType":"text/html"}`, fault.Invalid, `contentType "text/html" is not allowed; allowed: image/jpeg, image/png, image/webp, image/gif, image/heic`},
		{"svg", `{"filename":"a.svg","contentType":"image/svg+xml"}`, fault.Invalid, "is not allowed"},
		{"type prefix trick", `{"filename":"a","contentType":"image/jpegx"}`, fault.Invalid, "is not allowed"},
		{"size over max", `{"filename":"a.jpg","contentType":"image/jpeg","size":10485761}`, fault.TooLarge, "size 10485761 exceeds the maximum of 10485760 bytes"},
		{"negative size", `{"filename":"a.jpg","contentType":"image/jpeg","size":-1}`, fault.Invalid, "size must not be negative"},
		{"mode", `{"filename":"a.jpg","contentType":"image/jpeg","mode":"copy"}`, fault.Invalid, `mode must be "post" or "put"`},
		{"path-only name", `{"filename":"../../","contentType":"image/jpeg"}`, fault.Invalid, "no usable characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequest([]byte(tt.body))
			if err == nil {
				_, err = m.Upload("alice", req, stsCreds, testNow)
			}
			if fault.KindOf(err) != tt.kind || !strings.Contains(fault.PublicMessage(err), tt.want) {
				t.Errorf("err = %v (kind %s); want kind %s with public message containing %q", err, fault.KindOf(err), tt.kind, tt.want)
			}
		})
	}
	// Size exactly max is fine: the limit is inclusive.
	req := Request{Filename: "a.jpg", ContentType: "image/jpeg", Size: 10 << 20, Mode: ModePost}
	if _, err := m.Upload("alice", req, stsCreds, testNow); err != nil {
		t.Errorf("size == max: %v", err)
	}
}

func TestPostSigningFailureIsInternal(t *testing.T) {
	_, err := newTestMinter(t, testConfig()).Post("alice", Request{Filename: "a.png", ContentType: "image/png"}, signer.Credentials{}, testNow)
	if fault.KindOf(err) != fault.Internal || fault.PublicMessage(err) != "internal error" {
		t.Errorf("err = %v; want Internal with a generic public message", err)
	}
	var pe *postpolicy.Error
	if !errors.As(err, &pe) {
		t.Errorf("err = %v; want the postpolicy error wrapped for the log", err)
	}
}
