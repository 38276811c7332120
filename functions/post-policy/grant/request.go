package grant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Upload modes a caller may ask for.
const (
	ModePost = "post" // a PostObject V4 form (the default)
	ModePut  = "put"  // a presigned PUT URL
)

// MaxRequestBytes bounds the request body: three short strings and a number.
const MaxRequestBytes = 4 << 10

// Request is what a caller asks for. It names no bucket, key, prefix or
// limit: those are the server's to choose.
type Request struct {
	// Filename is the caller's name for the file; it only ever becomes
	// sanitised metadata.
	Filename string `json:"filename"`
	// ContentType must match an allowlisted type (parameters ignored).
	ContentType string `json:"contentType"`
	// Size is the declared size in bytes, optional; 0 means not declared.
	Size int64 `json:"size"`
	// Mode is ModePost or ModePut; empty means ModePost.
	Mode string `json:"mode"`
}

// ParseRequest decodes a JSON request body strictly: one object, known
// fields only, nothing after it. Errors are fault.Invalid with a public
// message naming the problem, or fault.TooLarge for a body over
// MaxRequestBytes.
func ParseRequest(body []byte) (Request, error) {
	if len(body) > MaxRequestBytes {
		return Request{}, fault.Newf(fault.TooLarge, "request body is larger than %d bytes", MaxRequestBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var req Request
	if err := dec.Decode(&req); err != nil {
		return Request{}, fault.Wrap(fault.Invalid, "request body must be a JSON object with filename, contentType, size and mode: "+decodeProblem(err), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Request{}, fault.New(fault.Invalid, "request body must hold exactly one JSON object")
	}
	if req.Mode == "" {
		req.Mode = ModePost
	}
	if req.Mode != ModePost && req.Mode != ModePut {
		return Request{}, fault.New(fault.Invalid, `mode must be "post" or "put"`)
	}
	if req.Filename == "" {
		return Request{}, fault.New(fault.Invalid, "filename is required")
	}
	if req.ContentType == "" {
		return Request{}, fault.New(fault.Invalid, "contentType is required")
	}
	if req.Size < 0 {
		return Request{}, fault.New(fault.Invalid, "size must not be negative")
	}
	return req, nil
}

// decodeProblem says what is wrong in words safe to return: encoding/json's
// messages name the field or offset but quote at most a field name, which
// clip bounds.
func decodeProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s has the wrong type", clip(typ.Field))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the body is empty or cut short"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown field " + clip(strings.TrimPrefix(err.Error(), "json: unknown field "))
	default:
		return "not a JSON object"
	}
}

// clip bounds caller-supplied text echoed in a message, on a rune boundary.
func clip(s string) string {
	const limit = 64
	s = strings.ToValidUTF8(s, "?")
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
