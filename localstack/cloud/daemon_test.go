package cloud

import (
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDaemonRunsThePipelineAndStopsCleanly runs the built daemon as a user
// would: it uploads through post-policy, sees every default variant with
// the right size, fires the audit timer and finds the report, then stops
// the daemon with SIGTERM and checks no function process outlives it.
func TestDaemonRunsThePipelineAndStopsCleanly(t *testing.T) {
	d := startDaemon(t)
	e := d.e
	if len(e.Users) == 0 || e.Functions["post-policy"] == "" || len(e.Buckets) != 1 {
		t.Fatalf("endpoints.json = %+v; want users, a post-policy URL and one bucket", e)
	}
	bucket := e.Buckets[0]
	key, status, fields := grantUpload(t, e, e.Users[0], testJPEG(t))
	if status != http.StatusCreated {
		t.Fatalf("upload status = %d; want 201", status)
	}
	rel := strings.TrimSuffix(strings.TrimPrefix(key, "uploads/"), ".jpg")
	want := map[string][2]int{"sm.jpg": {200, 200}, "sm-webp.webp": {200, 200}, "md.jpg": {640, 480},
		"md-webp.webp": {640, 480}, "lg.jpg": {1280, 960}, "lg-webp.webp": {1280, 960}}
	start := time.Now()
	for name, size := range want {
		vk := "thumbs/" + rel + "/" + name
		var resp *http.Response
		var body []byte
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			resp, body = ossDo(t, e, http.MethodGet, bucket, vk, "")
			if resp.StatusCode == http.StatusOK || time.Now().After(deadline) {
				break
			}
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s status = %d; want 200", vk, resp.StatusCode)
			continue
		}
		if strings.HasSuffix(name, ".webp") {
			// The standard library has no WebP decoder; the page test sees these rendered.
			if len(body) < 12 || string(body[:4]) != "RIFF" || string(body[8:12]) != "WEBP" {
				t.Errorf("%s is not a WebP file", vk)
			}
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(body))
		if err != nil || cfg.Width != size[0] || cfg.Height != size[1] {
			t.Errorf("%s: %s %dx%d (%v); want %dx%d", vk, format, cfg.Width, cfg.Height, err, size[0], size[1])
		}
	}
	t.Logf("every variant readable %v after the upload", time.Since(start).Round(time.Millisecond))

	empty := "{}"
	res, err := Fire(context.Background(), e, "nightly", &empty)
	if err != nil || res.Error != "" {
		t.Fatalf("fire nightly = %+v, %v; want success", res, err)
	}
	resp, body := ossDo(t, e, http.MethodGet, bucket, "", url.Values{"list-type": {"2"}}.Encode())
	var list struct{ Contents []struct{ Key string } }
	xml.Unmarshal(body, &list)
	var html bool
	for _, c := range list.Contents {
		html = html || strings.HasSuffix(c.Key, ".html") && strings.Contains(c.Key, "/"+bucket+"/")
	}
	if resp.StatusCode != http.StatusOK || !html {
		t.Errorf("report listing status = %d, keys %+v; want an HTML report", resp.StatusCode, list.Contents)
	}
	rep, err := http.Get(strings.TrimSuffix(e.Demo, "/") + "/report")
	if err == nil {
		rep.Body.Close()
	}
	if err != nil || rep.StatusCode != http.StatusOK || !strings.HasPrefix(rep.Header.Get("Content-Type"), "text/html") {
		t.Errorf("demo report link = %v, %v; want 200 text/html through the presigned redirect", rep, err)
	}

	// The same by hand, as the README tells users to.
	bin, _ := daemonBinary(t)
	for _, c := range []struct {
		args     []string
		wantOK   bool
		wantText string
	}{
		{[]string{"fire", "-data", d.data, "lifecycle-audit", "-payload", "{}"}, true, "fired lifecycle-audit"},
		{[]string{"fire", "-data", d.data, "no-such-timer"}, false, "no such timer trigger"},
		{[]string{"fire", "-data", t.TempDir(), "nightly"}, false, "is the local cloud running?"},
	} {
		out, err := exec.Command(bin, c.args...).CombinedOutput()
		if (err == nil) != c.wantOK || !strings.Contains(string(out), c.wantText) {
			t.Errorf("localstack %s = %v, %q; want success %v and %q", strings.Join(c.args, " "), err, out, c.wantOK, c.wantText)
		}
	}

	checkLogs(t, d.logs.String(), fields["x-oss-signature"], fields["x-oss-security-token"])

	kids := children(d.cmd.Process.Pid)
	if len(kids) < 3 {
		t.Errorf("daemon children = %v; want the post-policy, thumbnail and lifecycle-audit instances", kids)
	}
	d.stop(t)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var left []int
		for _, k := range kids {
			if alive(k) {
				left = append(left, k)
			}
		}
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("function processes %v outlived the daemon", left)
		}
	}
	if _, err := os.Stat(filepath.Join(d.data, EndpointsFile)); !os.IsNotExist(err) {
		t.Errorf("endpoints.json after stop: %v; want it removed", err)
	}
}

// TestDaemonRestartKeepsData stops the daemon and starts it again over the
// same data directory: the upload and its variants are still there, the
// bucket is reused, and the new run's demo tokens work.
func TestDaemonRestartKeepsData(t *testing.T) {
	data := t.TempDir()
	d := startDaemonIn(t, data)
	key, status, _ := grantUpload(t, d.e, d.e.Users[0], testJPEG(t))
	if status != http.StatusCreated {
		t.Fatalf("upload status = %d; want 201", status)
	}
	vk := "thumbs/" + strings.TrimSuffix(strings.TrimPrefix(key, "uploads/"), ".jpg") + "/sm.jpg"
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, _ := ossDo(t, d.e, http.MethodHead, d.e.Buckets[0], vk, ""); resp.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear", vk)
		}
	}
	d.stop(t)

	d2 := startDaemonIn(t, data)
	for _, k := range []string{key, vk} {
		if resp, _ := ossDo(t, d2.e, http.MethodHead, d2.e.Buckets[0], k, ""); resp.StatusCode != http.StatusOK {
			t.Errorf("HEAD %s after restart: status = %d; want 200", k, resp.StatusCode)
		}
	}
	if _, status, _ := grantUpload(t, d2.e, d2.e.Users[1], testJPEG(t)); status != http.StatusCreated {
		t.Errorf("upload after restart: status = %d; want 201", status)
	}
	d2.stop(t)
}

// BenchmarkUploadToAllVariants measures what a user waits for: from asking
// post-policy for a form to the last of the six default variants being
// readable, through the built daemon and warm function instances.
func BenchmarkUploadToAllVariants(b *testing.B) {
	d := startDaemon(b)
	img := testJPEG(b)
	names := []string{"sm.jpg", "sm-webp.webp", "md.jpg", "md-webp.webp", "lg.jpg", "lg-webp.webp"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key, status, _ := grantUpload(b, d.e, d.e.Users[i%len(d.e.Users)], img)
		if status != http.StatusCreated {
			b.Fatalf("upload status = %d; want 201", status)
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(key, "uploads/"), ".jpg")
		for _, n := range names {
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
				if resp, _ := ossDo(b, d.e, http.MethodHead, d.e.Buckets[0], "thumbs/"+rel+"/"+n, ""); resp.StatusCode == http.StatusOK {
					break
				}
				if time.Now().After(deadline) {
					b.Fatalf("%s did not appear", n)
				}
			}
		}
	}
}
