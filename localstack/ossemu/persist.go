package ossemu

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// dirMeta persists the index under root:
//
//	buckets/<bucket>/bucket.json
//	buckets/<bucket>/objects/<sha256(key)>.json   (objectMeta, naming its blob)
//	buckets/<bucket>/versions/<sha256(key)>.json  ([]objectMeta, newest first)
//	blobs/<ref>                                   (object bodies)
//	tmp/                                          (writes in flight)
//
// Every file is written to tmp/ and renamed into place, so each one is
// either the old or the new version, never a mix. An object's body is
// committed before the metadata that names it, so the metadata never points
// at a missing body; a body nobody names is garbage from a crash and is
// deleted on start.
type dirMeta struct{ root, tmp string }

func (d dirMeta) bucketDir(name string) string { return filepath.Join(d.root, "buckets", name) }

func objectFile(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:]) + ".json"
}

func (d dirMeta) writeJSON(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create dir for %s: %w", path, err)
	}
	f, err := os.CreateTemp(d.tmp, "meta-*")
	if err != nil {
		return fmt.Errorf("create temp for %s: %w", path, err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

func (d dirMeta) saveBucket(b bucketMeta) error {
	return d.writeJSON(filepath.Join(d.bucketDir(b.Name), "bucket.json"), b)
}

func (d dirMeta) deleteBucket(name string) error {
	if err := os.RemoveAll(d.bucketDir(name)); err != nil {
		return fmt.Errorf("delete bucket dir %s: %w", name, err)
	}
	return nil
}

func (d dirMeta) saveObject(bucket string, m *objectMeta) error {
	return d.writeJSON(filepath.Join(d.bucketDir(bucket), "objects", objectFile(m.Key)), m)
}

func (d dirMeta) deleteObject(bucket, key string) error {
	err := os.Remove(filepath.Join(d.bucketDir(bucket), "objects", objectFile(key)))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete object meta %s/%s: %w", bucket, key, err)
	}
	return nil
}

func (d dirMeta) saveVersions(bucket, key string, list []*objectMeta) error {
	return d.writeJSON(filepath.Join(d.bucketDir(bucket), "versions", objectFile(key)), list)
}

func (d dirMeta) deleteVersions(bucket, key string) error {
	err := os.Remove(filepath.Join(d.bucketDir(bucket), "versions", objectFile(key)))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete versions %s/%s: %w", bucket, key, err)
	}
	return nil
}

// openDirStore loads the index from root, creating the layout if needed.
// Leftovers of interrupted writes (temp files, unreferenced bodies) are
// removed; metadata that does not decode is skipped rather than trusted.
func openDirStore(root string) (*store, error) {
	blobs, err := newDirBlobs(root)
	if err != nil {
		return nil, err
	}
	d := dirMeta{root: root, tmp: blobs.tmp}
	if err := clearDir(d.tmp); err != nil {
		return nil, err
	}
	s := &store{buckets: map[string]*bucketState{}, blobs: blobs, meta: d}
	used := map[string]bool{}
	ents, err := os.ReadDir(filepath.Join(root, "buckets"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read buckets: %w", err)
	}
	for _, e := range ents {
		var bm bucketMeta
		if !readJSON(filepath.Join(d.bucketDir(e.Name()), "bucket.json"), &bm) || bm.Name != e.Name() {
			continue
		}
		b := newBucketState(bm)
		objs, _ := os.ReadDir(filepath.Join(d.bucketDir(bm.Name), "objects"))
		for _, o := range objs {
			var m objectMeta
			if !readJSON(filepath.Join(d.bucketDir(bm.Name), "objects", o.Name()), &m) || objectFile(m.Key) != o.Name() {
				continue
			}
			b.objects[m.Key] = &m
			used[m.Blob] = true
		}
		d.loadVersions(b, used)
		s.buckets[bm.Name] = b
	}
	refs, err := blobs.refs()
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		if !used[r] {
			_ = blobs.remove(r)
		}
	}
	return s, nil
}

// loadVersions reads the bucket's version lists. A key's version list
// wins over its objects/ file: that file is a leftover of the write that
// first versioned the key, which a crash interrupted after the list (which
// holds the same object as its "null" version) was committed.
func (d dirMeta) loadVersions(b *bucketState, used map[string]bool) {
	dir := filepath.Join(d.bucketDir(b.meta.Name), "versions")
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		var list []*objectMeta
		if !readJSON(filepath.Join(dir, f.Name()), &list) || len(list) == 0 || list[0] == nil || objectFile(list[0].Key) != f.Name() {
			continue
		}
		key := list[0].Key
		if old, ok := b.objects[key]; ok && old.VersionID == "" {
			_ = d.deleteObject(b.meta.Name, key)
			delete(b.objects, key)
		}
		b.versions[key] = list
		if !list[0].DeleteMarker {
			b.objects[key] = list[0]
		}
		for _, v := range list {
			if !v.DeleteMarker {
				used[v.Blob] = true
			}
		}
	}
}

func readJSON(path string, v any) bool {
	data, err := os.ReadFile(path)
	return err == nil && json.Unmarshal(data, v) == nil
}

func clearDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("clear %s: %w", dir, err)
		}
	}
	return nil
}
