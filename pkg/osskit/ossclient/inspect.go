package ossclient

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// GetBucketLifecycle implements osskit.BucketInspector. OSS answers a bucket
// without rules with 404 NoSuchLifecycle; that is returned as no rules.
func (c *Client) GetBucketLifecycle(ctx context.Context, bucket osskit.Bucket) ([]osskit.LifecycleRule, error) {
	const op = "GetBucketLifecycle"
	b, _, err := names(op, bucket, nil)
	if err != nil {
		return nil, err
	}
	res, err := c.sdk.GetBucketLifecycle(ctx, &oss.GetBucketLifecycleRequest{Bucket: &b})
	var se *oss.ServiceError
	if errors.As(err, &se) && se.Code == "NoSuchLifecycle" {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(op, b, "", err)
	}
	if res.LifecycleConfiguration == nil {
		return nil, nil
	}
	rules := make([]osskit.LifecycleRule, 0, len(res.LifecycleConfiguration.Rules))
	for _, r := range res.LifecycleConfiguration.Rules {
		rule, err := lifecycleRule(r)
		if err != nil {
			// OSS sent something we cannot model: a bug on one side, not bad input.
			return nil, &osskit.Error{Op: op, Bucket: b, RequestID: requestID(res.Headers), Err: err}
		}
		rules = append(rules, rule)
	}
	return rules, nil
}

// GetBucketVersioning implements osskit.BucketInspector.
func (c *Client) GetBucketVersioning(ctx context.Context, bucket osskit.Bucket) (osskit.Versioning, error) {
	const op = "GetBucketVersioning"
	b, _, err := names(op, bucket, nil)
	if err != nil {
		return "", err
	}
	res, err := c.sdk.GetBucketVersioning(ctx, &oss.GetBucketVersioningRequest{Bucket: &b})
	if err != nil {
		return "", mapError(op, b, "", err)
	}
	return osskit.Versioning(str(res.VersionStatus)), nil
}

// GetBucketStat implements osskit.BucketInspector.
func (c *Client) GetBucketStat(ctx context.Context, bucket osskit.Bucket) (osskit.BucketStat, error) {
	const op = "GetBucketStat"
	b, _, err := names(op, bucket, nil)
	if err != nil {
		return osskit.BucketStat{}, err
	}
	r, err := c.sdk.GetBucketStat(ctx, &oss.GetBucketStatRequest{Bucket: &b})
	if err != nil {
		return osskit.BucketStat{}, mapError(op, b, "", err)
	}
	return osskit.BucketStat{
		StorageBytes: r.Storage, ObjectCount: r.ObjectCount, MultipartUploadCount: r.MultipartUploadCount,
		MultipartPartCount: r.MultipartPartCount, DeleteMarkerCount: r.DeleteMarkerCount,
		LastModified: time.Unix(r.LastModifiedTime, 0).UTC(),
		Classes: map[osskit.StorageClass]osskit.ClassStat{
			osskit.Standard:        {ObjectCount: r.StandardObjectCount, BilledBytes: r.StandardStorage, RealBytes: r.StandardStorage},
			osskit.IA:              {ObjectCount: r.InfrequentAccessObjectCount, BilledBytes: r.InfrequentAccessStorage, RealBytes: r.InfrequentAccessRealStorage},
			osskit.Archive:         {ObjectCount: r.ArchiveObjectCount, BilledBytes: r.ArchiveStorage, RealBytes: r.ArchiveRealStorage},
			osskit.ColdArchive:     {ObjectCount: r.ColdArchiveObjectCount, BilledBytes: r.ColdArchiveStorage, RealBytes: r.ColdArchiveRealStorage},
			osskit.DeepColdArchive: {ObjectCount: r.DeepColdArchiveObjectCount, BilledBytes: r.DeepColdArchiveStorage, RealBytes: r.DeepColdArchiveRealStorage},
		},
	}, nil
}

// ListBucketInventory implements osskit.BucketInspector, following
// continuation tokens until the last page.
func (c *Client) ListBucketInventory(ctx context.Context, bucket osskit.Bucket) ([]osskit.InventoryConfig, error) {
	const op = "ListBucketInventory"
	b, _, err := names(op, bucket, nil)
	if err != nil {
		return nil, err
	}
	var out []osskit.InventoryConfig
	var token *string
	for {
		res, err := c.sdk.ListBucketInventory(ctx, &oss.ListBucketInventoryRequest{Bucket: &b, ContinuationToken: token})
		var se *oss.ServiceError
		if errors.As(err, &se) && se.Code == "NoSuchInventory" {
			return out, nil
		}
		if err != nil {
			return nil, mapError(op, b, "", err)
		}
		page := res.ListInventoryConfigurationsResult
		if page == nil {
			return out, nil
		}
		for _, ic := range page.InventoryConfigurations {
			out = append(out, inventoryConfig(ic))
		}
		next := str(page.NextContinuationToken)
		if page.IsTruncated == nil || !*page.IsTruncated || next == "" || next == str(token) {
			return out, nil
		}
		token = &next
	}
}

func inventoryConfig(ic oss.InventoryConfiguration) osskit.InventoryConfig {
	out := osskit.InventoryConfig{ID: str(ic.Id), IncludedVersions: str(ic.IncludedObjectVersions)}
	if ic.IsEnabled != nil {
		out.Enabled = *ic.IsEnabled
	}
	if f := ic.Filter; f != nil {
		out.Prefix = str(f.Prefix)
		out.LastModifiedAfter, out.LastModifiedBefore = unixOf(f.LastModifyBeginTimeStamp), unixOf(f.LastModifyEndTimeStamp)
		out.MinSize, out.MaxSize = deref(f.LowerSizeBound), deref(f.UpperSizeBound)
		for _, s := range strings.Split(str(f.StorageClass), ",") {
			if s = strings.TrimSpace(s); s != "" {
				out.StorageClassesFilter = append(out.StorageClassesFilter, storageClass(s))
			}
		}
	}
	if ic.Destination != nil && ic.Destination.OSSBucketDestination != nil {
		d := ic.Destination.OSSBucketDestination
		out.Destination = osskit.InventoryDestination{
			Bucket: strings.TrimPrefix(str(d.Bucket), "acs:oss:::"), Prefix: str(d.Prefix),
			Format: string(d.Format), AccountID: str(d.AccountId), RoleARN: str(d.RoleArn),
		}
		if e := d.Encryption; e != nil {
			switch {
			case e.SseKms != nil:
				out.Destination.Encryption = "SSE-KMS"
			case e.SseOss != nil:
				out.Destination.Encryption = "SSE-OSS"
			}
		}
	}
	if ic.Schedule != nil {
		out.Frequency = string(ic.Schedule.Frequency)
	}
	if ic.OptionalFields != nil {
		for _, f := range ic.OptionalFields.Fields {
			out.OptionalFields = append(out.OptionalFields, string(f))
		}
	}
	return out
}

func unixOf(p *int64) time.Time {
	if p == nil || *p == 0 {
		return time.Time{}
	}
	return time.Unix(*p, 0).UTC()
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
