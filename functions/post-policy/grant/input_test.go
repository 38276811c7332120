package grant

import (
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
)

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Request
		kind fault.Kind
		msg  string
	}{
		{"full", `{"filename":"a.jpg","contentType":"image/jpeg","size":5,"mode":"put"}`,
			Request{Filename: "a.jpg", ContentType: "image/jpeg", Size: 5, Mode: ModePut}, 0, ""},
		{"mode defaults to post", `{"filename":"a.jpg","contentType":"image/jpeg"}`,
			Request{Filename: "a.jpg", ContentType: "image/jpeg", Mode: ModePost}, 0, ""},
		{"empty body", ``, Request{}, fault.Invalid, "empty or cut short"},
		{"not JSON", `filename=a.jpg`, Request{}, fault.Invalid, "invalid JSON at byte 2"},
		{"array", `[]`, Request{}, fault.Invalid, "wrong type"},
		{"size as string", `{"filename":"a","contentType":"image/png","size":"5"}`, Request{}, fault.Invalid, "field size has the wrong type"},
		{"two objects", `{"filename":"a","contentType":"image/png"}{}`, Request{}, fault.Invalid, "exactly one JSON object"},
		{"no filename", `{"contentType":"image/png"}`, Request{}, fault.Invalid, "filename is required"},
		{"no type", `{"filename":"a"}`, Request{}, fault.Invalid, "contentType is required"},
		{"oversized", `{"filename":"` + strings.Repeat("a", MaxRequestBytes) + `"}`, Request{}, fault.TooLarge, "larger than 4096 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRequest([]byte(tt.body))
			if tt.msg == "" {
				if err != nil || got != tt.want {
					t.Errorf("ParseRequest = %+v, %v; want %+v", got, err, tt.want)
				}
				return
			}
			if fault.KindOf(err) != tt.kind || !strings.Contains(fault.PublicMessage(err), tt.msg) {
				t.Errorf("err = %v (kind %s); want kind %s mentioning %q", err, fault.KindOf(err), tt.kind, tt.msg)
			}
		})
	}
}

func TestSanitizeFilename(t *testing.T) {
	tests := []struct{ in, want string }{
		{"photo.jpg", "photo.jpg"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\me\My Photo.png`, "My Photo.png"},
		{"  lots \t of\n\nspace  .gif", "lots of space .gif"},
		{"bidi\u202egpj.exe", "bidigpj.exe"},
		{"nul\x00and\x7fdel", "nulanddel"},
		{"bad\xffutf8.jpg", "badutf8.jpg"},
		{"100%.jpg", "100%25.jpg"},
		{"Zoë.jpg", "Zo%C3%AB.jpg"},
		{"日本.png", "%E6%97%A5%E6%9C%AC.png"},
		{strings.Repeat("é", 200), strings.Repeat("%C3%A9", 127)}, // cut at 254 bytes, never mid-rune
	}
	for _, tt := range tests {
		got, err := SanitizeFilename(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("SanitizeFilename(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		for i := 0; i < len(got); i++ {
			if got[i] < 0x20 || got[i] >= 0x7f {
				t.Errorf("SanitizeFilename(%q) = %q has byte %#x outside printable ASCII", tt.in, got, got[i])
			}
		}
		if _, err := url.PathUnescape(got); err != nil {
			t.Errorf("SanitizeFilename(%q) = %q does not unescape: %v", tt.in, got, err)
		}
	}
	for _, bad := range []string{"", "/", "..", "a/..", "\x00\x01", strings.Repeat("a", MaxFilenameBytes+1)} {
		if _, err := SanitizeFilename(bad); fault.KindOf(err) != fault.Invalid {
			t.Errorf("SanitizeFilename(%q) err = %v; want Invalid", bad, err)
		}
	}
}

func TestNewUploadKey(t *testing.T) {
	k, err := NewUploadKey("uploads", "auth0_7C42", "jpg", time.Date(2027, 1, 2, 23, 59, 0, 0, time.FixedZone("UTC+8", 8*3600)), zeroRand())
	if err != nil || k.String() != "uploads/auth0_7C42/2027/01/02/"+zeroRandom+".jpg" {
		t.Errorf("NewUploadKey = %q, %v; want the UTC date (2027/01/02) and 26 base32 characters", k, err)
	}
	if _, err := NewUploadKey("uploads", "..", "jpg", testNow, zeroRand()); err == nil {
		t.Errorf("NewUploadKey with user \"..\" succeeded; want refusal")
	}
	if _, err := NewUploadKey("uploads", "alice", "jpg", testNow, strings.NewReader("short")); err == nil {
		t.Errorf("NewUploadKey with a short random source succeeded; want an error")
	}
}

func TestUploadRandomFailureIsInternal(t *testing.T) {
	m, err := NewMinter(testConfig(), strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Upload("alice", Request{Filename: "a.png", ContentType: "image/png"}, plainCreds, testNow)
	if fault.KindOf(err) != fault.Internal || !errors.Is(err, io.EOF) || fault.PublicMessage(err) != "internal error" {
		t.Errorf("err = %v; want Internal wrapping io.EOF, shown as a generic message", err)
	}
}
