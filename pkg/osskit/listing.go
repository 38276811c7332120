package osskit

import (
	"context"
	"fmt"
	"iter"
	"time"
)

// MaxListKeys is the largest page OSS returns (max-keys, max-uploads).
const MaxListKeys = 1000

// ListOptions selects one ListObjectsV2 page.
type ListOptions struct {
	Prefix string
	// Delimiter groups keys sharing a prefix up to it into CommonPrefixes.
	Delimiter         string
	StartAfter        string
	ContinuationToken string
	// MaxKeys is the page size, 1..1000; 0 means the store's default (100 on OSS).
	MaxKeys int
}

// ListPage is one ListObjectsV2 page.
type ListPage struct {
	Objects        []ObjectInfo
	CommonPrefixes []string
	// IsTruncated is true when more results follow; pass
	// NextContinuationToken to get them.
	IsTruncated           bool
	NextContinuationToken string
}

// VersionListOptions selects one ListObjectVersions page.
type VersionListOptions struct {
	Prefix          string
	Delimiter       string
	KeyMarker       string
	VersionIDMarker string
	// MaxKeys is the page size, 1..1000; 0 means the store's default.
	MaxKeys int
}

// VersionPage is one ListObjectVersions page. Versions holds versions and
// delete markers (DeleteMarker set) in the store's order.
type VersionPage struct {
	Versions            []ObjectInfo
	CommonPrefixes      []string
	IsTruncated         bool
	NextKeyMarker       string
	NextVersionIDMarker string
}

// UploadListOptions selects one ListMultipartUploads page.
type UploadListOptions struct {
	Prefix         string
	Delimiter      string
	KeyMarker      string
	UploadIDMarker string
	// MaxUploads is the page size, 1..1000; 0 means the store's default (1000).
	MaxUploads int
}

// Upload is an unfinished multipart upload. OSS does not report its size;
// parts must be listed for that.
type Upload struct {
	Key       string
	UploadID  string
	Initiated time.Time
}

// UploadPage is one ListMultipartUploads page.
type UploadPage struct {
	Uploads            []Upload
	CommonPrefixes     []string
	IsTruncated        bool
	NextKeyMarker      string
	NextUploadIDMarker string
}

// CheckPageSize returns an *Error of kind ErrInvalidArgument when n is not
// a page size OSS accepts (0 for the default, or 1..1000).
func CheckPageSize(op string, n int) error {
	if n < 0 || n > MaxListKeys {
		return &Error{Kind: ErrInvalidArgument, Op: op, Err: fmt.Errorf("page size %d; want 1..%d, or 0 for the default", n, MaxListKeys)}
	}
	return nil
}

// ObjectsOf streams every object under prefix from l, page by page, for
// implementations of Lister.Objects. The sequence ends after the last page,
// after the first error (yielded with a zero ObjectInfo), or when the
// consumer stops. A store that reports a truncated page without a token
// would loop forever; that is reported as an error instead.
func ObjectsOf(ctx context.Context, l PageLister, bucket Bucket, prefix string) iter.Seq2[ObjectInfo, error] {
	return func(yield func(ObjectInfo, error) bool) {
		opts := ListOptions{Prefix: prefix, MaxKeys: MaxListKeys}
		for {
			page, err := l.ListObjects(ctx, bucket, opts)
			if err != nil {
				yield(ObjectInfo{}, err)
				return
			}
			for _, o := range page.Objects {
				if !yield(o, nil) {
					return
				}
			}
			if !page.IsTruncated {
				return
			}
			if page.NextContinuationToken == "" || page.NextContinuationToken == opts.ContinuationToken {
				yield(ObjectInfo{}, &Error{Kind: ErrUnavailable, Op: "ListObjects", Bucket: bucket.String(),
					Err: fmt.Errorf("truncated page without a new continuation token")})
				return
			}
			opts.ContinuationToken = page.NextContinuationToken
		}
	}
}
