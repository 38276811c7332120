package template

import (
	"testing"
	"time"
)

func TestParseSchedule(t *testing.T) {
	at := time.Date(2026, 11, 22, 1, 2, 3, 0, time.UTC)
	cases := []struct {
		expr string
		next time.Time
	}{
		{"0 0 18 * * *", time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)},
		{"*/10 * * * * *", time.Date(2026, 11, 22, 1, 2, 10, 0, time.UTC)},
		{"0 30 9 ? * MON", time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)},
		{"@every 90s", at.Add(90 * time.Second)},
		{"CRON_TZ=Asia/Shanghai 0 0 2 * * *", time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		s, err := ParseSchedule(tc.expr)
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", tc.expr, err)
			continue
		}
		if got := s.Next(at); !got.Equal(tc.next) {
			t.Errorf("ParseSchedule(%q).Next(%v) = %v; want %v", tc.expr, at, got, tc.next)
		}
	}
	for _, bad := range []string{"", "0 2 * * *", "0 0 0 0 * * * *", "61 * * * * *", "@daily", "@every 10ms", "@every x"} {
		if _, err := ParseSchedule(bad); err == nil {
			t.Errorf("ParseSchedule(%q) succeeded; want error", bad)
		}
	}
}
