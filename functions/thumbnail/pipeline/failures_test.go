package pipeline

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Permanent failures return nil (FC must not retry), write a JSON failure
// record carrying the source's ETag, write no variants, and a duplicate
// event finds the record and does nothing.
func TestPermanentFailureRecords(t *testing.T) {
	jpg := photo(t, 800, 600)
	cases := []struct {
		name   string
		key    string
		data   []byte
		cfg    func(*config.Config)
		reason string
	}{
		{"text named .jpg", "uploads/notes.jpg", []byte("this is not an image at all\n"), nil, "unsupported_format"},
		{"zero bytes", "uploads/empty.jpg", []byte{}, nil, "unsupported_format"},
		{"truncated jpeg", "uploads/cut.jpg", jpg[:len(jpg)/3], nil, "invalid_image"},
		{"svg with external entity", "uploads/x.svg",
			[]byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">&x;</svg>`),
			nil, "unsupported_format"},
		{"png claiming 30000x30000", "uploads/bomb.png", pngHeader(t, 30000, 30000), nil, "too_many_pixels"},
		{"jpeg claiming 64250x64250", "uploads/huge.jpg", withSOFSize(t, jpg, 64250, 64250), nil, "side_too_long"},
		{"over max bytes", "uploads/big.jpg", jpg, func(c *config.Config) { c.Limits.MaxBytes = 1000 }, "too_many_bytes"},
		{"over max pixels", "uploads/wide.jpg", jpg, func(c *config.Config) { c.Limits.MaxPixels = 100_000 }, "too_many_pixels"},
		{"over max side", "uploads/side.jpg", jpg, func(c *config.Config) { c.Limits.MaxSide = 500 }, "side_too_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, envOpt{cfg: c.cfg})
			ev := e.put(t, testBucket, c.key, c.data, nil)
			mark := e.proxy.mark()
			if err := e.deliver(ev); err != nil {
				t.Fatalf("Handle = %v; want nil after recording the failure", err)
			}
			handled := methods(e.proxy.since(mark))
			recKey := "thumbs/_failed/" + c.key + ".json"
			info, ok := e.head(t, testBucket, recKey)
			if !ok {
				t.Fatalf("no failure record at %s", recKey)
			}
			if info.ContentType != "application/json" || info.Metadata["source-etag"] != ev.ETag {
				t.Errorf("record type %q, meta %v; want application/json with source-etag %s", info.ContentType, info.Metadata, ev.ETag)
			}
			var rec FailureRecord
			if err := json.Unmarshal(e.get(t, testBucket, recKey), &rec); err != nil {
				t.Fatalf("record is not JSON: %v", err)
			}
			if rec.Key != c.key || rec.Bucket != testBucket || rec.ETag != ev.ETag || rec.Reason != c.reason ||
				rec.Detail == "" || !rec.Time.Equal(fixedNow) || rec.RequestID != "req-test-1" {
				t.Errorf("record = %+v; want key %s, etag %s, reason %s, a detail, the fixed time and request id", rec, c.key, ev.ETag, c.reason)
			}
			if n := e.outputPuts("thumbs/"); n != 1 {
				t.Errorf("PUTs under thumbs/ = %d; want only the failure record", n)
			}
			if c.reason == "too_many_bytes" {
				if handled["GET"] != 0 {
					t.Errorf("an over-size source was downloaded (%d GETs); want a refusal from its HEAD", handled["GET"])
				}
			}
			logs := e.logs.String()
			if !strings.Contains(logs, `"reason":"`+c.reason+`"`) || !strings.Contains(logs, c.key) {
				t.Errorf("no warning names the key and reason %s", c.reason)
			}
			if err := e.deliver(ev); err != nil || e.outputPuts("thumbs/") != 1 {
				t.Errorf("duplicate: err %v, PUTs %d; want nil and no new write", err, e.outputPuts("thumbs/"))
			}
		})
	}
}

