package fcemu

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestLogSinkLines(t *testing.T) {
	zl := `{"level":"info","function":"web","requestId":"r1","key":"uploads/a b.jpg","time":"2026-11-22T01:02:03.456Z","message":"processed"}`
	cases := []struct {
		name       string
		json       bool
		line, want string
	}{
		{"pretty JSON", false, zl, `web | 01:02:03.456 INF processed key="uploads/a b.jpg" requestId=r1`},
		{"pretty text", false, "FC Invoke Start RequestId: r1", "web | FC Invoke Start RequestId: r1"},
		{"raw JSON keeps the line", true, zl, zl},
		{"raw JSON adds function", true, `{"level":"warn","message":"m"}`, `{"function":"web","level":"warn","message":"m"}`},
		{"raw text is wrapped", true, `FC Invoke End "x"`, `{"function":"web","stream":"stdout","message":"FC Invoke End \"x\""}`},
		{"secret redacted", false, "leaked " + testSecret + " here", "web | leaked [REDACTED] here"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := &logSink{w: &buf, json: tc.json}
			s.addSecret(testSecret)
			s.output("web", "stdout", tc.line)
			if got := strings.TrimSuffix(buf.String(), "\n"); got != tc.want {
				t.Errorf("line = %s\n want %s", got, tc.want)
			}
		})
	}
}

func TestLogSinkSummary(t *testing.T) {
	r := Result{RequestID: "r1", Duration: 12345 * time.Microsecond, MemoryMB: 512, MaxMemoryUsedMB: 21,
		Error: &FunctionError{Type: ErrTypeTimeout, Message: "function timed out after 3 s"}}
	var buf bytes.Buffer
	(&logSink{w: &buf}).summary("thumbnail", "async", r)
	want := "thumbnail | REPORT async RequestId: r1 Duration: 12.35 ms Memory: 512 MB Max Memory Used: 21 MB Result: FunctionTimeout: function timed out after 3 s\n"
	if buf.String() != want {
		t.Errorf("summary = %q\n want %q", buf.String(), want)
	}
	buf.Reset()
	(&logSink{w: &buf, json: true}).summary("thumbnail", "async", r)
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m["durationMs"] != 12.345 || m["maxMemoryUsedMB"] != 21.0 || m["errorType"] != ErrTypeTimeout || m["result"] != "error" {
		t.Errorf("JSON summary = %v", m)
	}
}
