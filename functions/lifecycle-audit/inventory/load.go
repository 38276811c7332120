package inventory

import (
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// MaxManifestSize bounds the manifest.json read into memory.
const MaxManifestSize = 16 << 20

// InventoryRoot is where OSS writes an inventory's runs:
// [destination-prefix/]source-bucket/inventory-id/ (bucket inventory docs).
func InventoryRoot(cfg osskit.InventoryConfig, source osskit.Bucket) string {
	p := strings.TrimSuffix(cfg.Destination.Prefix, "/")
	if p != "" {
		p += "/"
	}
	return p + source.String() + "/" + cfg.ID + "/"
}

// LatestManifest returns the key of the newest run's manifest.json under
// root. Run folders are named by scan start (YYYY-MM-DDTHH-MMZ), so the
// greatest name is the newest. No run yields ErrNotFound.
func LatestManifest(ctx context.Context, l osskit.PageLister, dest osskit.Bucket, root string) (string, error) {
	var runs []string
	opts := osskit.ListOptions{Prefix: root, Delimiter: "/", MaxKeys: osskit.MaxListKeys}
	for {
		page, err := l.ListObjects(ctx, dest, opts)
		if err != nil {
			return "", fmt.Errorf("list inventory runs %s/%s: %w", dest, root, err)
		}
		for _, p := range page.CommonPrefixes {
			if name := strings.TrimSuffix(strings.TrimPrefix(p, root), "/"); len(name) == len("2006-01-02T15-04Z") && name[10] == 'T' {
				runs = append(runs, p)
			}
		}
		if !page.IsTruncated || page.NextContinuationToken == "" || page.NextContinuationToken == opts.ContinuationToken {
			break
		}
		opts.ContinuationToken = page.NextContinuationToken
	}
	if len(runs) == 0 {
		return "", &osskit.Error{Kind: osskit.ErrNotFound, Op: "LatestManifest", Bucket: dest.String(), Key: root, Err: fmt.Errorf("no inventory run yet")}
	}
	return slices.Max(runs) + "manifest.json", nil
}

// Load reads the manifest at manifestKey in dest and streams every data
// file it lists into a, checking each file's MD5 against the manifest.
// It returns the manifest and the row count. Read errors come back wrapped
// with the file's key; a checksum mismatch or a malformed row is an
// *osskit.Error of kind ErrInvalidArgument.
func Load(ctx context.Context, g osskit.ObjectGetter, dest osskit.Bucket, manifestKey string, a *Aggregator) (Manifest, int, error) {
	raw, err := readAll(ctx, g, dest, manifestKey, MaxManifestSize)
	if err != nil {
		return Manifest{}, 0, err
	}
	m, err := ParseManifest(raw)
	if err != nil {
		return Manifest{}, 0, fmt.Errorf("manifest %s/%s: %w", dest, manifestKey, err)
	}
	total := 0
	for _, f := range m.Files {
		n, err := loadFile(ctx, g, dest, f, m.Columns(), a)
		total += n
		if err != nil {
			return m, total, err
		}
	}
	return m, total, nil
}

func loadFile(ctx context.Context, g osskit.ObjectGetter, dest osskit.Bucket, f ManifestFile, cols []string, a *Aggregator) (int, error) {
	key, err := osskit.NewKey(fileKey(f.Key, dest))
	if err != nil {
		return 0, fmt.Errorf("inventory file %q: %w", f.Key, err)
	}
	body, _, err := g.GetObject(ctx, dest, key, osskit.GetOptions{MaxSize: osskit.NoSizeLimit})
	if err != nil {
		return 0, fmt.Errorf("get inventory file %s/%s: %w", dest, f.Key, err)
	}
	defer body.Close()
	sum := md5.New()
	zr, err := gzip.NewReader(io.TeeReader(body, sum))
	if err != nil {
		return 0, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ReadInventory", Bucket: dest.String(), Key: f.Key, Err: fmt.Errorf("not gzip: %v", err)}
	}
	n, err := ReadCSV(zr, cols, a)
	if err != nil {
		return n, fmt.Errorf("inventory file %s/%s: %w", dest, f.Key, err)
	}
	if _, err := io.Copy(io.Discard, body); err != nil { // the MD5 covers the whole file
		return n, fmt.Errorf("read inventory file %s/%s: %w", dest, f.Key, err)
	}
	if f.MD5Checksum != "" && !strings.EqualFold(hex.EncodeToString(sum.Sum(nil)), f.MD5Checksum) {
		return n, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ReadInventory", Bucket: dest.String(), Key: f.Key, Err: fmt.Errorf("MD5 does not match the manifest")}
	}
	return n, nil
}

// fileKey accepts a manifest key with or without the destination bucket
// in front ("dest/prefix/data/x.csv.gz").
func fileKey(k string, dest osskit.Bucket) string {
	return strings.TrimPrefix(k, dest.String()+"/")
}

func readAll(ctx context.Context, g osskit.ObjectGetter, b osskit.Bucket, k string, limit int64) ([]byte, error) {
	key, err := osskit.NewKey(k)
	if err != nil {
		return nil, err
	}
	body, _, err := g.GetObject(ctx, b, key, osskit.GetOptions{MaxSize: limit})
	if err != nil {
		return nil, fmt.Errorf("get %s/%s: %w", b, k, err)
	}
	defer body.Close()
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, fmt.Errorf("read %s/%s: %w", b, k, err)
	}
	return data, nil
}
