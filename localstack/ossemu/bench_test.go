package ossemu_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// BenchmarkPutGet measures one signed 4 KiB PutObject plus one signed
// GetObject through the handler (no network), in memory: the emulator's
// own cost per round trip, signature checks included.
func BenchmarkPutGet(b *testing.B) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s, err := ossemu.New(ossemu.Config{AccessKeys: map[string]string{"id": "secret"}, Clock: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.CreateBucket("bench", ""); err != nil {
		b.Fatal(err)
	}
	creds := signer.Credentials{AccessKeyID: "id", AccessKeySecret: "secret"}
	body := bytes.Repeat([]byte("x"), 4<<10)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		key := fmt.Sprintf("k%d", i%64)
		for _, method := range []string{"PUT", "GET"} {
			var rd *bytes.Reader
			if method == "PUT" {
				rd = bytes.NewReader(body)
			} else {
				rd = bytes.NewReader(nil)
			}
			req := httptest.NewRequest(method, "http://127.0.0.1/bench/"+key, rd)
			if err := signer.SignRequest(req, "bench", key, creds, "cn-hangzhou", now, nil); err != nil {
				b.Fatal(err)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("%s status = %d; want 200: %s", method, w.Code, w.Body)
			}
		}
	}
}
