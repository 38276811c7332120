package style

import "strings"

// Set is an ordered list of named styles with unique names.
type Set []Style

// maxSetLen bounds a style set; OSS allows 50 styles per bucket.
const maxSetLen = 50

// ParseSet parses a configured set: `name=style;name=style;...`. Names are
// 1..64 characters of [a-z0-9_-] (they become object key parts), unique, and
// at most 50 styles are allowed. Empty entries (a trailing ";") are skipped,
// but a set with no styles at all is an error. Errors are *Error naming the
// style, or the entry when it has no usable name.
func ParseSet(s string) (Set, error) {
	var set Set
	seen := map[string]bool{}
	for _, entry := range strings.Split(s, ";") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		name, body, ok := strings.Cut(entry, "=")
		name, body = strings.TrimSpace(name), strings.TrimSpace(body)
		switch {
		case !ok:
			return nil, &Error{Token: shorten(entry), Reason: `entry must be name=image/...`}
		case !validName(name):
			return nil, &Error{Token: shorten(name), Reason: "name must be 1..64 of a-z, 0-9, _ and -"}
		case seen[name]:
			return nil, &Error{Style: name, Reason: "name used twice"}
		case len(set) == maxSetLen:
			return nil, &Error{Style: name, Reason: "more than 50 styles"}
		}
		seen[name] = true
		st, err := ParseNamed(name, body)
		if err != nil {
			return nil, err
		}
		set = append(set, st)
	}
	if len(set) == 0 {
		return nil, &Error{Reason: "style set is empty"}
	}
	return set, nil
}

// String returns the set in ParseSet syntax with canonical style strings.
func (s Set) String() string {
	parts := make([]string, len(s))
	for i, st := range s {
		parts[i] = st.Name + "=" + st.String()
	}
	return strings.Join(parts, ";")
}

// DefaultSet is used when no set is configured: a 200×200 square (fill) and
// 640 and 1280 boxes (lfit, never enlarged), each as jpg-or-png (png only when
// the source has alpha) and as WebP — six outputs.
func DefaultSet() Set {
	const def = "sm=image/resize,m_fill,w_200,h_200;" +
		"sm-webp=image/resize,m_fill,w_200,h_200/format,webp;" +
		"md=image/resize,w_640,h_640;" +
		"md-webp=image/resize,w_640,h_640/format,webp;" +
		"lg=image/resize,w_1280,h_1280;" +
		"lg-webp=image/resize,w_1280,h_1280/format,webp"
	set, err := ParseSet(def)
	if err != nil {
		panic("style: default set does not parse: " + err.Error()) // a constant; caught by tests
	}
	return set
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
