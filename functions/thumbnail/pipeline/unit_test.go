package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
)

// fakeRenderer answers with fn, for failure modes libvips cannot be made
// to produce on demand.
type fakeRenderer func(set style.Set) ([]Rendition, error)

func (f fakeRenderer) ThumbnailsFile(_ string, set style.Set, _ plan.Limits, _ plan.Options) ([]Rendition, error) {
	return f(set)
}

func fakeSet(set style.Set) ([]Rendition, error) {
	out := make([]Rendition, len(set))
	for i, s := range set {
		f := s.Format
		if f == style.FormatAuto {
			f = style.FormatJPG
		}
		out[i] = Rendition{Name: s.Name, Format: f, ContentType: "image/" + string(f), Width: 1, Height: 1, Data: []byte("px")}
	}
	return out, nil
}

// Only finished uploads under the source prefix are processed; everything
// else is ignored without a single request to OSS.
func TestRecordsIgnored(t *testing.T) {
	e := newEnv(t, envOpt{renderer: fakeRenderer(fakeSet)})
	base := e.put(t, testBucket, "uploads/a.jpg", []byte("img"), nil)
	cases := []struct{ name, key string }{
		{"ObjectCreated:AppendObject", "uploads/a.jpg"},
		{"ObjectCreated:InitiateMultipartUpload", "uploads/a.jpg"},
		{"ObjectCreated:UploadPart", "uploads/a.jpg"},
		{"ObjectCreated:PutSymlink", "uploads/a.jpg"},
		{"ObjectRemoved:DeleteObject", "uploads/a.jpg"},
		{"ObjectCreated:PutObject", "elsewhere/a.jpg"},
		{"ObjectCreated:PutObject", "thumbs/a/sm.jpg"},
		{"ObjectCreated:PutObject", "thumbs/_failed/uploads/a.jpg.json"},
	}
	for _, c := range cases {
		ev := base
		ev.Name, ev.Key = c.name, c.key
		mark := e.proxy.mark()
		if err := e.deliver(ev); err != nil {
			t.Errorf("%s %s: Handle = %v; want nil", c.name, c.key, err)
		}
		if got := e.proxy.since(mark); len(got) != 0 {
			t.Errorf("%s %s: %d requests; want none", c.name, c.key, len(got))
		}
	}
	for _, name := range []string{"ObjectCreated:Put", "ObjectCreated:Post", "ObjectCreated:Copy", "ObjectCreated:CompleteMultipartUpload"} {
		if !finishedUpload(name) {
			t.Errorf("finishedUpload(%q) = false; want true", name)
		}
	}
}

func TestRendererPanicIsRecoveredAndRetried(t *testing.T) {
	e := newEnv(t, envOpt{renderer: fakeRenderer(func(style.Set) ([]Rendition, error) { panic("vips: boom") })})
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				t.Fatalf("Handle panicked: %v", v)
			}
		}()
		err = e.deliver(e.put(t, testBucket, "uploads/a.jpg", []byte("img"), nil))
	}()
	if fault.KindOf(err) != fault.Internal || !strings.Contains(err.Error(), "panicked") {
		t.Errorf("Handle = %v; want an Internal error reporting the panic", err)
	}
	if n := e.outputPuts("thumbs/"); n != 0 {
		t.Errorf("PUTs = %d; want none", n)
	}
	if !strings.Contains(e.logs.String(), `"stack"`) {
		t.Error("the panic was not logged with its stack")
	}
}

// A renderer bug (a short set, a transient error) is retried, never
// written as a partial set and never recorded as the source's fault.
func TestRendererBugsAreRetried(t *testing.T) {
	cases := map[string]fakeRenderer{
		"short set": func(set style.Set) ([]Rendition, error) { rs, _ := fakeSet(set); return rs[:3], nil },
		"empty output": func(set style.Set) ([]Rendition, error) {
			rs, _ := fakeSet(set)
			rs[2].Data = nil
			return rs, nil
		},
		"encoder error": func(style.Set) ([]Rendition, error) {
			return nil, fault.Wrap(fault.Internal, "", errors.New("image could not be encoded"))
		},
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, envOpt{renderer: r})
			err := e.deliver(e.put(t, testBucket, "uploads/a.jpg", []byte("img"), nil))
			if err == nil || fault.DispositionOf(err) != fault.Retry {
				t.Errorf("Handle = %v; want a Retry error", err)
			}
			if n := e.outputPuts("thumbs/"); n != 0 {
				t.Errorf("PUTs = %d; want none (no partial set, no failure record)", n)
			}
		})
	}
}

// A source key whose outputs would have an empty segment cannot be mapped;
// the record is dropped (Invalid), nothing is written.
func TestUnmappableKeyDropped(t *testing.T) {
	e := newEnv(t, envOpt{renderer: fakeRenderer(fakeSet)})
	err := e.deliver(e.put(t, testBucket, "uploads/a//b.jpg", []byte("img"), nil))
	if err == nil || fault.DispositionOf(err) != fault.Drop || !strings.Contains(err.Error(), "empty segment") {
		t.Errorf("Handle = %v; want a Drop error about the empty segment", err)
	}
	if n := e.outputPuts("thumbs/"); n != 0 {
		t.Errorf("PUTs = %d; want none", n)
	}
}

// MaxRenders bounds renders per instance; a record that cannot get a slot
// before its deadline fails as transient.
func TestRenderSlotsBoundConcurrency(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	r := fakeRenderer(func(set style.Set) ([]Rendition, error) {
		entered <- struct{}{}
		<-release
		return fakeSet(set)
	})
	e := newEnv(t, envOpt{renderer: r, cfg: func(c *config.Config) { c.MaxRenders = 1 }})
	ev1 := e.put(t, testBucket, "uploads/one.jpg", []byte("img1"), nil)
	ev2 := e.put(t, testBucket, "uploads/two.jpg", []byte("img2"), nil)
	done := make(chan error, 1)
	go func() { done <- e.deliver(ev1) }()
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	ctx = events.WithInvocation(ctx, events.Invocation{RequestID: "req-2"})
	err := e.h.Handle(ctx, ev2)
	if fault.KindOf(err) != fault.Unavailable || !strings.Contains(err.Error(), "render slot") {
		t.Errorf("second Handle = %v; want Unavailable while the only slot is taken", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("first Handle = %v; want nil", err)
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	cfg := config.Default()
	if _, err := New(cfg, Deps{}); fault.KindOf(err) != fault.Invalid {
		t.Errorf("New without deps = %v; want Invalid", err)
	}
	cfg.Parallel = 0
	if _, err := New(cfg, Deps{Store: nilStore{}, Renderer: fakeRenderer(fakeSet)}); err == nil || !strings.Contains(err.Error(), "Parallel") {
		t.Errorf("New with Parallel 0 = %v; want an error naming Parallel", err)
	}
}

type nilStore struct{ Store }
