package ossemu_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func TestSDKMultipartUpload(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	c := goodClient(srv)
	ctx := context.Background()
	part1 := bytes.Repeat([]byte("a"), 100<<10)
	part2 := []byte("tail")

	start := func(key string) string {
		res, err := c.InitiateMultipartUpload(ctx, &oss.InitiateMultipartUploadRequest{
			Bucket: oss.Ptr("photos"), Key: oss.Ptr(key), ContentType: oss.Ptr("video/mp4"),
		})
		if err != nil {
			t.Fatalf("initiate: %v", err)
		}
		return oss.ToString(res.UploadId)
	}
	upload := func(key, id string, n int32, data []byte) oss.UploadPart {
		res, err := c.UploadPart(ctx, &oss.UploadPartRequest{
			Bucket: oss.Ptr("photos"), Key: oss.Ptr(key), UploadId: oss.Ptr(id), PartNumber: n, Body: bytes.NewReader(data),
		})
		if err != nil {
			t.Fatalf("upload part %d: %v", n, err)
		}
		return oss.UploadPart{PartNumber: n, ETag: res.ETag}
	}
	complete := func(key, id string, parts ...oss.UploadPart) error {
		_, err := c.CompleteMultipartUpload(ctx, &oss.CompleteMultipartUploadRequest{
			Bucket: oss.Ptr("photos"), Key: oss.Ptr(key), UploadId: oss.Ptr(id),
			CompleteMultipartUpload: &oss.CompleteMultipartUpload{Parts: parts},
		})
		return err
	}

	id := start("movie.mp4")
	p1, p2 := upload("movie.mp4", id, 1, part1), upload("movie.mp4", id, 2, part2)
	parts, err := c.ListParts(ctx, &oss.ListPartsRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("movie.mp4"), UploadId: oss.Ptr(id)})
	if err != nil || len(parts.Parts) != 2 || parts.Parts[1].Size != int64(len(part2)) {
		t.Fatalf("list parts = %+v, %v; want 2 parts", parts, err)
	}
	ups, err := c.ListMultipartUploads(ctx, &oss.ListMultipartUploadsRequest{Bucket: oss.Ptr("photos")})
	if err != nil || len(ups.Uploads) != 1 || oss.ToString(ups.Uploads[0].UploadId) != id {
		t.Fatalf("list uploads = %+v, %v; want the one upload", ups, err)
	}
	// The SDK sorts parts itself, so send a descending list by hand.
	xmlBody := fmt.Sprintf("<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>%s</ETag></Part>"+
		"<Part><PartNumber>1</PartNumber><ETag>%s</ETag></Part></CompleteMultipartUpload>", oss.ToString(p2.ETag), oss.ToString(p1.ETag))
	req := signedWith(t, srv, "POST", "photos", "movie.mp4", xmlBody, nil)
	req.URL.RawQuery = "uploadId=" + id
	if x := readError(t, do(t, resign(t, srv, req, "photos", "movie.mp4"))); x.Code != "InvalidPartOrder" {
		t.Errorf("complete out of order = %s; want InvalidPartOrder", x.Code)
	}
	bad := p1
	bad.ETag = oss.Ptr(`"00000000000000000000000000000000"`)
	if code, _ := serviceCode(complete("movie.mp4", id, bad, p2)); code != "InvalidPart" {
		t.Errorf("complete with wrong etag = %s; want InvalidPart", code)
	}
	if err := complete("movie.mp4", id, p1, p2); err != nil {
		t.Fatalf("complete: %v", err)
	}
	got := get(t, c, "photos", "movie.mp4")
	if !bytes.Equal(got, append(append([]byte{}, part1...), part2...)) {
		t.Errorf("completed body has %d bytes; want %d", len(got), len(part1)+len(part2))
	}
	head, err := c.HeadObject(ctx, &oss.HeadObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("movie.mp4")})
	if err != nil {
		t.Fatal(err)
	}
	s1, s2 := md5.Sum(part1), md5.Sum(part2)
	all := md5.Sum(append(s1[:], s2[:]...))
	wantETag := fmt.Sprintf(`"%s-2"`, strings.ToUpper(hex.EncodeToString(all[:])))
	if oss.ToString(head.ETag) != wantETag || oss.ToString(head.ObjectType) != "Multipart" || oss.ToString(head.ContentType) != "video/mp4" {
		t.Errorf("head = etag %s type %s content-type %s; want %s Multipart video/mp4",
			oss.ToString(head.ETag), oss.ToString(head.ObjectType), oss.ToString(head.ContentType), wantETag)
	}

	// A part other than the last below 100 KB is refused at completion.
	id = start("small.bin")
	q1, q2 := upload("small.bin", id, 1, []byte("tiny")), upload("small.bin", id, 2, []byte("tail"))
	if code, _ := serviceCode(complete("small.bin", id, q1, q2)); code != "EntityTooSmall" {
		t.Errorf("complete with small first part = %s; want EntityTooSmall", code)
	}
	if _, err := c.AbortMultipartUpload(ctx, &oss.AbortMultipartUploadRequest{
		Bucket: oss.Ptr("photos"), Key: oss.Ptr("small.bin"), UploadId: oss.Ptr(id)}); err != nil {
		t.Fatalf("abort: %v", err)
	}
	if code, _ := serviceCode(complete("small.bin", id, q1, q2)); code != "NoSuchUpload" {
		t.Errorf("complete after abort = %s; want NoSuchUpload", code)
	}
}

