package fcemu

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// TestOSSEmulatorUploadsTriggerFunction wires the real OSS emulator's
// notifications to the emulator and uploads with signed requests: the
// upload under uploads/ reaches the function, the thumbnail under thumbs/
// does not.
func TestOSSEmulatorUploadsTriggerFunction(t *testing.T) {
	ev := newEnv(t, nil, fnSpec{name: "thumbs", kind: "objects", custom: true, conc: 2, triggers: ossTrigger})
	oss := ossemutest.NewServer(t, func(c *ossemu.Config) { c.OnEvent = ev.e.OSSEvent })
	oss.MustBucket(t, "photos")
	put := func(key string) {
		req, err := http.NewRequest(http.MethodPut, oss.URL+"/photos/"+key, strings.NewReader("jpg"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "image/jpeg")
		creds := signer.Credentials{AccessKeyID: oss.AccessKeyID, AccessKeySecret: oss.AccessKeySecret}
		if err := signer.SignRequest(req, "photos", key, creds, oss.Region, time.Now(), nil); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("PUT %s: status = %d; want 200", key, resp.StatusCode)
		}
	}
	put("thumbs/u1/a.jpg")
	put("uploads/u1/a.jpg")
	if o := ev.outcome(); o.Result.Error != nil {
		t.Fatalf("thumbs function: %v", o.Result.Error)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := ev.e.Close(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{"ObjectCreated:PutObject_photos/uploads/u1/a.jpg"}
	if got := ev.lines(); !slices.Equal(got, want) {
		t.Errorf("the function received %q; want %q", got, want)
	}
}
