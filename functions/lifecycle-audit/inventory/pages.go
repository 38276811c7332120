package inventory

import (
	"context"
	"fmt"
	"strings"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// scanPrefix lists every object (or version) under prefix into a, page
// by page; a prefix ending in exactMark lists only keys directly under it.
func scanPrefix(ctx context.Context, l Listers, bucket osskit.Bucket, prefix string, versions bool, a *Aggregator) error {
	delim := ""
	if p, ok := strings.CutSuffix(prefix, exactMark); ok {
		prefix, delim = p, "/"
	}
	if versions {
		return scanVersions(ctx, l.Versions, bucket, prefix, delim, a)
	}
	opts := osskit.ListOptions{Prefix: prefix, Delimiter: delim, MaxKeys: osskit.MaxListKeys}
	for {
		page, err := l.Objects.ListObjects(ctx, bucket, opts)
		if err != nil {
			return fmt.Errorf("list objects %s/%s: %w", bucket, prefix, err)
		}
		for i := range page.Objects {
			a.AddObject(&page.Objects[i])
		}
		if !page.IsTruncated {
			return nil
		}
		if page.NextContinuationToken == "" || page.NextContinuationToken == opts.ContinuationToken {
			return stuck("ListObjects", bucket)
		}
		opts.ContinuationToken = page.NextContinuationToken
	}
}

func scanVersions(ctx context.Context, l osskit.VersionLister, bucket osskit.Bucket, prefix, delim string, a *Aggregator) error {
	if l == nil {
		return &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ListObjectVersions", Bucket: bucket.String(), Err: fmt.Errorf("no version lister configured")}
	}
	opts := osskit.VersionListOptions{Prefix: prefix, Delimiter: delim, MaxKeys: osskit.MaxListKeys}
	for {
		page, err := l.ListObjectVersions(ctx, bucket, opts)
		if err != nil {
			return fmt.Errorf("list versions %s/%s: %w", bucket, prefix, err)
		}
		for i := range page.Versions {
			a.AddVersion(&page.Versions[i])
		}
		if !page.IsTruncated {
			return nil
		}
		if page.NextKeyMarker == opts.KeyMarker && page.NextVersionIDMarker == opts.VersionIDMarker {
			return stuck("ListObjectVersions", bucket)
		}
		opts.KeyMarker, opts.VersionIDMarker = page.NextKeyMarker, page.NextVersionIDMarker
	}
}

func scanUploads(ctx context.Context, l Listers, bucket osskit.Bucket, prefix string, a *Aggregator) error {
	opts := osskit.UploadListOptions{Prefix: prefix, MaxUploads: osskit.MaxListKeys}
	for {
		page, err := l.Uploads.ListMultipartUploads(ctx, bucket, opts)
		if err != nil {
			return fmt.Errorf("list multipart uploads %s/%s: %w", bucket, prefix, err)
		}
		for _, u := range page.Uploads {
			n, known := int64(0), false
			if l.Parts != nil {
				if b, err := l.Parts.UploadedBytes(ctx, bucket, u.Key, u.UploadID); err == nil {
					n, known = b, true
				}
			}
			a.AddUpload(u, n, known)
		}
		if !page.IsTruncated {
			return nil
		}
		if page.NextKeyMarker == opts.KeyMarker && page.NextUploadIDMarker == opts.UploadIDMarker {
			return stuck("ListMultipartUploads", bucket)
		}
		opts.KeyMarker, opts.UploadIDMarker = page.NextKeyMarker, page.NextUploadIDMarker
	}
}

// stuck reports a store that says "more" without moving on; looping would
// never end.
func stuck(op string, bucket osskit.Bucket) error {
	return &osskit.Error{Kind: osskit.ErrUnavailable, Op: op, Bucket: bucket.String(), Err: fmt.Errorf("truncated page without a new marker")}
}
