// Package osstest is the behaviour suite every osskit.Store implementation
// must pass: the OSS SDK adapter against the emulator, and any future
// store. Each check names the OSS behaviour it pins, so a failure says
// which promise of the osskit interfaces broke.
package osstest

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// NewStore returns a store and the name of an existing, writable bucket
// that the suite may fill. It is called once per subtest; the suite keeps
// subtests apart by key prefix, so sharing one bucket is fine.
type NewStore func(t *testing.T) (store osskit.Store, bucket string)

// Run runs every behaviour check against the stores newStore returns.
func Run(t *testing.T, newStore NewStore) {
	checks := []struct {
		name string
		fn   func(t *testing.T, h *harness)
	}{
		{"PutGetHeadRoundTrip", testRoundTrip},
		{"GetSizeCap", testSizeCap},
		{"GetRange", testRange},
		{"ForbidOverwrite", testForbidOverwrite},
		{"ContentMD5", testContentMD5},
		{"Copy", testCopy},
		{"Delete", testDelete},
		{"NotFound", testNotFound},
		{"ListPages", testListPages},
		{"ObjectsIterator", testObjectsIterator},
		{"UnicodeKeys", testUnicodeKeys},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			store, name := newStore(t)
			b, err := osskit.NewBucket(name)
			if err != nil {
				t.Fatalf("newStore returned bucket %q: %v", name, err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c.fn(t, &harness{s: store, b: b, ctx: ctx, prefix: "osstest/" + c.name + "/"})
		})
	}
}

// harness carries one subtest's store, bucket and key prefix.
type harness struct {
	s      osskit.Store
	b      osskit.Bucket
	ctx    context.Context
	prefix string
}

// key returns a validated key under the subtest's prefix.
func (h *harness) key(t *testing.T, name string) osskit.Key {
	t.Helper()
	k, err := osskit.NewKey(h.prefix + name)
	if err != nil {
		t.Fatalf("NewKey(%q): %v", h.prefix+name, err)
	}
	return k
}

// put stores body under key or fails the test.
func (h *harness) put(t *testing.T, key osskit.Key, body string, opts osskit.PutOptions) osskit.PutResult {
	t.Helper()
	res, err := h.s.PutObject(h.ctx, h.b, key, strings.NewReader(body), opts)
	if err != nil {
		t.Fatalf("PutObject(%s): %v", key, err)
	}
	return res
}

// get reads key whole (cap 1 MiB) or fails the test.
func (h *harness) get(t *testing.T, key osskit.Key, opts osskit.GetOptions) (string, osskit.ObjectInfo) {
	t.Helper()
	if opts.MaxSize == 0 {
		opts.MaxSize = 1 << 20
	}
	rc, info, err := h.s.GetObject(h.ctx, h.b, key, opts)
	if err != nil {
		t.Fatalf("GetObject(%s): %v", key, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, rc); err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return buf.String(), info
}

// md5hex is the ETag OSS gives a simple upload: the body's MD5, upper-case hex.
func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}
