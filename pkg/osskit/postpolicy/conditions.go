package postpolicy

import (
	"slices"
	"strconv"
	"strings"
)

// exemptFields may be posted without a policy condition covering them.
// OSS documents the signature fields of each version as exempt (V1:
// OSSAccessKeyId, policy, Signature — help.aliyun.com/zh/oss/developer-reference/signature-version-1)
// and the file itself; but for V4 it rejects x-oss-signature-version,
// x-oss-credential, x-oss-date and x-oss-security-token unless the policy
// names them ("Invalid according to Policy: Extra input fields:
// x-oss-credential", EC 0006-00000228,
// help.aliyun.com/zh/oss/user-guide/0006-00000228). Everything else,
// including key, must be covered, as in S3's PostObject; OSS's docs do not
// say otherwise for other fields, so the emulator errs on the strict side.
var exemptFields = map[string]bool{
	"policy": true, "x-oss-signature": true, "ossaccesskeyid": true, "signature": true, "file": true,
}

// checkExtraFields rejects fields that no condition names.
func checkExtraFields(fields map[string]string, p Policy, version string) error {
	covered := map[string]bool{}
	for _, c := range p.Conditions {
		covered[c.Field] = true
		if c.Field == "content-type" {
			// x-oss-content-type overrides Content-Type, and conditions on
			// $content-type are checked against the effective type, so they
			// govern the override field too.
			covered["x-oss-content-type"] = true
		}
	}
	var extra []string
	for name := range fields {
		if exemptFields[name] || covered[name] {
			continue
		}
		// V1 forms carry the STS token outside the policy (V1 docs).
		if version == VersionV1 && name == "x-oss-security-token" {
			continue
		}
		extra = append(extra, name)
	}
	if len(extra) == 0 {
		return nil
	}
	slices.Sort(extra)
	return newError(CodeAccessDenied, "Invalid according to Policy: Extra input fields: "+truncate(strings.Join(extra, ", ")))
}

// effectiveContentType follows OSS's priority: x-oss-content-type field,
// then Content-Type field, then the file part's own type.
func effectiveContentType(fields map[string]string, fileType string) string {
	if v, ok := fields["x-oss-content-type"]; ok {
		return v
	}
	if v, ok := fields["content-type"]; ok {
		return v
	}
	return fileType
}

// checkConditions applies every condition; the first failure wins.
func checkConditions(p Policy, fields map[string]string, bucket, contentType string, size int64) error {
	for _, c := range p.Conditions {
		if c.Op == OpContentLengthRange {
			if size < c.Min {
				return newError(CodeEntityTooSmall, "Your proposed upload is smaller than the minimum allowed size: "+strconv.FormatInt(size, 10)+" < "+strconv.FormatInt(c.Min, 10)+" bytes.")
			}
			if size > c.Max {
				return newError(CodeEntityTooLarge, "Your proposed upload exceeds the maximum allowed size: "+strconv.FormatInt(size, 10)+" > "+strconv.FormatInt(c.Max, 10)+" bytes.")
			}
			continue
		}
		var v string
		switch c.Field {
		case "bucket":
			v = bucket
		case "content-type":
			v = contentType
		default:
			v = fields[c.Field]
		}
		if !c.holds(v) {
			shown := c
			if c.Field == "x-oss-security-token" {
				// A token is a secret; name the condition, not its value.
				shown.Values = []string{"(redacted)"}
			}
			return newError(CodeAccessDenied, "Invalid according to Policy: Policy Condition failed: "+truncate(shown.String()))
		}
	}
	return nil
}

// holds reports whether value satisfies the (non-range) condition.
func (c Condition) holds(value string) bool {
	switch c.Op {
	case OpEq:
		return value == c.value()
	case OpStartsWith:
		return strings.HasPrefix(value, c.value())
	case OpIn:
		return slices.Contains(c.Values, value)
	case OpNotIn:
		return !slices.Contains(c.Values, value)
	}
	return false
}
