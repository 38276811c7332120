package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// runtimeAPI is a small runtime API server, as FC (/2020-11-11) and Lambda
// (/2018-06-01) run one next to a function: GET next long-polls for an
// invocation, POST {id}/response and {id}/error report its outcome. Both
// SDKs ask for the next invocation before answering the current one, so
// outcomes are matched by request id.
type runtimeAPI struct {
	prefix   string
	idHeader string
	okStatus int // what the platform answers a posted outcome with
	srv      *httptest.Server
	queue    chan queued

	mu      sync.Mutex
	waiting map[string]chan outcome
}

type queued struct {
	header http.Header
	body   []byte
}

// outcome is what the function posted: kind "response" or "error".
type outcome struct {
	kind string
	body []byte
}

func newFCRuntimeAPI(t *testing.T) *runtimeAPI {
	return newRuntimeAPI(t, "/2020-11-11/runtime/invocation/", "x-fc-request-id", http.StatusOK)
}

func newLambdaRuntimeAPI(t *testing.T) *runtimeAPI {
	return newRuntimeAPI(t, "/2018-06-01/runtime/invocation/", "Lambda-Runtime-Aws-Request-Id", http.StatusAccepted)
}

func newRuntimeAPI(t *testing.T, prefix, idHeader string, okStatus int) *runtimeAPI {
	a := &runtimeAPI{prefix: prefix, idHeader: idHeader, okStatus: okStatus,
		queue: make(chan queued), waiting: map[string]chan outcome{}}
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.srv.Close)
	return a
}

// addr is host:port, the form FC_RUNTIME_API and AWS_LAMBDA_RUNTIME_API take.
func (a *runtimeAPI) addr() string { return strings.TrimPrefix(a.srv.URL, "http://") }

func (a *runtimeAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, a.prefix)
	switch {
	case ok && r.Method == http.MethodGet && rest == "next":
		select {
		case q := <-a.queue:
			for k, v := range q.header {
				w.Header()[k] = v
			}
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(q.body)
		case <-r.Context().Done():
		}
	case ok && r.Method == http.MethodPost:
		id, kind, found := strings.Cut(rest, "/")
		body, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		ch := a.waiting[id]
		a.mu.Unlock()
		if !found || ch == nil {
			http.Error(w, "unknown invocation "+id, http.StatusNotFound)
			return
		}
		ch <- outcome{kind: kind, body: body}
		w.WriteHeader(a.okStatus)
	default:
		http.NotFound(w, r)
	}
}

// invoke hands the function one invocation and waits for its outcome.
func (a *runtimeAPI) invoke(t *testing.T, id string, header http.Header, body []byte) outcome {
	t.Helper()
	ch := make(chan outcome, 1)
	a.mu.Lock()
	a.waiting[id] = ch
	a.mu.Unlock()
	h := header.Clone()
	h.Set(a.idHeader, id)
	select {
	case a.queue <- queued{header: h, body: body}:
	case <-time.After(15 * time.Second):
		t.Fatalf("invocation %s: the function never asked for it", id)
	}
	select {
	case o := <-ch:
		return o
	case <-time.After(15 * time.Second):
		t.Fatalf("invocation %s: no response or error posted", id)
		return outcome{}
	}
}
