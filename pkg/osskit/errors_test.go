package osskit

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

func TestErrorKinds(t *testing.T) {
	tests := []struct {
		kind   error
		fault  fault.Kind
		status int
	}{
		{ErrNotFound, fault.NotFound, http.StatusNotFound},
		{ErrAlreadyExists, fault.Conflict, http.StatusConflict},
		{ErrPreconditionFailed, fault.Conflict, http.StatusConflict},
		{ErrAccessDenied, fault.Forbidden, http.StatusForbidden},
		{ErrInvalidArgument, fault.Invalid, http.StatusBadRequest},
		{ErrTooLarge, fault.TooLarge, http.StatusRequestEntityTooLarge},
		{ErrThrottled, fault.Unavailable, http.StatusServiceUnavailable},
		{ErrUnavailable, fault.Unavailable, http.StatusServiceUnavailable},
		{nil, fault.Internal, http.StatusInternalServerError},
	}
	for _, tt := range tests {
		// Wrapped the way use cases wrap: the kind must survive.
		err := fmt.Errorf("make thumbnail: %w", &Error{Kind: tt.kind, Op: "GetObject", Bucket: "b", Key: "k"})
		if tt.kind != nil && !errors.Is(err, tt.kind) {
			t.Errorf("errors.Is(%v, %v) = false", err, tt.kind)
		}
		if got := fault.KindOf(err); got != tt.fault {
			t.Errorf("fault.KindOf(%v) = %v; want %v", tt.kind, got, tt.fault)
		}
		if got := fault.HTTPStatus(err); got != tt.status {
			t.Errorf("%v: status = %d; want %d", tt.kind, got, tt.status)
		}
	}
}

func TestAlreadyExistsIsPreconditionFailed(t *testing.T) {
	err := &Error{Kind: ErrAlreadyExists}
	if !errors.Is(err, ErrPreconditionFailed) {
		t.Error("ErrAlreadyExists does not match ErrPreconditionFailed")
	}
	if errors.Is(&Error{Kind: ErrPreconditionFailed}, ErrAlreadyExists) {
		t.Error("ErrPreconditionFailed matches ErrAlreadyExists")
	}
	if errors.Is(err, ErrNotFound) {
		t.Error("ErrAlreadyExists matches ErrNotFound")
	}
}

func TestErrorText(t *testing.T) {
	err := &Error{Kind: ErrNotFound, Code: "NoSuchKey", Op: "GetObject", Bucket: "photos", Key: "a/b.jpg",
		RequestID: "5C3D9175B6FC201293AD4890", Err: errors.New("http 404: The specified key does not exist.")}
	want := "GetObject photos/a/b.jpg: not found (NoSuchKey): http 404: The specified key does not exist. [request 5C3D9175B6FC201293AD4890]"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
	if !strings.HasPrefix((&Error{Op: "ListObjects"}).Error(), "ListObjects: failed") {
		t.Errorf("kindless error text = %q", (&Error{Op: "ListObjects"}).Error())
	}
}

func TestRetryable(t *testing.T) {
	for kind, want := range map[error]bool{ErrThrottled: true, ErrUnavailable: true, ErrNotFound: false, ErrAccessDenied: false} {
		if got := Retryable(&Error{Kind: kind}); got != want {
			t.Errorf("Retryable(%v) = %v; want %v", kind, got, want)
		}
	}
}
