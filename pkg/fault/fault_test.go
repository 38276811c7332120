package fault

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

type kindedErr struct{ k Kind }

func (e kindedErr) Error() string   { return "kinded" }
func (e kindedErr) FaultKind() Kind { return e.k }

func TestHTTPMapping(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		status  int
		message string
	}{
		{"invalid with public text", New(Invalid, "filename is required"), 400, "filename is required"},
		{"unauthorized default text", Wrap(Unauthorized, "", errors.New("jwt: signature mismatch for kid k1")), 401, "authentication required"},
		{"forbidden wrapped by fmt", fmt.Errorf("mint for u1: %w", New(Forbidden, "profile not allowed")), 403, "profile not allowed"},
		{"not found", New(NotFound, "no such object"), 404, "no such object"},
		{"too large", Newf(TooLarge, "size must be at most %d bytes", 10), 413, "size must be at most 10 bytes"},
		{"conflict", New(Conflict, "already exists"), 409, "already exists"},
		{"unavailable from deadline", fmt.Errorf("assume role: %w", context.DeadlineExceeded), 503, "service unavailable, try again"},
		{"foreign kinded error", fmt.Errorf("get: %w", kindedErr{NotFound}), 404, "not found"},
		{"internal hides its text", Wrap(Internal, "db password is hunter2", errors.New("boom")), 500, "internal error"},
		{"unclassified is internal", errors.New("secret detail"), 500, "internal error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := HTTPStatus(c.err); got != c.status {
				t.Errorf("status = %d; want %d", got, c.status)
			}
			if got := PublicMessage(c.err); got != c.message {
				t.Errorf("message = %q; want %q", got, c.message)
			}
		})
	}
}

func TestEveryKindHasAStatus(t *testing.T) {
	for k := Internal; k <= Unavailable; k++ {
		m, ok := httpTable[k]
		if !ok || m.status < 400 || m.message == "" {
			t.Errorf("kind %s: mapping %+v; want a 4xx/5xx status and a message", k, m)
		}
		if k.String() == "" || k.String()[0] == 'k' {
			t.Errorf("kind %d has no name", int(k))
		}
	}
	if got := HTTPStatus(New(TooLarge, "x")); got != http.StatusRequestEntityTooLarge {
		t.Errorf("TooLarge status = %d; want 413", got)
	}
}

func TestDisposition(t *testing.T) {
	for _, c := range []struct {
		err  error
		want Disposition
	}{
		{New(Invalid, "not an image"), Drop},
		{New(NotFound, "gone"), Drop},
		{New(TooLarge, "too big"), Drop},
		{New(Forbidden, "denied"), Drop},
		{New(Conflict, "exists"), Drop},
		{Wrap(Unavailable, "", errors.New("503")), Retry},
		{context.DeadlineExceeded, Retry},
		{errors.New("unexpected"), Retry},
	} {
		if got := DispositionOf(c.err); got != c.want {
			t.Errorf("DispositionOf(%v) = %d; want %d", c.err, got, c.want)
		}
	}
}

func TestWrapKeepsChain(t *testing.T) {
	base := errors.New("io: read timeout")
	err := fmt.Errorf("get %s/%s: %w", "b", "k", Wrap(Unavailable, "storage unavailable", base))
	if !errors.Is(err, base) {
		t.Error("errors.Is lost the wrapped cause")
	}
	if !Is(err, Unavailable) || Is(err, Internal) {
		t.Errorf("Is: kind = %s; want unavailable", KindOf(err))
	}
	if Wrap(Invalid, "", nil) != nil {
		t.Error("Wrap of nothing should be nil")
	}
}
