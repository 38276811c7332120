// Package sessionpolicy builds the inline STS session policy that scopes a
// caller's temporary credentials to their own objects. It is pure (standard
// library only): given a profile, the buckets and prefixes from config and
// the caller's key segment, it returns RAM policy JSON well under STS's
// 2048-character limit, or refuses.
//
// Profiles (issue 7, behaviour 1):
//
//   - upload: oss:PutObject and the multipart actions ali-oss and the OSS
//     SDKs use (InitiateMultipartUpload, UploadPart,
//     CompleteMultipartUpload, AbortMultipartUpload, ListParts) on
//     <bucket>/<upload prefix>/<user>/*.
//   - read: oss:GetObject (which also covers HeadObject) on the user's
//     uploads and on their derived variants, <thumb bucket>/<thumb
//     prefix>/<user>/* — the thumbnail function writes
//     uploads/<user>/a.jpg's variants under thumbs/<user>/a/<style>.<ext>.
//
// The caller never supplies a resource: only the profile name is theirs,
// and the segment must already be a single safe key segment.
package sessionpolicy

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxLength is STS's limit on the Policy parameter, in characters.
const MaxLength = 2048

// Profile names a set of rights a caller may ask for.
type Profile string

// The profiles this package builds.
const (
	Upload Profile = "upload"
	Read   Profile = "read"
)

// Profiles lists every profile Build knows, in a stable order.
var Profiles = []Profile{Upload, Read}

// Known reports whether p is a profile Build can make a policy for.
func Known(p Profile) bool { return p == Upload || p == Read }

// UploadActions are the OSS actions the upload profile grants.
var UploadActions = []string{
	"oss:PutObject", "oss:InitiateMultipartUpload", "oss:UploadPart",
	"oss:CompleteMultipartUpload", "oss:AbortMultipartUpload", "oss:ListParts",
}

// ReadActions are the OSS actions the read profile grants.
var ReadActions = []string{"oss:GetObject"}

// Layout is where a user's objects live; it comes from config.
type Layout struct {
	Bucket       string // the upload bucket
	UploadPrefix string // e.g. "uploads": objects go to <UploadPrefix>/<user>/...
	ThumbBucket  string // where variants are written; "" means Bucket
	ThumbPrefix  string // e.g. "thumbs": variants live under <ThumbPrefix>/<user>/...
}

// ErrRefused matches every error Build and Layout.Validate return.
var ErrRefused = errors.New("session policy refused")

func refuse(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, args...))
}

// Validate checks the layout: bucket names as OSS allows them (3-63 of
// [a-z0-9-], not starting or ending with "-") and prefixes made of safe
// segments (no empty, "." or ".." segment, no wildcard or control
// character). Errors match ErrRefused.
func (l Layout) Validate() error {
	var errs []error
	for name, b := range map[string]string{"Bucket": l.Bucket, "ThumbBucket": l.thumbBucket()} {
		if !validBucket(b) {
			errs = append(errs, refuse("%s %q is not an OSS bucket name", name, b))
		}
	}
	for name, p := range map[string]string{"UploadPrefix": l.UploadPrefix, "ThumbPrefix": l.ThumbPrefix} {
		if err := checkPrefix(p); err != nil {
			errs = append(errs, refuse("%s %q: %v", name, p, err))
		}
	}
	return errors.Join(errs...)
}

func (l Layout) thumbBucket() string {
	if l.ThumbBucket == "" {
		return l.Bucket
	}
	return l.ThumbBucket
}

// UserPrefix is the key prefix, ending in "/", under which user uploads.
func (l Layout) UserPrefix(segment string) string {
	return l.UploadPrefix + "/" + segment + "/"
}

type statement struct {
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource []string `json:"Resource"`
}

type document struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

// Build returns the session policy JSON for profile p and the user's key
// segment. Errors (matching ErrRefused): an unknown profile, an invalid
// layout, a segment that is not one safe key segment (empty, ".", "..",
// containing "/", "*", "?", "$", a control or non-ASCII character), or a
// policy longer than MaxLength.
func Build(l Layout, p Profile, segment string) (string, error) {
	if err := l.Validate(); err != nil {
		return "", err
	}
	if err := checkSegment(segment); err != nil {
		return "", refuse("user segment: %v", err)
	}
	own := "acs:oss:*:*:" + l.Bucket + "/" + l.UserPrefix(segment) + "*"
	var st statement
	switch p {
	case Upload:
		st = statement{Effect: "Allow", Action: UploadActions, Resource: []string{own}}
	case Read:
		thumbs := "acs:oss:*:*:" + l.thumbBucket() + "/" + l.ThumbPrefix + "/" + segment + "/*"
		st = statement{Effect: "Allow", Action: ReadActions, Resource: []string{own, thumbs}}
	default:
		return "", refuse("unknown profile %q", truncate(string(p)))
	}
	out, err := json.Marshal(document{Version: "1", Statement: []statement{st}})
	if err != nil {
		return "", refuse("encode: %v", err)
	}
	if n := utf8.RuneCount(out); n > MaxLength {
		return "", refuse("policy is %d characters; STS accepts at most %d", n, MaxLength)
	}
	return string(out), nil
}

func checkSegment(s string) error {
	switch {
	case s == "":
		return errors.New("empty")
	case s == "." || s == "..":
		return errors.New("a relative path element")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte(`/*?$\"`, c) >= 0 {
			return fmt.Errorf("byte %d is not allowed in a key segment", i)
		}
	}
	return nil
}

func checkPrefix(p string) error {
	if p == "" {
		return errors.New("empty")
	}
	for _, seg := range strings.Split(p, "/") {
		if err := checkSegment(seg); err != nil {
			return err
		}
	}
	return nil
}

func validBucket(b string) bool {
	if len(b) < 3 || len(b) > 63 || b[0] == '-' || b[len(b)-1] == '-' {
		return false
	}
	for i := 0; i < len(b); i++ {
		if c := b[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func truncate(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}
