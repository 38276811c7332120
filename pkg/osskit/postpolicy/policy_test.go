package postpolicy

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestParse(t *testing.T) {
	p, err := Parse(b64(`{"expiration":"2023-12-03T13:00:00.000Z","conditions":[{"bucket":"examplebucket"},["content-length-range",1,10],["eq","$success_action_status","201"],["starts-with","$key","user/eric/"],["in","$content-type",["image/jpg","image/png"]],["not-in","$cache-control",["no-cache"]]]}`))
	if err != nil {
		t.Fatalf("Parse of the OSS doc example: %v", err)
	}
	if !p.Expiration.Equal(time.Date(2023, 12, 3, 13, 0, 0, 0, time.UTC)) || len(p.Conditions) != 6 {
		t.Fatalf("Policy = %+v", p)
	}
	want := []string{`{"bucket":"examplebucket"}`, `["content-length-range",1,10]`, `["eq","$success_action_status","201"]`,
		`["starts-with","$key","user/eric/"]`, `["in","$content-type",["image/jpg","image/png"]]`, `["not-in","$cache-control",["no-cache"]]`}
	for i, w := range want {
		if got := p.Conditions[i].String(); got != w {
			t.Errorf("condition %d = %s; want %s", i, got, w)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	tests := []struct{ name, policy string }{
		{"not base64", "!!!"},
		{"not JSON", b64("nope")},
		{"JSON array", b64("[]")},
		{"no expiration", b64(`{"conditions":[]}`)},
		{"bad expiration", b64(`{"expiration":"tomorrow","conditions":[]}`)},
		{"no conditions", b64(`{"expiration":"2023-12-03T13:00:00.000Z"}`)},
		{"range as strings", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["content-length-range","1","10"]]}`)},
		{"range min > max", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["content-length-range",10,1]]}`)},
		{"range fraction", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["content-length-range",1.5,10]]}`)},
		{"in with string", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["in","$content-type","image/png"]]}`)},
		{"unknown op", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["matches","$key","x"]]}`)},
		{"field without $", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["eq","key","x"]]}`)},
		{"two-element array", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["eq","$key"]]}`)},
		{"object with two fields", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[{"bucket":"a","key":"b"}]}`)},
		{"object with number", b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[{"bucket":1}]}`)},
		{"too large", string(make([]byte, MaxPolicySize+1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.policy)
			var pe *Error
			if !errors.As(err, &pe) || pe.Code != CodeInvalidPolicyDocument {
				t.Errorf("Parse err = %v; want InvalidPolicyDocument", err)
			}
		})
	}
}

func FuzzParsePolicy(f *testing.F) {
	f.Add(b64(`{"expiration":"2023-12-03T13:00:00.000Z","conditions":[{"bucket":"b"},["content-length-range",1,10],["in","$content-type",["a"]]]}`))
	f.Add(b64(`{"expiration":"2023-12-03T13:00:00Z","conditions":[["starts-with","$key",""]]}`))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Code != CodeInvalidPolicyDocument {
				t.Fatalf("Parse err = %v; want *Error InvalidPolicyDocument", err)
			}
			return
		}
		// A parsed policy re-encodes and parses to the same conditions.
		doc, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		q, err := Parse(base64.StdEncoding.EncodeToString(doc))
		if err != nil {
			t.Fatalf("re-Parse of %s: %v", doc, err)
		}
		if len(q.Conditions) != len(p.Conditions) {
			t.Fatalf("round trip changed %d conditions to %d", len(p.Conditions), len(q.Conditions))
		}
		for i := range p.Conditions {
			if p.Conditions[i].String() != q.Conditions[i].String() {
				t.Fatalf("condition %d: %s became %s", i, p.Conditions[i], q.Conditions[i])
			}
		}
	})
}
