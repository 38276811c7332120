package cloud

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ossflow/ossflow/localstack/stsemu"
	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/events"
)

// Roles returns the STS emulator's roles for tpl: each function's role and
// extra (the upload role sts-token hands out). Every role trusts the local
// account (so the admin key and other roles may assume it, as role
// chaining needs) and may do anything in OSS on buckets, and nothing
// elsewhere: the session policies sts-token adds are what narrow it, as in
// the cloud. Empty and repeated ARNs are skipped.
func Roles(tpl *template.Template, buckets []string, extra ...string) []stsemu.Role {
	trust := fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",`+
		`"Principal":{"RAM":["acs:ram::%s:root"],"Service":["fc.aliyuncs.com"]}}]}`, tpl.AccountID)
	var res []string
	for _, b := range buckets {
		res = append(res, `"acs:oss:*:*:`+b+`"`, `"acs:oss:*:*:`+b+`/*"`)
	}
	perm := `{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:*"],"Resource":[` + strings.Join(res, ",") + `]}]}`
	var arns []string
	for _, f := range tpl.Functions {
		arns = append(arns, f.Role)
	}
	arns = append(arns, extra...)
	var roles []stsemu.Role
	seen := map[string]bool{}
	for _, arn := range arns {
		if arn == "" || seen[strings.ToLower(arn)] {
			continue
		}
		seen[strings.ToLower(arn)] = true
		roles = append(roles, stsemu.Role{ARN: arn, TrustPolicy: trust, PermissionPolicies: []string{perm}})
	}
	return roles
}

// Buckets lists the buckets tpl names: the bucket var and every OSS
// trigger's source bucket, sorted, without repeats.
func Buckets(tpl *template.Template) []string {
	var out []string
	if b := tpl.Vars["bucket"]; b != "" {
		out = append(out, b)
	}
	for _, f := range tpl.Functions {
		for _, t := range f.Triggers {
			if t.OSS != nil && t.OSS.Bucket != "" {
				out = append(out, t.OSS.Bucket)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// roleCredentials assumes each function's role at the STS emulator, in
// process, with the local admin key, as FC assumes a function's role, and
// caches the credentials until ten minutes before they expire.
type roleCredentials struct {
	sts           http.Handler
	tpl           *template.Template
	keyID, secret string
	now           func() time.Time

	mu    sync.Mutex
	cache map[string]cachedCreds
}

type cachedCreds struct {
	creds   events.Credentials
	expires time.Time
}

// refreshBefore renews role credentials this long before they expire, so
// an invocation never starts with credentials about to lapse.
const refreshBefore = 10 * time.Minute

// Credentials returns fn's role credentials. It fails for a function the
// template does not name, one without a role, or an STS refusal (its code,
// never the request, which carries a signature).
func (rc *roleCredentials) Credentials(fn string) (events.Credentials, error) {
	f, ok := rc.tpl.Function(fn)
	if !ok {
		return events.Credentials{}, fmt.Errorf("role credentials for %s: not in the template", fn)
	}
	if f.Role == "" {
		return events.Credentials{}, fmt.Errorf("role credentials for %s: the function has no role", fn)
	}
	now := rc.now()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if c, ok := rc.cache[f.Resource]; ok && now.Before(c.expires.Add(-refreshBefore)) {
		return c.creds, nil
	}
	c, err := rc.assume(f.Role, "fc-"+f.Resource, now)
	if err != nil {
		return events.Credentials{}, fmt.Errorf("role credentials for %s: %w", fn, err)
	}
	rc.cache[f.Resource] = c
	return c.creds, nil
}

// assume calls AssumeRole on the STS emulator's handler directly: the RPC
// is signed exactly as the official SDK signs it, so the emulator checks
// this caller like any other.
func (rc *roleCredentials) assume(arn, session string, now time.Time) (cachedCreds, error) {
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	p := url.Values{
		"Action": {"AssumeRole"}, "Version": {"2015-04-01"}, "Format": {"JSON"},
		"AccessKeyId": {rc.keyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {hex.EncodeToString(nonce[:])}, "Timestamp": {now.UTC().Format("2006-01-02T15:04:05Z")},
		"RoleArn": {arn}, "RoleSessionName": {session}, "DurationSeconds": {"3600"},
	}
	p.Set("Signature", stsemu.Sign(p, http.MethodPost, rc.secret))
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(p.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	rc.sts.ServeHTTP(rec, req)
	var out struct {
		Code        string
		Credentials struct {
			AccessKeyID     string `json:"AccessKeyId"`
			AccessKeySecret string
			SecurityToken   string
			Expiration      string
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		return cachedCreds{}, fmt.Errorf("assume role %s: STS answered %d with unreadable JSON", arn, rec.Code)
	}
	if rec.Code != http.StatusOK {
		return cachedCreds{}, fmt.Errorf("assume role %s: STS answered %d %s", arn, rec.Code, out.Code)
	}
	exp, err := time.Parse(time.RFC3339, out.Credentials.Expiration)
	if err != nil {
		return cachedCreds{}, fmt.Errorf("assume role %s: Expiration %q: %w", arn, out.Credentials.Expiration, err)
	}
	return cachedCreds{expires: exp, creds: events.Credentials{AccessKeyID: out.Credentials.AccessKeyID,
		AccessKeySecret: out.Credentials.AccessKeySecret, SecurityToken: out.Credentials.SecurityToken}}, nil
}
