package cloud

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// testSiteServer serves a site over a real in-memory OSS emulator.
func testSiteServer(t *testing.T) (*site, *httptest.Server, *ossemu.Server) {
	s, srv, oss, _ := testSiteServerTpl(t)
	return s, srv, oss
}

func testSiteServerTpl(t *testing.T) (*site, *httptest.Server, *ossemu.Server, *template.Template) {
	t.Helper()
	tpl := loadReal(t, template.LocalConfig{})
	oss, err := ossemu.New(ossemu.Config{AccessKeys: map[string]string{DefaultAccessKeyID: DefaultAccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { oss.Close() })
	ossSrv := httptest.NewServer(oss)
	t.Cleanup(ossSrv.Close)
	oa := ossAdmin{oss: oss, base: ossSrv.URL, region: DefaultRegion, now: time.Now,
		creds: signer.Credentials{AccessKeyID: DefaultAccessKeyID, AccessKeySecret: DefaultAccessKeySecret}}
	if err := oa.ensureBucket(DefaultBucket, testSite.DemoOrigins); err != nil {
		t.Fatal(err)
	}
	if err := oa.ensureBucket(DefaultBucket, testSite.DemoOrigins); err != nil {
		t.Fatalf("second ensureBucket (a restart): %v; want nil", err)
	}
	s := newSite(tpl, oa, nil, []DemoUser{{Name: "alice", Token: "t"}}, t.TempDir(), ossSrv.URL, "http://127.0.0.1:9000")
	srv := httptest.NewServer(s.handler())
	t.Cleanup(srv.Close)
	return s, srv, oss, tpl
}

func TestSitePageConfig(t *testing.T) {
	_, srv, _ := testSiteServer(t)
	resp, err := http.Get(srv.URL + "/demo/config.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p pageConfig
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	if p.Functions["post-policy"] != "http://127.0.0.1:9000/post-policy/" || p.Functions["sts-token"] == "" {
		t.Errorf("functions = %v; want post-policy and sts-token URLs", p.Functions)
	}
	if p.MaxSize != 10<<20 || len(p.Styles) != 6 || p.Styles[1] != (pageStyle{Name: "sm-webp", Format: "webp"}) || p.Styles[0].Format != "" {
		t.Errorf("maxSize %d, styles %+v; want template.yml's 10 MiB and the six default styles", p.MaxSize, p.Styles)
	}
	if p.SourcePrefix != "uploads/" || p.VariantKey != "thumbs/{path}/{style}.{ext}" {
		t.Errorf("layout %q, %q; want template.yml's uploads/ and thumbs/{path}/{style}.{ext}", p.SourcePrefix, p.VariantKey)
	}
	if p.AliOSS != "" {
		t.Errorf("aliOSS = %q with no node_modules; want empty so the page offers POST only", p.AliOSS)
	}
	for _, path := range []string{"/demo/", "/demo/app.js", "/demo/style.css"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %v, %v; want 200", path, resp, err)
			continue
		}
		resp.Body.Close()
	}
}

func TestSiteAdminNeedsTheToken(t *testing.T) {
	s, srv, _ := testSiteServer(t)
	for _, tok := range []string{"", "wrong", s.adminToken + "x"} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/admin/fire?trigger=nightly", nil)
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("fire with token %q: status = %d; want 401", tok, resp.StatusCode)
		}
	}
	_, err := Fire(context.Background(), Endpoints{Admin: srv.URL + "/admin", AdminToken: "wrong"}, "nightly", nil)
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("Fire with a wrong token = %v; want an error with status 401", err)
	}
}

func TestSiteReportLinksTheLatest(t *testing.T) {
	_, srv, oss, tpl := testSiteServerTpl(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(srv.URL + "/demo/report")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("report before any audit: status = %d; want 404 with how to fire the timer", resp.StatusCode)
	}
	dir := tpl.Vars["reportPrefix"] + "/" + DefaultBucket + "/"
	for _, k := range []string{"2026-11-20.html", "2026-11-21.html", "2026-11-21.json", "2026-11-19.html"} {
		if err := oss.SeedObject(DefaultBucket, dir+k, []byte("<html>"+k+"</html>")); err != nil {
			t.Fatal(err)
		}
	}
	resp, err = noRedirect.Get(srv.URL + "/demo/report")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.Contains(loc, dir+"2026-11-21.html?") {
		t.Fatalf("report: status = %d, Location %q; want 302 to the 2026-11-21 HTML report", resp.StatusCode, loc)
	}
	got, err := http.Get(loc)
	if err != nil {
		t.Fatal(err)
	}
	got.Body.Close()
	if got.StatusCode != http.StatusOK {
		t.Errorf("presigned report link: status = %d; want 200", got.StatusCode)
	}
}

func TestStartRefusesABusyPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	_, err = Start(context.Background(), Config{Template: filepath.Join(repoRoot, "template.yml"), DataDir: t.TempDir(),
		Ports: Ports{FC: -1, OSS: port, STS: -1, Demo: -1}})
	if err == nil || !strings.Contains(err.Error(), "OSS port") {
		t.Fatalf("Start with the OSS port taken = %v; want an error naming the OSS port", err)
	}
	// Every port Start took before failing is free again.
	_, err = Start(context.Background(), Config{Template: filepath.Join(t.TempDir(), "missing.yml"), DataDir: t.TempDir(),
		Ports: Ports{FC: -1, OSS: -1, STS: -1, Demo: -1}, Build: BuildNever})
	if err == nil || !strings.Contains(err.Error(), "missing.yml") {
		t.Errorf("Start with a missing template = %v; want an error naming it", err)
	}
}

func TestEndpointsRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", EndpointsFile)
	want := Endpoints{OSS: "http://127.0.0.1:1", Buckets: []string{"b"}, Users: []DemoUser{{Name: "alice", Token: "t"}},
		Functions: map[string]string{"post-policy": "http://127.0.0.1:2/post-policy/"}, AdminKey: AccessKey{"id", "secret"}, PID: 7}
	if err := WriteEndpoints(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadEndpoints(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.OSS != want.OSS || got.AdminKey != want.AdminKey || got.Users[0] != want.Users[0] || got.PID != 7 {
		t.Errorf("read back %+v; want %+v", got, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("endpoints.json mode = %v; want 0600: it holds keys and tokens", fi.Mode().Perm())
	}
	if _, err := ReadEndpoints(filepath.Join(t.TempDir(), "none.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v; want os.ErrNotExist", err)
	}
}
