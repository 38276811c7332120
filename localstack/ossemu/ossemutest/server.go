// Package ossemutest starts the OSS emulator on a loopback httptest server
// with a known key pair, for tests in any package that want a real,
// signature-checking OSS endpoint.
package ossemutest

import (
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
)

// The key pair every test server accepts. They are test fixtures, not
// credentials for any real account.
const (
	AccessKeyID     = "LTAI5tOssemuTestKeyId01"
	AccessKeySecret = "ossemu-test-secret-0123456789abcdef"
	Region          = "cn-hangzhou"
)

// Server is a running emulator: URL is its http://127.0.0.1:port endpoint.
type Server struct {
	*ossemu.Server
	URL             string
	Region          string
	AccessKeyID     string
	AccessKeySecret string

	mu     sync.Mutex
	events []ossemu.Event
}

// NewServer starts an in-memory emulator for t with AccessKeyID /
// AccessKeySecret, region Region and the wall clock; opts adjust the
// config before it starts (a pinned Clock, a DataDir, more keys). The
// server stops when t ends. Configuration errors fail t.
func NewServer(t testing.TB, opts ...func(*ossemu.Config)) *Server {
	t.Helper()
	s := &Server{Region: Region, AccessKeyID: AccessKeyID, AccessKeySecret: AccessKeySecret}
	cfg := ossemu.Config{
		Region:     Region,
		AccessKeys: map[string]string{AccessKeyID: AccessKeySecret},
		OnEvent:    s.record,
	}
	for _, o := range opts {
		o(&cfg)
	}
	emu, err := ossemu.New(cfg)
	if err != nil {
		t.Fatalf("ossemutest: start emulator: %v", err)
	}
	hs := httptest.NewServer(emu)
	t.Cleanup(func() {
		hs.Close()
		_ = emu.Close()
	})
	s.Server, s.URL = emu, hs.URL
	return s
}

// MustBucket creates a private bucket or fails t.
func (s *Server) MustBucket(t testing.TB, name string) {
	t.Helper()
	if err := s.CreateBucket(name, ""); err != nil {
		t.Fatalf("ossemutest: %v", err)
	}
}

func (s *Server) record(e ossemu.Event) {
	s.mu.Lock()
	s.events = append(s.events, e)
	s.mu.Unlock()
}

// Events returns the object notifications emitted so far, in order. A
// custom OnEvent given through opts replaces this recorder.
func (s *Server) Events() []ossemu.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ossemu.Event(nil), s.events...)
}

// WithClock pins the emulator's clock, e.g. to test skew or expired URLs
// against clients that sign with the wall clock.
func WithClock(now func() time.Time) func(*ossemu.Config) {
	return func(c *ossemu.Config) { c.Clock = now }
}

// WithDataDir persists buckets and objects under dir (a t.TempDir()), so a
// second server over the same dir sees them.
func WithDataDir(dir string) func(*ossemu.Config) {
	return func(c *ossemu.Config) { c.DataDir = dir }
}

// WithAdminKey enables the admin endpoints (fault injection, bucket
// creation, seeding aged objects) for callers presenting key.
func WithAdminKey(key string) func(*ossemu.Config) {
	return func(c *ossemu.Config) { c.AdminKey = key }
}

// WithMaxObjectSize lowers the body limit so size checks are cheap to test.
func WithMaxObjectSize(n int64) func(*ossemu.Config) {
	return func(c *ossemu.Config) { c.MaxObjectSize = n }
}
