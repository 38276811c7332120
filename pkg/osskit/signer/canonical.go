package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// param is one decoded query parameter.
type param struct{ name, value string }

// parseQuery splits a raw query into decoded parameters, keeping
// duplicates and order. Unlike url.ParseQuery it accepts ';' inside
// values, because OSS does; a malformed escape is an InvalidArgument.
func parseQuery(raw string) ([]param, error) {
	var out []param
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			return nil, newError(CodeInvalidArgument, "malformed query parameter name escape")
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			return nil, newError(CodeInvalidArgument, "malformed escape in query parameter "+quoteName(dk))
		}
		if dk == "" && dv == "" {
			continue // "=" carries nothing and would vanish from the canonical form
		}
		out = append(out, param{dk, dv})
	}
	return out, nil
}

// uriEncode percent-encodes every byte except RFC 3986 unreserved
// characters (and '/' when keepSlash), upper-case hex, as OSS V4 does. A
// string that needs no escape is returned as is, without allocating.
func uriEncode(s string, keepSlash bool) string {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) && !(keepSlash && s[i] == '/') {
			return string(appendURIEncode(make([]byte, 0, len(s)+16), s, keepSlash))
		}
	}
	return s
}

// appendURIEncode appends uriEncode(s, keepSlash) to dst.
func appendURIEncode(dst []byte, s string, keepSlash bool) []byte {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || (keepSlash && c == '/') {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hexDigits[c>>4], hexDigits[c&15])
	}
	return dst
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// canonicalURI is /bucket/key encoded except '/'. OSS signs the bucket in
// the path whatever the host style; a service-level request is "/".
func canonicalURI(bucket, key string) string {
	if bucket == "" {
		return "/"
	}
	return uriEncode("/"+bucket+"/"+key, true)
}

// canonicalQuery encodes, sorts and joins params; a parameter with an
// empty value is written without '='. skip drops the signature itself.
func canonicalQuery(params []param, skip string) string {
	enc := make([]param, 0, len(params))
	size := 0
	for _, p := range params {
		if skip != "" && p.name == skip {
			continue
		}
		e := param{uriEncode(p.name, false), uriEncode(p.value, false)}
		size += len(e.name) + len(e.value) + 2
		enc = append(enc, e)
	}
	slices.SortFunc(enc, func(a, b param) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	var b strings.Builder
	b.Grow(size)
	for i, p := range enc {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.name)
		if p.value != "" {
			b.WriteByte('=')
			b.WriteString(p.value)
		}
	}
	return b.String()
}

// defaultSigned reports whether V4 signs header low (lower case) without
// it being listed in the additional headers.
func defaultSigned(low string) bool {
	return strings.HasPrefix(low, "x-oss-") || low == "content-type" || low == "content-md5"
}

// headerValues returns h's values for a lower-case name whatever the case
// of the map keys, trimmed, as V4 joins them.
func headerValues(h http.Header, low string, host string) ([]string, bool) {
	if low == "host" {
		return []string{strings.TrimSpace(host)}, host != ""
	}
	// A hand-built header map may hold one name in several spellings;
	// sorting them keeps signer and verifier in the same order.
	var keys []string
	for k := range h {
		if strings.EqualFold(k, low) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var vals []string
	for _, k := range keys {
		for _, v := range h[k] {
			vals = append(vals, strings.TrimSpace(v))
		}
	}
	return vals, len(keys) > 0
}

// canonicalHeaders lists every default-signed header present in h plus the
// additional ones, "name:v1,v2\n" sorted by name.
func canonicalHeaders(h http.Header, host string, additional []string) string {
	seen := map[string]bool{}
	var names []string
	for k := range h {
		low := strings.ToLower(k)
		if defaultSigned(low) && !seen[low] {
			seen[low] = true
			names = append(names, low)
		}
	}
	for _, a := range additional {
		if !seen[a] {
			seen[a] = true
			names = append(names, a)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		vals, _ := headerValues(h, n, host)
		b.WriteString(n)
		b.WriteByte(':')
		b.WriteString(strings.Join(vals, ","))
		b.WriteByte('\n')
	}
	return b.String()
}

// canonicalRequest is the V4 canonical request: method, URI, query,
// headers, additional header names, payload hash, newline separated.
func canonicalRequest(method, uri, query, headers string, additional []string, payload string) string {
	return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" +
		strings.Join(additional, ";") + "\n" + payload
}

// stringToSign hashes the canonical request under the algorithm, time and scope.
func stringToSign(dateTime, scope, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	var buf [256]byte
	b := append(buf[:0], Algorithm+"\n"...)
	b = append(b, dateTime...)
	b = append(b, '\n')
	b = append(b, scope...)
	b = append(b, '\n')
	return string(hex.AppendEncode(b, sum[:]))
}

// quoteName quotes a header or parameter name for an error message,
// cutting it short so hostile input cannot flood a log line.
func quoteName(s string) string {
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}
