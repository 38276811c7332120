package fcemu

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// logSink writes function output and emulator lines to one writer, a line
// at a time, with known secrets replaced.
type logSink struct {
	mu   sync.Mutex // serialises lines and additions to secrets
	w    io.Writer
	json bool
	// secrets is replaced, never changed in place: every invocation checks
	// its credentials are known without waiting on a line being written.
	secrets atomic.Pointer[[]string]
}

const redacted = "[REDACTED]"

// addSecret names a value no line may show: the credentials handed to
// functions, which a careless handler might print.
func (s *logSink) addSecret(v string) {
	if len(v) < 8 || slices.Contains(s.known(), v) {
		return // too short to replace without mangling ordinary text, or known
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if have := s.known(); !slices.Contains(have, v) {
		next := append(slices.Clip(have), v)
		s.secrets.Store(&next)
	}
}

func (s *logSink) known() []string {
	if p := s.secrets.Load(); p != nil {
		return *p
	}
	return nil
}

func (s *logSink) write(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sec := range s.known() {
		line = strings.ReplaceAll(line, sec, redacted)
	}
	_, _ = io.WriteString(s.w, line+"\n")
}

// output writes one line a function printed.
func (s *logSink) output(fn, stream, line string) {
	var obj map[string]any
	isJSON := strings.HasPrefix(line, "{") && json.Unmarshal([]byte(line), &obj) == nil
	switch {
	case s.json && isJSON:
		if _, ok := obj["function"]; !ok {
			line = `{"function":` + quote(fn) + "," + line[1:]
		}
		s.write(line)
	case s.json:
		s.write(`{"function":` + quote(fn) + `,"stream":` + quote(stream) + `,"message":` + quote(line) + "}")
	case isJSON:
		s.write(fn + " | " + pretty(obj))
	default:
		s.write(fn + " | " + line)
	}
}

// event writes one line of the emulator's own about a function.
func (s *logSink) event(fn, level, msg string, kv ...any) {
	if s.json {
		m := map[string]any{"time": time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00"),
			"level": level, "function": fn, "source": "fcemu", "message": msg}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		b, _ := json.Marshal(m)
		s.write(string(b))
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s | %s %s %s", fn, time.Now().UTC().Format("15:04:05.000"), levelTag(level), msg)
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, " %v=%v", kv[i], kv[i+1])
	}
	s.write(b.String())
}

// summary writes the per-invocation report line.
func (s *logSink) summary(fn, kind string, r Result) {
	outcome, errType, errMsg := "ok", "", ""
	if r.Error != nil {
		outcome, errType, errMsg = "error", r.Error.Type, r.Error.Message
	}
	ms := float64(r.Duration.Microseconds()) / 1000
	if s.json {
		b, _ := json.Marshal(map[string]any{"function": fn, "source": "fcemu", "type": "report", "invocation": kind,
			"requestId": r.RequestID, "durationMs": ms, "memoryMB": r.MemoryMB, "maxMemoryUsedMB": r.MaxMemoryUsedMB,
			"coldStart": r.ColdStart, "result": outcome, "errorType": errType, "errorMessage": errMsg})
		s.write(string(b))
		return
	}
	line := fmt.Sprintf("%s | REPORT %s RequestId: %s Duration: %.2f ms Memory: %d MB Max Memory Used: %d MB",
		fn, kind, r.RequestID, ms, r.MemoryMB, r.MaxMemoryUsedMB)
	if r.ColdStart {
		line += " (cold start)"
	}
	if r.Error != nil {
		line += " Result: " + r.Error.Error()
	} else {
		line += " Result: ok"
	}
	s.write(line)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func levelTag(l string) string {
	switch l {
	case "debug":
		return "DBG"
	case "info":
		return "INF"
	case "warn":
		return "WRN"
	case "error":
		return "ERR"
	case "fatal", "panic":
		return "FTL"
	}
	return strings.ToUpper(l)
}

// pretty renders a zerolog JSON line as "time LVL message k=v ...".
func pretty(obj map[string]any) string {
	var b strings.Builder
	t, _ := obj["time"].(string)
	if ts, err := time.Parse(time.RFC3339Nano, t); err == nil {
		t = ts.UTC().Format("15:04:05.000")
	}
	lvl, _ := obj["level"].(string)
	msg, _ := obj["message"].(string)
	fmt.Fprintf(&b, "%s %s %s", t, levelTag(lvl), msg)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		switch k {
		case "time", "level", "message", "function":
		default:
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := obj[k]
		if s, ok := v.(string); ok && !strings.ContainsAny(s, " \t\"") {
			fmt.Fprintf(&b, " %s=%s", k, s)
			continue
		}
		j, _ := json.Marshal(v)
		fmt.Fprintf(&b, " %s=%s", k, j)
	}
	return b.String()
}
