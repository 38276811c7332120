package osstest

import (
	"crypto/md5"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func testRoundTrip(t *testing.T, h *harness) {
	k := h.key(t, "hello.txt")
	body := "hello, object store"
	res := h.put(t, k, body, osskit.PutOptions{ContentType: "text/plain; charset=utf-8", CacheControl: "max-age=60",
		Metadata: map[string]string{"Owner": "alice", "note": "first upload"}})
	if !strings.EqualFold(res.ETag, md5hex(body)) {
		t.Errorf("put ETag = %q; want the body's MD5 %s", res.ETag, md5hex(body))
	}
	info, err := h.s.HeadObject(h.ctx, h.b, k)
	if err != nil {
		t.Fatalf("HeadObject: %v", err)
	}
	got, ginfo := h.get(t, k, osskit.GetOptions{})
	if got != body {
		t.Errorf("body = %q; want %q", got, body)
	}
	for name, in := range map[string]osskit.ObjectInfo{"head": info, "get": ginfo} {
		if in.Size != int64(len(body)) || in.ContentType != "text/plain; charset=utf-8" || in.CacheControl != "max-age=60" {
			t.Errorf("%s: size %d, type %q, cache %q; want %d, text/plain; charset=utf-8, max-age=60",
				name, in.Size, in.ContentType, in.CacheControl, len(body))
		}
		if in.Metadata["owner"] != "alice" || in.Metadata["note"] != "first upload" {
			t.Errorf("%s: metadata = %v; want owner=alice note=%q (names lower-cased)", name, in.Metadata, "first upload")
		}
		if !strings.EqualFold(in.ETag, res.ETag) || in.LastModified.IsZero() {
			t.Errorf("%s: ETag %q, LastModified %v; want %q and a time", name, in.ETag, in.LastModified, res.ETag)
		}
	}
}

func testSizeCap(t *testing.T, h *harness) {
	k := h.key(t, "hundred")
	h.put(t, k, strings.Repeat("x", 100), osskit.PutOptions{})
	if _, _, err := h.s.GetObject(h.ctx, h.b, k, osskit.GetOptions{MaxSize: 99}); !errors.Is(err, osskit.ErrTooLarge) {
		t.Errorf("GetObject(cap 99) of 100 bytes: err = %v; want ErrTooLarge", err)
	}
	if got, _ := h.get(t, k, osskit.GetOptions{MaxSize: 100}); len(got) != 100 {
		t.Errorf("GetObject(cap 100) read %d bytes; want 100", len(got))
	}
	if _, _, err := h.s.GetObject(h.ctx, h.b, k, osskit.GetOptions{}); !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Errorf("GetObject without a cap: err = %v; want ErrInvalidArgument", err)
	}
}

func testRange(t *testing.T, h *harness) {
	k := h.key(t, "digits")
	body := strings.Repeat("0123456789", 10)
	h.put(t, k, body, osskit.PutOptions{})
	got, info := h.get(t, k, osskit.GetOptions{MaxSize: 10, Range: &osskit.ByteRange{Start: 10, End: 19}})
	if got != body[10:20] || info.Size != 100 {
		t.Errorf("range 10-19 = %q (object size %d); want %q (100)", got, info.Size, body[10:20])
	}
	if got, _ := h.get(t, k, osskit.GetOptions{Range: &osskit.ByteRange{Start: 95, End: -1}}); got != body[95:] {
		t.Errorf("range 95- = %q; want %q", got, body[95:])
	}
	// The cap applies to the bytes returned, not to the object.
	if _, _, err := h.s.GetObject(h.ctx, h.b, k, osskit.GetOptions{MaxSize: 5, Range: &osskit.ByteRange{Start: 0, End: 9}}); !errors.Is(err, osskit.ErrTooLarge) {
		t.Errorf("10-byte range with cap 5: err = %v; want ErrTooLarge", err)
	}
	if _, _, err := h.s.GetObject(h.ctx, h.b, k, osskit.GetOptions{MaxSize: 10, Range: &osskit.ByteRange{Start: 9, End: 3}}); !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Errorf("reversed range: err = %v; want ErrInvalidArgument", err)
	}
	// OSS answers 416 InvalidRange for a start at or past the end.
	if _, _, err := h.s.GetObject(h.ctx, h.b, k, osskit.GetOptions{MaxSize: 10, Range: &osskit.ByteRange{Start: 100, End: -1}}); !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Errorf("range past the end: err = %v; want ErrInvalidArgument", err)
	}
}

func testForbidOverwrite(t *testing.T, h *harness) {
	k := h.key(t, "once")
	h.put(t, k, "first", osskit.PutOptions{ForbidOverwrite: true})
	_, err := h.s.PutObject(h.ctx, h.b, k, strings.NewReader("second"), osskit.PutOptions{ForbidOverwrite: true})
	if !errors.Is(err, osskit.ErrAlreadyExists) {
		t.Fatalf("second put with ForbidOverwrite: err = %v; want ErrAlreadyExists", err)
	}
	if got, _ := h.get(t, k, osskit.GetOptions{}); got != "first" {
		t.Errorf("after refused overwrite body = %q; want %q", got, "first")
	}
	h.put(t, k, "third", osskit.PutOptions{})
	if got, _ := h.get(t, k, osskit.GetOptions{}); got != "third" {
		t.Errorf("after plain overwrite body = %q; want %q", got, "third")
	}
}

