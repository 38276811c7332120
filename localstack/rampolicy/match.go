package rampolicy

import (
	"strings"
	"unicode/utf8"
)

// Match reports whether s matches pattern, where "*" matches any run of
// characters (including none) and "?" exactly one character; every other
// character matches itself. It runs in O(len(pattern)·len(s)) at worst, so
// hostile patterns cannot make it blow up.
func Match(pattern, s string) bool {
	// Classic greedy match with one backtrack point: on a mismatch, retry
	// from the last "*" consuming one more character of s.
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		if p < len(pattern) {
			switch c := pattern[p]; {
			case c == '*':
				star, mark = p, i
				p++
				continue
			case c == '?':
				_, n := utf8.DecodeRuneInString(s[i:])
				p, i = p+1, i+n
				continue
			default:
				// Bytes, not runes: two different invalid bytes both
				// decode to utf8.RuneError and must still differ.
				if pattern[p] == s[i] {
					p, i = p+1, i+1
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[mark:])
		mark += n
		p, i = star+1, mark
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// matchAction compares case-insensitively, as RAM does for action names.
func matchAction(pattern, action string) bool {
	return Match(strings.ToLower(pattern), strings.ToLower(action))
}

func anyMatch(patterns []string, s string, match func(p, s string) bool) bool {
	for _, p := range patterns {
		if match(p, s) {
			return true
		}
	}
	return false
}
