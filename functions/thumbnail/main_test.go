package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// The real binary, in local mode, serves one FC OSS event against the
// emulator: the photo's six default variants are written with real
// signatures, and the event's other record, not an image, gets its
// failure record.
func TestBinaryServesOneInvocation(t *testing.T) {
	emu, client := newEmulator(t)
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

// In the FC custom runtime the role's credentials come with each
// invocation (x-fc-* headers): the instance has none of its own, and the
// variants still get written, signed with the invocation's keys.
func TestBinaryCustomRuntimeUsesInvocationCredentials(t *testing.T) {
	emu, client := newEmulator(t)
	ctx := context.Background()
	b, _ := osskit.NewBucket("photos")
	src, _ := osskit.NewKey("uploads/cat.jpg")
	if _, err := client.PutObject(ctx, b, src, bytes.NewReader(testJPEG(t)), osskit.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	evs := emu.Events()
	payload, _ := ossemu.FCEventJSON("1234567890123456", evs[len(evs)-1])

	env := []string{"OSS_ENDPOINT=" + emu.URL, "OSS_REGION=" + emu.Region, "OSS_PATH_STYLE=true", "MALLOC_ARENA_MAX=2"}
	r := start(t, env, "-custom-runtime", "-listen", "127.0.0.1:0")
	var addr string
	select {
	case addr = <-r.addr:
	case <-time.After(30 * time.Second):
		t.Fatalf("binary did not start serving; logs:\n%s", r.logs())
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/invoke", bytes.NewReader(payload))
	req.Header.Set("x-fc-request-id", "fc-req-42")
	req.Header.Set("x-fc-access-key-id", emu.AccessKeyID)
	req.Header.Set("x-fc-access-key-secret", emu.AccessKeySecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("x-fc-status") != "200" {
		t.Fatalf("status %d, x-fc-status %q; want 200; logs:\n%s", resp.StatusCode, resp.Header.Get("x-fc-status"), r.logs())
	}
	k, _ := osskit.NewKey("thumbs/cat/lg-webp.webp")
	if _, err := client.HeadObject(ctx, b, k); err != nil {
		t.Errorf("variant %s: %v", k, err)
	}
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	r.wait(t)
	if logs := r.logs(); strings.Contains(logs, emu.AccessKeySecret) || !strings.Contains(logs, `"requestId":"fc-req-42"`) {
		t.Errorf("logs leak the invocation's secret or lack its request id:\n%s", logs)
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
