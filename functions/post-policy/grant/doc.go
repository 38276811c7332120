// Package grant decides what a verified caller may upload and turns that
// decision into something a browser can use without an SDK: a signed OSS
// PostObject V4 form, a presigned PUT URL, or a presigned GET URL for the
// caller's own objects.
//
// The server chooses every part of an upload that matters for safety. The
// key is uploads/<user>/<yyyy>/<mm>/<dd>/<random>.<ext>, where <user> is
// the caller's safe key segment, the date is the signing time in UTC, the
// random part comes from crypto/rand and the extension follows the content
// type, never the caller's file name. The content type must be on the
// configured allowlist and is pinned exactly; the size is bounded to
// [1, MaxSize]; overwriting is forbidden; the form expires after a
// configured, capped lifetime. The caller's own file name is kept only as
// sanitised metadata (x-oss-meta-original-name).
//
// The package is pure: it imports the standard library and ossflow's pure
// packages only, never reads the clock (callers pass now) and takes its
// randomness as an io.Reader.
package grant
