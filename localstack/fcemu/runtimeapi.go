package fcemu

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/ossflow/ossflow/localstack/template"
)

const runtimeAPIPrefix = "/2020-11-11/runtime/invocation/"

// runtimeAPI is the FC runtime API one go1 instance polls. The SDK asks
// for the next invocation before it answers the current one, so next
// long-polls (an error would make the SDK spin) and outcomes are matched
// to invocations by request id.
type runtimeAPI struct {
	f         *template.Function
	accountID string
	srv       *http.Server
	addr      string
	dead      <-chan struct{}
	queue     chan *pending
	polled    chan struct{}
	pollOnce  sync.Once
	closed    chan struct{}
	closeOnce sync.Once

	mu      sync.Mutex
	waiting map[string]*pending
}

type pending struct {
	c   call
	out chan outcome // buffered: the poster never blocks
}

type outcome struct {
	body  []byte
	isErr bool
}

// newRuntimeAPI starts serving on a fresh loopback port.
func newRuntimeAPI(f *template.Function, accountID string) (*runtimeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	a := &runtimeAPI{f: f, accountID: accountID, addr: ln.Addr().String(), queue: make(chan *pending),
		polled: make(chan struct{}), closed: make(chan struct{}), waiting: map[string]*pending{}}
	a.srv = &http.Server{Handler: http.HandlerFunc(a.serve)}
	go func() { _ = a.srv.Serve(ln) }()
	return a, nil
}

// attach names the process whose exit ends every wait.
func (a *runtimeAPI) attach(dead <-chan struct{}) { a.dead = dead }

func (a *runtimeAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, runtimeAPIPrefix)
	switch {
	case ok && rest == "next" && r.Method == http.MethodGet:
		a.next(w, r)
	case ok && r.Method == http.MethodPost && strings.HasSuffix(rest, "/response"):
		a.post(w, r, strings.TrimSuffix(rest, "/response"), false)
	case ok && r.Method == http.MethodPost && strings.HasSuffix(rest, "/error"):
		a.post(w, r, strings.TrimSuffix(rest, "/error"), true)
	default:
		http.NotFound(w, r)
	}
}

func (a *runtimeAPI) next(w http.ResponseWriter, r *http.Request) {
	a.pollOnce.Do(func() { close(a.polled) })
	select {
	case p := <-a.queue:
		fcHeaders(w.Header(), a.f, a.accountID, p.c)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(p.c.payload)
	case <-r.Context().Done():
	case <-a.closed:
		// The SDK retries a failed next at once; the process is being stopped anyway.
		http.Error(w, "runtime API closed", http.StatusGone)
	}
}

func (a *runtimeAPI) post(w http.ResponseWriter, r *http.Request, id string, isErr bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxSyncPayload+1))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	a.mu.Lock()
	p, ok := a.waiting[id]
	delete(a.waiting, id)
	a.mu.Unlock()
	if !ok {
		// A late answer to an invocation that already timed out or was given up.
		http.Error(w, "no such invocation", http.StatusNotFound)
		return
	}
	p.out <- outcome{body: body, isErr: isErr}
	w.WriteHeader(http.StatusOK)
}

func (a *runtimeAPI) ready(ctx context.Context) error {
	select {
	case <-a.polled:
		return nil
	case <-a.dead:
		return errGone
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *runtimeAPI) invoke(ctx context.Context, c call) ([]byte, *FunctionError, error) {
	p := &pending{c: c, out: make(chan outcome, 1)}
	a.mu.Lock()
	a.waiting[c.id] = p
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		delete(a.waiting, c.id)
		a.mu.Unlock()
	}()
	select {
	case a.queue <- p:
	case <-a.dead:
		return nil, nil, errGone
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	select {
	case o := <-p.out:
		if !o.isErr {
			return o.body, nil, nil
		}
		return nil, decodeFunctionError(o.body), nil
	case <-a.dead:
		return nil, nil, errGone
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

func (a *runtimeAPI) close() {
	a.closeOnce.Do(func() {
		close(a.closed)
		_ = a.srv.Close()
	})
}

// decodeFunctionError reads {"errorMessage","errorType"}; anything else is
// kept as the message.
func decodeFunctionError(body []byte) *FunctionError {
	var fe FunctionError
	if json.Unmarshal(body, &fe) == nil && (fe.Message != "" || fe.Type != "") {
		if fe.Type == "" {
			fe.Type = "HandlerError"
		}
		return &fe
	}
	return &FunctionError{Type: "HandlerError", Message: strings.TrimSpace(string(body))}
}
