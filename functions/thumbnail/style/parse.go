package style

import (
	"strconv"
	"strings"
)

// Limits from the OSS documentation (see the package comment for sources).
const (
	MaxTarget  = 16384 // resize w, h, l, s upper bound
	MaxPercent = 1000  // resize p upper bound
	MaxSide    = 30000 // largest source side OSS accepts; bounds crop w, h, x, y
	MaxBlur    = 50    // blur r and s upper bound
	maxLen     = 1024  // longest style string accepted
	maxOps     = 16    // most geometric steps in one style
)

// Parse parses an anonymous style string. Errors are *Error.
func Parse(s string) (Style, error) { return ParseNamed("", s) }

// ParseNamed parses style string s and records name in the result and in any
// *Error it returns. The string must start with "image/" and hold at least one
// action; each setting (auto-orient, format, quality, interlace, strip) may
// appear once, geometric steps any number of times up to 16.
func ParseNamed(name, s string) (Style, error) {
	st := Style{Name: name}
	fail := func(action, token, reason string) (Style, error) {
		return Style{}, &Error{Style: name, Action: action, Token: shorten(token), Reason: reason}
	}
	if len(s) > maxLen {
		return fail("", "", "longer than 1024 bytes")
	}
	rest, ok := strings.CutPrefix(s, "image/")
	if !ok {
		return fail("", "", `must start with "image/"`)
	}
	seen := map[string]bool{}
	for _, act := range strings.Split(rest, "/") {
		action, params, _ := strings.Cut(act, ",")
		if action == "" {
			return fail("", act, "empty action")
		}
		p := &params1{style: name, action: action}
		p.split(params)
		var err error
		switch action {
		case "resize", "crop", "rotate", "blur":
			if len(st.Ops) == maxOps {
				return fail(action, "", "more than 16 steps")
			}
			var op Op
			switch action {
			case "resize":
				op, err = parseResize(p)
			case "crop":
				op, err = parseCrop(p)
			case "rotate":
				var d int
				d, err = p.bare(0, 360, "degrees must be 0..360")
				op = &Rotate{Degrees: d}
			case "blur":
				op, err = parseBlur(p)
			}
			if err == nil {
				st.Ops = append(st.Ops, op)
			}
		case "auto-orient", "format", "quality", "interlace", "strip":
			if seen[action] {
				return fail(action, "", "given more than once")
			}
			seen[action] = true
			err = parseSetting(&st, p)
		default:
			return fail(action, "", "unknown action")
		}
		if err != nil {
			return Style{}, err
		}
	}
	return st, nil
}

func parseSetting(st *Style, p *params1) error {
	var err error
	switch p.action {
	case "auto-orient":
		var v int
		v, err = p.bare(0, 1, "must be 0 or 1")
		st.NoAutoOrient = v == 0
	case "interlace":
		var v int
		v, err = p.bare(0, 1, "must be 0 or 1")
		st.Interlace = v == 1
	case "strip":
		var v int
		v, err = p.bare(0, 1, "must be 0 or 1")
		st.KeepMetadata = v == 0
	case "format":
		st.Format, err = parseFormat(p)
	case "quality":
		st.Quality, err = parseQuality(p)
	}
	return err
}

func parseFormat(p *params1) (Format, error) {
	if len(p.tokens) != 1 {
		return "", p.err("", "needs exactly one format")
	}
	switch v := p.tokens[0]; v {
	case "jpg", "jpeg":
		return FormatJPG, nil
	case "png", "webp", "avif":
		return Format(v), nil
	case "bmp", "gif", "tiff", "heic":
		return "", p.err(v, "output format not supported here (jpg, png, webp, avif)")
	default:
		return "", p.err(v, "unknown format (jpg, png, webp, avif)")
	}
}

func parseQuality(p *params1) (Quality, error) {
	if len(p.tokens) != 1 {
		return Quality{}, p.err("", "needs exactly one of q_N or Q_N")
	}
	tok := p.tokens[0]
	k, v, _ := strings.Cut(tok, "_")
	if k != "q" && k != "Q" {
		return Quality{}, p.err(tok, "must be q_N (relative) or Q_N (absolute)")
	}
	n, ok := number(v)
	if !ok || n < 1 || n > 100 {
		return Quality{}, p.err(tok, "quality must be 1..100")
	}
	return Quality{Value: n, Relative: k == "q"}, nil
}

func parseBlur(p *params1) (Op, error) {
	b := &Blur{}
	if err := p.each(map[string]func(string, string) error{
		"r": p.intInto(&b.Radius, 1, MaxBlur, "radius must be 1..50"),
		"s": p.intInto(&b.Sigma, 1, MaxBlur, "sigma must be 1..50"),
	}); err != nil {
		return nil, err
	}
	if b.Radius == 0 || b.Sigma == 0 {
		return nil, p.err("", "needs both r and s")
	}
	return b, nil
}

// number parses a short run of decimal digits; no sign, no spaces, so the
// canonical form is the only spelling and overflow is impossible.
func number(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
