package pipeline

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/h2non/bimg"

	"github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/pkg/fault"
)

// defaultVariants are the default set's outputs for a 1600×1200 JPEG.
var defaultVariants = []struct {
	key, style, ctype string
	w, h              int
}{
	{"thumbs/a/b/sm.jpg", "sm", "image/jpeg", 200, 200},
	{"thumbs/a/b/sm-webp.webp", "sm-webp", "image/webp", 200, 200},
	{"thumbs/a/b/md.jpg", "md", "image/jpeg", 640, 480},
	{"thumbs/a/b/md-webp.webp", "md-webp", "image/webp", 640, 480},
	{"thumbs/a/b/lg.jpg", "lg", "image/jpeg", 1280, 960},
	{"thumbs/a/b/lg-webp.webp", "lg-webp", "image/webp", 1280, 960},
}

func TestEventInVariantsOut(t *testing.T) {
	e := newEnv(t, envOpt{})
	ev := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 1600, 1200), nil)
	mark := e.proxy.mark()
	if err := e.deliver(ev); err != nil {
		t.Fatalf("Handle = %v; want nil", err)
	}
	for _, v := range defaultVariants {
		info, ok := e.head(t, testBucket, v.key)
		if !ok {
			t.Errorf("%s missing", v.key)
			continue
		}
		if info.ContentType != v.ctype || info.CacheControl != "public, max-age=86400" {
			t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q, the default cache control", v.key, info.ContentType, info.CacheControl, v.ctype)
		}
		if info.Metadata["source-etag"] != ev.ETag || info.Metadata["style"] != v.style {
			t.Errorf("%s: metadata %v; want source-etag %s, style %s", v.key, info.Metadata, ev.ETag, v.style)
		}
		size, err := bimg.NewImage(e.get(t, testBucket, v.key)).Size()
		if err != nil || size.Width != v.w || size.Height != v.h {
			t.Errorf("%s: %dx%d (%v); want %dx%d", v.key, size.Width, size.Height, err, v.w, v.h)
		}
	}
	if n := e.outputPuts("thumbs/"); n != 6 {
		t.Errorf("PUTs under thumbs/ = %d; want 6", n)
	}
	// Every variant went up with a Content-MD5 the emulator checked.
	for _, r := range e.proxy.since(mark) {
		if r.Method != "PUT" {
			continue
		}
		if r.Header.Get("Content-MD5") == "" {
			t.Errorf("PUT %s without Content-MD5", r.Path)
		}
	}
	sum := md5.Sum(e.get(t, testBucket, "thumbs/a/b/sm.jpg"))
	if info, _ := e.head(t, testBucket, "thumbs/a/b/sm.jpg"); !strings.EqualFold(info.ETag, hex.EncodeToString(sum[:])) {
		t.Errorf("sm.jpg ETag %s is not the MD5 of its body", info.ETag)
	}
	if strings.Contains(e.logs.String(), e.emu.AccessKeySecret) {
		t.Error("a log line contains the access key secret")
	}
}

func TestDuplicateEventWritesNothing(t *testing.T) {
	e := newEnv(t, envOpt{})
	ev := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)
	if err := e.deliver(ev); err != nil {
		t.Fatal(err)
	}
	mark := e.proxy.mark()
	for range 2 {
		if err := e.deliver(ev); err != nil {
			t.Fatalf("duplicate Handle = %v; want nil", err)
		}
	}
	if n := e.outputPuts("thumbs/"); n != 6 {
		t.Errorf("PUTs under thumbs/ = %d after two duplicates; want 6", n)
	}
	if m := methods(e.proxy.since(mark)); m["PUT"] != 0 || m["GET"] != 0 || m["HEAD"] == 0 {
		t.Errorf("duplicates made requests %v; want HEADs only (no download, no writes)", m)
	}
	if !strings.Contains(e.logs.String(), "nothing written") {
		t.Error("no log line says the duplicate was a no-op")
	}
}

// A source with alpha gets png variants (the default set's "jpg or png as
// suits the source"), and its duplicate is recognised too.
func TestAlphaSourceGetsPNGVariants(t *testing.T) {
	e := newEnv(t, envOpt{})
	ev := e.put(t, testBucket, "uploads/logo.png", translucent(t, 400, 300), nil)
	if err := e.deliver(ev); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"thumbs/logo/sm.png", "thumbs/logo/md.png", "thumbs/logo/lg.png", "thumbs/logo/sm-webp.webp"} {
		if info, ok := e.head(t, testBucket, k); !ok || (strings.HasSuffix(k, ".png") && info.ContentType != "image/png") {
			t.Errorf("%s: present %v, type %q; want an image/png variant", k, ok, info.ContentType)
		}
	}
	if _, ok := e.head(t, testBucket, "thumbs/logo/sm.jpg"); ok {
		t.Error("a jpg variant was written for a source with alpha")
	}
	if err := e.deliver(ev); err != nil || e.outputPuts("thumbs/") != 6 {
		t.Errorf("duplicate: err %v, PUTs %d; want nil and still 6", err, e.outputPuts("thumbs/"))
	}
}

