package ossemu_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
)

const crashBucket = "crash"

// TestCrashSafety kills -9 a real emulator process during a large PUT (a
// new key and an overwrite), during a multipart part upload and during
// CompleteMultipartUpload, restarting over the same data directory each
// time: no object is torn, completed ones keep their checksums, and no
// temporary or orphaned body is left behind.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills processes")
	}
	bin := buildCrashServer(t)
	dir := t.TempDir()
	ctx := context.Background()
	want := map[string]string{}

	p := startCrashServer(t, bin, dir)
	for i := range 8 {
		data := randomBytes(uint64(i), 64<<10*(i+1))
		key := fmt.Sprintf("done/small-%d", i)
		put(t, p.c, crashBucket, key, data)
		want[key] = md5hex(data)
	}
	victim := randomBytes(100, 512<<10)
	put(t, p.c, crashBucket, "done/victim", victim)
	want["done/victim"] = md5hex(victim)
	mp := completeMultipart(t, p.c, "done/multipart", 3, 1<<20)
	want["done/multipart"] = md5hex(mp)

	// 1. Large PUTs in flight: a new key and an overwrite of done/victim.
	const large = 64 << 20
	var writers []func()
	for _, key := range []string{"inflight/new", "done/victim"} {
		pre, err := p.c.Presign(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr(key)})
		if err != nil {
			t.Fatal(err)
		}
		pw, _ := p.streamPut(t, pre, large)
		go func() { _, _ = pw.Write(randomBytes(7, 4<<20)) }()
		writers = append(writers, func() { _ = pw.Close() })
	}
	want["inflight/new"] = ""
	waitTemp(t, dir, 2, 1<<20)
	p.kill9(t)
	for _, w := range writers {
		w()
	}
	p = startCrashServer(t, bin, dir)
	checkIntact(t, p.c, crashBucket, want)

	// 2. A multipart upload with one part done and the next in flight.
	up, err := p.c.InitiateMultipartUpload(ctx, &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr("inflight/multipart")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.c.UploadPart(ctx, &oss.UploadPartRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr("inflight/multipart"),
		UploadId: up.UploadId, PartNumber: 1, Body: bytes.NewReader(randomBytes(8, 1<<20))}); err != nil {
		t.Fatal(err)
	}
	pre, err := p.c.Presign(ctx, &oss.UploadPartRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr("inflight/multipart"),
		UploadId: up.UploadId, PartNumber: 2})
	if err != nil {
		t.Fatal(err)
	}
	pw, _ := p.streamPut(t, pre, 16<<20)
	go func() { _, _ = pw.Write(randomBytes(9, 2<<20)) }()
	want["inflight/multipart"] = ""
	waitTemp(t, dir, 1, 1<<20)
	p.kill9(t)
	_ = pw.Close()
	p = startCrashServer(t, bin, dir)
	checkIntact(t, p.c, crashBucket, want)
	uploads, err := p.c.ListMultipartUploads(ctx, &oss.ListMultipartUploadsRequest{Bucket: oss.Ptr(crashBucket)})
	if err != nil || len(uploads.Uploads) != 0 {
		t.Errorf("uploads after restart = %d (%v); want 0: an interrupted upload is aborted", len(uploads.Uploads), err)
	}

	// 3. Killed while CompleteMultipartUpload assembles the object: the
	// object is either absent or whole.
	parts, body := uploadParts(t, p.c, "racing/complete", 4, 2<<20)
	done := make(chan error, 1)
	go func() {
		_, err := p.c.CompleteMultipartUpload(ctx, &oss.CompleteMultipartUploadRequest{Bucket: oss.Ptr(crashBucket),
			Key: oss.Ptr("racing/complete"), UploadId: parts.UploadId, CompleteMultipartUpload: &oss.CompleteMultipartUpload{Parts: parts.Parts}})
		done <- err
	}()
	// Kill as soon as the assembled body appears in tmp/, or right after
	// the call returns if it wins the race; both outcomes are checked.
	for !tempInFlight(dir) && len(done) == 0 {
		time.Sleep(time.Millisecond)
	}
	p.kill9(t)
	completed := <-done == nil
	p = startCrashServer(t, bin, dir)
	if _, err := p.c.HeadObject(ctx, &oss.HeadObjectRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr("racing/complete")}); err == nil || completed {
		want["racing/complete"] = md5hex(body)
	} else {
		want["racing/complete"] = ""
	}
	t.Logf("killed during CompleteMultipartUpload: object whole = %v", want["racing/complete"] != "")
	checkIntact(t, p.c, crashBucket, want)

	// Nothing half-written survives a start: tmp/ is empty and every body
	// on disk belongs to a live object.
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) != 0 {
		t.Errorf("tmp/ holds %d files after restart; want 0", len(left))
	}
	live := 0
	for _, sum := range want {
		if sum != "" {
			live++
		}
	}
	if blobs, _ := os.ReadDir(filepath.Join(dir, "blobs")); len(blobs) != live {
		t.Errorf("blobs/ holds %d bodies for %d live objects; want no orphans", len(blobs), live)
	}
}

type uploadedParts struct {
	UploadId *string
	Parts    []oss.UploadPart
}

// uploadParts initiates an upload of key and uploads n parts of size
// bytes, returning them and the body they make.
func uploadParts(t *testing.T, c *oss.Client, key string, n, size int) (uploadedParts, []byte) {
	t.Helper()
	ctx := context.Background()
	up, err := c.InitiateMultipartUpload(ctx, &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr(key)})
	if err != nil {
		t.Fatal(err)
	}
	out := uploadedParts{UploadId: up.UploadId}
	var all []byte
	for i := 1; i <= n; i++ {
		data := randomBytes(uint64(1000+i), size)
		res, err := c.UploadPart(ctx, &oss.UploadPartRequest{Bucket: oss.Ptr(crashBucket), Key: oss.Ptr(key),
			UploadId: up.UploadId, PartNumber: int32(i), Body: bytes.NewReader(data)})
		if err != nil {
			t.Fatal(err)
		}
		out.Parts = append(out.Parts, oss.UploadPart{PartNumber: int32(i), ETag: res.ETag})
		all = append(all, data...)
	}
	return out, all
}

func completeMultipart(t *testing.T, c *oss.Client, key string, n, size int) []byte {
	t.Helper()
	parts, body := uploadParts(t, c, key, n, size)
	if _, err := c.CompleteMultipartUpload(context.Background(), &oss.CompleteMultipartUploadRequest{Bucket: oss.Ptr(crashBucket),
		Key: oss.Ptr(key), UploadId: parts.UploadId, CompleteMultipartUpload: &oss.CompleteMultipartUpload{Parts: parts.Parts}}); err != nil {
		t.Fatal(err)
	}
	return body
}
