package callerauth

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

func TestSafeSegment(t *testing.T) {
	tests := []struct {
		sub     string
		want    string
		wantErr bool
	}{
		{sub: "alice", want: "alice"},
		{sub: "Alice.Smith-1@example.com", want: "Alice.Smith-1@example.com"},
		{sub: "auth0|5f7c8ec7", want: "auth0_7C5f7c8ec7"},
		{sub: "a/b", want: "a_2Fb"},
		{sub: "../etc", want: ".._2Fetc"},
		{sub: "a..b", want: "a..b"},
		{sub: "*", want: "_2A"},
		{sub: "${aws:username}", want: "_24_7Baws_3Ausername_7D"},
		{sub: "x_y", want: "x_5Fy"},
		{sub: "x_5Fy", want: "x_5F5Fy"},
		{sub: "josé", want: "jos_C3_A9"},
		{sub: "用户", want: "_E7_94_A8_E6_88_B7"},
		{sub: "a b\x00c", want: "a_20b_00c"},
		{sub: "\xff", want: "_FF"},
		{sub: ".-", want: ".-"},
		{sub: strings.Repeat("a", 128), want: strings.Repeat("a", 128)},
		{sub: "", wantErr: true},
		{sub: ".", wantErr: true},
		{sub: "..", wantErr: true},
		{sub: strings.Repeat("a", 129), wantErr: true},
		{sub: strings.Repeat("a", 200), wantErr: true},
		{sub: strings.Repeat("é", 22), wantErr: true}, // 44 bytes, 132 escaped
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.sub), func(t *testing.T) {
			got, err := SafeSegment(tc.sub)
			if tc.wantErr {
				if err == nil || !errors.Is(err, ErrUnsafeSegment) || fault.KindOf(err) != fault.Invalid {
					t.Fatalf("SafeSegment = %q, %v; want an invalid ErrUnsafeSegment", got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("SafeSegment = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestSafeSegmentNoCollisions maps identities that naive sanitisers merge
// ("a/b" vs "a_b" vs "a-b", case, escapes that look like escapes).
func TestSafeSegmentNoCollisions(t *testing.T) {
	subs := []string{"a/b", "a_b", "a-b", "a.b", "a b", "a_2Fb", "A/B", "a//b", "a%2Fb", "ab", "a\\b", "a*b", "a_5Fb"}
	seen := map[string]string{}
	for _, s := range subs {
		seg, err := SafeSegment(s)
		if err != nil {
			t.Fatalf("SafeSegment(%q): %v", s, err)
		}
		if prev, dup := seen[seg]; dup {
			t.Errorf("SafeSegment(%q) = SafeSegment(%q) = %q", s, prev, seg)
		}
		seen[seg] = s
	}
}

func TestSessionName(t *testing.T) {
	long := strings.Repeat("u", 65)
	tests := []struct {
		sub, want string
	}{
		{sub: "alice", want: "alice"},
		{sub: "alice_smith@example.com", want: "alice_smith@example.com"},
		{sub: strings.Repeat("u", 64), want: strings.Repeat("u", 64)},
		{sub: "a", want: "a-ca978112ca1bbdca"},
		{sub: "a/b", want: "a-b-" + sha16("a/b")},
		{sub: "a:b", want: "a-b-" + sha16("a:b")},
		{sub: long, want: strings.Repeat("u", 47) + "-" + sha16(long)},
		{sub: "josé", want: "jos--" + sha16("josé")},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.sub), func(t *testing.T) {
			got, err := SessionName(tc.sub)
			if err != nil || got != tc.want {
				t.Fatalf("SessionName = %q, %v; want %q", got, err, tc.want)
			}
			if !validSessionName(got) {
				t.Errorf("SessionName = %q; not 2-64 chars of [A-Za-z0-9.@_-]", got)
			}
		})
	}
	a, _ := SessionName("a/b")
	b, _ := SessionName("a:b")
	if a == b {
		t.Errorf("SessionName(a/b) = SessionName(a:b) = %q; want distinct", a)
	}
	if _, err := SessionName(""); fault.KindOf(err) != fault.Invalid {
		t.Errorf("SessionName(\"\") error = %v; want invalid", err)
	}
}

// sha16 is the first 16 hex digits of SHA-256, computed independently of
// SessionName's own code path.
func sha16(s string) string {
	sum := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%x", sum[:8])
}

func validSessionName(s string) bool {
	return len(s) >= 2 && len(s) <= 64 && sessionSafe(s)
}

// unescapeSegment inverts SafeSegment; FuzzSafeSegment uses it to prove the
// mapping is injective.
func unescapeSegment(seg string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(seg); i++ {
		if seg[i] != '_' {
			b.WriteByte(seg[i])
			continue
		}
		if i+2 >= len(seg) {
			return "", false
		}
		v, err := strconv.ParseUint(seg[i+1:i+3], 16, 8)
		if err != nil {
			return "", false
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String(), true
}

func FuzzSafeSegment(f *testing.F) {
	for _, s := range []string{"alice", "a/b", "..", ".", "", "x_5Fy", "josé", "\xff\x00", strings.Repeat("a", 129), "${x}*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sub string) {
		seg, err := SafeSegment(sub)
		if err != nil {
			if !errors.Is(err, ErrUnsafeSegment) {
				t.Fatalf("SafeSegment(%q) error %v does not match ErrUnsafeSegment", sub, err)
			}
			return
		}
		if seg == "" || seg == "." || seg == ".." || len(seg) > MaxSegmentBytes {
			t.Fatalf("SafeSegment(%q) = %q; want a non-relative segment of at most %d bytes", sub, seg, MaxSegmentBytes)
		}
		for i := 0; i < len(seg); i++ {
			if c := seg[i]; !segmentByte(c) && c != '_' {
				t.Fatalf("SafeSegment(%q) = %q contains %q", sub, seg, c)
			}
		}
		back, ok := unescapeSegment(seg)
		if !ok || back != sub {
			t.Fatalf("SafeSegment(%q) = %q decodes to %q, %v; want the input back", sub, seg, back, ok)
		}
		name, err := SessionName(sub)
		if err != nil || !validSessionName(name) {
			t.Fatalf("SessionName(%q) = %q, %v; want a valid session name", sub, name, err)
		}
	})
}
