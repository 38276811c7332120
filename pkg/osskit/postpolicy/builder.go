package postpolicy

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Lifetimes Sign enforces: a form is usable from now until its expiration.
const (
	// DefaultLifetime is the expiration used when Expires is not called.
	DefaultLifetime = 15 * time.Minute
	// DefaultMaxLifetime caps Expires unless MaxLifetime raises it.
	DefaultMaxLifetime = time.Hour
	// HardMaxLifetime is OSS's limit: a V4 form is valid at most 7 days
	// after its x-oss-date.
	HardMaxLifetime = 7 * 24 * time.Hour
)

// Builder collects typed conditions for one upload form. Methods record
// mistakes instead of panicking; Sign reports them all at once.
type Builder struct {
	bucket, key, keyPrefix string
	keySet                 bool
	minSize, maxSize       int64
	sizeSet                bool
	conds                  []Condition
	fields                 map[string]string
	expires                time.Time
	maxLifetime            time.Duration
	errs                   []error
}

// New returns an empty Builder.
func New() *Builder {
	// Room for the usual five conditions avoids regrowing on every call.
	return &Builder{fields: map[string]string{}, conds: make([]Condition, 0, 8), maxLifetime: DefaultMaxLifetime}
}

func (b *Builder) fail(format string, args ...any) *Builder {
	b.errs = append(b.errs, fmt.Errorf(format, args...))
	return b
}

// Bucket pins the destination bucket ({"bucket": name}).
func (b *Builder) Bucket(name string) *Builder {
	if name == "" {
		return b.fail("bucket must not be empty")
	}
	b.bucket = name
	return b
}

// Key pins the object key exactly (["eq", "$key", key]).
func (b *Builder) Key(key string) *Builder {
	if key == "" {
		return b.fail("key must not be empty")
	}
	if b.keySet {
		return b.fail("key or key prefix set twice")
	}
	b.key, b.keySet = key, true
	return b
}

// KeyPrefix lets the uploader choose any key under prefix
// (["starts-with", "$key", prefix]). An empty prefix would allow
// overwriting any object in the bucket, so it is refused.
func (b *Builder) KeyPrefix(prefix string) *Builder {
	if prefix == "" {
		return b.fail("key prefix must not be empty: it would allow any key in the bucket")
	}
	if b.keySet {
		return b.fail("key or key prefix set twice")
	}
	b.keyPrefix, b.keySet = prefix, true
	return b
}

// ContentLengthRange bounds the file size in bytes, inclusive.
func (b *Builder) ContentLengthRange(min, max int64) *Builder {
	if min < 0 || min > max {
		return b.fail("content length range needs 0 <= min <= max, got %d..%d", min, max)
	}
	b.minSize, b.maxSize, b.sizeSet = min, max, true
	return b
}

// ContentType pins the Content-Type form field exactly.
func (b *Builder) ContentType(v string) *Builder {
	if v == "" {
		return b.fail("content type must not be empty")
	}
	b.fields["Content-Type"] = v
	return b.cond(OpEq, "content-type", v)
}

// ContentTypeIn allows only the listed content types.
func (b *Builder) ContentTypeIn(types ...string) *Builder {
	if len(types) == 0 {
		return b.fail("content type list must not be empty")
	}
	return b.cond(OpIn, "content-type", types...)
}

// ContentTypeNotIn refuses the listed content types.
func (b *Builder) ContentTypeNotIn(types ...string) *Builder {
	if len(types) == 0 {
		return b.fail("content type list must not be empty")
	}
	return b.cond(OpNotIn, "content-type", types...)
}

// SuccessActionStatus makes OSS answer a successful upload with code
// (200, 201 or 204) and pins the field.
func (b *Builder) SuccessActionStatus(code int) *Builder {
	if code != 200 && code != 201 && code != 204 {
		return b.fail("success_action_status must be 200, 201 or 204, got %d", code)
	}
	v := strconv.Itoa(code)
	b.fields["success_action_status"] = v
	return b.cond(OpEq, "success_action_status", v)
}

// Meta pins a user metadata field; name must start with x-oss-meta-.
func (b *Builder) Meta(name, value string) *Builder {
	low := strings.ToLower(name)
	if !strings.HasPrefix(low, "x-oss-meta-") || len(low) == len("x-oss-meta-") {
		return b.fail("metadata field %q must be x-oss-meta-<name>", name)
	}
	b.fields[low] = value
	return b.cond(OpEq, low, value)
}

