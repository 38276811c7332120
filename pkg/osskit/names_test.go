package osskit

import (
	"errors"
	"strings"
	"testing"
)

func TestNewBucket(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"abc", true},
		{"my-bucket-01", true},
		{strings.Repeat("a", 63), true},
		{"ab", false},
		{strings.Repeat("a", 64), false},
		{"My-Bucket", false},
		{"-bucket", false},
		{"bucket-", false},
		{"buck_et", false},
		{"buck.et", false},
		{"", false},
	}
	for _, tt := range tests {
		b, err := NewBucket(tt.name)
		if (err == nil) != tt.ok {
			t.Errorf("NewBucket(%q) err = %v; want ok %v", tt.name, err, tt.ok)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("NewBucket(%q) err = %v; want ErrInvalidArgument", tt.name, err)
			}
			continue
		}
		if b.String() != tt.name {
			t.Errorf("NewBucket(%q).String() = %q", tt.name, b.String())
		}
	}
}

func TestNewKey(t *testing.T) {
	tests := []struct {
		key string
		ok  bool
	}{
		{"a", true},
		{"photos/2026/cat.jpg", true},
		{"dir/", true},
		{"a/../b", true}, // legal in OSS; only generated keys refuse it
		{"naïve café/日本.png", true},
		{"with space.txt", true},
		{strings.Repeat("k", 1023), true},
		{strings.Repeat("k", 1024), false},
		{"", false},
		{"/leading", false},
		{`\leading`, false},
		{"tab\there", false},
		{"nul\x00", false},
		{"del\x7f", false},
		{"bad\xffutf8", false},
	}
	for _, tt := range tests {
		k, err := NewKey(tt.key)
		if (err == nil) != tt.ok {
			t.Errorf("NewKey(%q) err = %v; want ok %v", tt.key, err, tt.ok)
			continue
		}
		if err == nil && k.String() != tt.key {
			t.Errorf("NewKey(%q).String() = %q", tt.key, k.String())
		}
		if err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("NewKey(%q) err = %v; want ErrInvalidArgument", tt.key, err)
		}
	}
}

func TestGeneratedKey(t *testing.T) {
	tests := []struct {
		segments []string
		want     string // "" = error
	}{
		{[]string{"thumbs", "200x200", "cat.jpg"}, "thumbs/200x200/cat.jpg"},
		{[]string{"uploads", "user-1", "résumé.pdf"}, "uploads/user-1/résumé.pdf"},
		{[]string{"uploads", "..", "secret"}, ""},
		{[]string{"uploads", ".", "x"}, ""},
		{[]string{"uploads", "", "x"}, ""},
		{[]string{"uploads", "a/../../b"}, ""},
		{[]string{"uploads/"}, ""},
		{[]string{"a", `b\c`}, ""},
		{[]string{"/abs"}, ""},
		{[]string{}, ""},
	}
	for _, tt := range tests {
		k, err := GeneratedKey(tt.segments...)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("GeneratedKey(%q) = %q; want error", tt.segments, k)
		case tt.want == "" && !errors.Is(err, ErrInvalidArgument):
			t.Errorf("GeneratedKey(%q) err = %v; want ErrInvalidArgument", tt.segments, err)
		case tt.want != "" && (err != nil || k.String() != tt.want):
			t.Errorf("GeneratedKey(%q) = %q, %v; want %q", tt.segments, k, err, tt.want)
		}
	}
}

// FuzzNewKey checks that NewKey never panics and that every accepted key
// obeys the OSS rules, and every generated key is also a plain key.
func FuzzNewKey(f *testing.F) {
	for _, s := range []string{"a", "a/b", "/x", "..", "a//b", "\x00", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := NewKey(s)
		if err == nil && (len(k.String()) == 0 || len(k.String()) > MaxKeyLen || k.String()[0] == '/') {
			t.Fatalf("NewKey(%q) accepted a key OSS refuses", s)
		}
		if ValidateGenerated(s) == nil && err != nil {
			t.Fatalf("ValidateGenerated(%q) ok but NewKey refused: %v", s, err)
		}
	})
}
