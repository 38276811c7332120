package fcemu

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
)

const ossTrigger = `        - triggerName: on-upload
          triggerType: oss
          sourceArn: acs:oss:cn-hangzhou:1234567890123456:photos
          invocationRole: acs:ram::1234567890123456:role/oss-events
          triggerConfig:
            events: [oss:ObjectCreated:PutObject, oss:ObjectCreated:PostObject]
            filter: {key: {prefix: uploads/, suffix: .jpg}}
`

func objEvent(name, bucket, key string) ossemu.Event {
	return ossemu.Event{Name: name, Bucket: bucket, Key: key, Size: 3, ETag: "ABC", ContentType: "image/jpeg",
		Region: "cn-hangzhou", Time: time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC), RequestID: "oss-req", Principal: "anonymous"}
}

func TestOSSEventsRouteByTriggerFilter(t *testing.T) {
	for _, custom := range []bool{false, true} {
		t.Run(map[bool]string{false: "go1", true: "custom"}[custom], func(t *testing.T) {
			ev := newEnv(t, nil, fnSpec{name: "thumbs", kind: "objects", custom: custom, triggers: ossTrigger})
			ignored := []ossemu.Event{
				objEvent(ossemu.EventPutObject, "photos", "thumbs/a.jpg"),     // the output prefix
				objEvent(ossemu.EventPutObject, "photos", "uploads/a.png"),    // suffix
				objEvent(ossemu.EventPutObject, "other", "uploads/a.jpg"),     // bucket
				objEvent(ossemu.EventDeleteObject, "photos", "uploads/a.jpg"), // event
				objEvent(ossemu.EventCopyObject, "photos", "uploads/a.jpg"),   // event not listed
			}
			for _, o := range ignored {
				ev.e.OSSEvent(o)
			}
			ev.e.OSSEvent(objEvent(ossemu.EventPostObject, "photos", "uploads/u1/a.jpg"))
			o := ev.outcome()
			if o.Result.Error != nil || o.Attempts != 1 || o.Function != "thumbs" {
				t.Fatalf("outcome = %+v; want thumbs succeeding at the first attempt", o)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if err := ev.e.Close(ctx); err != nil { // waits for every async invocation
				t.Fatal(err)
			}
			want := []string{"ObjectCreated:PostObject_photos/uploads/u1/a.jpg"}
			if got := ev.lines(); !slices.Equal(got, want) {
				t.Errorf("the function received %q; want only %q", got, want)
			}
		})
	}
}

func TestAsyncRetriesThenDeadLetters(t *testing.T) {
	ev := newEnv(t, nil, fnSpec{name: "thumbs", kind: "objects", triggers: ossTrigger})
	ev.e.OSSEvent(objEvent(ossemu.EventPutObject, "photos", "uploads/fail.jpg"))
	o := ev.outcome()
	if o.Attempts != DefaultAsyncAttempts || o.DeadLetter == "" || o.Result.Error == nil {
		t.Fatalf("outcome = %+v; want %d failed attempts and a dead letter", o, DefaultAsyncAttempts)
	}
	b, err := os.ReadFile(o.DeadLetter)
	if err != nil {
		t.Fatal(err)
	}
	var dl struct {
		Function, RequestID string
		Payload             struct {
			Events []struct {
				OSS struct {
					Object struct{ Key string }
				}
			}
		}
		Attempts []struct {
			Attempt   int
			ErrorType string
		}
	}
	if err := json.Unmarshal(b, &dl); err != nil {
		t.Fatalf("dead letter %s: %v", b, err)
	}
	if dl.Function != "thumbs" || dl.RequestID != o.RequestID || len(dl.Attempts) != 3 || dl.Attempts[2].Attempt != 3 {
		t.Errorf("dead letter = %+v; want thumbs, request %s, attempts 1..3", dl, o.RequestID)
	}
	if len(dl.Payload.Events) != 1 || dl.Payload.Events[0].OSS.Object.Key != "uploads/fail.jpg" {
		t.Errorf("dead letter payload %s; want the OSS event for uploads/fail.jpg", b)
	}
	if n := strings.Count(ev.logs.String(), "retrying"); n != 2 {
		t.Errorf("%d retry lines logged; want 2", n)
	}
}

func TestAsyncRetrySucceedsAfterCrash(t *testing.T) {
	// A crash fails the attempt; the retry runs on a fresh instance. The
	// crash key crashes every time, so this checks the counts end to end.
	ev := newEnv(t, func(c *Config) { c.AsyncAttempts = 2 }, fnSpec{name: "thumbs", kind: "objects", triggers: ossTrigger})
	ev.e.OSSEvent(objEvent(ossemu.EventPutObject, "photos", "uploads/crash.jpg"))
	o := ev.outcome()
	if o.Attempts != 2 || o.Result.Error == nil || o.Result.Error.Type != ErrTypeCrashed {
		t.Fatalf("outcome = %+v; want 2 attempts ending in %s", o, ErrTypeCrashed)
	}
	ev.e.OSSEvent(objEvent(ossemu.EventPutObject, "photos", "uploads/ok.jpg"))
	if o := ev.outcome(); o.Result.Error != nil {
		t.Errorf("after crashes: %v; want success on a new instance", o.Result.Error)
	}
}

func TestTimerFiresOnScheduleAndOnDemand(t *testing.T) {
	ev := newEnv(t, nil, fnSpec{name: "audit", kind: "ticks", triggers: `        - triggerName: every-second
          triggerType: timer
          triggerConfig: {cronExpression: '@every 1s', enable: true, payload: '{"reason":"tick"}'}
        - triggerName: nightly
          triggerType: timer
          triggerConfig: {cronExpression: '0 0 18 * * *', enable: false, payload: manual}
`})
	if o := ev.outcome(); o.Result.Error != nil || o.Function != "audit" {
		t.Fatalf("scheduled firing: %+v; want audit succeeding", o)
	}
	r, err := ev.e.FireTimer(context.Background(), "audit/nightly")
	if err != nil || r.Error != nil {
		t.Fatalf("FireTimer = %+v, %v; want success", r, err)
	}
	lines := ev.lines()
	if !slices.Contains(lines, `every-second_{"reason":"tick"}`) || !slices.Contains(lines, "nightly_manual") {
		t.Errorf("the function recorded %q; want the scheduled and the manual firing", lines)
	}
	if _, err := ev.e.FireTimer(context.Background(), "nope"); err == nil {
		t.Error("FireTimer(nope) succeeded; want an unknown-timer error")
	}
}

func TestInitializerAndPreStop(t *testing.T) {
	hooks := "      instanceLifecycleConfig: {initializer: {handler: init, timeout: 5}, preStop: {handler: stop, timeout: 5}}\n"
	for _, custom := range []bool{false, true} {
		t.Run(map[bool]string{false: "go1", true: "custom"}[custom], func(t *testing.T) {
			ev := newEnv(t, nil, fnSpec{name: "web", kind: "http", custom: custom, extra: hooks, triggers: httpTrigger})
			r, err := ev.e.Invoke(context.Background(), "web", []byte(`not an http event`))
			if err != nil || r.Error != nil || !r.ColdStart {
				t.Fatalf("Invoke = %+v, %v; want a successful cold start", r, err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if err := ev.e.Close(ctx); err != nil {
				t.Fatal(err)
			}
			logs := ev.logs.String()
			for _, want := range []string{"initializer: instance ready", "REPORT initializer", "pre-stop: instance is stopping", "REPORT pre-stop"} {
				if !strings.Contains(logs, want) {
					t.Errorf("logs lack %q", want)
				}
			}
			if strings.Index(logs, "initializer: instance ready") > strings.Index(logs, "REPORT invoke") {
				t.Errorf("the handler ran before the initializer")
			}
		})
	}
}

func TestJSONLogs(t *testing.T) {
	ev := newEnv(t, func(c *Config) { c.JSONLogs = true }, fnSpec{name: "web", kind: "http", triggers: httpTrigger})
	if _, err := ev.e.Invoke(context.Background(), "web", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(ev.logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("line %q is not JSON: %v", line, err)
			continue
		}
		if m["function"] == nil {
			t.Errorf("line %q has no function field", line)
		}
	}
}

func TestIdleInstanceIsStoppedWithPreStop(t *testing.T) {
	hooks := "      instanceLifecycleConfig: {preStop: {handler: stop, timeout: 5}}\n"
	ev := newEnv(t, func(c *Config) { c.IdleTimeout = 200 * time.Millisecond },
		fnSpec{name: "web", kind: "http", extra: hooks, triggers: httpTrigger})
	if r, err := ev.e.Invoke(context.Background(), "web", []byte(`{}`)); err != nil || !r.ColdStart {
		t.Fatalf("first Invoke = %+v, %v; want a cold start", r, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(ev.logs.String(), "pre-stop: instance is stopping") {
		if time.Now().After(deadline) {
			t.Fatal("the idle instance was not stopped with its pre-stop hook")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if r, err := ev.e.Invoke(context.Background(), "web", []byte(`{}`)); err != nil || !r.ColdStart || r.Error != nil {
		t.Errorf("Invoke after reaping = %+v, %v; want a successful cold start", r, err)
	}
	if strings.Contains(ev.logs.String(), "next invocation starts a new one") {
		t.Error("a deliberate idle stop was reported as a crash")
	}
}