// Version 1 was corrupt, version 2 is fine: version 2's variants are
// written and version 1's failure record, which would now be a false
// claim, is removed.
func TestFixedSourceClearsFailureRecord(t *testing.T) {
	e := newEnv(t, envOpt{})
	if err := e.deliver(e.put(t, testBucket, "uploads/a/b.jpg", []byte("not yet an image"), nil)); err != nil {
		t.Fatal(err)
	}
	const rec = "thumbs/_failed/uploads/a/b.jpg.json"
	if _, ok := e.head(t, testBucket, rec); !ok {
		t.Fatal("no failure record for version 1")
	}
	ev := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)
	if err := e.deliver(ev); err != nil {
		t.Fatal(err)
	}
	if !e.completeSet(t, ev.ETag) {
		t.Error("version 2's variants incomplete")
	}
	if _, ok := e.head(t, testBucket, rec); ok {
		t.Error("version 1's failure record survived a successful version 2")
	}
}

// A store that ignores the size cap cannot make the handler read more than
// MaxBytes (+1 to detect the overrun).
func TestReadsNoMoreThanMaxBytes(t *testing.T) {
	var read countingBody
	e := newEnv(t, envOpt{
		cfg:   func(c *config.Config) { c.Limits.MaxBytes = 4096 },
		store: func(s Store) Store { return &lyingStore{Store: s, read: &read} },
	})
	ev := e.put(t, testBucket, "uploads/big.jpg", photo(t, 800, 600), nil)
	if err := e.deliver(ev); err != nil {
		t.Fatalf("Handle = %v; want nil after recording the failure", err)
	}
	if n := read.n.Load(); n > 4097 {
		t.Errorf("read %d bytes of the source; want at most 4097", n)
	}
	var rec FailureRecord
	if err := json.Unmarshal(e.get(t, testBucket, "thumbs/_failed/uploads/big.jpg.json"), &rec); err != nil || rec.Reason != "too_many_bytes" {
		t.Errorf("failure record = %+v, %v; want reason too_many_bytes", rec, err)
	}
}

// lyingStore claims every source is 1 byte and fetches without a cap.
type lyingStore struct {
	Store
	read *countingBody
}

func (l *lyingStore) HeadObject(ctx context.Context, b osskit.Bucket, k osskit.Key) (osskit.ObjectInfo, error) {
	info, err := l.Store.HeadObject(ctx, b, k)
	if strings.HasPrefix(k.String(), "uploads/") {
		info.Size = 1
	}
	return info, err
}

func (l *lyingStore) GetObject(ctx context.Context, b osskit.Bucket, k osskit.Key, _ osskit.GetOptions) (io.ReadCloser, osskit.ObjectInfo, error) {
	body, info, err := l.Store.GetObject(ctx, b, k, osskit.GetOptions{MaxSize: osskit.NoSizeLimit})
	if err != nil {
		return nil, info, err
	}
	l.read.rc = body
	return l.read, info, nil
}

type countingBody struct {
	rc io.ReadCloser
	n  atomic.Int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingBody) Close() error { return c.rc.Close() }

// pngHeader is a PNG whose header claims w×h but which holds a few rows of
// pixels: a decompression bomb must be refused from the header alone.
func pngHeader(t testing.TB, w, h uint32) []byte {
	t.Helper()
	chunk := func(typ string, data []byte) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		out = append(append(out, typ...), data...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB, deflate, no filter, no interlace
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(make([]byte, 4096)) // the first rows only, like a 100 KB bomb
	_ = zw.Close()
	b := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	b = append(b, chunk("IDAT", z.Bytes())...)
	return append(b, chunk("IEND", nil)...)
}

// withSOFSize patches a baseline JPEG's frame header to claim w×h.
func withSOFSize(t testing.TB, jpg []byte, w, h uint16) []byte {
	t.Helper()
	out := bytes.Clone(jpg)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 marker")
	}
	binary.BigEndian.PutUint16(out[i+5:], h)
	binary.BigEndian.PutUint16(out[i+7:], w)
	return out
}
