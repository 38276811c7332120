package inventory

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestSplitCSV(t *testing.T) {
	cases := []struct {
		line string
		want []string
	}{
		{`a,b,c`, []string{"a", "b", "c"}},
		{`"a","b c","d"` + "\r\n", []string{"a", "b c", "d"}},
		{`"a,b","x""y",z`, []string{"a,b", `x"y`, "z"}},
		{`a,,c,`, []string{"a", "", "c", ""}},
		{`""`, []string{""}},
	}
	for _, c := range cases {
		f, _ := splitCSV([]byte(c.line), nil, nil)
		var got []string
		for _, x := range f {
			got = append(got, string(x))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("splitCSV(%q) = %q; want %q", c.line, got, c.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2020, 5, 17, 16, 0, 1, 5e8, time.UTC)
	for _, s := range []string{"2020-05-17T16:00:01.500Z", "2020-05-17T16:00:01.5Z", "2020-05-18T00:00:01.5+08:00"} {
		got, err := parseTime([]byte(s))
		if err != nil || !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := parseTime([]byte("2020-13-17T16:00:01.500Z")); err == nil {
		t.Error("parseTime(month 13) = nil error; want an error")
	}
}

func TestReadCSVCurrent(t *testing.T) {
	objs := []osskit.ObjectInfo{
		{Key: "logs/a b+c.txt", Size: 10, StorageClass: osskit.Standard, LastModified: ago(5)},
		{Key: "logs/ü", Size: 2000, StorageClass: osskit.IA, LastModified: ago(45)},
	}
	a, _ := New(Options{Now: now})
	n, err := ReadCSV(bytes.NewReader(csvRows("src", objs)), currentSchema, a)
	if err != nil || n != 2 {
		t.Fatalf("ReadCSV = %d, %v; want 2 rows", n, err)
	}
	s := a.Summary()
	if g := find(t, s, "logs/", false, osskit.IA, "30-60"); g.Count != 1 || g.BilledBytes != 65536 {
		t.Errorf("IA group = %+v; want 1 object billed 65536", g.Cell)
	}
	if g := find(t, s, "logs/", false, osskit.Standard, "0-30"); g.Bytes != 10 {
		t.Errorf("Standard bytes = %d; want 10", g.Bytes)
	}
}

func TestReadCSVVersions(t *testing.T) {
	schema := []string{"Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "StorageClass", "LastModifiedDate"}
	rows := `"b","k","v3","true","true","0","Standard","2026-11-20T00:00:00.000Z"
"b","k","v2","false","false","100","Standard","2026-10-01T00:00:00.000Z"
"b","lone","v1","true","true","0","Standard","2026-11-01T00:00:00.000Z"
`
	a, _ := New(Options{Now: now})
	if _, err := ReadCSV(strings.NewReader(rows), schema, a); err != nil {
		t.Fatal(err)
	}
	s := a.Summary()
	// k#v2 stopped being current when the marker was written, 2 days ago.
	if g := find(t, s, "", true, osskit.Standard, "0-30"); g.Count != 1 || g.Bytes != 100 {
		t.Errorf("noncurrent = %+v; want 1 version of 100 bytes", g.Cell)
	}
	if s.DeleteMarkers != 2 || s.ExpiredDeleteMarkers != 1 {
		t.Errorf("markers = %d, expired %d; want 2, 1", s.DeleteMarkers, s.ExpiredDeleteMarkers)
	}
}

func TestReadCSVErrors(t *testing.T) {
	cases := []struct{ name, row, want string }{
		{"fields", `"b","k","1"`, "3 fields; want 8"},
		{"size", `"b","k","x","Standard","2026-11-20T00:00:00.000Z","e","false","false"`, `size "x"`},
		{"time", `"b","k","1","Standard","yesterday","e","false","false"`, `time "yesterday"`},
		{"key", `"b","%zz","1","Standard","2026-11-20T00:00:00.000Z","e","false","false"`, "URL-encoded"},
	}
	for _, c := range cases {
		a, _ := New(Options{Now: now})
		_, err := ReadCSV(strings.NewReader(c.row+"\n"), currentSchema, a)
		if !errors.Is(err, osskit.ErrInvalidArgument) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "row 1") {
			t.Errorf("%s: ReadCSV error = %v; want ErrInvalidArgument naming row 1 and %q", c.name, err, c.want)
		}
	}
}

func TestParseManifest(t *testing.T) {
	doc := `{"creationTimestamp":"1589731200","destinationBucket":"dest","fileFormat":"CSV",
	"fileSchema":"Bucket, Key, Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus",
	"files":[{"key":"dest/inv/src/id/data/a.csv.gz","size":10,"MD5checksum":"F77449179760C3B13F1E76110F07D3E8"}],
	"sourceBucket":"src","version":"2019-09-01"}`
	m, err := ParseManifest([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Created().Equal(time.Date(2020, 5, 17, 16, 0, 0, 0, time.UTC)) || len(m.Files) != 1 || !slices.Equal(m.Columns(), currentSchema) {
		t.Errorf("manifest = %+v created %v columns %q", m, m.Created(), m.Columns())
	}
	numeric := strings.Replace(doc, `"1589731200"`, `1589731200`, 1)
	if m2, err := ParseManifest([]byte(numeric)); err != nil || m2.CreationTimestamp != 1589731200 {
		t.Errorf("numeric timestamp: %v, %v", m2.CreationTimestamp, err)
	}
	for _, bad := range []string{`{`, strings.Replace(doc, `"CSV"`, `"ORC"`, 1), strings.Replace(doc, " Key,", " Name,", 1)} {
		if _, err := ParseManifest([]byte(bad)); !errors.Is(err, osskit.ErrInvalidArgument) {
			t.Errorf("ParseManifest(bad) = %v; want ErrInvalidArgument", err)
		}
	}
}

// BenchmarkInventoryCSV measures rows/s through gunzip, CSV split and
// aggregation, on one core.
func BenchmarkInventoryCSV(b *testing.B) {
	var objs []osskit.ObjectInfo
	for _, p := range benchPages(200_000) {
		objs = append(objs, p...)
	}
	data := gz(csvRows("src", objs))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	cpu0 := cpuTime()
	for b.Loop() {
		a, _ := New(Options{Now: now, Rules: benchRules})
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n, err := ReadCSV(zr, currentSchema, a)
		if err != nil {
			b.Fatal(err)
		}
		rows += n
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/(cpuTime()-cpu0).Seconds(), "rows/cpu-s")
}

// unescapeKey agrees with url.QueryUnescape.
func TestUnescapeKey(t *testing.T) {
	for _, in := range []string{"plain/key.txt", "a%2Fb+c", "%E4%B8%AD%E6%96%87", "100%25", "%zz", "%4", "%"} {
		want, werr := url.QueryUnescape(in)
		got, ok := unescapeKey([]byte(in))
		if ok != (werr == nil) || (ok && got != want) {
			t.Errorf("unescapeKey(%q) = %q, %v; want %q, %v", in, got, ok, want, werr)
		}
	}
}
