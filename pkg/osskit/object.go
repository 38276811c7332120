package osskit

import (
	"fmt"
	"strings"
	"time"
)

// ObjectInfo describes one object or object version as the store reports it.
// Listing fills fewer fields than HeadObject: user metadata and content type
// are only known from Head/Get.
type ObjectInfo struct {
	// Key is the key exactly as the store returned it.
	Key  string
	Size int64
	// ETag is the entity tag without surrounding quotes.
	ETag         string
	LastModified time.Time
	StorageClass StorageClass
	// Restore is the restore state of an archived object; nil when no
	// restore was ever requested.
	Restore *RestoreState
	// TransitionTime is when lifecycle moved the object into Cold or Deep
	// Cold Archive; zero when it did not.
	TransitionTime time.Time
	// VersionID is empty in unversioned buckets.
	VersionID string
	// IsLatest is true for the current version (always true when listing
	// without versions).
	IsLatest bool
	// DeleteMarker is true for a delete marker in a version listing.
	DeleteMarker bool
	// Metadata holds user metadata (x-oss-meta-*), names in lower case.
	Metadata     map[string]string
	ContentType  string
	CacheControl string
}

// RestoreState is the restore progress of an archived object, parsed from
// the x-oss-restore header or the listing's RestoreInfo element.
type RestoreState struct {
	// Ongoing is true while the restore runs.
	Ongoing bool
	// ExpiresAt is when the restored copy goes away; zero while Ongoing.
	ExpiresAt time.Time
}

// Readable reports whether a restored copy can be read at now.
func (r RestoreState) Readable(now time.Time) bool {
	return !r.Ongoing && now.Before(r.ExpiresAt)
}

// ParseRestore parses an x-oss-restore value such as
// `ongoing-request="true"` or
// `ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"`
// (forms from the official Go SDK's tests, oss/api_op_bucket_test.go).
// Malformed values return an *Error of kind ErrInvalidArgument.
func ParseRestore(s string) (RestoreState, error) {
	fail := func(format string, args ...any) (RestoreState, error) {
		return RestoreState{}, &Error{Kind: ErrInvalidArgument, Op: "ParseRestore", Err: fmt.Errorf(format, args...)}
	}
	pairs, ok := quotedPairs(s)
	if !ok {
		return fail("restore state %q: want name=\"value\" pairs separated by commas", s)
	}
	var st RestoreState
	seenOngoing := false
	for _, p := range pairs {
		switch strings.ToLower(p[0]) {
		case "ongoing-request":
			switch p[1] {
			case "true":
				st.Ongoing = true
			case "false":
			default:
				return fail("restore state %q: ongoing-request must be true or false", s)
			}
			seenOngoing = true
		case "expiry-date":
			t, err := time.Parse(time.RFC1123, p[1]) // HTTP date, always GMT
			if err != nil {
				return fail("restore state %q: bad expiry-date: %v", s, err)
			}
			st.ExpiresAt = t.UTC()
		}
	}
	if !seenOngoing {
		return fail("restore state %q: missing ongoing-request", s)
	}
	if !st.Ongoing && st.ExpiresAt.IsZero() {
		return fail("restore state %q: finished restore without expiry-date", s)
	}
	return st, nil
}

// quotedPairs splits `a="x", b="y, z"` into name/value pairs. Values are
// quoted because an HTTP date contains a comma.
func quotedPairs(s string) ([][2]string, bool) {
	var out [][2]string
	rest := strings.TrimSpace(s)
	for rest != "" {
		name, after, ok := strings.Cut(rest, "=\"")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, false
		}
		val, tail, ok := strings.Cut(after, "\"")
		if !ok {
			return nil, false
		}
		out = append(out, [2]string{strings.TrimSpace(name), val})
		rest = strings.TrimSpace(tail)
		if rest != "" {
			if rest[0] != ',' {
				return nil, false
			}
			rest = strings.TrimSpace(rest[1:])
			if rest == "" {
				return nil, false
			}
		}
	}
	return out, len(out) > 0
}
