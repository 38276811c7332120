package ossemu_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/notify"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/events"
)

// testSink fails the first `fails` attempts of each notification, then
// accepts it; down makes it refuse everything.
type testSink struct {
	fails int
	down  bool
	mu    sync.Mutex
	tries map[string]int
	got   []ossemu.Notification
	ch    chan ossemu.Notification
}

func newTestSink(fails int) *testSink {
	return &testSink{fails: fails, tries: map[string]int{}, ch: make(chan ossemu.Notification, 64)}
}

func (s *testSink) Deliver(_ context.Context, n ossemu.Notification) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[n.ID]++
	if s.down || s.tries[n.ID] <= s.fails {
		return errors.New("sink unavailable")
	}
	s.got = append(s.got, n)
	s.ch <- n
	return nil
}

// await collects n deliveries, then waits a little more to catch extras.
func (s *testSink) await(t *testing.T, n int) []ossemu.Notification {
	t.Helper()
	var out []ossemu.Notification
	for len(out) < n {
		select {
		case got := <-s.ch:
			out = append(out, got)
		case <-time.After(10 * time.Second):
			t.Fatalf("delivered %d notifications; want %d", len(out), n)
		}
	}
	select {
	case extra := <-s.ch:
		t.Errorf("unexpected extra delivery %s for rule %s", extra.ID, extra.RuleID)
	case <-time.After(50 * time.Millisecond):
	}
	return out
}

var photoRules = []ossemu.NotificationRule{
	{ID: "thumbnail", Bucket: "photos", Events: []string{"oss:ObjectCreated:*"}, Prefix: "uploads/", Suffix: ".jpg", Target: "thumbnail"},
	{ID: "cleanup", Bucket: "photos", Events: []string{"oss:ObjectRemoved:DeleteObject"}, Prefix: "uploads/", Target: "cleanup"},
}

func withNotifications(sink ossemu.Sink) func(*ossemu.Config) {
	return func(c *ossemu.Config) {
		c.Notifications, c.Sink = photoRules, sink
		c.NotifyRetry = notify.Retry{Min: time.Millisecond, Max: 5 * time.Millisecond}
	}
}

func TestNotificationsDeliveredOnceDespiteFailures(t *testing.T) {
	sink := newTestSink(2)
	srv := ossemutest.NewServer(t, withNotifications(sink))
	srv.MustBucket(t, "photos")
	c := goodClient(srv)
	for _, key := range []string{"uploads/a.jpg", "uploads/b.jpg", "uploads/c.png", "other/d.jpg"} {
		put(t, c, "photos", key, []byte("img"))
	}
	if _, err := c.CopyObject(context.Background(), &oss.CopyObjectRequest{Bucket: oss.Ptr("photos"),
		Key: oss.Ptr("uploads/e.jpg"), SourceKey: oss.Ptr("uploads/a.jpg")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteObject(context.Background(), &oss.DeleteObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/b.jpg")}); err != nil {
		t.Fatal(err)
	}
	got := sink.await(t, 4)
	want := map[string]string{
		"thumbnail ObjectCreated:PutObject uploads/a.jpg":  "",
		"thumbnail ObjectCreated:PutObject uploads/b.jpg":  "",
		"thumbnail ObjectCreated:CopyObject uploads/e.jpg": "",
		"cleanup ObjectRemoved:DeleteObject uploads/b.jpg": "",
	}
	for _, n := range got {
		evs, err := events.ParseFCOSS(n.Payload)
		if err != nil || len(evs) != 1 {
			t.Fatalf("payload of %s does not parse as one FC OSS event: %v", n.ID, err)
		}
		k := n.RuleID + " " + evs[0].Name + " " + evs[0].Key
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected delivery %q", k)
		}
		delete(want, k)
		if n.Attempt != 3 || n.Target != n.RuleID {
			t.Errorf("%s: attempt %d, target %q; want attempt 3 after two failures, target %q", k, n.Attempt, n.Target, n.RuleID)
		}
	}
	for k := range want {
		t.Errorf("missing delivery %q", k)
	}
}

func TestNotificationsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	down := newTestSink(0)
	down.down = true
	first := ossemutest.NewServer(t, ossemutest.WithDataDir(dir), withNotifications(down))
	first.MustBucket(t, "photos")
	put(t, goodClient(first), "photos", "uploads/before-restart-1.jpg", []byte("one"))
	put(t, goodClient(first), "photos", "uploads/before-restart-2.jpg", []byte("two"))
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if len(down.got) != 0 {
		t.Fatalf("a refusing sink recorded %d deliveries", len(down.got))
	}

	sink := newTestSink(0)
	ossemutest.NewServer(t, ossemutest.WithDataDir(dir), withNotifications(sink))
	keys := map[string]bool{}
	for _, n := range sink.await(t, 2) {
		evs, err := events.ParseFCOSS(n.Payload)
		if err != nil || len(evs) != 1 {
			t.Fatalf("payload does not parse: %v", err)
		}
		keys[evs[0].Key] = true
	}
	if !keys["uploads/before-restart-1.jpg"] || !keys["uploads/before-restart-2.jpg"] {
		t.Errorf("delivered after restart: %v; want both objects put before it", keys)
	}
}

func TestNotificationRulesValidated(t *testing.T) {
	sink := newTestSink(0)
	tests := []struct {
		name  string
		rules []ossemu.NotificationRule
		sink  ossemu.Sink
	}{
		{"no sink", photoRules, nil},
		{"nil SinkFunc", photoRules, ossemu.SinkFunc(nil)},
		{"no id", []ossemu.NotificationRule{{Bucket: "photos", Events: []string{"oss:ObjectCreated:*"}}}, sink},
		{"duplicate id", []ossemu.NotificationRule{photoRules[0], photoRules[0]}, sink},
		{"bad bucket", []ossemu.NotificationRule{{ID: "r", Bucket: "Photos", Events: []string{"oss:ObjectCreated:*"}}}, sink},
		{"no events", []ossemu.NotificationRule{{ID: "r", Bucket: "photos"}}, sink},
		{"s3 event name", []ossemu.NotificationRule{{ID: "r", Bucket: "photos", Events: []string{"s3:ObjectCreated:Put"}}}, sink},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := ossemu.New(ossemu.Config{AccessKeys: map[string]string{"id": "secret"}, Notifications: tt.rules, Sink: tt.sink})
			if err == nil {
				srv.Close()
				t.Fatal("New accepted invalid notification rules")
			}
		})
	}
}

// A test that pins the emulator's clock must still see retries happen:
// backoff runs on real time.
func TestNotificationsRetryUnderPinnedClock(t *testing.T) {
	sink := newTestSink(2)
	pinned := time.Now()
	srv := ossemutest.NewServer(t, withNotifications(sink), ossemutest.WithClock(func() time.Time { return pinned }))
	srv.MustBucket(t, "photos")
	put(t, goodClient(srv), "photos", "uploads/pinned.jpg", []byte("img"))
	if got := sink.await(t, 1); got[0].Attempt != 3 {
		t.Errorf("attempt = %d; want 3", got[0].Attempt)
	}
}
