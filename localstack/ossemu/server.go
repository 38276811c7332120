package ossemu

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ossflow/ossflow/localstack/notify"
)

// Server is the OSS emulator. It is an http.Handler; mount it on any
// listener (httptest in tests, the localstack daemon in development).
type Server struct {
	cfg   Config
	st    *store
	check verifyFunc
	// queue delivers event notifications; nil without rules.
	queue *notify.Queue
	// faults is the fault-injection plan; empty by default.
	faults faults

	// The callback signing key, made on first use: generating one costs
	// tens of milliseconds that servers without callbacks need not pay.
	keyOnce sync.Once
	key     *rsa.PrivateKey
	keyErr  error
}

// New validates cfg and opens the store: in memory when cfg.DataDir is "",
// else loaded from (and persisted to) cfg.DataDir. With notification rules
// it also starts their delivery worker, which Close stops. It returns the
// joined configuration errors, or an error naming the directory if it
// cannot be read or created.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	st := newMemStore()
	if cfg.DataDir != "" {
		var err error
		if st, err = openDirStore(cfg.DataDir); err != nil {
			return nil, fmt.Errorf("ossemu: open data dir %s: %w", cfg.DataDir, err)
		}
	}
	q, err := openQueue(cfg)
	if err != nil {
		return nil, fmt.Errorf("ossemu: open notification queue: %w", err)
	}
	return &Server{cfg: cfg, st: st, check: signerVerify, queue: q}, nil
}

// Close stops notification delivery, cancelling a Sink call in flight;
// undelivered notifications stay queued for the next Server over the same
// DataDir. Requests still being served are unaffected. It returns nil.
func (s *Server) Close() error {
	if s.queue != nil {
		return s.queue.Close()
	}
	return nil
}

// request is one call in flight: where it is addressed, who made it, and the
// time the emulator judges it at.
type request struct {
	w         http.ResponseWriter
	r         *http.Request
	id        string
	now       time.Time
	bucket    string
	key       string
	principal string // access key id, or "" when anonymous
	// authorize is the temporary credential's policy check; nil for
	// long-term keys and anonymous requests, which RAM does not narrow here.
	authorize func(action, resource string) bool
}

// ServeHTTP answers one OSS API call. Every response carries
// x-oss-request-id; every failure is an OSS XML error document.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	rq := &request{w: sw, r: r, id: newRequestID(), now: s.cfg.Clock().UTC()}
	h := w.Header()
	h.Set("x-oss-request-id", rq.id)
	h.Set("Server", "AliyunOSS")
	h.Set("Date", rq.now.Format(http.TimeFormat))
	code := ""
	defer func() {
		if v := recover(); v != nil {
			// A bug must not take the daemon down nor leak its details.
			code = "InternalError"
			writeError(sw, r, errInternal())
		}
		s.logAccess(rq, sw, code, start)
	}()
	if e := s.serve(rq); e != nil {
		code = e.Code
		if e != errAborted {
			writeError(sw, r, e)
		}
	}
}

func (s *Server) serve(rq *request) *apiError {
	if rq.r.URL.Path == CallbackKeyPath && rq.r.Method == http.MethodGet {
		return s.servePublicKey(rq.w)
	}
	if s.isAdmin(rq.r) {
		s.serveAdmin(rq)
		return nil
	}
	var e *apiError
	rq.bucket, rq.key, e = s.address(rq.r)
	if e != nil {
		return e
	}
	if rq.bucket == "" {
		if rq.r.Method != http.MethodGet {
			return errMethod()
		}
		if e := s.inject(rq, "ListBuckets"); e != nil {
			return e
		}
		if e := s.authenticate(rq, false); e != nil {
			return e
		}
		if e := s.authorize(rq, "oss:ListBuckets", "acs:oss:*:"+s.cfg.AccountID+":*"); e != nil {
			return e
		}
		return s.listBuckets(rq)
	}
	if !validBucketName(rq.bucket) {
		return errorf("InvalidBucketName", "The specified bucket is not valid.").with("BucketName", rq.bucket)
	}
	if rq.key != "" && !validObjectName(rq.key) {
		return errorf("InvalidObjectName", "The specified object is not valid.")
	}
	if rq.key == "" {
		return s.serveBucket(rq)
	}
	return s.serveObject(rq)
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
