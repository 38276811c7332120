package template

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule tells when a timer fires next.
type Schedule interface {
	// Next returns the first firing strictly after t.
	Next(t time.Time) time.Time
}

// fcCron is FC's cron dialect: six fields with seconds first
// ("0 0 18 * * *"), "?" allowed in the day fields, or "@every 5m".
var fcCron = cron.NewParser(cron.Second | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses an FC timer cronExpression. Five-field (Unix) cron
// is an error, as it is on FC, rather than being read with a shifted
// meaning; so are @every intervals under one second. Schedules are in UTC,
// as FC's are, unless the expression starts with CRON_TZ=<zone>.
func ParseSchedule(expr string) (Schedule, error) {
	e := strings.TrimSpace(expr)
	if e == "" {
		return nil, fmt.Errorf("empty cron expression; want 6 fields (sec min hour dom month dow) or @every <duration>")
	}
	if d, ok := strings.CutPrefix(e, "@every "); ok {
		dur, err := time.ParseDuration(strings.TrimSpace(d))
		if err != nil || dur < time.Second {
			return nil, fmt.Errorf("%q: @every needs a duration of at least 1s, like @every 5m", expr)
		}
		return cron.Every(dur), nil
	}
	if strings.HasPrefix(e, "@") {
		return nil, fmt.Errorf("%q: only @every descriptors are supported by FC", expr)
	}
	body := e
	if strings.HasPrefix(e, "CRON_TZ=") {
		if i := strings.IndexByte(e, ' '); i > 0 {
			body = strings.TrimSpace(e[i+1:])
		}
	} else {
		e = "CRON_TZ=UTC " + e
	}
	if n := len(strings.Fields(body)); n != 6 {
		return nil, fmt.Errorf("%q has %d fields; want 6 (sec min hour dom month dow)", expr, n)
	}
	s, err := fcCron.Parse(e)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", expr, err)
	}
	return s, nil
}
