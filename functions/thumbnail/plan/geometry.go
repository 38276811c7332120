package plan

import (
	"math"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
)

// StepKind names a geometric step.
type StepKind int

// Step kinds.
const (
	Resize StepKind = iota + 1 // scale to exactly W×H (aspect already decided)
	Crop                       // keep the W×H area at X,Y
	Embed                      // place the image at X,Y on a W×H canvas of Background
	Rotate                     // rotate clockwise by Degrees; W×H is the result
	Blur                       // gaussian blur with Sigma; size unchanged
)

// Step is one geometric operation, measured in logical pixels: the renderer
// scales crop and embed coordinates by decoded/logical size until the first
// Resize makes the two equal.
type Step struct {
	Kind       StepKind
	W, H       int // size after the step
	X, Y       int // crop origin or embed offset
	Degrees    int
	Sigma      float64
	Background style.RGB
}

func stepsFor(op style.Op, w, h int, bg style.RGB) ([]Step, float64, error) {
	switch op := op.(type) {
	case *style.Resize:
		steps, s := resizeSteps(op, w, h)
		return steps, s, nil
	case *style.Crop:
		st, err := cropStep(op, w, h)
		if err != nil {
			return nil, 0, err
		}
		return []Step{st}, 1, nil
	case *style.Rotate:
		return rotateSteps(op.Degrees, w, h, bg), 1, nil
	case *style.Blur:
		return []Step{{Kind: Blur, W: w, H: h, Sigma: float64(op.Sigma)}}, 1, nil
	}
	return nil, 1, nil
}

// cropStep follows OSS custom crop
// (https://www.alibabacloud.com/help/en/doc-detail/44693.htm): W or H of 0
// means "to the edge", the origin is the gravity's anchor (centre =
// width/2 − w/2) moved by x, y inwards from that anchor's edges, an origin
// outside the image is refused, and an area that overruns is clipped.
func cropStep(c *style.Crop, w, h int) (Step, error) {
	cw, ch := c.W, c.H
	if cw == 0 || cw > w {
		cw = w
	}
	if ch == 0 || ch > h {
		ch = h
	}
	x := anchor(gravityX[c.G], w, cw, c.X)
	y := anchor(gravityY[c.G], h, ch, c.Y)
	if x < 0 || y < 0 || x >= w || y >= h {
		return Step{}, refuse(ReasonCrop, "crop origin %d,%d is outside the %dx%d image", x, y, w, h)
	}
	return Step{Kind: Crop, X: x, Y: y, W: min(cw, w-x), H: min(ch, h-y)}, nil
}

// Where a gravity anchors the crop on each axis: 0 low edge, 1 centre, 2 high edge.
var (
	gravityX = map[style.Gravity]int{style.NorthWest: 0, style.West: 0, style.SouthWest: 0,
		style.North: 1, style.Center: 1, style.South: 1, style.NorthEast: 2, style.East: 2, style.SouthEast: 2}
	gravityY = map[style.Gravity]int{style.NorthWest: 0, style.North: 0, style.NorthEast: 0,
		style.West: 1, style.Center: 1, style.East: 1, style.SouthWest: 2, style.South: 2, style.SouthEast: 2}
)

// anchor returns the crop origin on one axis: from the low edge the offset
// counts forwards, from the high edge inwards, from the centre forwards.
func anchor(where, size, crop, off int) int {
	switch where {
	case 1:
		return size/2 - crop/2 + off
	case 2:
		return size - crop - off
	default:
		return off
	}
}

// rotateSteps turns clockwise; right angles swap sides, any other angle
// grows the canvas to the rotated bounding box, filled with bg (OSS:
// https://www.alibabacloud.com/help/doc-detail/44690.htm).
func rotateSteps(deg, w, h int, bg style.RGB) []Step {
	deg %= 360
	switch deg {
	case 0:
		return nil
	case 90, 270:
		return []Step{{Kind: Rotate, Degrees: deg, W: h, H: w}}
	case 180:
		return []Step{{Kind: Rotate, Degrees: deg, W: w, H: h}}
	}
	rad := float64(deg) * math.Pi / 180
	sin, cos := math.Abs(math.Sin(rad)), math.Abs(math.Cos(rad))
	bw := int(math.Ceil(float64(w)*cos + float64(h)*sin - 1e-9))
	bh := int(math.Ceil(float64(w)*sin + float64(h)*cos - 1e-9))
	return []Step{{Kind: Rotate, Degrees: deg, W: bw, H: bh, Background: bg}}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func ceilScale(n int, s float64) int {
	return max(1, min(n, int(math.Ceil(float64(n)*s-1e-9))))
}

// roundDiv returns a×b/c rounded half up, at least 1.
func roundDiv(a, b, c int) int {
	return max(1, int((int64(a)*int64(b)*2+int64(c))/(int64(c)*2)))
}
