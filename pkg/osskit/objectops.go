package osskit

import (
	"fmt"
	"math"
)

// NoSizeLimit as GetOptions.MaxSize accepts an object of any size.
const NoSizeLimit int64 = math.MaxInt64

// GetOptions tunes GetObject.
type GetOptions struct {
	// MaxSize is the most bytes the caller accepts (the range's length when
	// Range is set). It must be positive: a cap is required so that no
	// caller reads an unbounded object into memory by accident; pass
	// NoSizeLimit to opt out.
	MaxSize int64
	// Range, when non-nil, asks for part of the object.
	Range *ByteRange
}

// ByteRange is an inclusive byte range, as in an HTTP Range header.
type ByteRange struct {
	Start int64
	// End is the last byte wanted, inclusive; -1 means "to the end".
	End int64
}

// Validate returns an *Error of kind ErrInvalidArgument when r cannot be
// sent: a negative start, or an end before the start.
func (r ByteRange) Validate() error {
	if r.Start < 0 || (r.End != -1 && r.End < r.Start) {
		return &Error{Kind: ErrInvalidArgument, Op: "ByteRange", Err: fmt.Errorf("invalid byte range %d-%d", r.Start, r.End)}
	}
	return nil
}

// Header returns r as an HTTP Range header value, e.g. "bytes=0-99".
func (r ByteRange) Header() string {
	if r.End == -1 {
		return fmt.Sprintf("bytes=%d-", r.Start)
	}
	return fmt.Sprintf("bytes=%d-%d", r.Start, r.End)
}

// PutOptions tunes PutObject.
type PutOptions struct {
	ContentType  string
	CacheControl string
	// Metadata is stored as x-oss-meta-* headers; names are case-insensitive
	// and come back in lower case.
	Metadata map[string]string
	// ForbidOverwrite makes the put fail with ErrAlreadyExists when the key
	// exists (x-oss-forbid-overwrite: true).
	ForbidOverwrite bool
	// StorageClass; empty means the bucket's default.
	StorageClass StorageClass
	// ContentMD5 is the base64 MD5 the body must have; when empty the
	// adapter computes it. Set it to pass on a digest a client supplied,
	// so the store rejects a body damaged on the way.
	ContentMD5 string
}

// CopyOptions tunes CopyObject.
type CopyOptions struct {
	// ForbidOverwrite makes the copy fail with ErrAlreadyExists when the
	// target exists.
	ForbidOverwrite bool
	// StorageClass of the copy; empty means the bucket's default.
	StorageClass StorageClass
	// ReplaceMetadata replaces the source's metadata, content type and
	// cache control with the fields below; otherwise they are copied.
	ReplaceMetadata bool
	ContentType     string
	CacheControl    string
	Metadata        map[string]string
}

// PutResult is what a write returns.
type PutResult struct {
	// ETag without quotes; for a simple put it is the body's MD5 in upper-case hex.
	ETag      string
	VersionID string
}
