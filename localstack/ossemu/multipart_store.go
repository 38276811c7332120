package ossemu

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// upload is a multipart upload in progress. Uploads live in the index only:
// after a restart their parts are gone, as if OSS had aborted them.
type upload struct {
	ID        string
	Key       string
	Initiated time.Time
	// Template carries the object's future metadata, given at initiation.
	Template objectMeta
	Parts    map[int]part
}

type part struct {
	Number       int
	Blob         string
	Size         int64
	ETag         string
	MD5          []byte
	CRC64        uint64
	LastModified time.Time
}

func (s *store) addUpload(bucket string, u *upload) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return errNoSuchBucket(bucket)
	}
	b.uploads[u.ID] = u
	return nil
}

func errNoSuchUpload(id string) *apiError {
	return errorf("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.").
		with("UploadId", id)
}

// uploadSnapshot returns a copy of upload id for key, safe to read unlocked.
func (s *store) uploadSnapshot(bucket, key, id string) (upload, *apiError) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return upload{}, errNoSuchBucket(bucket)
	}
	u, ok := b.uploads[id]
	if !ok || u.Key != key {
		return upload{}, errNoSuchUpload(id)
	}
	c := *u
	c.Parts = maps.Clone(u.Parts)
	return c, nil
}

// putPart records p, replacing (and freeing) an earlier part of the same number.
func (s *store) putPart(bucket, key, id string, p part) *apiError {
	s.mu.Lock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.Unlock()
		return errNoSuchBucket(bucket)
	}
	u, ok := b.uploads[id]
	if !ok || u.Key != key {
		s.mu.Unlock()
		return errNoSuchUpload(id)
	}
	old, had := u.Parts[p.Number]
	u.Parts[p.Number] = p
	s.mu.Unlock()
	if had {
		_ = s.blobs.remove(old.Blob)
	}
	return nil
}

// removeUpload forgets upload id and frees its parts' bodies except keep.
func (s *store) removeUpload(bucket, key, id string, keep map[string]bool) *apiError {
	s.mu.Lock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.Unlock()
		return errNoSuchBucket(bucket)
	}
	u, ok := b.uploads[id]
	if !ok || u.Key != key {
		s.mu.Unlock()
		return errNoSuchUpload(id)
	}
	delete(b.uploads, id)
	s.mu.Unlock()
	for _, p := range u.Parts {
		if !keep[p.Blob] {
			_ = s.blobs.remove(p.Blob)
		}
	}
	return nil
}

// listUploads returns the bucket's uploads whose key has prefix, ordered by
// key then upload id.
func (s *store) listUploads(bucket, prefix string) ([]upload, *apiError) {
	s.mu.RLock()
	b, ok := s.buckets[bucket]
	if !ok {
		s.mu.RUnlock()
		return nil, errNoSuchBucket(bucket)
	}
	var out []upload
	for _, u := range b.uploads {
		if strings.HasPrefix(u.Key, prefix) {
			out = append(out, upload{ID: u.ID, Key: u.Key, Initiated: u.Initiated, Template: u.Template})
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b upload) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}
