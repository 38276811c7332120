package grant

import (
	"crypto/rand"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
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

// BenchmarkPostReference is the bare postpolicy.Builder signing the same
// conditions with a fixed key: the floor BenchmarkMintPost is compared
// against, so the ratio shows what request checks, the random key and
// the file name add.
func BenchmarkPostReference(b *testing.B) {
	key := "uploads/auth0_7C42/2026/11/22/" + zeroRandom + ".jpg"
	b.ReportAllocs()
	for b.Loop() {
		_, err := postpolicy.New().Bucket("photos").Key(key).ContentLengthRange(1, DefaultMaxSize).
			ContentType("image/jpeg").SuccessActionStatus(201).ForbidOverwrite(true).
			Meta(MetaOriginalName, "IMG_0001.JPG").Expires(testNow.Add(DefaultPostExpiry)).
			Sign(stsCreds, "cn-hangzhou", testNow)
		if err != nil {
			b.Fatal(err)
		}
	}
}
