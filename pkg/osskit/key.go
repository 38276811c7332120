package osskit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxKeyLen is the longest object key OSS accepts, in bytes.
const MaxKeyLen = 1023

// Key is an object key that satisfies the OSS rules: 1 to 1023 bytes of
// valid UTF-8, not starting with "/" or "\", and free of control characters
// (https://www.alibabacloud.com/help/en/oss/user-guide/object-naming-conventions).
// The zero Key is invalid; build one with NewKey or GeneratedKey.
type Key struct{ name string }

// NewKey validates a key that came from outside (an event, a request) and
// returns it as a Key. A key that breaks the OSS rules returns an *Error of
// kind ErrInvalidArgument saying which rule.
func NewKey(s string) (Key, error) {
	if err := checkKey(s); err != nil {
		return Key{}, &Error{Kind: ErrInvalidArgument, Op: "NewKey", Err: err}
	}
	return Key{name: s}, nil
}

// GeneratedKey joins segments with "/" into a key ossflow itself writes, and
// validates it with ValidateGenerated. Generated keys are stricter than OSS
// requires so that a value spliced into a key (a user id, a file name) can
// never climb out of its prefix or collide with a "directory" placeholder.
// Errors are *Error of kind ErrInvalidArgument.
func GeneratedKey(segments ...string) (Key, error) {
	s := strings.Join(segments, "/")
	if err := ValidateGenerated(s); err != nil {
		return Key{}, err
	}
	return Key{name: s}, nil
}

// ValidateGenerated checks s against the OSS key rules and additionally
// rejects empty segments (leading, trailing or doubled "/"), "." and ".."
// segments, and backslashes. It returns nil or an *Error of kind
// ErrInvalidArgument.
func ValidateGenerated(s string) error {
	err := checkKey(s)
	if err == nil {
		err = checkSegments(s)
	}
	if err != nil {
		return &Error{Kind: ErrInvalidArgument, Op: "GeneratedKey", Err: err}
	}
	return nil
}

// String returns the key.
func (k Key) String() string { return k.name }

// IsZero reports whether k is the zero (unset, invalid) Key.
func (k Key) IsZero() bool { return k.name == "" }

func checkKey(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("object key is empty")
	case len(s) > MaxKeyLen:
		return fmt.Errorf("object key is %d bytes; the limit is %d", len(s), MaxKeyLen)
	case !utf8.ValidString(s):
		return fmt.Errorf("object key is not valid UTF-8")
	case s[0] == '/' || s[0] == '\\':
		return fmt.Errorf("object key must not start with %q", s[0])
	}
	for i, r := range s {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("object key has control character %U at byte %d", r, i)
		}
	}
	return nil
}

func checkSegments(s string) error {
	if strings.ContainsRune(s, '\\') {
		return fmt.Errorf("generated key must not contain a backslash")
	}
	for i, seg := range strings.Split(s, "/") {
		switch seg {
		case "":
			return fmt.Errorf("generated key has an empty segment at position %d", i)
		case ".", "..":
			return fmt.Errorf("generated key has a %q segment at position %d", seg, i)
		}
	}
	return nil
}
