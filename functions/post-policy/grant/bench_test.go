package grant

import (
	"crypto/rand"
	"testing"
)

// BenchmarkMintPost is one PostObject form: key, policy, V4 signature.
func BenchmarkMintPost(b *testing.B) {
	benchUpload(b, ModePost)
}

// BenchmarkMintPut is one presigned PUT URL.
func BenchmarkMintPut(b *testing.B) {
	benchUpload(b, ModePut)
}

func benchUpload(b *testing.B, mode string) {
	m, err := NewMinter(testConfig(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Filename: "IMG_0001.JPG", ContentType: "image/jpeg", Size: 123456, Mode: mode}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Upload("auth0_7C42", req, stsCreds, testNow); err != nil {
			b.Fatal(err)
		}
	}
}
