package ossclient

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// GetObject implements osskit.ObjectGetter.
func (c *Client) GetObject(ctx context.Context, bucket osskit.Bucket, key osskit.Key, opts osskit.GetOptions) (io.ReadCloser, osskit.ObjectInfo, error) {
	const op = "GetObject"
	b, k, err := names(op, bucket, &key)
	if err != nil {
		return nil, osskit.ObjectInfo{}, err
	}
	if opts.MaxSize <= 0 {
		return nil, osskit.ObjectInfo{}, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: op, Bucket: b, Key: k,
			Err: fmt.Errorf("GetOptions.MaxSize = %d; want > 0 (osskit.NoSizeLimit for none)", opts.MaxSize)}
	}
	req := &oss.GetObjectRequest{Bucket: &b, Key: &k}
	if r := opts.Range; r != nil {
		if err := r.Validate(); err != nil {
			return nil, osskit.ObjectInfo{}, mapError(op, b, k, err)
		}
		// Standard behaviour makes OSS answer 416 for a range past the end
		// instead of silently returning the whole object.
		req.Range, req.RangeBehavior = oss.Ptr(r.Header()), oss.Ptr("standard")
	}
	res, err := c.sdk.GetObject(ctx, req)
	if err != nil {
		return nil, osskit.ObjectInfo{}, mapError(op, b, k, err)
	}
	info := headerInfo(k, res.ContentLength, res.ETag, res.ContentType, res.StorageClass, res.Restore, res.VersionId, res.Metadata)
	info.LastModified = timeOf(res.LastModified)
	info.CacheControl = res.Headers.Get("Cache-Control")
	if res.ContentRange != nil {
		info.Size = totalFromContentRange(*res.ContentRange, info.Size)
	}
	if res.ContentLength > opts.MaxSize {
		res.Body.Close()
		return nil, osskit.ObjectInfo{}, &osskit.Error{Kind: osskit.ErrTooLarge, Op: op, Bucket: b, Key: k, RequestID: requestID(res.Headers),
			Err: fmt.Errorf("%d bytes exceed the %d-byte cap", res.ContentLength, opts.MaxSize)}
	}
	return &cappedBody{rc: res.Body, left: opts.MaxSize, op: op, bucket: b, key: k}, info, nil
}

// HeadObject implements osskit.ObjectHeader.
func (c *Client) HeadObject(ctx context.Context, bucket osskit.Bucket, key osskit.Key) (osskit.ObjectInfo, error) {
	const op = "HeadObject"
	b, k, err := names(op, bucket, &key)
	if err != nil {
		return osskit.ObjectInfo{}, err
	}
	res, err := c.sdk.HeadObject(ctx, &oss.HeadObjectRequest{Bucket: &b, Key: &k})
	if err != nil {
		return osskit.ObjectInfo{}, mapError(op, b, k, err)
	}
	info := headerInfo(k, res.ContentLength, res.ETag, res.ContentType, res.StorageClass, res.Restore, res.VersionId, res.Metadata)
	info.LastModified = timeOf(res.LastModified)
	info.TransitionTime = timeOf(res.TransitionTime)
	info.CacheControl = str(res.CacheControl)
	return info, nil
}

// PutObject implements osskit.ObjectPutter.
func (c *Client) PutObject(ctx context.Context, bucket osskit.Bucket, key osskit.Key, body io.ReadSeeker, opts osskit.PutOptions) (osskit.PutResult, error) {
	const op = "PutObject"
	b, k, err := names(op, bucket, &key)
	if err != nil {
		return osskit.PutResult{}, err
	}
	if body == nil {
		return osskit.PutResult{}, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: op, Bucket: b, Key: k, Err: constError("nil body")}
	}
	sum := opts.ContentMD5
	if sum == "" {
		if sum, err = contentMD5(body); err != nil {
			return osskit.PutResult{}, &osskit.Error{Op: op, Bucket: b, Key: k, Err: err}
		}
	}
	req := &oss.PutObjectRequest{
		Bucket: &b, Key: &k, Body: body,
		ContentMD5:   &sum,
		ContentType:  optional(opts.ContentType),
		CacheControl: optional(opts.CacheControl),
		Metadata:     opts.Metadata,
		StorageClass: oss.StorageClassType(opts.StorageClass),
	}
	if opts.ForbidOverwrite {
		req.ForbidOverwrite = oss.Ptr("true")
	}
	res, err := c.sdk.PutObject(ctx, req)
	if err != nil {
		return osskit.PutResult{}, mapError(op, b, k, err)
	}
	return osskit.PutResult{ETag: unquote(str(res.ETag)), VersionID: str(res.VersionId)}, nil
}

// CopyObject implements osskit.ObjectCopier.
func (c *Client) CopyObject(ctx context.Context, src osskit.Bucket, srcKey osskit.Key, dst osskit.Bucket, dstKey osskit.Key, opts osskit.CopyOptions) (osskit.PutResult, error) {
	const op = "CopyObject"
	sb, sk, err := names(op, src, &srcKey)
	if err != nil {
		return osskit.PutResult{}, err
	}
	db, dk, err := names(op, dst, &dstKey)
	if err != nil {
		return osskit.PutResult{}, err
	}
	req := &oss.CopyObjectRequest{Bucket: &db, Key: &dk, SourceBucket: &sb, SourceKey: &sk,
		StorageClass: oss.StorageClassType(opts.StorageClass)}
	if opts.ForbidOverwrite {
		req.ForbidOverwrite = oss.Ptr("true")
	}
	if opts.ReplaceMetadata {
		req.MetadataDirective = oss.Ptr("REPLACE")
		req.ContentType, req.CacheControl, req.Metadata = optional(opts.ContentType), optional(opts.CacheControl), opts.Metadata
	}
	res, err := c.sdk.CopyObject(ctx, req)
	if err != nil {
		// Name the source too: a missing source surfaces as NotFound on the copy.
		e := mapError(op, db, dk, err).(*osskit.Error)
		e.Err = fmt.Errorf("copy from %s/%s: %w", sb, sk, e.Err)
		return osskit.PutResult{}, e
	}
	return osskit.PutResult{ETag: unquote(str(res.ETag)), VersionID: str(res.VersionId)}, nil
}

// DeleteObject implements osskit.ObjectDeleter.
func (c *Client) DeleteObject(ctx context.Context, bucket osskit.Bucket, key osskit.Key) error {
	const op = "DeleteObject"
	b, k, err := names(op, bucket, &key)
	if err != nil {
		return err
	}
	_, err = c.sdk.DeleteObject(ctx, &oss.DeleteObjectRequest{Bucket: &b, Key: &k})
	return mapError(op, b, k, err)
}

// contentMD5 hashes body from its current offset and rewinds it.
func contentMD5(body io.ReadSeeker) (string, error) {
	start, err := body.Seek(0, io.SeekCurrent)
	if err != nil {
		return "", fmt.Errorf("body not seekable: %w", err)
	}
	h := md5.New()
	if _, err := io.Copy(h, body); err != nil {
		return "", fmt.Errorf("read body for Content-MD5: %w", err)
	}
	if _, err := body.Seek(start, io.SeekStart); err != nil {
		return "", fmt.Errorf("rewind body: %w", err)
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)), nil
}

func unquote(etag string) string { return strings.Trim(etag, `"`) }
