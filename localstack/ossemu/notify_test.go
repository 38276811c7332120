package ossemu_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/events"
)

// TestFCEventJSONMatchesRuntimeSDK decodes our trigger payload with the FC
// Go runtime SDK's own struct and with our parser: both must read back what
// the emulator saw.
func TestFCEventJSONMatchesRuntimeSDK(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	resp := do(t, signedWith(t, srv, "PUT", "photos", "in/cat 1.jpg", "meow", map[string]string{"Content-Type": "image/jpeg"}))
	resp.Body.Close()
	evs := srv.Events()
	if len(evs) != 1 {
		t.Fatalf("events = %d; want 1", len(evs))
	}
	e := evs[0]
	if e.Principal != srv.AccessKeyID || e.SourceIP != "127.0.0.1" || e.RequestID != resp.Header.Get("x-oss-request-id") {
		t.Errorf("event principal %q ip %q request %q; want the caller's key, 127.0.0.1 and the response's request id", e.Principal, e.SourceIP, e.RequestID)
	}
	payload, err := ossemu.FCEventJSON("1234567890123456", e)
	if err != nil {
		t.Fatal(err)
	}
	var sdk fcevents.OssEvent
	if err := json.Unmarshal(payload, &sdk); err != nil {
		t.Fatalf("runtime SDK cannot decode payload: %v", err)
	}
	r := sdk.Events[0]
	checks := []struct{ name, got, want string }{
		{"eventName", *r.EventName, "ObjectCreated:PutObject"},
		{"eventSource", *r.EventSource, "acs:oss"},
		{"bucket", *r.Oss.Bucket.Name, "photos"},
		{"arn", *r.Oss.Bucket.Arn, "acs:oss:cn-hangzhou:1234567890123456:photos"},
		{"key", *r.Oss.Object.Key, "in/cat 1.jpg"},
		{"eTag", *r.Oss.Object.ETag, strings.ToUpper(hexOf(md5sum("meow")))},
		{"mimeType", *r.Oss.Object.ObjectMeta.MimeType, "image/jpeg"},
		{"region", *r.Region, "cn-hangzhou"},
		{"requestId", *r.ResponseElements.RequestID, e.RequestID},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.name, c.got, c.want)
		}
	}
	if *r.Oss.Object.Size != 4 || !r.EventTime.Equal(e.Time.Truncate(time.Millisecond)) {
		t.Errorf("size %d time %v; want 4 and %v", *r.Oss.Object.Size, r.EventTime, e.Time)
	}
	parsed, err := events.ParseFCOSS(payload)
	if err != nil || len(parsed) != 1 || parsed[0].Key != e.Key || parsed[0].Size != 4 || parsed[0].Bucket != "photos" {
		t.Fatalf("ParseFCOSS = %+v, %v; want the same object back", parsed, err)
	}
}

func TestFCEventJSONRejectsEmpty(t *testing.T) {
	if _, err := ossemu.FCEventJSON("1", ossemu.Event{Name: "ObjectCreated:PutObject"}); err == nil {
		t.Error("FCEventJSON without bucket and key succeeded; want an error")
	}
}

func TestAccessRecords(t *testing.T) {
	var mu sync.Mutex
	var got []ossemu.Access
	srv := ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.OnRequest = func(a ossemu.Access) { mu.Lock(); got = append(got, a); mu.Unlock() }
	})
	srv.MustBucket(t, "photos")
	do(t, signedWith(t, srv, "PUT", "photos", "a.txt", "x", nil)).Body.Close()
	do(t, signedWith(t, srv, "GET", "photos", "missing", "", nil)).Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Fatalf("access records = %d; want 2", len(got))
	}
	if a := got[0]; a.Method != "PUT" || a.Key != "a.txt" || a.Status != 200 || a.Principal != srv.AccessKeyID || a.Code != "" {
		t.Errorf("put record = %+v; want PUT a.txt 200 by the test key", a)
	}
	if a := got[1]; a.Status != 404 || a.Code != "NoSuchKey" || a.RequestID == "" {
		t.Errorf("get record = %+v; want 404 NoSuchKey with a request id", a)
	}
}
