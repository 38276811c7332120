package osskit

import (
	"errors"
	"testing"
	"time"
)

func TestParseRestore(t *testing.T) {
	exp := time.Date(2020, 9, 24, 12, 40, 33, 0, time.UTC)
	tests := []struct {
		in   string
		want RestoreState
	}{
		// Values from the official Go SDK v2 tests (oss/api_op_bucket_test.go).
		{`ongoing-request="true"`, RestoreState{Ongoing: true}},
		{`ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"`, RestoreState{ExpiresAt: exp}},
	}
	for _, tt := range tests {
		got, err := ParseRestore(tt.in)
		if err != nil || got.Ongoing != tt.want.Ongoing || !got.ExpiresAt.Equal(tt.want.ExpiresAt) {
			t.Errorf("ParseRestore(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "true", `ongoing-request=true`, `ongoing-request="maybe"`,
		`ongoing-request="false"`, `ongoing-request="false", expiry-date="yesterday"`, `expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"`} {
		if _, err := ParseRestore(bad); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ParseRestore(%q) err = %v; want ErrInvalidArgument", bad, err)
		}
	}
}

func TestRestoreReadable(t *testing.T) {
	exp := time.Date(2020, 9, 24, 12, 0, 0, 0, time.UTC)
	r := RestoreState{ExpiresAt: exp}
	if !r.Readable(exp.Add(-time.Second)) {
		t.Error("restored copy not readable before expiry")
	}
	if r.Readable(exp) {
		t.Error("restored copy readable at expiry")
	}
	if (RestoreState{Ongoing: true}).Readable(exp.Add(-time.Hour)) {
		t.Error("ongoing restore reported readable")
	}
}

func FuzzParseRestore(f *testing.F) {
	f.Add(`ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"`)
	f.Add(`ongoing-request="true"`)
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseRestore(s)
		if err == nil && !st.Ongoing && st.ExpiresAt.IsZero() {
			t.Fatalf("ParseRestore(%q) accepted a finished restore without expiry", s)
		}
	})
}
