package style

import (
	"fmt"
	"strings"
)

// Mode is a resize mode (`m_`), as OSS defines them.
type Mode string

// Resize modes. With target w×h: lfit is the largest proportional image
// inside the box, mfit the smallest covering it, fill is mfit then a centre
// crop to w×h, pad is lfit centred on a w×h canvas of Color, fixed forces w×h.
const (
	ModeLfit  Mode = "lfit"
	ModeMfit  Mode = "mfit"
	ModeFill  Mode = "fill"
	ModePad   Mode = "pad"
	ModeFixed Mode = "fixed"
)

// Resize is `resize,...`. Zero W, H, L, S, P mean "not given".
type Resize struct {
	Mode Mode
	W, H int // target width and height, 1..16384
	L, S int // target longer / shorter side, 1..16384; ignored when W or H is set
	P    int // percentage, 1..1000; multiplies W and H when they are set
	// Enlarge is `limit_0`: allow a result larger than the input. OSS's
	// default (`limit_1`) returns the input size instead of enlarging.
	Enlarge bool
	Color   RGB // pad colour, default White
}

// Gravity is a crop anchor (`g_`).
type Gravity string

// The nine OSS gravities; the crop origin is the anchor point plus x, y.
const (
	NorthWest Gravity = "nw"
	North     Gravity = "north"
	NorthEast Gravity = "ne"
	West      Gravity = "west"
	Center    Gravity = "center"
	East      Gravity = "east"
	SouthWest Gravity = "sw"
	South     Gravity = "south"
	SouthEast Gravity = "se"
)

// Crop is `crop,...`. W or H zero means "to the image edge".
type Crop struct {
	W, H, X, Y int
	G          Gravity
}

// Rotate is `rotate,N`: clockwise degrees, 0..360.
type Rotate struct{ Degrees int }

// Blur is `blur,r_N,s_N`: radius and sigma, both 1..50.
type Blur struct{ Radius, Sigma int }

func (*Resize) op() {}
func (*Crop) op()   {}
func (*Rotate) op() {}
func (*Blur) op()   {}

// String returns the step in canonical form; defaults are omitted.
func (r *Resize) String() string {
	b := []string{"resize"}
	if r.Mode != ModeLfit {
		b = append(b, "m_"+string(r.Mode))
	}
	for _, p := range []struct {
		k string
		v int
	}{{"w", r.W}, {"h", r.H}, {"l", r.L}, {"s", r.S}, {"p", r.P}} {
		if p.v != 0 {
			b = append(b, fmt.Sprintf("%s_%d", p.k, p.v))
		}
	}
	if r.Enlarge {
		b = append(b, "limit_0")
	}
	if r.Color != White {
		b = append(b, "color_"+r.Color.String())
	}
	return strings.Join(b, ",")
}

// String returns the step in canonical form; defaults are omitted.
func (c *Crop) String() string {
	b := []string{"crop"}
	for _, p := range []struct {
		k string
		v int
	}{{"w", c.W}, {"h", c.H}, {"x", c.X}, {"y", c.Y}} {
		if p.v != 0 {
			b = append(b, fmt.Sprintf("%s_%d", p.k, p.v))
		}
	}
	if c.G != NorthWest {
		b = append(b, "g_"+string(c.G))
	}
	return strings.Join(b, ",")
}

// String returns the step in canonical form.
func (r *Rotate) String() string { return fmt.Sprintf("rotate,%d", r.Degrees) }

// String returns the step in canonical form.
func (b *Blur) String() string { return fmt.Sprintf("blur,r_%d,s_%d", b.Radius, b.Sigma) }
