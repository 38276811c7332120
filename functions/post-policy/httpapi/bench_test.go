package httpapi

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// BenchmarkHandlerPost is one POST / in mode post through the handler:
// bearer token check (cached HS256), body parse, key, policy, signature,
// JSON. Compare with grant's BenchmarkMintPost for the handler's share.
func BenchmarkHandlerPost(b *testing.B) {
	benchHandler(b, `{"filename":"IMG_0001.JPG","contentType":"image/jpeg","size":123456,"mode":"post"}`)
}

// BenchmarkHandlerPut is the same for a presigned PUT.
func BenchmarkHandlerPut(b *testing.B) {
	benchHandler(b, `{"filename":"IMG_0001.JPG","contentType":"image/jpeg","size":123456,"mode":"put"}`)
}

func benchHandler(b *testing.B, body string) {
	m, err := grant.NewMinter(grant.Config{Bucket: testBucket, Region: "cn-hangzhou"}, rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return t0 }
	h, err := New(Deps{Auth: newAuth(b, now), Grants: m, Clock: now,
		Credentials: func(context.Context) (signer.Credentials, error) { return stsCreds, nil }})
	if err != nil {
		b.Fatal(err)
	}
	auth := "Bearer " + token(b, "alice")
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Authorization", auth)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status = %d; want 200: %s", w.Code, w.Body)
		}
	}
}
