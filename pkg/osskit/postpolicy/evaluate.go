package postpolicy

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// CodeRequestTimeTooSkewed answers a V4 form dated too far in the future.
const CodeRequestTimeTooSkewed = "RequestTimeTooSkewed"

// Signature versions reported in Result.Version.
const (
	VersionV4 = signer.VersionV4
	VersionV1 = signer.VersionV1
)

// Submission is a PostObject form as the server received it.
type Submission struct {
	Bucket string            // the bucket the form was posted to (from the host)
	Fields map[string]string // every form field except the file, names as posted
	// FileSize is the file part's length in bytes.
	FileSize int64
	// FileContentType is the file part's own Content-Type; it counts only
	// when no x-oss-content-type or Content-Type field is posted.
	FileContentType string
}

// Result is an accepted submission.
type Result struct {
	AccessKeyID, SecurityToken string
	Version                    string // VersionV4 or VersionV1
	Region                     string // V4 only
	Key                        string // the object key to write
	ContentType                string // the effective content type
	Policy                     Policy
	Fields                     map[string]string // the form fields, names lower-cased
}

// Evaluate checks sub against its signed policy at now. lookup returns an
// access key's secret. In order it: verifies the signature over the
// base64 policy (V4 x-oss-signature or V1 Signature), parses the policy,
// checks expiration, rejects form fields no condition covers, then checks
// every condition. Errors are *Error: ErrAnonymous for an unsigned form;
// InvalidArgument for malformed or missing fields; InvalidAccessKeyId;
// SignatureDoesNotMatch; RequestTimeTooSkewed; InvalidPolicyDocument;
// AccessDenied "Invalid according to Policy: ..." naming the expired
// policy, the extra field or the failed condition; EntityTooSmall and
// EntityTooLarge for the size range.
func Evaluate(sub Submission, now time.Time, lookup func(accessKeyID string) (secret string, ok bool)) (Result, error) {
	fields := make(map[string]string, len(sub.Fields))
	for k, v := range sub.Fields {
		low := strings.ToLower(k)
		if _, dup := fields[low]; dup {
			return Result{}, newError(CodeInvalidArgument, "form field "+quote(low)+" is posted twice")
		}
		fields[low] = v
	}
	res, err := verifySignature(fields, now, lookup)
	if err != nil {
		return Result{}, err
	}
	p, err := Parse(fields["policy"])
	if err != nil {
		return Result{}, err
	}
	if now.After(p.Expiration) {
		return Result{}, newError(CodeAccessDenied, "Invalid according to Policy: Policy expired.")
	}
	if fields["key"] == "" {
		return Result{}, newError(CodeInvalidArgument, "the key form field is required")
	}
	if err := checkExtraFields(fields, p, res.Version); err != nil {
		return Result{}, err
	}
	ct := effectiveContentType(fields, sub.FileContentType)
	if err := checkConditions(p, fields, sub.Bucket, ct, sub.FileSize); err != nil {
		return Result{}, err
	}
	res.Key, res.ContentType, res.Policy, res.Fields = fields["key"], ct, p, fields
	return res, nil
}

// verifySignature checks the V4 or V1 signature over the raw base64 policy.
func verifySignature(f map[string]string, now time.Time, lookup func(string) (string, bool)) (Result, error) {
	_, v4 := f["x-oss-signature"]
	_, v4ver := f["x-oss-signature-version"]
	_, v1 := f["signature"]
	_, v1id := f["ossaccesskeyid"]
	switch {
	case (v4 || v4ver) && (v1 || v1id):
		return Result{}, newError(CodeInvalidArgument, "a form may carry a V4 or a V1 signature, not both")
	case v4 || v4ver:
		return verifyV4(f, now, lookup)
	case v1 || v1id:
		return verifyV1(f, lookup)
	case f["policy"] != "":
		return Result{}, newError(CodeInvalidArgument, "policy is posted without a signature")
	default:
		return Result{}, ErrAnonymous
	}
}

func verifyV4(f map[string]string, now time.Time, lookup func(string) (string, bool)) (Result, error) {
	if f["x-oss-signature-version"] != signer.Algorithm {
		return Result{}, newError(CodeInvalidArgument, "x-oss-signature-version must be "+signer.Algorithm)
	}
	if f["policy"] == "" || f["x-oss-signature"] == "" {
		return Result{}, newError(CodeInvalidArgument, "a V4 form needs policy and x-oss-signature")
	}
	ak, day, region, err := signer.ParseCredential(f["x-oss-credential"])
	if err != nil {
		return Result{}, fromSigner(err)
	}
	at, err := signer.ParseDateTime(f["x-oss-date"], day)
	if err != nil {
		return Result{}, fromSigner(err)
	}
	if at.Sub(now) > signer.MaxSkew {
		return Result{}, newError(CodeRequestTimeTooSkewed, "x-oss-date is more than 15 minutes in the future")
	}
	if now.Sub(at) > HardMaxLifetime {
		return Result{}, newError(CodeAccessDenied, "Request has expired: a V4 form is valid at most 7 days after x-oss-date.")
	}
	secret, ok := lookup(ak)
	if !ok {
		return Result{}, newError(CodeInvalidAccessKeyID, "the access key id does not exist")
	}
	want := signer.SignPostPolicy(f["policy"], signer.Credentials{AccessKeyID: ak, AccessKeySecret: secret}, region, day)
	got, err := hex.DecodeString(f["x-oss-signature"])
	wantRaw, _ := hex.DecodeString(want)
	if err != nil || !hmac.Equal(got, wantRaw) {
		return Result{}, errSignature
	}
	return Result{AccessKeyID: ak, SecurityToken: f["x-oss-security-token"], Version: VersionV4, Region: region}, nil
}

// verifyV1 checks Signature = base64(HMAC-SHA1(secret, policy)).
func verifyV1(f map[string]string, lookup func(string) (string, bool)) (Result, error) {
	ak, sig, policy := f["ossaccesskeyid"], f["signature"], f["policy"]
	if ak == "" || sig == "" || policy == "" {
		return Result{}, newError(CodeInvalidArgument, "a V1 form needs OSSAccessKeyId, policy and Signature together")
	}
	secret, ok := lookup(ak)
	if !ok {
		return Result{}, newError(CodeInvalidAccessKeyID, "the access key id does not exist")
	}
	h := hmac.New(sha1.New, []byte(secret))
	h.Write([]byte(policy))
	got, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, h.Sum(nil)) {
		return Result{}, errSignature
	}
	return Result{AccessKeyID: ak, SecurityToken: f["x-oss-security-token"], Version: VersionV1}, nil
}

var errSignature = &Error{Code: CodeSignatureDoesNotMatch, Message: "the policy signature we calculated does not match the signature you provided; check your key and signing method"}

// fromSigner carries a signer error's code and safe message over.
func fromSigner(err error) error {
	var se *signer.Error
	if errors.As(err, &se) {
		return newError(se.Code, se.Message)
	}
	return newError(CodeInvalidArgument, "malformed signature fields")
}

func quote(s string) string { return `"` + strings.ToValidUTF8(truncate(s), "?") + `"` }
