package style

import (
	"strings"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Error says which style, action and token are wrong and why, e.g.
// `style "sm": resize: w_0: width must be 1..16384`. Every error this package
// returns is an *Error; its fault kind is Invalid (a config mistake that
// retrying cannot fix).
type Error struct {
	Style  string // style name; empty for an anonymous style
	Action string // e.g. "resize"; empty when the style as a whole is wrong
	Token  string // the offending token, e.g. "w_0"; shortened when very long
	Reason string
}

// maxTokenEcho bounds how much of a bad token an error repeats, so a huge
// config value cannot blow up a log line.
const maxTokenEcho = 32

// Error formats as `style "name": action: token: reason`, leaving out empty parts.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("style")
	if e.Style != "" {
		b.WriteString(` "` + e.Style + `"`)
	}
	b.WriteString(": ")
	if e.Action != "" {
		b.WriteString(e.Action + ": ")
	}
	if e.Token != "" {
		b.WriteString(e.Token + ": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// FaultKind classifies every style error as fault.Invalid.
func (e *Error) FaultKind() fault.Kind { return fault.Invalid }

func shorten(s string) string {
	if len(s) <= maxTokenEcho {
		return s
	}
	return strings.ToValidUTF8(s[:maxTokenEcho], "") + "…"
}
