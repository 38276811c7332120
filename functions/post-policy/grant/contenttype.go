package grant

import (
	"fmt"
	"mime"
	"strings"
)

// ContentType is one allowlisted media type and the key extension an upload
// of that type gets.
type ContentType struct {
	Type string // lower-case media type without parameters, e.g. image/jpeg
	Ext  string // extension without the dot, e.g. jpg
}

// knownExt gives the extension for the media types an allowlist may name
// without spelling one out ("type=ext" names any other).
var knownExt = map[string]string{
	"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
	"image/heic": "heic", "image/heif": "heif", "image/avif": "avif", "image/tiff": "tiff",
	"image/bmp": "bmp", "application/pdf": "pdf", "video/mp4": "mp4", "text/plain": "txt",
}

// DefaultContentTypes is the allowlist when none is configured.
var DefaultContentTypes = []ContentType{
	{"image/jpeg", "jpg"}, {"image/png", "png"}, {"image/webp", "webp"}, {"image/gif", "gif"}, {"image/heic", "heic"},
}

// ParseContentType reads one allowlist entry: "image/png" (extension from
// the known table) or "image/x-foo=foo". Errors name the entry.
func ParseContentType(entry string) (ContentType, error) {
	typ, ext, explicit := strings.Cut(strings.TrimSpace(entry), "=")
	typ = strings.ToLower(strings.TrimSpace(typ))
	mt, params, err := mime.ParseMediaType(typ)
	if err != nil || mt != typ || len(params) > 0 || !strings.Contains(typ, "/") {
		return ContentType{}, fmt.Errorf("%q is not a bare media type such as image/png", entry)
	}
	if !explicit {
		known, ok := knownExt[typ]
		if !ok {
			return ContentType{}, fmt.Errorf("%q has no known extension; write it as %s=<ext>", entry, typ)
		}
		return ContentType{Type: typ, Ext: known}, nil
	}
	ext = strings.ToLower(strings.TrimSpace(ext))
	if ext == "" || len(ext) > 10 {
		return ContentType{}, fmt.Errorf("%q: extension must be 1-10 characters", entry)
	}
	for i := 0; i < len(ext); i++ {
		if c := ext[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return ContentType{}, fmt.Errorf("%q: extension may hold only a-z and 0-9", entry)
		}
	}
	return ContentType{Type: typ, Ext: ext}, nil
}

// match finds the allowlist entry for a caller's content type. Parameters
// (charset and the like) and case are ignored; the returned entry, not the
// caller's spelling, is what gets signed.
func match(allowed []ContentType, callerType string) (ContentType, bool) {
	mt, _, err := mime.ParseMediaType(callerType)
	if err != nil {
		return ContentType{}, false
	}
	for _, ct := range allowed {
		if ct.Type == mt {
			return ct, true
		}
	}
	return ContentType{}, false
}
