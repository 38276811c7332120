package serve

import (
	"bytes"
	"fmt"
	"net/http"
)

// recorder collects a handler's response for platforms that want it whole,
// as JSON, rather than streamed. It behaves like net/http's server where a
// handler can tell: the first Write implies a 200, and, since net/http sends
// headers only with the first body bytes, that Write also supplies the
// sniffed Content-Type when the handler set none — even after WriteHeader.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool // status decided
	begun  bool // body started
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, status: http.StatusOK} }

// Header returns the response header map.
func (r *recorder) Header() http.Header { return r.header }

// WriteHeader records the status; later calls are ignored as net/http does.
// Like net/http it panics on a code that is not three digits (recoverHTTP
// turns that into a 500), and it drops informational 1xx responses, which
// have no place in a platform's single JSON response.
func (r *recorder) WriteHeader(code int) {
	if code < 100 || code > 999 {
		panic(fmt.Sprintf("invalid WriteHeader code %v", code))
	}
	if r.wrote || (code < 200 && code != http.StatusSwitchingProtocols) {
		return
	}
	r.wrote = true
	r.status = code
}

// Write appends to the body, sending the implicit 200 first.
func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	if !r.begun && len(p) > 0 {
		r.begun = true
		if _, set := r.header["Content-Type"]; !set && r.header.Get("Transfer-Encoding") == "" {
			r.header.Set("Content-Type", http.DetectContentType(p))
		}
	}
	return r.body.Write(p)
}

// reset discards whatever a panicking handler wrote.
func (r *recorder) reset() {
	r.header = http.Header{}
	r.status = http.StatusOK
	r.body.Reset()
	r.wrote, r.begun = false, false
}
