package osskit

import "fmt"

// Bucket is a bucket name that satisfies the OSS naming rules: 3 to 63
// characters, lowercase letters, digits and hyphens only, not starting or
// ending with a hyphen (https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions).
// The zero Bucket is invalid; build one with NewBucket.
type Bucket struct{ name string }

// NewBucket validates name and returns it as a Bucket. A name that breaks the
// OSS rules returns an *Error of kind ErrInvalidArgument saying which rule.
func NewBucket(name string) (Bucket, error) {
	if err := checkBucket(name); err != nil {
		return Bucket{}, &Error{Kind: ErrInvalidArgument, Op: "NewBucket", Err: err}
	}
	return Bucket{name: name}, nil
}

// String returns the bucket name.
func (b Bucket) String() string { return b.name }

// IsZero reports whether b is the zero (unset, invalid) Bucket.
func (b Bucket) IsZero() bool { return b.name == "" }

func checkBucket(name string) error {
	if n := len(name); n < 3 || n > 63 {
		return fmt.Errorf("bucket name must be 3-63 characters, got %d", n)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return fmt.Errorf("bucket name %q: character %q at %d is not a lowercase letter, digit or hyphen", name, c, i)
		}
	}
	if name[0] == '-' || name[len(name)-1] == '-' {
		return fmt.Errorf("bucket name %q must not start or end with a hyphen", name)
	}
	return nil
}
