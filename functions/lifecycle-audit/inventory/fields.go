package inventory

import (
	"bytes"
	"fmt"
	"time"
)

// parseTime reads the inventory's ISO 8601 UTC times
// (2006-01-02T15:04:05.000Z) by hand, the common case, and anything else
// through time.Parse.
func parseTime(b []byte) (time.Time, error) {
	if len(b) == 24 && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' && b[19] == '.' && b[23] == 'Z' {
		d := func(i, n int) int {
			v := 0
			for _, c := range b[i : i+n] {
				if c < '0' || c > '9' {
					return -1
				}
				v = v*10 + int(c-'0')
			}
			return v
		}
		y, mo, dd, h, mi, s, ms := d(0, 4), d(5, 2), d(8, 2), d(11, 2), d(14, 2), d(17, 2), d(20, 3)
		if y >= 0 && mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 61 && ms >= 0 {
			return time.Date(y, time.Month(mo), dd, h, mi, s, ms*1e6, time.UTC), nil
		}
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: want ISO 8601 such as 2006-01-02T15:04:05.000Z", b)
	}
	return t.UTC(), nil
}

// unescapeKey decodes a URL-encoded key ("+" is a space, as
// url.QueryUnescape reads it) with one allocation, the string itself;
// false for a malformed escape.
func unescapeKey(b []byte) (string, bool) {
	if bytes.IndexByte(b, '%') < 0 && bytes.IndexByte(b, '+') < 0 {
		return string(b), true
	}
	var stack [256]byte
	out := stack[:0]
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '+':
			out = append(out, ' ')
		case '%':
			if i+2 >= len(b) {
				return "", false
			}
			h, l := unhex(b[i+1]), unhex(b[i+2])
			if h < 0 || l < 0 {
				return "", false
			}
			out = append(out, byte(h<<4|l))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return string(out), true
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
