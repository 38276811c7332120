package ossemu

import (
	"net/http"
	"strings"
	"time"
)

// Default hold times of timeout and stall faults without a Delay.
const (
	defaultTimeoutDelay = 30 * time.Second
	defaultStallDelay   = 2 * time.Second
)

// errAborted marks a request whose connection a timeout fault dropped:
// there is nobody left to answer.
var errAborted = errorf("RequestTimeout", "Your socket connection to the server was not read from or written to within the timeout period.")

// operationOf names the OSS API a request calls, as fault rules name it:
// the RAM action without "oss:", except where one action covers several
// APIs (HeadObject, GetObjectMeta, CopyObject, PostObject, PutBucket,
// DeleteMultipleObjects). It returns "" for requests OSS would refuse as
// an unknown method.
func operationOf(r *http.Request, key, sub string) string {
	k := r.Method + " " + sub
	if key != "" {
		switch k {
		case "HEAD ":
			return "HeadObject"
		case "GET objectMeta", "HEAD objectMeta":
			return "GetObjectMeta"
		case "PUT ":
			if r.Header.Get("x-oss-copy-source") != "" {
				return "CopyObject"
			}
		}
		return strings.TrimPrefix(objectActions[k], "oss:")
	}
	switch k {
	case "POST ":
		if isMultipartForm(r) {
			return "PostObject"
		}
		return ""
	case "POST delete":
		return "DeleteMultipleObjects"
	case "PUT ":
		return "PutBucket"
	}
	return strings.TrimPrefix(bucketActions[k], "oss:")
}

// inject applies the fault plan to one request of op before anything else
// happens to it. A nil result lets the request proceed (possibly late).
func (s *Server) inject(rq *request, op string) *apiError {
	rule, hit := s.faults.draw(op)
	if !hit {
		return nil
	}
	delay := time.Duration(rule.Delay)
	switch rule.Kind {
	case FaultUnavailable:
		return errorf("ServiceUnavailable", "Please reduce your request rate.").with("Operation", op)
	case FaultStall:
		if delay == 0 {
			delay = defaultStallDelay
		}
		if !s.hold(rq, delay) {
			return errAborted
		}
		return nil
	}
	if delay == 0 {
		delay = defaultTimeoutDelay
	}
	s.hold(rq, delay)
	if conn, _, err := http.NewResponseController(rq.w).Hijack(); err == nil {
		_ = conn.Close()
		return errAborted
	}
	// No connection to drop (an in-process recorder): answer as OSS does
	// when a socket times out.
	return errorf("RequestTimeout", "Your socket connection to the server was not read from or written to within the timeout period.")
}

// hold waits d, or until the client goes away; it reports whether the
// client is still there.
func (s *Server) hold(rq *request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-rq.r.Context().Done():
		return false
	}
}