func testContentMD5(t *testing.T, h *harness) {
	k := h.key(t, "digest")
	wrong := md5.Sum([]byte("not the body"))
	_, err := h.s.PutObject(h.ctx, h.b, k, strings.NewReader("the body"),
		osskit.PutOptions{ContentMD5: base64.StdEncoding.EncodeToString(wrong[:])})
	if !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Fatalf("put with mismatched Content-MD5: err = %v; want ErrInvalidArgument", err)
	}
	if _, err := h.s.HeadObject(h.ctx, h.b, k); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("object stored despite bad digest: head err = %v; want ErrNotFound", err)
	}
	right := md5.Sum([]byte("the body"))
	res := h.put(t, k, "the body", osskit.PutOptions{ContentMD5: base64.StdEncoding.EncodeToString(right[:])})
	if !strings.EqualFold(res.ETag, md5hex("the body")) {
		t.Errorf("ETag = %q; want %s", res.ETag, md5hex("the body"))
	}
}

func testCopy(t *testing.T, h *harness) {
	src, dst := h.key(t, "src.txt"), h.key(t, "dst.txt")
	res := h.put(t, src, "copy me", osskit.PutOptions{ContentType: "text/plain", Metadata: map[string]string{"a": "1"}})
	cres, err := h.s.CopyObject(h.ctx, h.b, src, h.b, dst, osskit.CopyOptions{})
	if err != nil {
		t.Fatalf("CopyObject: %v", err)
	}
	got, info := h.get(t, dst, osskit.GetOptions{})
	if got != "copy me" || info.Metadata["a"] != "1" || info.ContentType != "text/plain" || !strings.EqualFold(cres.ETag, res.ETag) {
		t.Errorf("copy = %q %v %q ETag %q; want source body, metadata a=1, text/plain, ETag %q", got, info.Metadata, info.ContentType, cres.ETag, res.ETag)
	}
	re := h.key(t, "replaced.txt")
	if _, err := h.s.CopyObject(h.ctx, h.b, src, h.b, re, osskit.CopyOptions{ReplaceMetadata: true,
		ContentType: "application/octet-stream", Metadata: map[string]string{"b": "2"}}); err != nil {
		t.Fatalf("CopyObject(replace): %v", err)
	}
	if info, err := h.s.HeadObject(h.ctx, h.b, re); err != nil || info.Metadata["a"] != "" || info.Metadata["b"] != "2" || info.ContentType != "application/octet-stream" {
		t.Errorf("replaced copy = %+v, %v; want metadata b=2 only, application/octet-stream", info, err)
	}
	if _, err := h.s.CopyObject(h.ctx, h.b, src, h.b, dst, osskit.CopyOptions{ForbidOverwrite: true}); !errors.Is(err, osskit.ErrAlreadyExists) {
		t.Errorf("copy onto existing with ForbidOverwrite: err = %v; want ErrAlreadyExists", err)
	}
	if _, err := h.s.CopyObject(h.ctx, h.b, h.key(t, "nope"), h.b, h.key(t, "x"), osskit.CopyOptions{}); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("copy of missing source: err = %v; want ErrNotFound", err)
	}
}

func testDelete(t *testing.T, h *harness) {
	k := h.key(t, "doomed")
	h.put(t, k, "x", osskit.PutOptions{})
	if err := h.s.DeleteObject(h.ctx, h.b, k); err != nil {
		t.Fatalf("DeleteObject: %v", err)
	}
	if _, err := h.s.HeadObject(h.ctx, h.b, k); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("head after delete: err = %v; want ErrNotFound", err)
	}
	if err := h.s.DeleteObject(h.ctx, h.b, k); err != nil {
		t.Errorf("deleting a missing key: err = %v; want nil (OSS answers 204)", err)
	}
}

func testNotFound(t *testing.T, h *harness) {
	k := h.key(t, "never-written")
	if _, _, err := h.s.GetObject(h.ctx, h.b, k, osskit.GetOptions{MaxSize: 10}); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("GetObject(missing): err = %v; want ErrNotFound", err)
	}
	if _, err := h.s.HeadObject(h.ctx, h.b, k); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("HeadObject(missing): err = %v; want ErrNotFound", err)
	}
	nb, _ := osskit.NewBucket("osstest-no-such-bucket")
	if _, _, err := h.s.GetObject(h.ctx, nb, k, osskit.GetOptions{MaxSize: 10}); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("GetObject(missing bucket): err = %v; want ErrNotFound", err)
	}
	if _, err := h.s.ListObjects(h.ctx, nb, osskit.ListOptions{}); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("ListObjects(missing bucket): err = %v; want ErrNotFound", err)
	}
}
