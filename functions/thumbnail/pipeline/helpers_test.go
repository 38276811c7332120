package pipeline

import (
	"bytes"
	"cmp"
	"context"
	"github.com/ossflow/ossflow/internal/testimage"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/functions/thumbnail/vipsrender"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/logging"
	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

const testBucket = "photos"

// vipsAdapter is main's adapter: vipsrender.Result converts to Rendition.
type vipsAdapter struct{ r *vipsrender.Renderer }

func (a vipsAdapter) ThumbnailsFile(path string, set style.Set, lim plan.Limits, opt plan.Options) ([]Rendition, error) {
	res, _, err := a.r.ThumbnailsFile(path, set, lim, opt)
	out := make([]Rendition, len(res))
	for i, r := range res {
		out[i] = Rendition(r)
	}
	return out, err
}

// env is one test's world: the OSS emulator behind a recording, fault
// injecting reverse proxy, an ossclient signing real V4 requests through
// it, and a Handler.
type env struct {
	emu    *ossemutest.Server
	proxy  *proxy
	client *ossclient.Client
	h      *Handler
	logs   *syncBuffer
}

type envOpt struct {
	cfg      func(*config.Config)
	renderer Renderer
	attempts int
	// store wraps the real client, to make it misbehave.
	store func(Store) Store
}

func newEnv(t testing.TB, o envOpt) *env {
	t.Helper()
	e := &env{emu: ossemutest.NewServer(t), logs: &syncBuffer{}}
	e.emu.MustBucket(t, testBucket)
	e.proxy = newProxy(t, e.emu.URL)
	client, err := ossclient.New(ossclient.Config{
		Endpoint: e.proxy.URL, Region: e.emu.Region, UsePathStyle: true,
		MaxAttempts: cmp.Or(o.attempts, 3), BaseDelay: time.Millisecond, MaxBackoff: 4 * time.Millisecond,
		Credentials: ossclient.StaticCredentials{AccessKeyID: e.emu.AccessKeyID, AccessKeySecret: e.emu.AccessKeySecret},
	})
	if err != nil {
		t.Fatal(err)
	}
	e.client = client
	cfg := config.Default()
	cfg.Parallel = 2
	if o.cfg != nil {
		o.cfg(&cfg)
	}
	r := o.renderer
	if r == nil {
		vr, err := vipsrender.New(vipsrender.Config{Threads: 1, Parallel: cfg.Parallel}, cfg.Limits.Formats)
		if err != nil {
			t.Fatal(err)
		}
		r = vipsAdapter{vr}
	}
	var store Store = client
	if o.store != nil {
		store = o.store(client)
	}
	if e.h, err = New(cfg, Deps{Store: store, Renderer: r, Clock: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	return e
}

var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// put uploads a source through the proxy (so it is a real signed PUT) and
// returns the FC OSS event the emulator emitted for it, parsed the way
// serve parses it.
func (e *env) put(t testing.TB, bucket, key string, data []byte, meta map[string]string) events.ObjectEvent {
	t.Helper()
	_, err := e.client.PutObject(context.Background(), mustBucket(t, bucket), mustKey(t, key), bytes.NewReader(data),
		osskit.PutOptions{ContentType: "application/octet-stream", Metadata: meta})
	if err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
	evs := e.emu.Events()
	return fcEvent(t, evs[len(evs)-1])
}

func fcEvent(t testing.TB, ev ossemu.Event) events.ObjectEvent {
	t.Helper()
	payload, err := ossemu.FCEventJSON("1234567890123456", ev)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := events.ParseObjectEvents(payload)
	if err != nil || len(parsed) != 1 {
		t.Fatalf("parse emulator event: %v", err)
	}
	return parsed[0]
}

// deliver hands one record to the handler the way serve does: a context
// with an invocation and a request logger.
func (e *env) deliver(ev events.ObjectEvent) error {
	ctx := events.WithInvocation(context.Background(), events.Invocation{Platform: events.PlatformLocal, RequestID: "req-test-1"})
	ctx, _ = logging.ForRequest(ctx, logging.New(e.logs, "thumbnail"), "req-test-1")
	return e.h.Handle(ctx, ev)
}

// outputPuts counts successful PUTs under prefix, from the emulator's own notifications.
func (e *env) outputPuts(prefix string) int {
	n := 0
	for _, ev := range e.emu.Events() {
		if ev.Name == ossemu.EventPutObject && strings.HasPrefix(ev.Key, prefix) {
			n++
		}
	}
	return n
}

func (e *env) head(t testing.TB, bucket, key string) (osskit.ObjectInfo, bool) {
	t.Helper()
	info, err := e.client.HeadObject(context.Background(), mustBucket(t, bucket), mustKey(t, key))
	if err != nil {
		return osskit.ObjectInfo{}, false
	}
	return info, true
}

func (e *env) get(t testing.TB, bucket, key string) []byte {
	t.Helper()
	body, _, err := e.client.GetObject(context.Background(), mustBucket(t, bucket), mustKey(t, key), osskit.GetOptions{MaxSize: osskit.NoSizeLimit})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer body.Close()
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustBucket(t testing.TB, s string) osskit.Bucket {
	t.Helper()
	b, err := osskit.NewBucket(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustKey(t testing.TB, s string) osskit.Key {
	t.Helper()
	k, err := osskit.NewKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// photo is a w×h gradient JPEG, so encoders have real work.
func photo(t testing.TB, w, h int) []byte { return testimage.JPEG(t, w, h) }

// translucent is a w×h PNG with a transparent half.
func translucent(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(255)
			if x < w/2 {
				a = 0
			}
			img.Set(x, y, color.NRGBA{200, 30, 30, a})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
