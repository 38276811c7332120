package grant

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Filename limits: the raw name a caller may send, and the stored name.
const (
	MaxFilenameBytes = 1024
	maxStoredName    = 255
)

// SanitizeFilename turns a caller's file name into the value stored in
// x-oss-meta-original-name. It keeps the last path element only (a name
// like ../../etc/passwd says nothing about where the file goes), drops
// invalid UTF-8, control and formatting characters (bidi overrides
// included), collapses white space, cuts the result to 255 bytes on a rune
// boundary, then percent-encodes every byte outside printable ASCII and
// "%" itself. The result is plain ASCII, so it is a valid HTTP header value
// for PUT, a browser can send it in fetch, and url.PathUnescape recovers
// the cleaned name. Errors are fault.Invalid: a name over MaxFilenameBytes
// or one with nothing usable left.
func SanitizeFilename(name string) (string, error) {
	if len(name) > MaxFilenameBytes {
		return "", fault.Newf(fault.Invalid, "filename is longer than %d bytes", MaxFilenameBytes)
	}
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(name, "") {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if b.Len()+utf8.RuneLen(r) > maxStoredName {
			break
		}
		b.WriteRune(r)
	}
	clean := b.String()
	if clean == "" || clean == "." || clean == ".." {
		return "", fault.New(fault.Invalid, "filename has no usable characters")
	}
	return percentEncode(clean), nil
}

// percentEncode escapes bytes outside printable ASCII, and "%".
func percentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '%' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
	}
	return b.String()
}
