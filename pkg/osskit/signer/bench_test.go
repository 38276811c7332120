package signer

import (
	"context"
	"net/http"
	"testing"
	"time"

	sdkcreds "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
	sdksigner "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/signer"
)

// benchPut is the presigned PUT the post-policy function hands out: a
// user-scoped key, a pinned Content-Type and overwrite protection, STS.
func benchPut() *http.Request {
	r, _ := http.NewRequest("PUT", "https://uploads.oss-cn-hangzhou.aliyuncs.com/users/42/photo%201.jpg", nil)
	r.Header.Set("Content-Type", "image/jpeg")
	r.Header.Set("x-oss-forbid-overwrite", "true")
	return r
}

var benchCreds = Credentials{AccessKeyID: "STS.NUbench", AccessKeySecret: "bench/secret+value", SecurityToken: "CAIS.bench.token.value"}

// fresh copies the request and URL the way each signer needs a new one;
// both benchmarks pay the same copy.
func fresh(base *http.Request) *http.Request {
	r := *base
	u := *base.URL
	r.URL = &u
	return &r
}

func BenchmarkPresignPut(b *testing.B) {
	base := benchPut()
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PresignURL(fresh(base), "uploads", "users/42/photo 1.jpg", benchCreds, "cn-hangzhou", now, 15*time.Minute, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPresignPutSDK(b *testing.B) {
	base := benchPut()
	product, region, bucket, key := "oss", "cn-hangzhou", "uploads", "users/42/photo 1.jpg"
	sc := sdkcreds.Credentials{AccessKeyID: benchCreds.AccessKeyID, AccessKeySecret: benchCreds.AccessKeySecret, SecurityToken: benchCreds.SecurityToken}
	s := &sdksigner.SignerV4{}
	b.ReportAllocs()
	for b.Loop() {
		r := fresh(base)
		ctx := &sdksigner.SigningContext{Product: &product, Region: &region, Bucket: &bucket, Key: &key, Request: r,
			Credentials: &sc, AuthMethodQuery: true, Time: time.Now().Add(15 * time.Minute)}
		if err := s.Sign(context.Background(), ctx); err != nil {
			b.Fatal(err)
		}
		_ = r.URL.String()
	}
}

func BenchmarkVerifyPresigned(b *testing.B) {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	r := benchPut()
	raw, err := PresignURL(r, "uploads", "users/42/photo 1.jpg", benchCreds, "cn-hangzhou", now, 15*time.Minute, nil)
	if err != nil {
		b.Fatal(err)
	}
	r, _ = http.NewRequest("PUT", raw, nil)
	r.Header = benchPut().Header
	lookup := staticLookup(benchCreds)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(r, "uploads", "users/42/photo 1.jpg", now, lookup); err != nil {
			b.Fatal(err)
		}
	}
}