// ForbidOverwrite pins x-oss-forbid-overwrite, so an upload cannot
// replace an existing object when on is true.
func (b *Builder) ForbidOverwrite(on bool) *Builder {
	v := strconv.FormatBool(on)
	b.fields["x-oss-forbid-overwrite"] = v
	return b.cond(OpEq, "x-oss-forbid-overwrite", v)
}

// Expires sets when the form stops working; Sign checks it is after now
// and within the maximum lifetime.
func (b *Builder) Expires(at time.Time) *Builder {
	b.expires = at
	return b
}

// MaxLifetime raises or lowers the cap on Expires (at most 7 days).
func (b *Builder) MaxLifetime(d time.Duration) *Builder {
	if d <= 0 || d > HardMaxLifetime {
		return b.fail("max lifetime must be within (0, 7 days], got %s", d)
	}
	b.maxLifetime = d
	return b
}

func (b *Builder) cond(op, field string, values ...string) *Builder {
	b.conds = append(b.conds, Condition{Op: op, Field: field, Values: append([]string(nil), values...)})
	return b
}

// Form is what the browser needs: the exact form field names and values
// to post (file goes last), and when they stop working. For KeyPrefix,
// Fields["key"] holds the prefix and the client appends the object name.
type Form struct {
	Fields     map[string]string
	Expiration time.Time
}

// Sign validates the builder, adds the V4 fields (x-oss-signature-version,
// x-oss-credential, x-oss-date and, for STS credentials,
// x-oss-security-token) as exact conditions, encodes the policy and signs
// it. It returns an *Error with CodeInvalidArgument listing every mistake:
// no bucket, no key, no size range (an unbounded upload is a known
// pitfall), an expiration not after now or past the cap, bad credentials.
func (b *Builder) Sign(creds signer.Credentials, region string, now time.Time) (Form, error) {
	errs := append([]error(nil), b.errs...)
	if b.bucket == "" {
		errs = append(errs, errors.New("bucket is required"))
	}
	if !b.keySet {
		errs = append(errs, errors.New("key or key prefix is required"))
	}
	if !b.sizeSet {
		errs = append(errs, errors.New("content length range is required"))
	}
	if creds.AccessKeyID == "" || creds.AccessKeySecret == "" {
		errs = append(errs, errors.New("credentials need an access key id and secret"))
	}
	if region == "" || strings.ContainsAny(region, "/ ") {
		errs = append(errs, errors.New("region must be a region id such as cn-hangzhou"))
	}
	now = now.UTC()
	exp := b.expires
	if exp.IsZero() {
		exp = now.Add(DefaultLifetime)
	}
	exp = exp.UTC().Truncate(time.Millisecond)
	if !exp.After(now) {
		errs = append(errs, fmt.Errorf("expiration %s is not after now", exp.Format(time.RFC3339)))
	} else if exp.Sub(now) > b.maxLifetime {
		errs = append(errs, fmt.Errorf("expiration is %s away; the maximum is %s", exp.Sub(now).Round(time.Second), b.maxLifetime))
	}
	if len(errs) > 0 {
		return Form{}, newError(CodeInvalidArgument, errors.Join(errs...).Error())
	}

	credential, date := signer.Credential(creds.AccessKeyID, region, now), signer.DateTime(now)
	fields := make(map[string]string, len(b.fields)+7)
	fields["x-oss-signature-version"] = signer.Algorithm
	fields["x-oss-credential"] = credential
	fields["x-oss-date"] = date
	if creds.SecurityToken != "" {
		fields["x-oss-security-token"] = creds.SecurityToken
	}
	if b.keyPrefix != "" {
		fields["key"] = b.keyPrefix
	} else {
		fields["key"] = b.key
	}
	for k, v := range b.fields {
		fields[k] = v
	}

	// The JSON (see encode.go) and then its base64 are appended into one
	// stack buffer with room for a real STS token (about 1 KB) in both.
	var scratch [4096]byte
	doc := b.appendDocument(scratch[:0], exp, credential, date, creds.SecurityToken)
	enc := base64.StdEncoding.AppendEncode(doc[len(doc):], doc)
	policy := string(enc)
	fields["policy"] = policy
	fields["x-oss-signature"] = signer.SignPostPolicy(policy, creds, region, now)
	return Form{Fields: fields, Expiration: exp}, nil
}