func TestSDKDeleteMultipleAndBuckets(t *testing.T) {
	srv := ossemutest.NewServer(t)
	c := goodClient(srv)
	ctx := context.Background()
	for _, b := range []string{"zeta", "alpha"} {
		if _, err := c.PutBucket(ctx, &oss.PutBucketRequest{Bucket: oss.Ptr(b)}); err != nil {
			t.Fatalf("put bucket %s: %v", b, err)
		}
	}
	_, err := c.PutBucket(ctx, &oss.PutBucketRequest{Bucket: oss.Ptr("alpha")})
	if code, status := serviceCode(err); code != "BucketAlreadyExists" || status != 409 {
		t.Errorf("put existing bucket = %s %d; want BucketAlreadyExists 409", code, status)
	}
	lb, err := c.ListBuckets(ctx, &oss.ListBucketsRequest{})
	if err != nil || len(lb.Buckets) != 2 || oss.ToString(lb.Buckets[0].Name) != "alpha" {
		t.Fatalf("list buckets = %+v, %v; want alpha, zeta", lb, err)
	}
	for _, k := range []string{"a", "b c", "d"} {
		put(t, c, "alpha", k, []byte(k))
	}
	_, err = c.DeleteBucket(ctx, &oss.DeleteBucketRequest{Bucket: oss.Ptr("alpha")})
	if code, status := serviceCode(err); code != "BucketNotEmpty" || status != 409 {
		t.Errorf("delete non-empty bucket = %s %d; want BucketNotEmpty 409", code, status)
	}
	res, err := c.DeleteMultipleObjects(ctx, &oss.DeleteMultipleObjectsRequest{
		Bucket:  oss.Ptr("alpha"),
		Objects: []oss.DeleteObject{{Key: oss.Ptr("a")}, {Key: oss.Ptr("b c")}, {Key: oss.Ptr("missing")}},
	})
	if err != nil || len(res.DeletedObjects) != 3 || oss.ToString(res.DeletedObjects[1].Key) != "b c" {
		t.Fatalf("delete multiple = %+v, %v; want 3 deleted incl. \"b c\"", res, err)
	}
	res, err = c.DeleteMultipleObjects(ctx, &oss.DeleteMultipleObjectsRequest{
		Bucket: oss.Ptr("alpha"), Objects: []oss.DeleteObject{{Key: oss.Ptr("d")}}, Quiet: true,
	})
	if err != nil || len(res.DeletedObjects) != 0 {
		t.Fatalf("quiet delete = %+v, %v; want no entries", res, err)
	}
	removed := 0
	for _, e := range srv.Events() {
		if e.Name == "ObjectRemoved:DeleteObjects" {
			removed++
		}
	}
	if removed != 3 {
		t.Errorf("ObjectRemoved:DeleteObjects events = %d; want 3 (missing keys emit none)", removed)
	}
	if _, err := c.DeleteBucket(ctx, &oss.DeleteBucketRequest{Bucket: oss.Ptr("alpha")}); err != nil {
		t.Fatalf("delete empty bucket: %v", err)
	}
	_, err = c.GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr("alpha"), Key: oss.Ptr("a")})
	if code, status := serviceCode(err); code != "NoSuchBucket" || status != 404 {
		t.Errorf("get in deleted bucket = %s %d; want NoSuchBucket 404", code, status)
	}
}

func TestDeleteMultipleNeedsContentMD5(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	body := "<Delete><Quiet>false</Quiet><Object><Key>a</Key></Object></Delete>"
	req := signedWith(t, srv, "POST", "photos", "", body, nil)
	req.URL.RawQuery = "delete"
	x := readError(t, do(t, resign(t, srv, req, "photos", "")))
	if x.Code != "InvalidDigest" {
		t.Errorf("delete without Content-MD5 = %s; want InvalidDigest", x.Code)
	}
}
