package envconfig

import (
	"strings"
	"testing"
	"time"
)

func TestDefaultsWhenUnset(t *testing.T) {
	l := New(FromMap(nil))
	if got := l.String("A", "x"); got != "x" {
		t.Errorf("String = %q; want x", got)
	}
	if got := l.Int("B", 4, 1, 8); got != 4 {
		t.Errorf("Int = %d; want 4", got)
	}
	if got := l.Bytes("C", 10<<20, 1, 1<<30); got != 10<<20 {
		t.Errorf("Bytes = %d; want %d", got, 10<<20)
	}
	if got := l.Duration("D", time.Minute, time.Second, time.Hour); got != time.Minute {
		t.Errorf("Duration = %s; want 1m", got)
	}
	if got := l.List("E", []string{"a"}); len(got) != 1 || got[0] != "a" {
		t.Errorf("List = %q; want [a]", got)
	}
	if err := l.Err(); err != nil {
		t.Fatalf("Err = %v; want nil", err)
	}
}

func TestValuesParsed(t *testing.T) {
	l := New(FromMap(map[string]string{
		"S": " v ", "I": "7", "SZ": "64 KiB", "SZ2": "10MB", "D": "90s", "L": "a, b,,c", "B": "true", "O": "webp",
	}))
	if got := l.String("S", ""); got != "v" {
		t.Errorf("String = %q; want v", got)
	}
	if got := l.Int("I", 0, 0, 10); got != 7 {
		t.Errorf("Int = %d; want 7", got)
	}
	if got := l.Bytes("SZ", 0, 0, 1<<40); got != 65536 {
		t.Errorf("Bytes(64 KiB) = %d; want 65536", got)
	}
	if got := l.Bytes("SZ2", 0, 0, 1<<40); got != 10_000_000 {
		t.Errorf("Bytes(10MB) = %d; want 10000000", got)
	}
	if got := l.Duration("D", 0, 0, time.Hour); got != 90*time.Second {
		t.Errorf("Duration = %s; want 1m30s", got)
	}
	if got := strings.Join(l.List("L", nil), "|"); got != "a|b|c" {
		t.Errorf("List = %q; want a|b|c", got)
	}
	if !l.Bool("B", false) {
		t.Error("Bool = false; want true")
	}
	if got := l.OneOf("O", "jpg", "jpg", "webp"); got != "webp" {
		t.Errorf("OneOf = %q; want webp", got)
	}
	if err := l.Err(); err != nil {
		t.Fatalf("Err = %v", err)
	}
}

func TestEveryBadVariableNamedOnce(t *testing.T) {
	l := New(FromMap(map[string]string{
		"MAX_BYTES":        "lots",
		"WORKERS":          "0",
		"TTL":              "10x",
		"FORMAT":           "bmp",
		"DEBUG":            "maybe",
		"JWT_HS256_SECRET": "hunter2-but-long",
	}))
	l.Bytes("MAX_BYTES", 1, 1, 100)
	l.Int("WORKERS", 1, 1, 16)
	l.Duration("TTL", time.Second, time.Second, time.Hour)
	l.OneOf("FORMAT", "jpg", "jpg", "png")
	l.Bool("DEBUG", false)
	l.Required("BUCKET")
	if s := l.String("JWT_HS256_SECRET", ""); len(s) < 32 {
		l.Fail("JWT_HS256_SECRET", "must be at least 32 bytes")
	}
	err := l.Err()
	if err == nil {
		t.Fatal("Err = nil; want every bad variable reported")
	}
	msg := err.Error()
	for _, name := range []string{"MAX_BYTES", "WORKERS", "TTL", "FORMAT", "DEBUG", "BUCKET", "JWT_HS256_SECRET"} {
		if strings.Count(msg, name+":") != 1 {
			t.Errorf("error names %s %d times; want once:\n%s", name, strings.Count(msg, name+":"), msg)
		}
	}
	if strings.Contains(msg, "hunter2") {
		t.Errorf("secret value echoed in error: %s", msg)
	}
}

func TestSecretValueHidden(t *testing.T) {
	l := New(FromMap(map[string]string{"UPLOAD_TOKEN_TTL": "soon"}))
	l.Duration("UPLOAD_TOKEN_TTL", time.Second, time.Second, time.Hour)
	if err := l.Err(); err == nil || strings.Contains(err.Error(), "soon") {
		t.Fatalf("Err = %v; want an error that hides the value", err)
	}
}

func TestParseBytes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"1024", 1024, true}, {"1KiB", 1024, true}, {"1 kb", 1000, true},
		{"5GiB", 5 << 30, true}, {"12B", 12, true}, {"-1", 0, false}, {"", 0, false},
		{"1.5MB", 0, false}, {"9999999999999GiB", 0, false}, {"MB", 0, false},
	} {
		got, err := ParseBytes(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}
