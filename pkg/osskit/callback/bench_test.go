package callback

import (
	"bytes"
	"context"
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"encoding/base64"
	"io"
	"net/http"
	"testing"
)

// BenchmarkVerify measures a cache-hit verification (header decoding, URL
// policy, body read, signed string, RSA-2048 verify). Compare it with
// BenchmarkVerifyReferenceRSA, the bare crypto/rsa call, to see the
// package's overhead as a ratio.
func BenchmarkVerify(b *testing.B) {
	key, _, pemBytes := keys(b)
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(pemBytes)), Request: r}, nil
	})}
	v := newTestVerifier(b, plainConfig(), client, nil)
	body := []byte("bucket=examplebucket&object=uploads%2Fu42%2Fphoto.jpg&etag=D8E8FCA2DC0F896FD7CB4CB0031BA249&size=1048576&mimeType=image%2Fjpeg")
	tmpl := signedRequest(b, key, ossKeyURL, "/oss/callback?user=42", body)
	ctx := context.Background()
	if _, err := v.Verify(ctx, tmpl); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := *tmpl
		r.Body = io.NopCloser(bytes.NewReader(body))
		if _, err := v.Verify(ctx, &r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyReferenceRSA(b *testing.B) {
	key, _, _ := keys(b)
	body := []byte("bucket=examplebucket&object=uploads%2Fu42%2Fphoto.jpg&etag=D8E8FCA2DC0F896FD7CB4CB0031BA249&size=1048576&mimeType=image%2Fjpeg")
	auth, err := Sign(key, "/oss/callback", "user=42", body)
	if err != nil {
		b.Fatal(err)
	}
	sig, _ := base64.StdEncoding.DecodeString(auth)
	msg, _ := StringToSign("/oss/callback", "user=42", body)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum := md5.Sum(msg)
		if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.MD5, sum[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyOSSKey512 verifies the real OSS vector (512-bit key, the
// production case) through the hand-written PKCS#1 v1.5 path; the reference
// is crypto/rsa on the same input with its 1024-bit floor lifted.
func BenchmarkVerifyOSSKey512(b *testing.B) {
	pub, sig, sum := ossVector(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if !verifyPKCS1v15MD5Legacy(pub, sum, sig) {
			b.Fatal("vector did not verify")
		}
	}
}

func BenchmarkVerifyOSSKey512ReferenceRSA(b *testing.B) {
	b.Setenv("GODEBUG", "rsa1024min=0")
	pub, sig, sum := ossVector(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := rsa.VerifyPKCS1v15(pub, crypto.MD5, sum, sig); err != nil {
			b.Fatal(err)
		}
	}
}

func ossVector(b *testing.B) (*rsa.PublicKey, []byte, []byte) {
	pub, err := parsePublicKey([]byte(ossPubKeyPEM), minKeyBits)
	if err != nil {
		b.Fatal(err)
	}
	sig, _ := base64.StdEncoding.DecodeString(ossVectorAuth)
	msg, _ := StringToSign(ossVectorPath, "", []byte(ossVectorBody))
	sum := md5.Sum(msg)
	return pub, sig, sum[:]
}
