package osstest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func testListPages(t *testing.T, h *harness) {
	names := []string{"a", "b", "c", "d/1", "d/2", "e"}
	for _, n := range names {
		h.put(t, h.key(t, n), n, osskit.PutOptions{})
	}
	// With a delimiter: four objects and one common prefix, two per page.
	var keys, prefixes []string
	pages := 0
	opts := osskit.ListOptions{Prefix: h.prefix, Delimiter: "/", MaxKeys: 2}
	for {
		page, err := h.s.ListObjects(h.ctx, h.b, opts)
		if err != nil {
			t.Fatalf("ListObjects page %d: %v", pages+1, err)
		}
		pages++
		if n := len(page.Objects) + len(page.CommonPrefixes); n > 2 {
			t.Errorf("page %d has %d entries; want at most max-keys 2", pages, n)
		}
		for _, o := range page.Objects {
			keys = append(keys, o.Key)
		}
		prefixes = append(prefixes, page.CommonPrefixes...)
		if !page.IsTruncated {
			break
		}
		if page.NextContinuationToken == "" || pages > 10 {
			t.Fatalf("page %d truncated without a usable continuation token", pages)
		}
		opts.ContinuationToken = page.NextContinuationToken
	}
	wantKeys := []string{h.prefix + "a", h.prefix + "b", h.prefix + "c", h.prefix + "e"}
	if !slices.Equal(keys, wantKeys) || !slices.Equal(prefixes, []string{h.prefix + "d/"}) || pages < 3 {
		t.Errorf("delimited listing = %v + prefixes %v in %d pages; want %v + [%sd/] in >= 3 pages", keys, prefixes, pages, wantKeys, h.prefix)
	}

	// StartAfter skips keys up to and including the marker.
	page, err := h.s.ListObjects(h.ctx, h.b, osskit.ListOptions{Prefix: h.prefix, StartAfter: h.prefix + "d/1"})
	if err != nil {
		t.Fatalf("ListObjects(start-after): %v", err)
	}
	if got := keysOf(page.Objects); !slices.Equal(got, []string{h.prefix + "d/2", h.prefix + "e"}) {
		t.Errorf("start-after d/1 = %v; want [d/2 e]", got)
	}
	if page.Objects[0].Size != 3 || page.Objects[0].ETag == "" || page.Objects[0].LastModified.IsZero() {
		t.Errorf("listed object = %+v; want size 3, an ETag and a time", page.Objects[0])
	}
}

func testObjectsIterator(t *testing.T, h *harness) {
	var want []string
	for i := range 7 {
		k := h.key(t, fmt.Sprintf("in/%02d", i))
		h.put(t, k, "x", osskit.PutOptions{})
		want = append(want, k.String())
	}
	h.put(t, h.key(t, "out/00"), "x", osskit.PutOptions{})
	seen := map[string]int{}
	var order []string
	for o, err := range h.s.Objects(h.ctx, h.b, h.prefix+"in/") {
		if err != nil {
			t.Fatalf("Objects: %v", err)
		}
		seen[o.Key]++
		order = append(order, o.Key)
	}
	if !slices.Equal(order, want) {
		t.Errorf("Objects yielded %v; want each of %v exactly once, in key order", order, want)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("Objects yielded %s %d times", k, n)
		}
	}
	// Breaking out of the loop early is allowed and stops the stream.
	n := 0
	for range h.s.Objects(h.ctx, h.b, h.prefix) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("early break yielded %d; want 1", n)
	}
}

func testUnicodeKeys(t *testing.T, h *harness) {
	names := []string{"日本語 ファイル.txt", "with space+plus&amp=.txt", "emoji 😀.png", "percent%20literal", "naïve/café?.jpg"}
	for _, n := range names {
		k := h.key(t, n)
		h.put(t, k, n, osskit.PutOptions{})
		if got, _ := h.get(t, k, osskit.GetOptions{}); got != n {
			t.Errorf("GetObject(%q) = %q; want %q", k, got, n)
		}
		if _, err := h.s.HeadObject(h.ctx, h.b, k); err != nil {
			t.Errorf("HeadObject(%q): %v", k, err)
		}
	}
	page, err := h.s.ListObjects(h.ctx, h.b, osskit.ListOptions{Prefix: h.prefix})
	if err != nil {
		t.Fatalf("ListObjects: %v", err)
	}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = h.prefix + n
	}
	slices.Sort(want)
	if got := keysOf(page.Objects); !slices.Equal(got, want) {
		t.Errorf("listed keys = %q; want %q exactly (decoded, byte order)", got, want)
	}
}

func keysOf(objs []osskit.ObjectInfo) []string {
	var out []string
	for _, o := range objs {
		out = append(out, o.Key)
	}
	return out
}
