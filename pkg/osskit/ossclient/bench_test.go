package ossclient

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// BenchmarkPutGet measures a 64 KiB put plus get through the adapter and,
// as the reference, through a bare SDK client, against the same emulator.
// The ratio is the adapter's cost: Content-MD5 hashing, the size cap and
// the error mapping.
func BenchmarkPutGet(b *testing.B) {
	emu := ossemutest.NewServer(b)
	emu.MustBucket(b, "bench")
	payload := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	ctx := context.Background()

	b.Run("ossclient", func(b *testing.B) {
		c, err := New(Config{Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
			Credentials: StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret}})
		if err != nil {
			b.Fatal(err)
		}
		bk, _ := osskit.NewBucket("bench")
		k, _ := osskit.NewKey("bench/adapter")
		b.SetBytes(int64(2 * len(payload)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.PutObject(ctx, bk, k, bytes.NewReader(payload), osskit.PutOptions{}); err != nil {
				b.Fatal(err)
			}
			rc, _, err := c.GetObject(ctx, bk, k, osskit.GetOptions{MaxSize: 1 << 20})
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, rc)
			rc.Close()
		}
	})
	b.Run("sdk", func(b *testing.B) {
		cfg := oss.NewConfig()
		cfg.Region, cfg.Endpoint, cfg.UsePathStyle = oss.Ptr(emu.Region), oss.Ptr(emu.URL), oss.Ptr(true)
		cfg.CredentialsProvider = credentials.NewStaticCredentialsProvider(emu.AccessKeyID, emu.AccessKeySecret)
		c := oss.NewClient(cfg)
		b.SetBytes(int64(2 * len(payload)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr("bench"), Key: oss.Ptr("bench/sdk"),
				Body: bytes.NewReader(payload)}); err != nil {
				b.Fatal(err)
			}
			res, err := c.GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr("bench"), Key: oss.Ptr("bench/sdk")})
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	})
}
