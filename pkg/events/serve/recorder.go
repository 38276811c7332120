package serve

import (
	"bytes"
	"net/http"
)

// recorder collects a handler's response for platforms that want it whole,
// as JSON, rather than streamed. It behaves like net/http's server where a
// handler can tell: the first Write sends a 200 and, when the handler set no
// Content-Type, the sniffed one.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, status: http.StatusOK} }

// Header returns the response header map.
func (r *recorder) Header() http.Header { return r.header }

// WriteHeader records the status; later calls are ignored as net/http does.
func (r *recorder) WriteHeader(code int) {
	if r.wrote {
		return
	}
	r.wrote = true
	r.status = code
}

// Write appends to the body, sending the implicit 200 first.
func (r *recorder) Write(p []byte) (int, error) {
	if !r.wrote {
		if r.header.Get("Content-Type") == "" && r.header.Get("Transfer-Encoding") == "" && len(p) > 0 {
			r.header.Set("Content-Type", http.DetectContentType(p))
		}
		r.WriteHeader(http.StatusOK)
	}
	return r.body.Write(p)
}

// reset discards whatever a panicking handler wrote.
func (r *recorder) reset() {
	r.header = http.Header{}
	r.status = http.StatusOK
	r.body.Reset()
	r.wrote = false
}
