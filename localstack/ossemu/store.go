package ossemu

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// objectMeta is everything OSS keeps about an object besides its body. In
// data-directory mode it is the JSON stored beside the body.
type objectMeta struct {
	Key  string `json:"key"`
	Blob string `json:"blob"`
	Size int64  `json:"size"`
	// ETag is quoted, as it travels in headers and listings.
	ETag string `json:"etag"`
	// ContentMD5 is base64, set for simple uploads only (OSS omits it for
	// multipart objects).
	ContentMD5   string    `json:"contentMd5,omitempty"`
	CRC64        uint64    `json:"crc64"`
	ContentType  string    `json:"contentType"`
	LastModified time.Time `json:"lastModified"`
	StorageClass string    `json:"storageClass"`
	// ACL is the object's own ACL; "" or "default" defers to the bucket's.
	ACL string `json:"acl,omitempty"`
	// Type is OSS's x-oss-object-type: Normal or Multipart.
	Type string `json:"type"`
	// UserMeta maps the lower-case name after "x-oss-meta-" to its value.
	UserMeta map[string]string `json:"userMeta,omitempty"`
	// Headers are the standard headers stored with the object and returned
	// on GET (Cache-Control, Content-Disposition, ...), canonical names.
	Headers map[string]string `json:"headers,omitempty"`
	// VersionID is "" in a bucket never versioned, "null" for the version
	// written while versioning was off or suspended, else a unique id.
	VersionID string `json:"versionId,omitempty"`
	// DeleteMarker marks a version that records a delete (no body).
	DeleteMarker bool `json:"deleteMarker,omitempty"`
}

func (m *objectMeta) clone() objectMeta {
	c := *m
	c.UserMeta = maps.Clone(m.UserMeta)
	c.Headers = maps.Clone(m.Headers)
	return c
}

// bucketMeta is a bucket's own settings.
type bucketMeta struct {
	Name         string    `json:"name"`
	ACL          string    `json:"acl"`
	StorageClass string    `json:"storageClass"`
	Created      time.Time `json:"created"`
	// Lifecycle is the validated LifecycleConfiguration XML, "" for none.
	Lifecycle string `json:"lifecycle,omitempty"`
	// CORS is the validated CORSConfiguration XML, "" for none.
	CORS string `json:"cors,omitempty"`
	// Versioning is "" (never enabled), "Enabled" or "Suspended".
	Versioning string `json:"versioning,omitempty"`
}

type bucketState struct {
	meta bucketMeta
	// objects is the current version of every key that has one.
	objects map[string]*objectMeta
	// versions lists, newest first, every version of each key written
	// since versioning was first enabled (delete markers included). A key
	// with versions has its current object at versions[key][0] unless
	// that is a delete marker.
	versions map[string][]*objectMeta
	uploads  map[string]*upload
}

func newBucketState(meta bucketMeta) *bucketState {
	return &bucketState{meta: meta, objects: map[string]*objectMeta{}, versions: map[string][]*objectMeta{}, uploads: map[string]*upload{}}
}

// store is the index of buckets and objects over a blobStore. One lock
// guards the index; metadata files are written under it so the order of
// writes on disk is the order clients observed.
type store struct {
	mu      sync.RWMutex
	buckets map[string]*bucketState
	blobs   blobStore
	meta    metaWriter
}

// metaWriter persists the index; noMeta is the in-memory mode.
type metaWriter interface {
	saveBucket(b bucketMeta) error
	deleteBucket(name string) error
	saveObject(bucket string, m *objectMeta) error
	deleteObject(bucket, key string) error
	saveVersions(bucket, key string, list []*objectMeta) error
	deleteVersions(bucket, key string) error
}

type noMeta struct{}

func (noMeta) saveBucket(bucketMeta) error           { return nil }
func (noMeta) deleteBucket(string) error             { return nil }
func (noMeta) saveObject(string, *objectMeta) error  { return nil }
func (noMeta) deleteObject(bucket, key string) error { return nil }
func (noMeta) saveVersions(string, string, []*objectMeta) error {
	return nil
}
func (noMeta) deleteVersions(string, string) error { return nil }

func newMemStore() *store {
	return &store{buckets: map[string]*bucketState{}, blobs: newMemBlobs(), meta: noMeta{}}
}

func (s *store) createBucket(b bucketMeta) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.buckets[b.Name]; ok {
		return errorf("BucketAlreadyExists", "The requested bucket name is not available.").with("BucketName", b.Name)
	}
	if err := s.meta.saveBucket(b); err != nil {
		return errInternal()
	}
	s.buckets[b.Name] = newBucketState(b)
	return nil
}

// updateBucket applies change to a copy of the bucket's settings and
// installs it once persisted.
func (s *store) updateBucket(name string, change func(*bucketMeta)) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[name]
	if !ok {
		return errNoSuchBucket(name)
	}
	next := b.meta
	change(&next)
	if err := s.meta.saveBucket(next); err != nil {
		return errInternal()
	}
	b.meta = next
	return nil
}

func (s *store) deleteBucket(name string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[name]
	if !ok {
		return errNoSuchBucket(name)
	}
	if len(b.objects) > 0 || len(b.versions) > 0 || len(b.uploads) > 0 {
		return errorf("BucketNotEmpty", "The bucket you tried to delete is not empty.").with("BucketName", name)
	}
	if err := s.meta.deleteBucket(name); err != nil {
		return errInternal()
	}
	delete(s.buckets, name)
	return nil
}

func (s *store) bucket(name string) (bucketMeta, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[name]
	if !ok {
		return bucketMeta{}, false
	}
	return b.meta, true
}

func (s *store) listBuckets() []bucketMeta {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]bucketMeta, 0, len(s.buckets))
	for _, b := range s.buckets {
		out = append(out, b.meta)
	}
	slices.SortFunc(out, func(a, b bucketMeta) int { return strings.Compare(a.Name, b.Name) })
	return out
}
