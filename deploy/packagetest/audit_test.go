package packagetest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/localstack/rampolicy"
	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

// The lifecycle-audit zip, unpacked, runs the template's nightly timer
// invocation with the template's environment and credentials limited to
// deploy/ram/lifecycle-audit.json, and writes its reports.
func TestLifecycleAuditRunsNightlyWithItsPolicy(t *testing.T) {
	t.Parallel()
	code := t.TempDir()
	unzip(t, filepath.Join(dist(t), "lifecycle-audit.zip"), code)
	f := templateFunction(t, "lifecycle-audit")
	var timer string
	for _, tr := range f.Triggers {
		if tr.Timer != nil {
			timer = tr.Timer.Payload
		}
	}
	role := policy(t, "lifecycle-audit")
	emu := ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.TempCredentials = func(id string) (ossemu.TempCredential, bool) {
			return ossemu.TempCredential{Secret: fnSecret, SecurityToken: fnToken, Expires: time.Now().Add(time.Hour),
				Authorize: func(action, resource string) bool {
					return rampolicy.Evaluate([]rampolicy.Policy{role}, action, resource).Allowed()
				}}, id == fnKeyID
		}
	})
	emu.MustBucket(t, testBucket)
	for i, key := range []string{"uploads/u1/a.jpg", "uploads/u2/b.jpg", "thumbs/u1/a/sm.jpg"} {
		if err := emu.SeedObject(testBucket, key, bytes.Repeat([]byte{'x'}, 1000*(i+1))); err != nil {
			t.Fatal(err)
		}
	}

	var env []string
	for k, v := range f.Environment {
		if k == ossclient.EnvEndpoint {
			v = emu.URL
		}
		env = append(env, k+"="+v)
	}
	env = append(env, ossclient.EnvPathStyle+"=true", "FC_CUSTOM_LISTEN_PORT=9000")
	p := startFunction(t, filepath.Join(code, f.Handler), env, "-listen", "127.0.0.1:0")

	event, _ := json.Marshal(map[string]string{"triggerTime": "2026-11-22T18:00:00Z", "triggerName": "nightly", "payload": timer})
	req, _ := http.NewRequest(http.MethodPost, "http://"+p.waitAddr(t)+"/invoke", bytes.NewReader(event))
	for k, v := range map[string]string{"x-fc-request-id": "req-audit-1", "x-fc-access-key-id": fnKeyID,
		"x-fc-access-key-secret": fnSecret, "x-fc-security-token": fnToken,
		"x-fc-function-timeout": strconv.Itoa(f.TimeoutSec), "x-fc-region": emu.Region} {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /invoke (timer payload %q) = %d %s; want 200; logs:\n%s", timer, resp.StatusCode, body, p.logs())
	}

	admin, err := ossclient.New(ossclient.Config{Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
		Credentials: ossclient.StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := osskit.NewBucket(testBucket)
	prefix := loadTemplate(t).Vars["reportPrefix"] + "/" + testBucket + "/2026-11-22."
	page, err := admin.ListObjects(context.Background(), b, osskit.ListOptions{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range page.Objects {
		got = append(got, strings.TrimPrefix(o.Key, prefix))
	}
	for _, ext := range []string{"json", "csv", "html"} {
		if !slices.Contains(got, ext) {
			t.Errorf("reports under %s* = %v; want json, csv and html; logs:\n%s", prefix, got, p.logs())
			break
		}
	}
	if strings.Contains(p.logs(), "AccessDenied") {
		t.Errorf("a call was denied by deploy/ram/lifecycle-audit.json; logs:\n%s", p.logs())
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t)
}
