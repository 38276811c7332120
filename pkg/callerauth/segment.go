package callerauth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ossflow/ossflow/pkg/fault"
)

// MaxSegmentBytes is the longest key segment SafeSegment returns. It keeps
// "<prefix>/<segment>/<file>" far below OSS's 1023-byte key limit and the
// session policy below STS's 2048-character cap.
const MaxSegmentBytes = 128

// ErrUnsafeSegment matches every error SafeSegment returns.
var ErrUnsafeSegment = errors.New("identity cannot be a key segment")

// SafeSegment turns an identity into one object-key path segment. Bytes in
// [A-Za-z0-9.@-] are kept; every other byte, including "_" itself, becomes
// "_" and two upper-case hex digits (so "a/b" is "a_2Fb", "x_y" is "x_5Fy").
// Because "_" only ever starts an escape, the mapping is reversible and two
// different identities never share a segment. The result contains no "/",
// "*", "$" or other character with meaning in keys or RAM policies.
// Errors (fault.Invalid, matching ErrUnsafeSegment): empty identity, a
// result of "." or "..", or a result longer than MaxSegmentBytes.
func SafeSegment(sub string) (string, error) {
	if sub == "" {
		return "", segmentError("identity is empty")
	}
	var b strings.Builder
	b.Grow(len(sub))
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(sub); i++ {
		c := sub[i]
		if segmentByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('_')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
		if b.Len() > MaxSegmentBytes {
			break // already refused; stop work on huge input
		}
	}
	seg := b.String()
	switch {
	case seg == "." || seg == "..":
		return "", segmentError("identity is a relative path element")
	case len(seg) > MaxSegmentBytes:
		return "", segmentError(fmt.Sprintf("identity is longer than %d bytes once escaped", MaxSegmentBytes))
	}
	return seg, nil
}

func segmentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '.' || c == '@' || c == '-'
}

func segmentError(public string) error {
	return fault.Wrap(fault.Invalid, public, ErrUnsafeSegment)
}

// STS RoleSessionName bounds (AssumeRole: 2-64 chars of [A-Za-z0-9.@_-]).
const (
	minSessionName = 2
	maxSessionName = 64
	sessionHashHex = 16
)

// SessionName returns an STS RoleSessionName for an identity, so
// ActionTrail shows who used a credential. An identity that already fits
// (2-64 characters of [A-Za-z0-9.@_-]) is used as is; any other is made to
// fit by replacing each other character with "-", cutting it short, and
// appending "-" and 16 hex digits of its SHA-256, which keeps it readable
// and keeps distinct identities apart. Error (fault.Invalid): empty identity.
func SessionName(sub string) (string, error) {
	if sub == "" {
		return "", fault.New(fault.Invalid, "identity is empty")
	}
	if len(sub) >= minSessionName && len(sub) <= maxSessionName && sessionSafe(sub) {
		return sub, nil
	}
	keep := maxSessionName - 1 - sessionHashHex
	var b strings.Builder
	for _, r := range sub {
		if b.Len() == keep {
			break
		}
		if r < utf8.RuneSelf && (segmentByte(byte(r)) || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	sum := sha256.Sum256([]byte(sub))
	b.WriteByte('-')
	b.WriteString(hex.EncodeToString(sum[:])[:sessionHashHex])
	return b.String(), nil
}

func sessionSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !segmentByte(c) && c != '_' {
			return false
		}
	}
	return true
}
