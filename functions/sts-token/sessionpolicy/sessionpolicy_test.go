package sessionpolicy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/localstack/rampolicy"
	"github.com/ossflow/ossflow/pkg/callerauth"
)

var layout = sessionpolicy.Layout{Bucket: "ossflow-uploads", UploadPrefix: "uploads", ThumbPrefix: "thumbs"}

func ossRes(bucket, key string) string {
	return "acs:oss:cn-hangzhou:1234567890123456:" + bucket + "/" + key
}

// TestBuildFromIdentities runs real identities through callerauth's
// segment mapping and the builder, then judges the policy with the RAM
// evaluator the emulators use: it must be valid, short, and grant exactly
// the caller's own prefix.
func TestBuildFromIdentities(t *testing.T) {
	tests := []struct {
		name, subject string
		wantSegment   string // "" when the identity must be refused
	}{
		{"plain", "u1", "u1"},
		{"email", "zoe@example.com", "zoe@example.com"},
		{"slash", "auth0|a/b", "auth0_7Ca_2Fb"},
		{"dot dot", "..", ""},
		{"dot dot inside", "../u2", ".._2Fu2"},
		{"wildcard", "*", "_2A"},
		{"wildcard suffix", "u1*", "u1_2A"},
		{"question mark", "u?", "u_3F"},
		{"unicode", "ユーザー", "_E3_83_A6_E3_83_BC_E3_82_B6_E3_83_BC"},
		{"200 characters", strings.Repeat("a", 200), ""},
		{"128 characters", strings.Repeat("b", 128), strings.Repeat("b", 128)},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg, err := callerauth.SafeSegment(tt.subject)
			if tt.wantSegment == "" {
				if err == nil {
					t.Fatalf("SafeSegment(%q) = %q; want a refusal", tt.subject, seg)
				}
				return
			}
			if err != nil || seg != tt.wantSegment {
				t.Fatalf("SafeSegment(%q) = %q, %v; want %q", tt.subject, seg, err, tt.wantSegment)
			}
			for _, p := range sessionpolicy.Profiles {
				doc, err := sessionpolicy.Build(layout, p, seg)
				if err != nil {
					t.Fatalf("Build(%s): %v", p, err)
				}
				if n := utf8.RuneCountInString(doc); n > sessionpolicy.MaxLength {
					t.Errorf("Build(%s) is %d characters; STS takes %d", p, n, sessionpolicy.MaxLength)
				}
				if !json.Valid([]byte(doc)) {
					t.Fatalf("Build(%s) = %s; not JSON", p, doc)
				}
				pol, err := rampolicy.Parse([]byte(doc))
				if err != nil {
					t.Fatalf("Build(%s) fails RAM grammar: %v", p, err)
				}
				checkScope(t, p, pol, seg)
			}
		})
	}
}

func checkScope(t *testing.T, p sessionpolicy.Profile, pol rampolicy.Policy, seg string) {
	t.Helper()
	allow := func(action, resource string) bool {
		return rampolicy.Evaluate([]rampolicy.Policy{pol}, action, resource).Allowed()
	}
	own := "uploads/" + seg + "/photo.jpg"
	cases := []struct {
		action, resource string
		want             bool
	}{
		{"oss:PutObject", ossRes("ossflow-uploads", own), p == sessionpolicy.Upload},
		{"oss:UploadPart", ossRes("ossflow-uploads", own), p == sessionpolicy.Upload},
		{"oss:GetObject", ossRes("ossflow-uploads", own), p == sessionpolicy.Read},
		{"oss:GetObject", ossRes("ossflow-uploads", "thumbs/"+seg+"/photo/sm.webp"), p == sessionpolicy.Read},
		{"oss:PutObject", ossRes("ossflow-uploads", "uploads/u2/x"), false},
		{"oss:PutObject", ossRes("ossflow-uploads", "uploads/"+seg+"x/y"), false},
		{"oss:PutObject", ossRes("ossflow-uploads", "uploads/"+seg), false},
		{"oss:PutObject", ossRes("other-bucket", own), false},
		{"oss:DeleteObject", ossRes("ossflow-uploads", own), false},
		{"oss:ListObjects", "acs:oss:cn-hangzhou:1234567890123456:ossflow-uploads", false},
		{"oss:PutObjectAcl", ossRes("ossflow-uploads", own), false},
	}
	for _, c := range cases {
		if got := allow(c.action, c.resource); got != c.want {
			t.Errorf("%s policy for %q: %s on %s = %v; want %v", p, seg, c.action, c.resource, got, c.want)
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	tests := []struct {
		name    string
		layout  sessionpolicy.Layout
		profile sessionpolicy.Profile
		segment string
		want    string
	}{
		{"unknown profile", layout, "admin", "u1", `unknown profile "admin"`},
		{"empty segment", layout, sessionpolicy.Upload, "", "empty"},
		{"slash in segment", layout, sessionpolicy.Upload, "u1/../u2", "byte 2"},
		{"dot dot segment", layout, sessionpolicy.Upload, "..", "relative path element"},
		{"star segment", layout, sessionpolicy.Upload, "*", "byte 0"},
		{"unicode segment", layout, sessionpolicy.Upload, "é", "byte 0"},
		{"space segment", layout, sessionpolicy.Upload, "a b", "byte 1"},
		{"bad bucket", sessionpolicy.Layout{Bucket: "Bad_Bucket", UploadPrefix: "uploads", ThumbPrefix: "thumbs"}, sessionpolicy.Upload, "u1", `Bucket "Bad_Bucket"`},
		{"wildcard prefix", sessionpolicy.Layout{Bucket: "bkt", UploadPrefix: "up*", ThumbPrefix: "thumbs"}, sessionpolicy.Upload, "u1", "UploadPrefix"},
		{"leading slash prefix", sessionpolicy.Layout{Bucket: "bkt", UploadPrefix: "/uploads", ThumbPrefix: "thumbs"}, sessionpolicy.Upload, "u1", "UploadPrefix"},
		{"too long", sessionpolicy.Layout{Bucket: "bkt", UploadPrefix: strings.Repeat("p/", 1000) + "p", ThumbPrefix: "thumbs"}, sessionpolicy.Upload, "u1", "STS accepts at most 2048"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := sessionpolicy.Build(tt.layout, tt.profile, tt.segment)
			if err == nil {
				t.Fatalf("Build = %s; want a refusal", doc)
			}
			if !errors.Is(err, sessionpolicy.ErrRefused) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build error = %v; want ErrRefused mentioning %q", err, tt.want)
			}
		})
	}
}

func TestThumbBucket(t *testing.T) {
	l := layout
	l.ThumbBucket = "ossflow-thumbs"
	doc, err := sessionpolicy.Build(l, sessionpolicy.Read, "u1")
	if err != nil {
		t.Fatal(err)
	}
	pol, _ := rampolicy.Parse([]byte(doc))
	if !rampolicy.Evaluate([]rampolicy.Policy{pol}, "oss:GetObject", ossRes("ossflow-thumbs", "thumbs/u1/a/sm.jpg")).Allowed() {
		t.Errorf("read policy %s does not cover the thumbnail bucket", doc)
	}
}

func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		if _, err := sessionpolicy.Build(layout, sessionpolicy.Upload, "zoe@example.com"); err != nil {
			b.Fatal(err)
		}
	}
}
