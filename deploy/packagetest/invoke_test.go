package packagetest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
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

// The temporary credentials FC would pass the thumbnail function in its
// x-fc-* headers: the emulator accepts them with deploy/ram/thumbnail.json
// as their only rights. Test fixtures, not credentials for any account.
const (
	fnKeyID  = "STS.ossflowThumbnailRole"
	fnSecret = "thumbnail-role-secret-0123456789"
	fnToken  = "thumbnail-role-security-token-abcdef"
)

// thumbnailEnv is the template's environment for thumbnail with FC's
// /code and /opt mapped to the unpacked directories and the OSS endpoint
// pointed at the emulator. Nothing else of this process's environment
// (no PATH, no system library path) reaches the function.
func thumbnailEnv(t *testing.T, code, opt, endpoint string) []string {
	t.Helper()
	f := templateFunction(t, "thumbnail")
	fsPaths := strings.NewReplacer("/code", code, "/opt", opt)
	var env []string
	for k, v := range f.Environment {
		switch k {
		case "LD_LIBRARY_PATH", "VIPSHOME":
			v = fsPaths.Replace(v)
		case ossclient.EnvEndpoint:
			v = endpoint
		}
		env = append(env, k+"="+v)
	}
	if f.Environment["VIPSHOME"] != "/opt" {
		// This machine has libvips' modules in /usr, FC's runtime does not:
		// without VIPSHOME the test would pass on modules FC never sees.
		t.Errorf("template.yml: thumbnail environment VIPSHOME = %q; want /opt, or libvips finds no HEIF/AVIF module "+
			"(it looks in $VIPSHOME/x86_64-linux-gnu/vips-modules-8.14, which the layer provides)", f.Environment["VIPSHOME"])
		env = append(env, "VIPSHOME="+opt)
	}
	return append(env, ossclient.EnvPathStyle+"=true", "FC_CUSTOM_LISTEN_PORT="+strconv.Itoa(f.CustomRuntime.Port))
}

// The thumbnail zip and layer, unpacked into an empty directory, serve real
// custom-runtime invocations with only the layer's libraries: for a JPEG
// and an AVIF upload the variants land in the emulator, signed with
// credentials that have only the function's RAM policy, and every shared
// object the process maps is from the layer or glibc. testdata/gradient.avif
// is a 640x480 gradient written by libvips 8.14 (vips copy x.ppm x.avif[Q=40]).
func TestThumbnailRunsFromPackageAndLayerOnly(t *testing.T) {
	t.Parallel()
	code, opt := unpackThumbnail(t)
	role := policy(t, "thumbnail")
	emu := ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.TempCredentials = func(id string) (ossemu.TempCredential, bool) {
			return ossemu.TempCredential{Secret: fnSecret, SecurityToken: fnToken, Expires: time.Now().Add(time.Hour),
				Authorize: func(action, resource string) bool {
					return rampolicy.Evaluate([]rampolicy.Policy{role}, action, resource).Allowed()
				}}, id == fnKeyID
		}
	})
	emu.MustBucket(t, testBucket)
	admin, err := ossclient.New(ossclient.Config{Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
		Credentials: ossclient.StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, _ := osskit.NewBucket(testBucket)
	v := loadTemplate(t).Vars
	avif, err := os.ReadFile(filepath.Join("testdata", "gradient.avif"))
	if err != nil {
		t.Fatal(err)
	}
	p := startFunction(t, filepath.Join(code, "main"), thumbnailEnv(t, code, opt, emu.URL), "-listen", "127.0.0.1:0")
	addr := p.waitAddr(t)

	// The JPEG exercises libvips and its linked codecs; the AVIF also needs
	// the vips-heif module and libheif's decoders from the layer.
	for i, src := range []struct {
		name, contentType string
		data              []byte
	}{
		{"beach.jpg", "image/jpeg", testJPEG(t)},
		{"gradient.avif", "image/avif", avif},
	} {
		key, _ := osskit.NewKey(v["uploadPrefix"] + "/u1/" + src.name)
		if _, err := admin.PutObject(ctx, b, key, bytes.NewReader(src.data), osskit.PutOptions{ContentType: src.contentType}); err != nil {
			t.Fatal(err)
		}
		evs := emu.Events()
		ev := evs[len(evs)-1]
		payload, err := ossemu.FCEventJSON(accountID, ev)
		if err != nil {
			t.Fatal(err)
		}
		invoke(t, p, addr, "req-package-"+strconv.Itoa(i), emu.Region, payload)

		prefix := v["thumbPrefix"] + "/u1/" + strings.TrimSuffix(src.name, filepath.Ext(src.name)) + "/"
		page, err := admin.ListObjects(ctx, b, osskit.ListOptions{Prefix: prefix})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Objects) == 0 {
			t.Errorf("%s: no variant under %s; logs:\n%s", src.name, prefix, p.logs())
		}
		for _, o := range page.Objects {
			k, _ := osskit.NewKey(o.Key)
			info, err := admin.HeadObject(ctx, b, k)
			if err != nil || info.Metadata["source-etag"] != ev.ETag || o.Size == 0 {
				t.Errorf("%s: %v, size %d, metadata %v; want a variant of %s", o.Key, err, o.Size, info.Metadata, src.name)
			}
		}
	}

	assertMappedFromLayer(t, p.cmd.Process.Pid, opt)
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t); code != 0 {
		t.Errorf("exit status after SIGTERM = %d; want 0", code)
	}
	for _, secret := range []string{fnSecret, fnToken} {
		if strings.Contains(p.logs(), secret) {
			t.Errorf("a credential appears in the function's output")
		}
	}
}

// invoke sends one custom-runtime event invocation to the function at
// addr with FC's headers (the role's temporary keys included) and fails t
// unless FC would count it a success.
func invoke(t *testing.T, p *proc, addr, requestID, region string, payload []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/invoke", bytes.NewReader(payload))
	for k, v := range map[string]string{"Content-Type": "application/octet-stream", "x-fc-request-id": requestID,
		"x-fc-access-key-id": fnKeyID, "x-fc-access-key-secret": fnSecret, "x-fc-security-token": fnToken,
		"x-fc-function-timeout": "60", "x-fc-region": region, "x-fc-account-id": accountID} {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("x-fc-status") != "200" {
		t.Fatalf("POST /invoke %s = %d (x-fc-status %q) %s; want 200; logs:\n%s", requestID, resp.StatusCode, resp.Header.Get("x-fc-status"), body, p.logs())
	}
}

// assertMappedFromLayer reads /proc/<pid>/maps: every shared object the
// running function has loaded (including libvips modules it opened at
// start) must come from the layer, except glibc's, and the HEIF module
// must be among them (libvips found it through VIPSHOME).
func assertMappedFromLayer(t *testing.T, pid int, opt string) {
	t.Helper()
	maps, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/maps")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	heif := false
	for _, line := range strings.Split(string(maps), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 || !strings.Contains(f[5], ".so") || seen[f[5]] {
			continue
		}
		path := f[5]
		seen[path] = true
		heif = heif || strings.HasSuffix(path, "/vips-heif.so") && strings.HasPrefix(path, opt+"/")
		if !strings.HasPrefix(path, opt+"/") && !glibcLib.MatchString(filepath.Base(path)) {
			t.Errorf("the function mapped %s, from outside the layer", path)
		}
	}
	if !heif {
		t.Errorf("libvips did not load vips-heif.so from the layer: HEIF/AVIF sources would fail")
	}
}
