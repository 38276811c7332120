package events

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// This file holds what the FC and Lambda HTTP converters share: strict JSON
// decoding, body decoding, header checks and the text-or-base64 decision.

// decodeStrict unmarshals payload into v and turns every decoding failure
// into a *ParseError naming the offending field, so callers learn where a
// payload went wrong rather than just that it did.
func decodeStrict(format string, payload []byte, v any) error {
	if len(payload) > MaxPayload {
		return malformed(format, "", "payload is %d bytes; the limit is %d", len(payload), MaxPayload)
	}
	if err := json.Unmarshal(payload, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return malformed(format, te.Field, "is JSON %s; want %s", te.Value, jsonKind(te.Type.Kind().String()))
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return malformed(format, "", "invalid JSON at byte %d", se.Offset)
		}
		return malformed(format, "", "invalid JSON")
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "map", "struct", "ptr":
		return "object"
	case "slice", "array":
		return "array"
	default:
		return "number"
	}
}

// decodeBody returns the request body, base64-decoding it when the platform
// says it is binary.
func decodeBody(format, body string, isBase64 bool) ([]byte, error) {
	if !isBase64 {
		return []byte(body), nil
	}
	b, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return nil, malformed(format, "body", "isBase64Encoded is true but the body is not standard base64")
	}
	return b, nil
}

// encodeBody picks how a response body travels in JSON: verbatim when it is
// text (so logs and consoles show it), base64 otherwise. Text that is not
// valid UTF-8 is also sent as base64, because JSON would replace its bytes.
func encodeBody(header http.Header, body []byte) (string, bool) {
	if len(body) == 0 {
		return "", false
	}
	ct := header.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	if isTextual(ct) && utf8.Valid(body) {
		return string(body), false
	}
	return base64.StdEncoding.EncodeToString(body), true
}

// isTextual reports whether a media type carries text.
func isTextual(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		mt == "application/x-www-form-urlencoded",
		strings.HasSuffix(mt, "json"), strings.HasSuffix(mt, "+json"),
		strings.HasSuffix(mt, "xml"), strings.HasSuffix(mt, "+xml"),
		strings.HasSuffix(mt, "javascript"), strings.HasSuffix(mt, "ecmascript"):
		return true
	}
	return false
}

// checkHeader refuses header names and values net/http itself would refuse
// on the wire: a handler echoing a value with a CR or LF could otherwise
// split a response.
func checkHeader(format, field, name, value string) error {
	if name == "" || strings.IndexFunc(name, notToken) >= 0 {
		return malformed(format, field, "header name %q is not an HTTP token", name)
	}
	if strings.ContainsAny(value, "\r\n\x00") {
		return malformed(format, field+"."+name, "header value contains CR, LF or NUL")
	}
	return nil
}

func notToken(r rune) bool {
	if r >= 0x7f || r <= ' ' {
		return true
	}
	return strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r)
}

// newRequest assembles the *http.Request common to both platforms.
func newRequest(ctx context.Context, format string, p requestParts) (*http.Request, error) {
	if p.method == "" {
		return nil, malformed(format, p.methodField, "is missing")
	}
	if strings.IndexFunc(p.method, notToken) >= 0 {
		return nil, malformed(format, p.methodField, "%q is not an HTTP method", p.method)
	}
	req, err := http.NewRequestWithContext(ctx, p.method, "/", bytes.NewReader(p.body))
	if err != nil {
		return nil, malformed(format, p.methodField, "%q is not an HTTP method", p.method)
	}
	req.URL = p.url
	req.RequestURI = p.url.RequestURI()
	req.Header = p.header
	req.Host = p.host
	if req.Host == "" {
		req.Host = p.header.Get("Host")
	}
	req.Header.Del("Host")
	if p.sourceIP != "" {
		// A port of 0 keeps RemoteAddr in the host:port form net/http servers
		// produce, so net.SplitHostPort works on it as handlers expect.
		req.RemoteAddr = net.JoinHostPort(p.sourceIP, "0")
	}
	if major, minor, ok := http.ParseHTTPVersion(p.proto); ok {
		req.Proto, req.ProtoMajor, req.ProtoMinor = p.proto, major, minor
	}
	req.ContentLength = int64(len(p.body))
	if len(p.body) == 0 {
		req.Body, req.GetBody = http.NoBody, nil
	}
	return req, nil
}

type requestParts struct {
	method, methodField string
	url                 *url.URL
	header              http.Header
	host, sourceIP      string
	proto               string
	body                []byte
}

// buildURL makes the request URL from the platform's raw (still
// percent-encoded) path, falling back to its decoded path. Keeping RawPath
// means an encoded slash (%2F) in a key survives into the handler's routing.
func buildURL(format, rawField, rawPath, pathField, path, rawQuery string) (*url.URL, error) {
	u := &url.URL{RawQuery: rawQuery}
	switch {
	case rawPath != "":
		decoded, err := url.PathUnescape(rawPath)
		if err != nil {
			return nil, malformed(format, rawField, "%q is not a valid percent-encoded path", rawPath)
		}
		u.Path, u.RawPath = decoded, rawPath
		if (&url.URL{Path: decoded}).EscapedPath() == rawPath {
			u.RawPath = ""
		}
	case path != "":
		u.Path = path
	default:
		return nil, malformed(format, rawField, "is missing (and so is %s)", pathField)
	}
	if !strings.HasPrefix(u.Path, "/") {
		return nil, malformed(format, rawField, "%q does not start with /", u.Path)
	}
	return u, nil
}
