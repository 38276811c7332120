package fcemu

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// InvokeAsync queues an asynchronous invocation of fn and returns its
// request id at once, as FC does for OSS and timer triggers. It is tried
// up to Config.AsyncAttempts times with the same request id (the retry
// count in x-fc-retry-count), waiting RetryBackoff, then twice that, and
// so on, between attempts; if every attempt fails, the invocation is
// written as JSON to <DeadLetterDir>/<function>/<requestId>.json. It fails
// for an unknown function, a payload over FC's 128 KB async limit, or a
// closed emulator.
func (e *Emulator) InvokeAsync(fn string, payload []byte) (string, error) {
	p, err := e.pool(fn)
	if err != nil {
		return "", err
	}
	if len(payload) > MaxAsyncPayload {
		return "", fmt.Errorf("invoke %s async: payload of %d bytes is over FC's %d-byte async limit", fn, len(payload), MaxAsyncPayload)
	}
	e.mu.Lock()
	if e.closing {
		e.mu.Unlock()
		return "", ErrClosed
	}
	e.async.Add(1)
	e.mu.Unlock()
	id := newID("1")
	go e.runAsync(p.fn.Resource, id, payload)
	return id, nil
}

// attempt is one try in a dead-letter record.
type attempt struct {
	Attempt      int       `json:"attempt"`
	Start        time.Time `json:"start"`
	DurationMs   float64   `json:"durationMs"`
	ErrorType    string    `json:"errorType"`
	ErrorMessage string    `json:"errorMessage"`
}

// deadLetter is the file written for an invocation that failed every attempt.
type deadLetter struct {
	Function  string          `json:"function"`
	RequestID string          `json:"requestId"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	// PayloadText holds a payload that is not JSON.
	PayloadText string    `json:"payloadText,omitempty"`
	Attempts    []attempt `json:"attempts"`
	Recorded    time.Time `json:"recorded"`
}

func (e *Emulator) runAsync(fn, id string, payload []byte) {
	defer e.async.Done()
	backoff := e.cfg.RetryBackoff
	var tries []attempt
	var last Result
	for i := 0; i < e.cfg.AsyncAttempts; i++ {
		if i > 0 {
			select {
			case <-time.After(backoff):
			case <-e.ctx.Done():
				e.logs.event(fn, "warn", "async invocation abandoned at shutdown", "requestId", id, "attempts", i)
				return
			}
			backoff *= 2
		}
		start := e.cfg.Clock()
		r, err := e.invoke(e.ctx, fn, call{id: id, payload: payload, retry: i}, "async")
		if err != nil || e.ctx.Err() != nil {
			e.logs.event(fn, "warn", "async invocation abandoned at shutdown", "requestId", id, "attempts", i+1)
			return
		}
		last = r
		if r.Error == nil {
			e.asyncDone(AsyncOutcome{Function: fn, RequestID: id, Attempts: i + 1, Result: r})
			return
		}
		tries = append(tries, attempt{Attempt: i + 1, Start: start.UTC(),
			DurationMs: float64(r.Duration.Microseconds()) / 1000, ErrorType: r.Error.Type, ErrorMessage: r.Error.Message})
		if i+1 < e.cfg.AsyncAttempts {
			e.logs.event(fn, "warn", "async invocation failed; retrying", "requestId", id, "attempt", i+1, "retryIn", backoff.String())
		}
	}
	dl := deadLetter{Function: fn, RequestID: id, Attempts: tries, Recorded: e.cfg.Clock().UTC()}
	if json.Valid(payload) {
		dl.Payload = payload
	} else {
		dl.PayloadText = string(payload)
	}
	path, err := e.writeDeadLetter(dl)
	if err != nil {
		e.logs.event(fn, "error", "dead-letter record not written", "requestId", id, "error", err.Error())
	} else {
		e.logs.event(fn, "error", "async invocation failed every attempt; dead-lettered", "requestId", id,
			"attempts", len(tries), "file", path)
	}
	e.asyncDone(AsyncOutcome{Function: fn, RequestID: id, Attempts: len(tries), Result: last, DeadLetter: path})
}

func (e *Emulator) asyncDone(o AsyncOutcome) {
	if e.cfg.OnAsyncDone != nil {
		e.cfg.OnAsyncDone(o)
	}
}

// writeDeadLetter writes dl atomically (temp file, then rename), so a
// reader never sees half a record.
func (e *Emulator) writeDeadLetter(dl deadLetter) (string, error) {
	dir := filepath.Join(e.cfg.DeadLetterDir, dl.Function)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("dead letter %s: %w", dl.RequestID, err)
	}
	b, err := json.MarshalIndent(dl, "", "  ")
	if err != nil {
		return "", fmt.Errorf("dead letter %s: %w", dl.RequestID, err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("dead letter %s: %w", dl.RequestID, err)
	}
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	path := filepath.Join(dir, dl.RequestID+".json")
	if werr == nil && cerr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil || cerr != nil {
		_ = os.Remove(tmp.Name())
		return "", fmt.Errorf("dead letter %s: write: %v %v", dl.RequestID, werr, cerr)
	}
	return path, nil
}
