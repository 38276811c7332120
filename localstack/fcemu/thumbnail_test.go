package fcemu

import (
	"bytes"
	"context"
	"github.com/ossflow/ossflow/internal/testimage"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// TestRealThumbnailPipeline runs the real thumbnail binary (libvips, cgo)
// as a custom runtime started by its /code/main command, fed by the real
// OSS emulator: an upload under uploads/ produces the variants under
// thumbs/, with the role credentials the emulator hands each invocation,
// and the variants it writes trigger nothing.
func TestRealThumbnailPipeline(t *testing.T) {
	var mu sync.Mutex
	var written []string
	var ev *env // set before the first upload
	oss := ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.OnEvent = func(o ossemu.Event) {
			mu.Lock()
			written = append(written, o.Key)
			mu.Unlock()
			ev.e.OSSEvent(o)
		}
	})
	creds := func(string) (events.Credentials, error) {
		return events.Credentials{AccessKeyID: oss.AccessKeyID, AccessKeySecret: oss.AccessKeySecret}, nil
	}
	spec := fnSpec{name: "thumbnail", kind: "unused", custom: true, memory: 1024, timeout: 60, conc: 2, triggers: ossTrigger}
	ev = realFunctionSpec(t, spec, func(c *Config) { c.Credentials = creds }, map[string]string{
		"OSS_ENDPOINT": oss.URL, "OSS_REGION": oss.Region, "OSS_PATH_STYLE": "true", "MALLOC_ARENA_MAX": "2"})
	f, _ := ev.e.tpl.Function("thumbnail")
	f.CustomRuntime.Command = []string{"/code/main"}
	oss.MustBucket(t, "photos")

	req, _ := http.NewRequest(http.MethodPut, oss.URL+"/photos/uploads/trip/beach.jpg", bytes.NewReader(photo(t)))
	req.Header.Set("Content-Type", "image/jpeg")
	sc := signer.Credentials{AccessKeyID: oss.AccessKeyID, AccessKeySecret: oss.AccessKeySecret}
	if err := signer.SignRequest(req, "photos", "uploads/trip/beach.jpg", sc, oss.Region, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT: status = %d; want 200", resp.StatusCode)
	}
	if o := ev.outcome(); o.Result.Error != nil {
		t.Fatalf("thumbnail: %v", o.Result.Error)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := ev.e.Close(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case o := <-ev.done:
		t.Errorf("a second invocation ran (%s): an output must not trigger the function", o.RequestID)
	default:
	}
	mu.Lock()
	defer mu.Unlock()
	var variants int
	for _, k := range written {
		if strings.HasPrefix(k, "thumbs/trip/beach/") {
			variants++
		}
	}
	t.Logf("%d variants written under thumbs/trip/beach/", variants)
	if variants == 0 {
		t.Errorf("objects written %q; want variants under thumbs/trip/beach/", written)
	}
}

// photo is a test photograph big enough for every default style.
func photo(t testing.TB) []byte { return testimage.JPEG(t, 1200, 900) }
