package postpolicy

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// The policy encoder appends JSON by hand for the few condition shapes a
// policy has. Reflective encoding/json was about a third of the cost of
// minting a form (issue 8). The bytes must stay exactly those that
// encoding/json writes with SetEscapeHTML(false), because ali-oss
// (JSON.stringify) and every pinned vector agree with them; the fuzz test
// FuzzEncoderMatchesEncodingJSON holds the two together.

// appendDocument writes the policy Sign signs, in the order its
// conditions were always listed: bucket, the V4 fields, the token (if
// any), the key, the size range, then the builder's own conditions.
func (b *Builder) appendDocument(dst []byte, exp time.Time, credential, date, token string) []byte {
	dst = appendPolicyStart(dst, exp)
	dst = appendObjectCond(dst, "bucket", b.bucket)
	dst = appendObjectCond(dst, "x-oss-signature-version", signer.Algorithm)
	dst = appendObjectCond(dst, "x-oss-credential", credential)
	dst = appendObjectCond(dst, "x-oss-date", date)
	if token != "" {
		dst = appendObjectCond(dst, "x-oss-security-token", token)
	}
	if b.keyPrefix != "" {
		dst = appendValueCond(dst, OpStartsWith, "key", b.keyPrefix)
	} else {
		dst = appendValueCond(dst, OpEq, "key", b.key)
	}
	dst = appendCondition(dst, Condition{Op: OpContentLengthRange, Field: "content-length", Min: b.minSize, Max: b.maxSize})
	for _, c := range b.conds {
		dst = appendCondition(dst, c)
	}
	return appendPolicyEnd(dst, 1) // the bucket condition at least was written
}

// appendPolicyStart opens the document: {"expiration":"…","conditions":[
// The expiration layout yields only digits and "-:.TZ", none of which
// JSON escapes, so it is written between quotes as is.
func appendPolicyStart(dst []byte, exp time.Time) []byte {
	dst = append(dst, `{"expiration":"`...)
	dst = exp.UTC().AppendFormat(dst, expirationFormat)
	return append(dst, `","conditions":[`...)
}

// appendPolicyEnd closes the conditions list and the document; n is the
// number of conditions written, each followed by a comma.
func appendPolicyEnd(dst []byte, n int) []byte {
	if n > 0 {
		dst = dst[:len(dst)-1] // the last condition's comma
	}
	return append(dst, "]}"...)
}

// appendCondition writes c as encoding/json writes Condition.jsonValue,
// followed by a comma.
func appendCondition(dst []byte, c Condition) []byte {
	switch {
	case c.Op == OpContentLengthRange:
		dst = appendString(append(dst, '['), c.Op)
		dst = strconv.AppendInt(append(dst, ','), c.Min, 10)
		dst = strconv.AppendInt(append(dst, ','), c.Max, 10)
		return append(dst, "],"...)
	case c.Object:
		return appendObjectCond(dst, c.Field, c.value())
	case c.Op == OpIn || c.Op == OpNotIn:
		dst = appendOpField(dst, c.Op, c.Field)
		if c.Values == nil {
			// encoding/json writes a nil slice as null.
			return append(dst, "null],"...)
		}
		dst = append(dst, '[')
		for i, v := range c.Values {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, v)
		}
		return append(dst, "]],"...)
	default:
		return appendValueCond(dst, c.Op, c.Field, c.value())
	}
}

// appendObjectCond writes {"field":"value"}, followed by a comma.
func appendObjectCond(dst []byte, field, value string) []byte {
	dst = appendString(append(dst, '{'), field)
	dst = appendString(append(dst, ':'), value)
	return append(dst, "},"...)
}

// appendValueCond writes ["op","$field","value"], followed by a comma.
func appendValueCond(dst []byte, op, field, value string) []byte {
	dst = appendString(appendOpField(dst, op, field), value)
	return append(dst, "],"...)
}

// appendOpField writes ["op","$field", leaving the array open.
func appendOpField(dst []byte, op, field string) []byte {
	dst = appendString(append(dst, '['), op)
	dst = append(dst, `,"$`...)
	dst = appendEscaped(dst, field)
	return append(dst, `",`...)
}

// appendString writes s as a JSON string.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s)
	return append(dst, '"')
}

// appendEscaped writes the inside of a JSON string as encoding/json does
// without HTML escaping: '"' and '\\' backslashed; \b \f \n \r \t short;
// other control bytes as \u00xx (lower-case hex); invalid UTF-8 as
// \ufffd; U+2028 and U+2029 as \u2028 and \u2029, which encoding/json
// escapes always; everything else, '<', '>' and '&' included, verbatim.
func appendEscaped(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}
