package ossclient

import (
	"context"
	"iter"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// ListObjects implements osskit.PageLister with ListObjectsV2. Keys come
// back URL-decoded (the SDK asks for encoding-type=url so that keys with
// control-like bytes survive XML, and decodes them).
func (c *Client) ListObjects(ctx context.Context, bucket osskit.Bucket, opts osskit.ListOptions) (osskit.ListPage, error) {
	const op = "ListObjects"
	b, _, err := names(op, bucket, nil)
	if err == nil {
		err = osskit.CheckPageSize(op, opts.MaxKeys)
	}
	if err != nil {
		return osskit.ListPage{}, err
	}
	res, err := c.sdk.ListObjectsV2(ctx, &oss.ListObjectsV2Request{
		Bucket: &b, Prefix: optional(opts.Prefix), Delimiter: optional(opts.Delimiter),
		StartAfter: optional(opts.StartAfter), ContinuationToken: optional(opts.ContinuationToken),
		MaxKeys: int32(opts.MaxKeys),
	})
	if err != nil {
		return osskit.ListPage{}, mapError(op, b, opts.Prefix, err)
	}
	page := osskit.ListPage{IsTruncated: res.IsTruncated, NextContinuationToken: str(res.NextContinuationToken),
		CommonPrefixes: prefixes(res.CommonPrefixes)}
	for _, o := range res.Contents {
		page.Objects = append(page.Objects, osskit.ObjectInfo{
			Key: str(o.Key), Size: o.Size, ETag: unquote(str(o.ETag)), LastModified: timeOf(o.LastModified),
			StorageClass: storageClass(str(o.StorageClass)), Restore: restoreState(o.RestoreInfo),
			TransitionTime: timeOf(o.TransitionTime), IsLatest: true,
		})
	}
	return page, nil
}

// Objects implements osskit.Lister: every object under prefix, 1000 per request.
func (c *Client) Objects(ctx context.Context, bucket osskit.Bucket, prefix string) iter.Seq2[osskit.ObjectInfo, error] {
	return osskit.ObjectsOf(ctx, c, bucket, prefix)
}

// ListObjectVersions implements osskit.VersionLister. Versions and delete
// markers are returned interleaved in key order (the SDK's IsMix mode), so
// a consumer sees a key's history in one place.
func (c *Client) ListObjectVersions(ctx context.Context, bucket osskit.Bucket, opts osskit.VersionListOptions) (osskit.VersionPage, error) {
	const op = "ListObjectVersions"
	b, _, err := names(op, bucket, nil)
	if err == nil {
		err = osskit.CheckPageSize(op, opts.MaxKeys)
	}
	if err != nil {
		return osskit.VersionPage{}, err
	}
	res, err := c.sdk.ListObjectVersions(ctx, &oss.ListObjectVersionsRequest{
		Bucket: &b, Prefix: optional(opts.Prefix), Delimiter: optional(opts.Delimiter),
		KeyMarker: optional(opts.KeyMarker), VersionIdMarker: optional(opts.VersionIDMarker),
		MaxKeys: int32(opts.MaxKeys), IsMix: true,
	})
	if err != nil {
		return osskit.VersionPage{}, mapError(op, b, opts.Prefix, err)
	}
	page := osskit.VersionPage{IsTruncated: res.IsTruncated, NextKeyMarker: str(res.NextKeyMarker),
		NextVersionIDMarker: str(res.NextVersionIdMarker), CommonPrefixes: prefixes(res.CommonPrefixes)}
	for _, v := range res.ObjectVersionsDeleteMarkers {
		page.Versions = append(page.Versions, osskit.ObjectInfo{
			Key: str(v.Key), VersionID: str(v.VersionId), IsLatest: v.IsLatest, DeleteMarker: v.IsDeleteMarker(),
			LastModified: timeOf(v.LastModified), Size: v.Size, ETag: unquote(str(v.ETag)),
			StorageClass: storageClass(str(v.StorageClass)), Restore: restoreState(v.RestoreInfo),
			TransitionTime: timeOf(v.TransitionTime),
		})
	}
	return page, nil
}

// ListMultipartUploads implements osskit.UploadLister.
func (c *Client) ListMultipartUploads(ctx context.Context, bucket osskit.Bucket, opts osskit.UploadListOptions) (osskit.UploadPage, error) {
	const op = "ListMultipartUploads"
	b, _, err := names(op, bucket, nil)
	if err == nil {
		err = osskit.CheckPageSize(op, opts.MaxUploads)
	}
	if err != nil {
		return osskit.UploadPage{}, err
	}
	res, err := c.sdk.ListMultipartUploads(ctx, &oss.ListMultipartUploadsRequest{
		Bucket: &b, Prefix: optional(opts.Prefix), Delimiter: optional(opts.Delimiter),
		KeyMarker: optional(opts.KeyMarker), UploadIdMarker: optional(opts.UploadIDMarker),
		MaxUploads: int32(opts.MaxUploads),
	})
	if err != nil {
		return osskit.UploadPage{}, mapError(op, b, opts.Prefix, err)
	}
	page := osskit.UploadPage{IsTruncated: res.IsTruncated, NextKeyMarker: str(res.NextKeyMarker),
		NextUploadIDMarker: str(res.NextUploadIdMarker)}
	for _, u := range res.Uploads {
		page.Uploads = append(page.Uploads, osskit.Upload{Key: str(u.Key), UploadID: str(u.UploadId), Initiated: timeOf(u.Initiated)})
	}
	return page, nil
}

func prefixes(cps []oss.CommonPrefix) []string {
	var out []string
	for _, p := range cps {
		out = append(out, str(p.Prefix))
	}
	return out
}
