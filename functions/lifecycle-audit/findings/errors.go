package findings

import (
	"errors"
	"fmt"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Unreadable is the finding for a bucket the audit could not list: the
// audit goes on with the next bucket instead of failing. The message keeps
// the store's error kind and code (osskit errors carry no credentials).
func Unreadable(bucket string, err error) Finding {
	return Finding{Code: BucketUnreadable, Severity: High,
		Message:        fmt.Sprintf("bucket %s could not be read: %v", bucket, err),
		Evidence:       map[string]any{"kind": kindOf(err)},
		Recommendation: "grant the audit role oss:ListObjects, oss:ListObjectVersions, oss:ListMultipartUploads, oss:GetBucketLifecycle, oss:GetBucketVersioning and oss:GetBucketStat on the bucket"}
}

// Failed is the finding for one check that could not run (a lifecycle or
// versioning read that failed); the rest of the report stands.
func Failed(check string, err error) Finding {
	return Finding{Code: CheckFailed, Severity: Info,
		Message:  fmt.Sprintf("%s could not be read, so its checks were skipped: %v", check, err),
		Evidence: map[string]any{"check": check, "kind": kindOf(err)}}
}

func kindOf(err error) string {
	for _, k := range []error{osskit.ErrAccessDenied, osskit.ErrNotFound, osskit.ErrThrottled, osskit.ErrUnavailable, osskit.ErrInvalidArgument} {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	return "failed"
}
