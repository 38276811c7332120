package osskit

import (
	"context"
	"io"
	"iter"
)

// ObjectGetter reads objects.
type ObjectGetter interface {
	// GetObject opens key for reading. The caller must close the body. An
	// object (or requested range) larger than opts.MaxSize returns an error
	// matching ErrTooLarge before any body is handed out; a body that turns
	// out longer than announced fails its Read with ErrTooLarge. A missing
	// object returns ErrNotFound; a range outside the object returns
	// ErrInvalidArgument.
	GetObject(ctx context.Context, bucket Bucket, key Key, opts GetOptions) (io.ReadCloser, ObjectInfo, error)
}

// ObjectHeader reads object metadata.
type ObjectHeader interface {
	// HeadObject returns key's metadata; ErrNotFound when it does not exist.
	HeadObject(ctx context.Context, bucket Bucket, key Key) (ObjectInfo, error)
}

// ObjectPutter writes objects.
type ObjectPutter interface {
	// PutObject stores body under key. The body is read once to compute its
	// Content-MD5 (unless opts.ContentMD5 is set) and rewound for sending
	// and for retries, hence io.ReadSeeker. With opts.ForbidOverwrite an
	// existing object yields ErrAlreadyExists; a body that does not match
	// opts.ContentMD5 yields ErrInvalidArgument.
	PutObject(ctx context.Context, bucket Bucket, key Key, body io.ReadSeeker, opts PutOptions) (PutResult, error)
}

// ObjectCopier copies objects within the store.
type ObjectCopier interface {
	// CopyObject copies src/srcKey to dst/dstKey server-side. A missing
	// source yields ErrNotFound; with opts.ForbidOverwrite an existing
	// target yields ErrAlreadyExists.
	CopyObject(ctx context.Context, src Bucket, srcKey Key, dst Bucket, dstKey Key, opts CopyOptions) (PutResult, error)
}

// ObjectDeleter deletes objects.
type ObjectDeleter interface {
	// DeleteObject removes key. Deleting a missing key succeeds, as in OSS.
	DeleteObject(ctx context.Context, bucket Bucket, key Key) error
}

// PageLister lists one page of objects (ListObjectsV2).
type PageLister interface {
	// ListObjects returns one page. opts.MaxKeys outside 0..1000 yields
	// ErrInvalidArgument; a missing bucket yields ErrNotFound.
	ListObjects(ctx context.Context, bucket Bucket, opts ListOptions) (ListPage, error)
}

// Lister lists objects page by page or as a stream.
type Lister interface {
	PageLister
	// Objects yields every object under prefix exactly once, in key order,
	// fetching pages as the loop advances. A failed page is yielded as a
	// non-nil error, after which the sequence ends.
	Objects(ctx context.Context, bucket Bucket, prefix string) iter.Seq2[ObjectInfo, error]
}

// VersionLister lists object versions and delete markers (ListObjectVersions).
type VersionLister interface {
	// ListObjectVersions returns one page; errors as for ListObjects.
	ListObjectVersions(ctx context.Context, bucket Bucket, opts VersionListOptions) (VersionPage, error)
}

// UploadLister lists unfinished multipart uploads (ListMultipartUploads).
type UploadLister interface {
	// ListMultipartUploads returns one page; errors as for ListObjects.
	ListMultipartUploads(ctx context.Context, bucket Bucket, opts UploadListOptions) (UploadPage, error)
}

// BucketInspector reads bucket configuration and statistics for audits.
type BucketInspector interface {
	// GetBucketLifecycle returns the bucket's lifecycle rules as configured;
	// a bucket without rules returns no rules and a nil error.
	GetBucketLifecycle(ctx context.Context, bucket Bucket) ([]LifecycleRule, error)
	// GetBucketVersioning returns the versioning state (VersioningOff when
	// versioning was never enabled).
	GetBucketVersioning(ctx context.Context, bucket Bucket) (Versioning, error)
	// GetBucketStat returns the store's (lagging, not real-time) usage counters.
	GetBucketStat(ctx context.Context, bucket Bucket) (BucketStat, error)
	// ListBucketInventory returns every inventory configuration, all pages.
	ListBucketInventory(ctx context.Context, bucket Bucket) ([]InventoryConfig, error)
}

// Store is the object-level surface pkg/osskit/osstest checks: what the
// upload, thumbnail and audit functions need to read and write objects.
type Store interface {
	ObjectGetter
	ObjectHeader
	ObjectPutter
	ObjectCopier
	ObjectDeleter
	Lister
}
