package ossemu

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strings"
	"time"
)

// Bucket versioning states (GetBucketVersioning's Status).
const (
	versioningEnabled   = "Enabled"
	versioningSuspended = "Suspended"
	nullVersion         = "null"
)

// newVersionID makes an opaque, URL-safe version id, like OSS's
// "CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFmZjQ5YWJjNzQ=".
func newVersionID() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return "CAEQ" + base64.RawURLEncoding.EncodeToString(b[:])
}

func errNoSuchVersion(key, id string) *apiError {
	return errorf("NoSuchVersion", "The specified version does not exist.").with("Key", key).with("VersionId", id)
}

// versionList is key's versions, newest first: its recorded list, or its
// pre-versioning object as the "null" version. The slice is a copy.
func (b *bucketState) versionList(key string) []*objectMeta {
	if vs, ok := b.versions[key]; ok {
		return slices.Clone(vs)
	}
	if cur, ok := b.objects[key]; ok {
		c := cur.clone()
		c.VersionID = nullVersion
		return []*objectMeta{&c}
	}
	return nil
}

// dropNull removes the "null" version from list (a suspended bucket's
// write replaces it) and returns its body for removal, if it has one.
func dropNull(list []*objectMeta) ([]*objectMeta, []string) {
	var garbage []string
	list = slices.DeleteFunc(list, func(v *objectMeta) bool {
		if v.VersionID != nullVersion {
			return false
		}
		if !v.DeleteMarker {
			garbage = append(garbage, v.Blob)
		}
		return true
	})
	return list, garbage
}

// installVersions persists key's new version list and makes the bucket's
// current view follow it. Called with s.mu held.
func (s *store) installVersions(bucket string, b *bucketState, key string, list []*objectMeta) *apiError {
	if len(list) == 0 {
		if err := s.meta.deleteVersions(bucket, key); err != nil {
			return errInternal()
		}
		delete(b.versions, key)
		delete(b.objects, key)
		return nil
	}
	if err := s.meta.saveVersions(bucket, key, list); err != nil {
		return errInternal()
	}
	if _, legacy := b.versions[key]; !legacy {
		// The key's pre-versioning file now lives on as the null version.
		_ = s.meta.deleteObject(bucket, key)
	}
	b.versions[key] = list
	if list[0].DeleteMarker {
		delete(b.objects, key)
	} else {
		b.objects[key] = list[0]
	}
	return nil
}

// putVersion adds m as key's newest version in a versioned bucket and
// returns bodies no version names any more. Called with s.mu held.
func (s *store) putVersion(bucket string, b *bucketState, m *objectMeta) ([]string, *apiError) {
	list := b.versionList(m.Key)
	var garbage []string
	if b.meta.Versioning == versioningEnabled {
		m.VersionID = newVersionID()
	} else {
		m.VersionID = nullVersion
		list, garbage = dropNull(list)
	}
	if e := s.installVersions(bucket, b, m.Key, append([]*objectMeta{m}, list...)); e != nil {
		return nil, e
	}
	return garbage, nil
}

// deleted says what a delete did, for the x-oss-delete-marker and
// x-oss-version-id response headers.
type deleted struct {
	existed      bool
	versionID    string
	deleteMarker bool
}

// markDeleted records a delete marker as key's newest version. OSS adds
// one whether or not the key had a current object.
func (s *store) markDeleted(bucket string, b *bucketState, key string, now time.Time) (deleted, []string, *apiError) {
	_, existed := b.objects[key]
	list := b.versionList(key)
	marker := &objectMeta{Key: key, DeleteMarker: true, LastModified: now.UTC(), VersionID: newVersionID()}
	var garbage []string
	if b.meta.Versioning == versioningSuspended {
		marker.VersionID = nullVersion
		list, garbage = dropNull(list)
	}
	if e := s.installVersions(bucket, b, key, append([]*objectMeta{marker}, list...)); e != nil {
		return deleted{}, nil, e
	}
	return deleted{existed: existed, versionID: marker.VersionID, deleteMarker: true}, garbage, nil
}

// deleteVersion removes one version for good. Deleting a version that
// does not exist succeeds, as the call is idempotent in OSS.
func (s *store) deleteVersion(bucket, key, id string) (deleted, *apiError) {
	s.mu.Lock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.Unlock()
		return deleted{}, errNoSuchBucket(bucket)
	}
	list := b.versionList(key)
	i := slices.IndexFunc(list, func(v *objectMeta) bool { return v.VersionID == id })
	if i < 0 {
		s.mu.Unlock()
		return deleted{versionID: id}, nil
	}
	gone := list[i]
	var e *apiError
	if _, versioned := b.versions[key]; !versioned {
		// The only version of a never-versioned key is its object.
		if err := s.meta.deleteObject(bucket, key); err != nil {
			e = errInternal()
		} else {
			delete(b.objects, key)
		}
	} else {
		e = s.installVersions(bucket, b, key, slices.Delete(list, i, i+1))
	}
	s.mu.Unlock()
	if e != nil {
		return deleted{}, e
	}
	if !gone.DeleteMarker {
		_ = s.blobs.remove(gone.Blob)
	}
	return deleted{existed: !gone.DeleteMarker, versionID: id, deleteMarker: gone.DeleteMarker}, nil
}

// objectVersion finds one version of key; a delete marker is returned as
// such for the caller to refuse.
func (s *store) objectVersion(bucket, key, id string) (objectMeta, *apiError) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return objectMeta{}, errNoSuchBucket(bucket)
	}
	for _, v := range b.versionList(key) {
		if v.VersionID == id {
			return v.clone(), nil
		}
	}
	return objectMeta{}, errNoSuchVersion(key, id)
}

// latestMarker returns key's newest version if it is a delete marker.
func (s *store) latestMarker(bucket, key string) (objectMeta, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if b, ok := s.buckets[bucket]; ok {
		if vs := b.versions[key]; len(vs) > 0 && vs[0].DeleteMarker {
			return *vs[0], true
		}
	}
	return objectMeta{}, false
}

// versionRow is one entry of a version listing.
type versionRow struct {
	objectMeta
	latest bool
}

// sortedVersions lists every version of every key: keys in byte order,
// each key's versions newest first.
func (s *store) sortedVersions(bucket string) ([]versionRow, *apiError) {
	s.mu.RLock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.RUnlock()
		return nil, errNoSuchBucket(bucket)
	}
	keys := make([]string, 0, len(b.objects)+len(b.versions))
	for k := range b.objects {
		keys = append(keys, k)
	}
	for k := range b.versions {
		if _, dup := b.objects[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, strings.Compare)
	var out []versionRow
	for _, k := range keys {
		for i, v := range b.versionList(k) {
			out = append(out, versionRow{objectMeta: *v, latest: i == 0})
		}
	}
	s.mu.RUnlock()
	return out, nil
}
