package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

var binPath string

// TestMain builds the function once, as deployed: with cgo, since libvips is native.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "thumbnail-bin-")
	if err != nil {
		panic(err)
	}
	binPath = filepath.Join(dir, "thumbnail")
	cmd := exec.Command("go", "build", "-o", binPath, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := cmd.CombinedOutput()
	code := 1
	if err != nil {
		os.Stderr.Write(append([]byte("go build ./functions/thumbnail failed:\n"), out...))
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// run starts the binary with env (plus PATH) and collects its log lines.
type run struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	addr  chan string
	done  chan error
}

func start(t *testing.T, env []string, args ...string) *run {
	t.Helper()
	r := &run{cmd: exec.Command(binPath, args...), addr: make(chan string, 1), done: make(chan error, 1)}
	r.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	stderr, err := r.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			r.mu.Lock()
			r.lines = append(r.lines, line)
			r.mu.Unlock()
			var l struct{ Message, Addr string }
			if json.Unmarshal([]byte(line), &l) == nil && l.Message == "serving" && l.Addr != "" {
				r.addr <- l.Addr
			}
		}
		r.done <- r.cmd.Wait()
	}()
	t.Cleanup(func() { _ = r.cmd.Process.Kill() })
	return r
}

func (r *run) logs() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

func (r *run) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-r.done:
		return r.cmd.ProcessState.ExitCode()
	case <-time.After(30 * time.Second):
		t.Fatalf("binary did not exit; logs:\n%s", r.logs())
		return -1
	}
}

func ossEnv(emu *ossemutest.Server) []string {
	return []string{"OSS_ENDPOINT=" + emu.URL, "OSS_REGION=" + emu.Region, "OSS_PATH_STYLE=true",
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + emu.AccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + emu.AccessKeySecret}
}

// The real binary, in local mode, serves one FC OSS event against the
// emulator: the photo's six default variants are written with real
// signatures, and the event's other record, not an image, gets its
// failure record.
func TestBinaryServesOneInvocation(t *testing.T) {
	emu := ossemutest.NewServer(t)
	emu.MustBucket(t, "photos")
	client, err := ossclient.New(ossclient.Config{Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
		Credentials: ossclient.StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, _ := osskit.NewBucket("photos")
	src, _ := osskit.NewKey("uploads/trip/beach.jpg")
	if _, err := client.PutObject(ctx, b, src, bytes.NewReader(testJPEG(t)), osskit.PutOptions{ContentType: "image/jpeg"}); err != nil {
		t.Fatal(err)
	}
	bad, _ := osskit.NewKey("uploads/trip/notes.jpg")
	if _, err := client.PutObject(ctx, b, bad, strings.NewReader("not a photo"), osskit.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	// One event, two records: each is handled on its own.
	evs := emu.Events()
	payload, err := ossemu.FCEventJSON("1234567890123456", evs[len(evs)-2], evs[len(evs)-1])
	if err != nil {
		t.Fatal(err)
	}

	r := start(t, append(ossEnv(emu), "MALLOC_ARENA_MAX=2"), "-listen", "127.0.0.1:0")
	var addr string
	select {
	case addr = <-r.addr:
	case <-time.After(30 * time.Second):
		t.Fatalf("binary did not start serving; logs:\n%s", r.logs())
	}
	resp, err := http.Post("http://"+addr+"/", "application/json", bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status = %d; want 204; logs:\n%s", resp.StatusCode, r.logs())
	}
	for _, name := range []string{"sm.jpg", "sm-webp.webp", "md.jpg", "md-webp.webp", "lg.jpg", "lg-webp.webp"} {
		k, _ := osskit.NewKey("thumbs/trip/beach/" + name)
		info, err := client.HeadObject(ctx, b, k)
		if err != nil || info.Metadata["source-etag"] != evs[len(evs)-2].ETag {
			t.Errorf("%s: %v, metadata %v; want a variant of the uploaded version", k, err, info.Metadata)
		}
	}
	rec, _ := osskit.NewKey("thumbs/_failed/uploads/trip/notes.jpg.json")
	if _, err := client.HeadObject(ctx, b, rec); err != nil {
		t.Errorf("failure record of the second record: %v", err)
	}
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	if code := r.wait(t); code != 0 {
		t.Errorf("exit status after SIGTERM = %d; want 0", code)
	}
	logs := r.logs()
	if strings.Contains(logs, emu.AccessKeySecret) {
		t.Error("the access key secret appears in the logs")
	}
	if !strings.Contains(logs, "variant set complete") || strings.Contains(logs, "MALLOC_ARENA_MAX is unset") {
		t.Errorf("logs lack the completion line or warn about a set MALLOC_ARENA_MAX:\n%s", logs)
	}
}

// A bad configuration stops the function at cold start (exit 1) with one
// log line naming every bad variable and the offending style token.
func TestBinaryRefusesBadConfig(t *testing.T) {
	r := start(t, []string{"THUMB_STYLES=sm=image/resize,w_200;md=image/resize,m_squash,w_640", "THUMB_MAX_SIDE=big"}, "-listen", "127.0.0.1:0")
	if code := r.wait(t); code != 1 {
		t.Fatalf("exit status = %d; want 1; logs:\n%s", code, r.logs())
	}
	logs := r.logs()
	for _, want := range []string{"THUMB_STYLES", `\"md\"`, "m_squash", "THUMB_MAX_SIDE", "OSS_REGION", "setup failed"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs do not name %s:\n%s", want, logs)
		}
	}
}

// testJPEG is a 1600×1200 gradient, big enough for every default variant.
func testJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	for y := range 1200 {
		for x := range 1600 {
			img.SetRGBA(x, y, color.RGBA{uint8(x / 7), uint8(y / 5), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
