package style

import (
	"strconv"
	"strings"
)

// params1 holds one action's comma-separated tokens and builds errors that
// name the style, the action and the token.
type params1 struct {
	style, action string
	tokens        []string
}

func (p *params1) split(s string) {
	if s != "" {
		p.tokens = strings.Split(s, ",")
	}
}

func (p *params1) err(token, reason string) error {
	return &Error{Style: p.style, Action: p.action, Token: shorten(token), Reason: reason}
}

// bare parses an action whose only parameter is a bare number, like rotate,90.
func (p *params1) bare(lo, hi int, reason string) (int, error) {
	if len(p.tokens) != 1 {
		return 0, p.err("", "needs exactly one value")
	}
	n, ok := number(p.tokens[0])
	if !ok || n < lo || n > hi {
		return 0, p.err(p.tokens[0], reason)
	}
	return n, nil
}

// each splits every token into key_value and hands it to the setter for its
// key; unknown and repeated keys are errors.
func (p *params1) each(setters map[string]func(tok, v string) error) error {
	seen := map[string]bool{}
	for _, tok := range p.tokens {
		k, v, ok := strings.Cut(tok, "_")
		set, known := setters[k]
		switch {
		case !ok || !known:
			return p.err(tok, "unknown parameter")
		case seen[k]:
			return p.err(tok, "parameter given more than once")
		}
		seen[k] = true
		if err := set(tok, v); err != nil {
			return err
		}
	}
	return nil
}

func (p *params1) intInto(dst *int, lo, hi int, reason string) func(string, string) error {
	return func(tok, v string) error {
		n, ok := number(v)
		if !ok || n < lo || n > hi {
			return p.err(tok, reason)
		}
		*dst = n
		return nil
	}
}

func parseResize(p *params1) (Op, error) {
	r := &Resize{Mode: ModeLfit, Color: White}
	err := p.each(map[string]func(string, string) error{
		"m": func(tok, v string) error {
			switch m := Mode(v); m {
			case ModeLfit, ModeMfit, ModeFill, ModePad, ModeFixed:
				r.Mode = m
				return nil
			}
			return p.err(tok, "mode must be lfit, mfit, fill, pad or fixed")
		},
		"w": p.intInto(&r.W, 1, MaxTarget, "width must be 1..16384"),
		"h": p.intInto(&r.H, 1, MaxTarget, "height must be 1..16384"),
		"l": p.intInto(&r.L, 1, MaxTarget, "longer side must be 1..16384"),
		"s": p.intInto(&r.S, 1, MaxTarget, "shorter side must be 1..16384"),
		"p": p.intInto(&r.P, 1, MaxPercent, "percentage must be 1..1000"),
		"limit": func(tok, v string) error {
			if v != "0" && v != "1" {
				return p.err(tok, "limit must be 0 or 1")
			}
			r.Enlarge = v == "0"
			return nil
		},
		"color": func(tok, v string) error {
			c, ok := parseHex(v)
			if !ok {
				return p.err(tok, "colour must be six hex digits, e.g. FFFFFF")
			}
			r.Color = c
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	if r.W == 0 && r.H == 0 && r.L == 0 && r.S == 0 && r.P == 0 {
		return nil, p.err("", "needs at least one of w, h, l, s, p")
	}
	return r, nil
}

func parseCrop(p *params1) (Op, error) {
	c := &Crop{G: NorthWest}
	err := p.each(map[string]func(string, string) error{
		"w": p.intInto(&c.W, 0, MaxSide, "width must be 0..30000"),
		"h": p.intInto(&c.H, 0, MaxSide, "height must be 0..30000"),
		"x": p.intInto(&c.X, 0, MaxSide, "x must be 0..30000"),
		"y": p.intInto(&c.Y, 0, MaxSide, "y must be 0..30000"),
		"g": func(tok, v string) error {
			switch g := Gravity(v); g {
			case NorthWest, North, NorthEast, West, Center, East, SouthWest, South, SouthEast:
				c.G = g
				return nil
			}
			return p.err(tok, "gravity must be nw, north, ne, west, center, east, sw, south or se")
		},
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func parseHex(s string) (RGB, bool) {
	if len(s) != 6 {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}
