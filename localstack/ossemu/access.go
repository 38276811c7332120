package ossemu

import (
	"net/http"
	"time"
)

// Access describes one answered request for an access log. It holds no
// headers and no query, so signatures, tokens and secrets cannot reach a
// log through it.
type Access struct {
	RequestID string
	Method    string
	Bucket    string
	Key       string
	Status    int
	// Code is the OSS error code answered, "" on success.
	Code string
	// Principal is the access key id that signed the request, "" when
	// anonymous or not authenticated.
	Principal string
	Time      time.Time
	Duration  time.Duration
}

// statusWriter remembers the status written, for the access record.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (a timeout
// fault hijacks it to drop it).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logAccess(rq *request, sw *statusWriter, code string, start time.Time) {
	if s.cfg.OnRequest == nil {
		return
	}
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	s.cfg.OnRequest(Access{
		RequestID: rq.id, Method: rq.r.Method, Bucket: rq.bucket, Key: rq.key, Status: status,
		Code: code, Principal: rq.principal, Time: rq.now, Duration: time.Since(start),
	})
}
