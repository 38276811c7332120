package audit

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// inventoryStore is the adapter with one inventory configuration: the
// emulator stores the files but has no inventory configurations to report.
type inventoryStore struct {
	Store
	cfg osskit.InventoryConfig
}

func (s inventoryStore) ListBucketInventory(context.Context, osskit.Bucket) ([]osskit.InventoryConfig, error) {
	return []osskit.InventoryConfig{s.cfg}, nil
}

// writeInventory stores the seeded objects as an OSS inventory run would:
// two CSV.gz files without header, keys URL-encoded, and a manifest.json
// listing them with their MD5 (bucket inventory docs).
func writeInventory(t *testing.T, e *env) {
	t.Helper()
	e.srv.MustBucket(t, "audit-inv")
	root := "inv/audit-data/daily/2026-11-21T16-00Z/"
	var files []map[string]any
	for i, part := range [][]int{{0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}} {
		var csv bytes.Buffer
		for _, j := range part {
			s := seeded[j]
			fmt.Fprintf(&csv, "%q,%q,\"%d\",%q,%q,\"0123456789ABCDEF0123456789ABCDEF\",\"false\",\"false\"\n", "audit-data",
				url.QueryEscape(s.key), s.size, s.class, ago(s.age).Format("2006-01-02T15:04:05.000Z"))
		}
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		w.Write(csv.Bytes())
		w.Close()
		key := fmt.Sprintf("inv/audit-data/daily/data/part-%d.csv.gz", i)
		if err := e.srv.SeedObject("audit-inv", key, z.Bytes()); err != nil {
			t.Fatal(err)
		}
		sum := md5.Sum(z.Bytes())
		files = append(files, map[string]any{"key": "audit-inv/" + key, "size": z.Len(), "MD5checksum": hex.EncodeToString(sum[:])})
	}
	manifest, _ := json.Marshal(map[string]any{
		"creationTimestamp": "1763740800", "destinationBucket": "audit-inv", "fileFormat": "CSV",
		"fileSchema": "Bucket, Key, Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus",
		"files":      files, "sourceBucket": "audit-data", "version": "2019-09-01",
	})
	// An older run that must be ignored: its manifest points nowhere.
	for key, body := range map[string][]byte{root + "manifest.json": manifest, "inv/audit-data/daily/2026-11-20T16-00Z/manifest.json": []byte(`{}`)} {
		if err := e.srv.SeedObject("audit-inv", key, body); err != nil {
			t.Fatal(err)
		}
	}
}

// The inventory path gives the same report as listing the same objects.
func TestInventoryMatchesListing(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	writeInventory(t, e)
	listed, err := newAuditor(t, e, nil).Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Buckets, cfg.ReportBucket, cfg.UseInventory = []string{"audit-data"}, "audit-reports", true
	inv := inventoryStore{Store: e.store, cfg: osskit.InventoryConfig{ID: "daily", Enabled: true, IncludedVersions: "Current",
		Destination: osskit.InventoryDestination{Bucket: "audit-inv", Prefix: "inv", Format: "CSV"}}}
	a, err := New(inv, cfg, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	fromInv, err := a.Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	l, i := listed[0], fromInv[0]
	if i.Source != "inventory" || i.InventoryTaken.Unix() != 1763740800 {
		t.Errorf("source = %q taken %v; want inventory taken at 1763740800", i.Source, i.InventoryTaken)
	}
	checkSeededReport(t, i)
	if !sameJSON(t, l.Groups, i.Groups) || !sameJSON(t, l.Totals, i.Totals) || !sameJSON(t, l.Classes, i.Classes) ||
		!sameJSON(t, l.Uploads, i.Uploads) || !slices.Equal(codes(l), codes(i)) {
		t.Errorf("inventory report differs from listing:\nlisting   %+v\ninventory %+v", l.Totals, i.Totals)
	}
}

func codes(r report.Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	if !bytes.Equal(x, y) {
		t.Logf("differs:\n%s\n%s", x, y)
		return false
	}
	return true
}
