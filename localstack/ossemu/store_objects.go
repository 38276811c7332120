package ossemu

import (
	"slices"
	"strings"
	"time"
)

// putObject installs m, replacing any object under the same key unless
// forbidOverwrite is set. The replaced body is removed after the new
// metadata is durable.
func (s *store) putObject(bucket string, m *objectMeta, forbidOverwrite bool) *apiError {
	s.mu.Lock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.Unlock()
		return errNoSuchBucket(bucket)
	}
	old, exists := b.objects[m.Key]
	if exists && forbidOverwrite {
		s.mu.Unlock()
		return errorf("FileAlreadyExists", "The object you specified already exists and can not be overwritten.").with("Key", m.Key)
	}
	if b.meta.Versioning != "" {
		garbage, e := s.putVersion(bucket, b, m)
		s.mu.Unlock()
		for _, ref := range garbage {
			_ = s.blobs.remove(ref)
		}
		return e
	}
	if err := s.meta.saveObject(bucket, m); err != nil {
		s.mu.Unlock()
		return errInternal()
	}
	b.objects[m.Key] = m
	s.mu.Unlock()
	if exists && old.Blob != m.Blob {
		_ = s.blobs.remove(old.Blob)
	}
	return nil
}

func (s *store) object(bucket, key string) (objectMeta, *apiError) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return objectMeta{}, errNoSuchBucket(bucket)
	}
	m, ok := b.objects[key]
	if !ok {
		return objectMeta{}, errNoSuchKey(key)
	}
	return m.clone(), nil
}

// setObjectACL changes one object's ACL in place.
func (s *store) setObjectACL(bucket, key, acl string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return errNoSuchBucket(bucket)
	}
	m, ok := b.objects[key]
	if !ok {
		return errNoSuchKey(key)
	}
	next := m.clone()
	next.ACL = acl
	if list, versioned := b.versions[key]; versioned {
		list = slices.Clone(list)
		list[0] = &next
		return s.installVersions(bucket, b, key, list)
	}
	if err := s.meta.saveObject(bucket, &next); err != nil {
		return errInternal()
	}
	b.objects[key] = &next
	return nil
}

// deleteObject removes key's current object: for good in a bucket never
// versioned, behind a new delete marker in a versioned one. It reports
// whether a current object existed and the marker it added, if any.
func (s *store) deleteObject(bucket, key string, now time.Time) (deleted, *apiError) {
	s.mu.Lock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.Unlock()
		return deleted{}, errNoSuchBucket(bucket)
	}
	if b.meta.Versioning != "" {
		res, garbage, e := s.markDeleted(bucket, b, key, now)
		s.mu.Unlock()
		for _, ref := range garbage {
			_ = s.blobs.remove(ref)
		}
		return res, e
	}
	m, ok := b.objects[key]
	if !ok {
		s.mu.Unlock()
		return deleted{}, nil
	}
	if err := s.meta.deleteObject(bucket, key); err != nil {
		s.mu.Unlock()
		return deleted{}, errInternal()
	}
	delete(b.objects, key)
	s.mu.Unlock()
	_ = s.blobs.remove(m.Blob)
	return deleted{existed: true}, nil
}

// sortedObjects returns a snapshot of the bucket's objects in key order
// (byte order, as OSS lists them).
func (s *store) sortedObjects(bucket string) ([]objectMeta, *apiError) {
	s.mu.RLock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.RUnlock()
		return nil, errNoSuchBucket(bucket)
	}
	out := make([]objectMeta, 0, len(b.objects))
	for _, m := range b.objects {
		out = append(out, *m)
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b objectMeta) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}