func TestOwnOutputsIgnored(t *testing.T) {
	e := newEnv(t, envOpt{})
	if err := e.deliver(e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)); err != nil {
		t.Fatal(err)
	}
	var outputEvent = e.emu.Events()[len(e.emu.Events())-1]
	if !strings.HasPrefix(outputEvent.Key, "thumbs/") {
		t.Fatalf("last event is for %s; want a variant", outputEvent.Key)
	}
	mark, puts := e.proxy.mark(), e.outputPuts("")
	// The trigger filter is "misconfigured": it delivers our own output.
	if err := e.deliver(fcEvent(t, outputEvent)); err != nil {
		t.Fatalf("Handle(own output) = %v; want nil", err)
	}
	if got := e.proxy.since(mark); len(got) != 0 || e.outputPuts("") != puts {
		t.Errorf("own output event made %d requests; want none", len(got))
	}
	if !strings.Contains(e.logs.String(), "output or failure prefix") {
		t.Error("no log line says why the output was ignored")
	}
}

func TestSourceETagMetadataIgnored(t *testing.T) {
	e := newEnv(t, envOpt{})
	ev := e.put(t, testBucket, "uploads/copied-thumb.jpg", photo(t, 300, 200), map[string]string{"source-etag": "0123ABCD"})
	mark := e.proxy.mark()
	if err := e.deliver(ev); err != nil {
		t.Fatalf("Handle = %v; want nil", err)
	}
	if m := methods(e.proxy.since(mark)); m["HEAD"] != 1 || len(m) != 1 {
		t.Errorf("requests %v; want exactly one HEAD", m)
	}
	if !strings.Contains(e.logs.String(), "x-oss-meta-source-etag") {
		t.Error("no log line says why the object was ignored")
	}
}

func TestDeletedBeforeProcessing(t *testing.T) {
	e := newEnv(t, envOpt{})
	ev := e.put(t, testBucket, "uploads/gone.jpg", photo(t, 300, 200), nil)
	if err := e.client.DeleteObject(context.Background(), mustBucket(t, testBucket), mustKey(t, "uploads/gone.jpg")); err != nil {
		t.Fatal(err)
	}
	err := e.deliver(ev)
	if err != nil && fault.DispositionOf(err) != fault.Drop {
		t.Fatalf("Handle = %v; want nil or a dropped error", err)
	}
	if n := e.outputPuts("thumbs/"); n != 0 {
		t.Errorf("PUTs under thumbs/ = %d; want none (not even a failure record)", n)
	}
	if !strings.Contains(e.logs.String(), "deleted before processing") {
		t.Error("no log line says the source was gone")
	}
}

// The event names version 1, but version 2 is in place when it is handled:
// version 2 is processed, once; its own event then finds nothing to do.
func TestReplacedBeforeProcessing(t *testing.T) {
	e := newEnv(t, envOpt{})
	ev1 := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)
	ev2 := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 600, 800), nil)
	if ev1.ETag == ev2.ETag {
		t.Fatal("test images have the same ETag")
	}
	if err := e.deliver(ev1); err != nil {
		t.Fatal(err)
	}
	info, _ := e.head(t, testBucket, "thumbs/a/b/md.jpg")
	if info.Metadata["source-etag"] != ev2.ETag {
		t.Errorf("md.jpg source-etag = %s; want version 2's %s", info.Metadata["source-etag"], ev2.ETag)
	}
	if size, _ := bimg.NewImage(e.get(t, testBucket, "thumbs/a/b/md.jpg")).Size(); size.Width != 480 || size.Height != 640 {
		t.Errorf("md.jpg is %dx%d; want 480x640 (the portrait version 2)", size.Width, size.Height)
	}
	if err := e.deliver(ev2); err != nil {
		t.Fatal(err)
	}
	if n := e.outputPuts("thumbs/"); n != 6 {
		t.Errorf("PUTs under thumbs/ = %d after both events; want 6 (current version processed once)", n)
	}
	if !strings.Contains(e.logs.String(), "replaced since the event") {
		t.Error("no log line says the source was replaced")
	}
}

// The output bucket can differ from the source's.
func TestOtherOutputBucket(t *testing.T) {
	e := newEnv(t, envOpt{cfg: func(c *config.Config) { c.Layout.OutputBucket = "thumbs-out" }})
	e.emu.MustBucket(t, "thumbs-out")
	if err := e.deliver(e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.head(t, "thumbs-out", "thumbs/a/b/lg-webp.webp"); !ok {
		t.Error("variant missing from the output bucket")
	}
	if _, ok := e.head(t, testBucket, "thumbs/a/b/lg-webp.webp"); ok {
		t.Error("variant written to the source bucket")
	}
}

// A PNG with alpha replaced by a JPEG: the jpg variants replace the png
// ones, which are removed rather than left to mislead.
func TestFormatChangeRemovesOtherExtension(t *testing.T) {
	e := newEnv(t, envOpt{})
	if err := e.deliver(e.put(t, testBucket, "uploads/logo", translucent(t, 400, 300), nil)); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.head(t, testBucket, "thumbs/logo/sm.png"); !ok {
		t.Fatal("no png variant for the PNG version")
	}
	ev := e.put(t, testBucket, "uploads/logo", photo(t, 800, 600), nil)
	if err := e.deliver(ev); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"sm", "md", "lg"} {
		if info, ok := e.head(t, testBucket, "thumbs/logo/"+s+".jpg"); !ok || info.Metadata["source-etag"] != ev.ETag {
			t.Errorf("%s.jpg missing or not from the JPEG version", s)
		}
		if _, ok := e.head(t, testBucket, "thumbs/logo/"+s+".png"); ok {
			t.Errorf("%s.png from the PNG version survived", s)
		}
	}
}
