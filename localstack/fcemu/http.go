package fcemu

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// HTTPHandler serves every function's http trigger at /<function>/...,
// where <function> is the resource key or the functionName; the function
// sees the rest of the path, as it would on its fcapp.run domain. go1
// functions get the FC 3.0 HTTP trigger event JSON and their JSON answer
// becomes the response; custom runtimes get the request proxied as is.
// Methods the trigger does not list get 405, so a CORS preflight reaches
// the function only if OPTIONS is listed, as on FC. Function failures
// answer 502 (504 for a timeout) with the error type, never its text.
func (e *Emulator) HTTPHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		p, err := e.pool(name)
		var methods []string
		if err == nil {
			for _, t := range p.fn.Triggers {
				if t.HTTP != nil {
					methods = t.HTTP.Methods
				}
			}
		}
		if methods == nil {
			http.Error(w, "no function with an http trigger at /"+name+"/", http.StatusNotFound)
			return
		}
		if !slices.Contains(methods, r.Method) {
			w.Header().Set("Allow", strings.Join(methods, ", "))
			http.Error(w, "method "+r.Method+" is not enabled on this trigger", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxSyncPayload)
		path := "/" + rest
		if p.fn.IsCustom() {
			e.proxy(w, r, p, path)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "request body over FC's 32 MB limit", http.StatusRequestEntityTooLarge)
			return
		}
		id := newID("1")
		rp, err := e.run(r.Context(), p.fn.Resource, call{id: id, payload: httpEvent(r, path, body, id, e.tpl.AccountID, time.Now())}, "http")
		if err != nil {
			http.Error(w, "invocation failed", http.StatusServiceUnavailable)
			return
		}
		writeHTTPResult(w, rp.r)
		// The client has its whole answer (Content-Length is set) before the
		// peak memory is read and the summary line written: both are the
		// emulator's bookkeeping, not part of the function's latency.
		_ = http.NewResponseController(w).Flush()
		rp.log()
	})
}

// writeHTTPResult turns a go1 function's answer into the HTTP response: an
// object with statusCode is an HTTP trigger response; anything else is
// the body of a 200.
func writeHTTPResult(w http.ResponseWriter, res Result) {
	if res.Error != nil {
		writeFailure(w, res.Error)
		return
	}
	var resp struct {
		StatusCode      int               `json:"statusCode"`
		Headers         map[string]string `json:"headers"`
		Body            string            `json:"body"`
		IsBase64Encoded bool              `json:"isBase64Encoded"`
	}
	if json.Unmarshal(res.Payload, &resp) != nil || resp.StatusCode == 0 {
		w.Header().Set("Content-Length", strconv.Itoa(len(res.Payload)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(res.Payload)
		return
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			writeFailure(w, &FunctionError{Type: "InvalidResponse"})
			return
		}
		body = b
	}
	for k, v := range resp.Headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("x-fc-request-id", res.RequestID)
	// A known length lets the response go out whole before the handler
	// returns (see HTTPHandler); net/http drops it for bodiless statuses. A
	// length or framing the function chose itself (a HEAD answer) stands.
	if w.Header().Get("Content-Length") == "" && w.Header().Get("Transfer-Encoding") == "" {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

func writeFailure(w http.ResponseWriter, fe *FunctionError) {
	status := http.StatusBadGateway
	if fe.Type == ErrTypeTimeout {
		status = http.StatusGatewayTimeout
	}
	w.Header().Set("x-fc-error-type", fe.Type)
	http.Error(w, "function failed ("+fe.Type+"); see the local cloud's log", status)
}

// proxy forwards r to a custom-runtime instance as FC does for HTTP
// triggers (x-fc-control-path: /http-invoke), under the function's timeout.
func (e *Emulator) proxy(w http.ResponseWriter, r *http.Request, p *pool, path string) {
	inst, cold, err := p.acquire(r.Context())
	var fe *FunctionError
	if errors.As(err, &fe) {
		e.logs.summary(p.fn.Resource, "http", Result{Error: fe, MemoryMB: p.fn.MemoryMB, ColdStart: true})
		writeFailure(w, fe)
		return
	}
	if err != nil {
		http.Error(w, "invocation failed", http.StatusServiceUnavailable)
		return
	}
	defer p.release(inst)
	creds, err := e.credentials(p.fn)
	if errors.As(err, &fe) {
		writeFailure(w, fe)
		return
	}
	c := call{id: newID("1"), timeout: p.fn.TimeoutSec, creds: creds}
	start := time.Now()
	c.deadline = start.Add(time.Duration(c.timeout) * time.Second)
	ctx, cancel := context.WithDeadline(r.Context(), c.deadline)
	defer cancel()
	out := r.Clone(ctx)
	out.RequestURI = ""
	out.URL.Scheme, out.URL.Host, out.URL.Path, out.URL.RawPath = "http", inst.custom.addr, path, ""
	out.Host = r.Host
	// A client must not pose as the platform: x-fc-* headers are FC's to set.
	for k := range out.Header {
		if strings.HasPrefix(strings.ToLower(k), "x-fc-") {
			out.Header.Del(k)
		}
	}
	fcHeaders(out.Header, p.fn, e.tpl.AccountID, c)
	out.Header.Set("x-fc-control-path", "/http-invoke")
	res := Result{RequestID: c.id, MemoryMB: p.fn.MemoryMB, ColdStart: cold}
	resp, err := inst.custom.roundTrip(ctx, out)
	wrote := err == nil
	if err == nil {
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.Header().Set("x-fc-request-id", c.id)
		w.WriteHeader(resp.StatusCode)
		_, err = io.Copy(w, resp.Body)
	}
	switch {
	case err == nil:
	case errors.Is(err, errGone):
		<-inst.proc.done
		res.Error = inst.proc.exitError()
		if !wrote {
			writeFailure(w, res.Error)
		}
	case ctx.Err() == context.DeadlineExceeded && r.Context().Err() == nil:
		inst.proc.kill(ErrTypeTimeout, "function timed out after "+strconv.Itoa(c.timeout)+" s; the instance was stopped")
		<-inst.proc.done
		res.Error = inst.proc.exitError()
		if !wrote {
			writeFailure(w, res.Error)
		}
	default:
		res.Error = &FunctionError{Type: "InvocationCancelled", Message: err.Error()}
	}
	if wrote {
		_ = http.NewResponseController(w).Flush() // the client first, then the summary
	}
	res.Duration, res.MaxMemoryUsedMB = time.Since(start), inst.proc.peakMB()
	e.logs.summary(p.fn.Resource, "http", res)
}
