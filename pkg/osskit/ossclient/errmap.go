package ossclient

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// codeKinds maps OSS error codes to kinds. Codes take precedence over the
// status because OSS reuses statuses: EntityTooLarge and InvalidDigest are
// both 400, FileAlreadyExists is 409. Codes from the OSS error-code
// reference (https://www.alibabacloud.com/help/en/oss/support/http-status-code-4xx).
var codeKinds = map[string]error{
	"NoSuchKey":             osskit.ErrNotFound,
	"NoSuchBucket":          osskit.ErrNotFound,
	"NoSuchVersion":         osskit.ErrNotFound,
	"NoSuchUpload":          osskit.ErrNotFound,
	"NoSuchLifecycle":       osskit.ErrNotFound,
	"NoSuchInventory":       osskit.ErrNotFound,
	"FileAlreadyExists":     osskit.ErrAlreadyExists,
	"PreconditionFailed":    osskit.ErrPreconditionFailed,
	"AccessDenied":          osskit.ErrAccessDenied,
	"SignatureDoesNotMatch": osskit.ErrAccessDenied,
	"InvalidAccessKeyId":    osskit.ErrAccessDenied,
	"SecurityTokenExpired":  osskit.ErrAccessDenied,
	"InvalidSecurityToken":  osskit.ErrAccessDenied,
	"RequestTimeTooSkewed":  osskit.ErrAccessDenied,
	"InvalidArgument":       osskit.ErrInvalidArgument,
	"InvalidDigest":         osskit.ErrInvalidArgument,
	"BadDigest":             osskit.ErrInvalidArgument,
	"InvalidObjectName":     osskit.ErrInvalidArgument,
	"InvalidBucketName":     osskit.ErrInvalidArgument,
	"InvalidRange":          osskit.ErrInvalidArgument,
	"MalformedXML":          osskit.ErrInvalidArgument,
	"EntityTooLarge":        osskit.ErrTooLarge,
	"Throttling":            osskit.ErrThrottled,
	"SlowDown":              osskit.ErrThrottled,
	"QpsLimitExceeded":      osskit.ErrThrottled,
	"ServiceUnavailable":    osskit.ErrUnavailable,
	"InternalError":         osskit.ErrUnavailable,
}

// kindOf classifies an OSS error response by code, then by status.
func kindOf(status int, code string) error {
	if k, ok := codeKinds[code]; ok {
		return k
	}
	switch {
	case status == 404:
		return osskit.ErrNotFound
	case status == 409:
		return osskit.ErrAlreadyExists
	case status == 412 || status == 304:
		return osskit.ErrPreconditionFailed
	case status == 401 || status == 403:
		return osskit.ErrAccessDenied
	case status == 413:
		return osskit.ErrTooLarge
	case status == 429:
		return osskit.ErrThrottled
	case status == 408 || status >= 500:
		return osskit.ErrUnavailable
	case status >= 400:
		return osskit.ErrInvalidArgument
	}
	return nil
}

// mapError turns whatever the SDK returned into an *osskit.Error naming the
// operation, bucket and key. The SDK's own error text is not kept for
// service errors: it embeds the request target and, for unparsable bodies,
// raw response bytes. Only status, OSS code, message and request id survive.
func mapError(op, bucket, key string, err error) error {
	if err == nil {
		return nil
	}
	e := &osskit.Error{Op: op, Bucket: bucket, Key: key}
	var own *osskit.Error
	var se *oss.ServiceError
	var ip oss.InvalidParamError
	var ne net.Error
	switch {
	case errors.As(err, &own):
		e.Kind, e.Code, e.RequestID, e.Err = own.Kind, own.Code, own.RequestID, own.Err
	case errors.As(err, &se):
		e.RequestID = se.RequestID
		if se.Code != "BadErrorResponse" && se.Code != "" {
			e.Code = se.Code
			e.Err = fmt.Errorf("http %d: %s", se.StatusCode, se.Message)
		} else {
			// HEAD responses and some proxies carry no error body.
			e.Err = fmt.Errorf("http %d", se.StatusCode)
		}
		e.Kind = kindOf(se.StatusCode, e.Code)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		e.Kind, e.Err = osskit.ErrUnavailable, contextCause(err)
	case errors.As(err, &ip):
		e.Kind, e.Err = osskit.ErrInvalidArgument, ip
	case errors.As(err, &ne):
		e.Kind, e.Err = osskit.ErrUnavailable, ne
	default:
		e.Err = err
	}
	return e
}

// contextCause keeps errors.Is(err, context.DeadlineExceeded) working
// without the SDK's wrapping text.
func contextCause(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return context.DeadlineExceeded
	}
	return context.Canceled
}
