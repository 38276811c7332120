package grant

import (
	"crypto/rand"
	"testing"
)

// BenchmarkMintPostParallel mints forms from every P at once, as the HTTP
// function does under load: the shared derived-key cache must not turn
// into a point where minting queues.
func BenchmarkMintPostParallel(b *testing.B) {
	m, err := NewMinter(testConfig(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Filename: "IMG_0001.JPG", ContentType: "image/jpeg", Size: 123456, Mode: ModePost}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := m.Upload("auth0_7C42", req, stsCreds, testNow); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
