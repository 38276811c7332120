package ossemu

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// SeedInfo sets what an HTTP client cannot: an object's storage class and
// last-modified time, so audits can be tested against aged data.
type SeedInfo struct {
	// ContentType defaults to a guess from the key's extension.
	ContentType string
	// StorageClass is Standard, IA, Archive, ColdArchive or DeepColdArchive;
	// default Standard.
	StorageClass string
	// LastModified defaults to the server's clock.
	LastModified time.Time
	// UserMeta maps names (without "x-oss-meta-") to values.
	UserMeta map[string]string
}

// CreateBucket creates a bucket directly, bypassing HTTP and auth; acl ""
// means private. It fails with an OSS-coded error for a bad name or ACL or
// an existing bucket.
func (s *Server) CreateBucket(name, acl string) error {
	if acl == "" {
		acl = aclPrivate
	}
	if !validBucketName(name) {
		return fmt.Errorf("ossemu: create bucket %q: %w", name, errorf("InvalidBucketName", "The specified bucket is not valid."))
	}
	if !validACL(acl) {
		return fmt.Errorf("ossemu: create bucket %q: %w", name, errorf("InvalidArgument", "no such bucket access control exists"))
	}
	if e := s.st.createBucket(bucketMeta{Name: name, ACL: acl, StorageClass: "Standard", Created: s.cfg.Clock().UTC()}); e != nil {
		return fmt.Errorf("ossemu: create bucket %q: %w", name, e)
	}
	return nil
}

// SeedObject stores data as bucket/key directly, bypassing HTTP and auth,
// with at most one SeedInfo. It is an admin door for tests and demos (over
// HTTP: PUT AdminPathPrefix+"objects/<bucket>/<key>" with the admin key);
// it emits no notification. It fails for a
// missing bucket, an invalid key or storage class, or a storage error.
func (s *Server) SeedObject(bucket, key string, data []byte, info ...SeedInfo) error {
	if len(info) > 1 {
		return fmt.Errorf("ossemu: seed %s/%s: at most one SeedInfo, got %d", bucket, key, len(info))
	}
	var in SeedInfo
	if len(info) == 1 {
		in = info[0]
	}
	if !validObjectName(key) {
		return fmt.Errorf("ossemu: seed %s/%s: %w", bucket, key, errorf("InvalidObjectName", "The specified object is not valid."))
	}
	class, e := storageClass(in.StorageClass, "Standard")
	if e != nil {
		return fmt.Errorf("ossemu: seed %s/%s: %w", bucket, key, e)
	}
	if _, ok := s.st.bucket(bucket); !ok {
		return fmt.Errorf("ossemu: seed %s/%s: %w", bucket, key, errNoSuchBucket(bucket))
	}
	body, e := s.receive(bytes.NewReader(data), int64(len(data)), max(int64(len(data)), s.cfg.MaxObjectSize), nil)
	if e != nil {
		return fmt.Errorf("ossemu: seed %s/%s: %w", bucket, key, e)
	}
	modified := in.LastModified
	if modified.IsZero() {
		modified = s.cfg.Clock()
	}
	var userMeta map[string]string
	for k, v := range in.UserMeta {
		if userMeta == nil {
			userMeta = map[string]string{}
		}
		userMeta[strings.ToLower(k)] = v
	}
	m := &objectMeta{
		Key: key, Blob: body.ref, Size: body.size, ETag: body.etag(), ContentMD5: body.contentMD5(),
		CRC64: body.crc, ContentType: contentType(in.ContentType, key), LastModified: modified.UTC(),
		StorageClass: class, Type: "Normal", UserMeta: userMeta,
	}
	if e := s.st.putObject(bucket, m, false); e != nil {
		_ = s.st.blobs.remove(body.ref)
		return fmt.Errorf("ossemu: seed %s/%s: %w", bucket, key, e)
	}
	return nil
}

// Region is the region the server answers as.
func (s *Server) Region() string { return s.cfg.Region }
