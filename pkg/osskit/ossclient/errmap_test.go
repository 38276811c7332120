package ossclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		status int
		code   string
		want   error
		fault  fault.Kind
	}{
		{404, "NoSuchKey", osskit.ErrNotFound, fault.NotFound},
		{404, "NoSuchBucket", osskit.ErrNotFound, fault.NotFound},
		{409, "FileAlreadyExists", osskit.ErrAlreadyExists, fault.Conflict},
		{412, "PreconditionFailed", osskit.ErrPreconditionFailed, fault.Conflict},
		{403, "AccessDenied", osskit.ErrAccessDenied, fault.Forbidden},
		{403, "SignatureDoesNotMatch", osskit.ErrAccessDenied, fault.Forbidden},
		{403, "InvalidAccessKeyId", osskit.ErrAccessDenied, fault.Forbidden},
		{400, "InvalidArgument", osskit.ErrInvalidArgument, fault.Invalid},
		{400, "InvalidDigest", osskit.ErrInvalidArgument, fault.Invalid},
		{400, "EntityTooLarge", osskit.ErrTooLarge, fault.TooLarge},
		{429, "Throttling", osskit.ErrThrottled, fault.Unavailable},
		{503, "ServiceUnavailable", osskit.ErrUnavailable, fault.Unavailable},
		{500, "InternalError", osskit.ErrUnavailable, fault.Unavailable},
		{418, "Teapot", osskit.ErrInvalidArgument, fault.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			var calls atomic.Int32
			c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				ossError(w, tt.status, tt.code, "canned "+tt.code)
			}), func(c *Config) { c.MaxAttempts = 1 })
			_, err := c.HeadObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "a/b.txt"))
			if err == nil {
				// HEAD has no body: the code comes from the status alone.
				t.Fatal("HeadObject succeeded")
			}
			_, _, err = c.GetObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "a/b.txt"), osskit.GetOptions{MaxSize: 10})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v; want %v", err, tt.want)
			}
			if got := fault.KindOf(err); got != tt.fault {
				t.Errorf("fault kind = %v; want %v", got, tt.fault)
			}
			var oe *osskit.Error
			if !errors.As(err, &oe) || oe.Code != tt.code || oe.RequestID != "REQ-"+tt.code || oe.Op != "GetObject" ||
				oe.Bucket != "bkt" || oe.Key != "a/b.txt" {
				t.Errorf("error fields = %+v; want code %s, request id, op, bucket, key", oe, tt.code)
			}
			for _, secret := range []string{testSecret, testToken, "deadbeefsignature"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error text leaks %q: %s", secret, err)
				}
			}
		})
	}
}

func TestHeadNotFoundWithoutBody(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
	}))
	_, err := c.HeadObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "missing"))
	if !errors.Is(err, osskit.ErrNotFound) {
		t.Fatalf("HeadObject err = %v; want ErrNotFound", err)
	}
}

func TestZeroNamesRejected(t *testing.T) {
	c := newTestClient(t, http.NotFoundHandler())
	_, err := c.HeadObject(context.Background(), osskit.Bucket{}, mustKey(t, "k"))
	if !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Errorf("zero bucket: err = %v; want ErrInvalidArgument", err)
	}
	_, err = c.ListObjects(context.Background(), mustBucket(t, "bkt"), osskit.ListOptions{MaxKeys: 1001})
	if !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Errorf("max-keys 1001: err = %v; want ErrInvalidArgument", err)
	}
}
