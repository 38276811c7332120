package ossemu_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

// Temporary credentials every three-client server knows. "STS.u1" is
// scoped like the sts-token function's upload token: PutObject under
// photos/uploads/u1/ and nothing else. "STS.old" expired a minute ago.
const (
	stsScopedID  = "STS.u1"
	stsExpiredID = "STS.old"
	stsSecret    = "three-client-temp-secret"
	stsToken     = "three-client-token"
)

func threeClientServer(t *testing.T, skew time.Duration) *ossemutest.Server {
	t.Helper()
	scope := func(action, resource string) bool {
		return action == "oss:PutObject" && strings.HasPrefix(resource, "acs:oss:cn-hangzhou:1234567890123456:photos/uploads/u1/")
	}
	issued := time.Now()
	srv := ossemutest.NewServer(t, skewed(skew), func(c *ossemu.Config) {
		c.TempCredentials = func(id string) (ossemu.TempCredential, bool) {
			switch id {
			case stsScopedID:
				return ossemu.TempCredential{Secret: stsSecret, SecurityToken: stsToken, Expires: issued.Add(time.Hour), Authorize: scope}, true
			case stsExpiredID:
				return ossemu.TempCredential{Secret: stsSecret, SecurityToken: stsToken, Expires: issued.Add(-time.Minute), Authorize: scope}, true
			}
			return ossemu.TempCredential{}, false
		}
	})
	srv.MustBucket(t, "photos")
	srv.MustBucket(t, "other")
	return srv
}

// TestThreeClients runs one table of upload cases through the official Go
// SDK v2 (V4), ali-oss under Node (V4) and a browser-style multipart form.
// Each client must succeed when the request is right and get OSS's status
// and code when the signature, date, expiry, policy or permission is wrong.
// "presign" cases use each client's time-limited grant: a presigned URL
// for the SDK and ali-oss, the policy's expiration for the form (which is
// always such a grant).
func TestThreeClients(t *testing.T) {
	tests := []struct {
		name       string
		cred       string // "key", "wrong-secret", "sts", "sts-expired"
		skew       time.Duration
		presign    bool
		bucket     string
		key        string
		wantStatus int
		wantCode   string
	}{
		{"correct long-term key", "key", 0, false, "photos", "uploads/u1/a.txt", 200, ""},
		{"correct presigned grant", "key", 0, true, "photos", "uploads/u1/b.txt", 200, ""},
		{"correct scoped STS token", "sts", 0, false, "photos", "uploads/u1/c.txt", 200, ""},
		{"wrong signature", "wrong-secret", 0, false, "photos", "uploads/u1/d.txt", 403, "SignatureDoesNotMatch"},
		{"date 20 min ahead of server", "key", -20 * time.Minute, false, "photos", "uploads/u1/e.txt", 403, "RequestTimeTooSkewed"},
		{"expired grant", "key", 2 * time.Minute, true, "photos", "uploads/u1/f.txt", 403, "AccessDenied"},
		{"expired STS token", "sts-expired", 0, false, "photos", "uploads/u1/g.txt", 403, "SecurityTokenExpired"},
		{"policy violation: key outside the scope", "sts", 0, false, "photos", "uploads/u2/h.txt", 403, "AccessDenied"},
		{"permission refused: bucket outside the scope", "sts", 0, false, "other", "uploads/u1/i.txt", 403, "AccessDenied"},
	}
	clients := []string{"go-sdk", "ali-oss", "form"}
	ups := map[string][]upload{}
	for _, tt := range tests {
		srv := threeClientServer(t, tt.skew)
		for _, client := range clients {
			u := upload{srv: srv, id: srv.AccessKeyID, secret: srv.AccessKeySecret, bucket: tt.bucket,
				key: tt.key + "." + client, body: "hello from " + client, presign: tt.presign,
				validFor: time.Minute, formPrefix: "uploads/u1/", readBack: tt.cred == "key" && tt.wantCode == ""}
			switch tt.cred {
			case "wrong-secret":
				u.secret = "not-the-secret"
			case "sts":
				u.id, u.secret, u.token = stsScopedID, stsSecret, stsToken
			case "sts-expired":
				u.id, u.secret, u.token = stsExpiredID, stsSecret, stsToken
			}
			ups[client] = append(ups[client], u)
		}
	}
	ali, skipAli := viaAliOSS(t, ups["ali-oss"])
	got := map[string][]outcome{"ali-oss": ali}
	for _, u := range ups["go-sdk"] {
		got["go-sdk"] = append(got["go-sdk"], viaSDK(t, u))
	}
	for _, u := range ups["form"] {
		got["form"] = append(got["form"], viaForm(t, u))
	}
	for i, tt := range tests {
		for _, client := range clients {
			t.Run(tt.name+"/"+client, func(t *testing.T) {
				if client == "ali-oss" && skipAli != "" {
					t.Skip(skipAli)
				}
				g, u := got[client][i], ups[client][i]
				if tt.wantCode == "" {
					if !g.OK {
						t.Fatalf("upload = %d %s; want success", g.Status, g.Code)
					}
					if data := get(t, goodClient(u.srv), u.bucket, u.key); string(data) != u.body {
						t.Errorf("stored %q; want %q", data, u.body)
					}
					if u.readBack && client == "ali-oss" && (g.Got == nil || *g.Got != u.body) {
						t.Errorf("ali-oss read back %v; want %q", g.Got, u.body)
					}
					return
				}
				if g.OK || g.Status != tt.wantStatus || g.Code != tt.wantCode {
					t.Errorf("status = %d %s (ok=%v); want %d %s", g.Status, g.Code, g.OK, tt.wantStatus, tt.wantCode)
				}
				// Events, not a signed HEAD: the skewed server refuses those too.
				for _, ev := range u.srv.Events() {
					if ev.Key == u.key {
						t.Errorf("refused upload stored an object: event %s", ev.Name)
					}
				}
			})
		}
	}
}
