package plan

import "github.com/ossflow/ossflow/functions/thumbnail/style"

// resizeSteps applies OSS resize semantics
// (https://www.alibabacloud.com/help/en/doc-detail/44688.html) to a w×h
// image and returns the steps plus the scale it asks of the pixels (for the
// decode size). The rules:
//   - w/h given: l/s are ignored; p multiplies w and h (100w_100h_200p ≡ 200w_200h).
//   - only l and/or s: the box is l×s laid along the image (the long side
//     gets l), then treated like w/h.
//   - only p: both sides scale by p%.
//   - one side only: proportional scaling, except fixed, where the missing
//     side takes the given value.
//   - lfit: largest proportional image inside the box; mfit: smallest
//     covering it; fill: mfit then centre crop; pad: lfit centred on the box
//     filled with color; fixed: exactly the box. The side that decides the
//     scale is exact, the other is rounded to an integer.
//   - limit_1 (default): when the result would be larger than the image on
//     any side, the image keeps its size (OSS: "return the source
//     resolution"); limit_0 allows enlarging.
func resizeSteps(r *style.Resize, w, h int) ([]Step, float64) {
	bw, bh := r.W, r.H
	if bw == 0 && bh == 0 && (r.L != 0 || r.S != 0) {
		bw, bh = r.L, r.S
		if h > w {
			bw, bh = r.S, r.L
		}
	}
	if bw == 0 && bh == 0 {
		return fixedOrKeep(r, w, h, roundDiv(w, r.P, 100), roundDiv(h, r.P, 100))
	}
	if r.P != 0 {
		bw, bh = scaleBox(bw, r.P), scaleBox(bh, r.P)
	}
	if r.Mode == style.ModeFixed {
		if bw == 0 {
			bw = bh
		}
		if bh == 0 {
			bh = bw
		}
		return fixedOrKeep(r, w, h, bw, bh)
	}
	// Compare bw/w with bh/h by cross-multiplying, so ties and rounding are exact.
	useWidth := bh == 0 || (bw != 0 && int64(bw)*int64(h) <= int64(bh)*int64(w))
	if r.Mode == style.ModeMfit || r.Mode == style.ModeFill {
		useWidth = bh == 0 || (bw != 0 && int64(bw)*int64(h) >= int64(bh)*int64(w))
	}
	rw, rh := bw, roundDiv(h, bw, w)
	if !useWidth {
		rw, rh = roundDiv(w, bh, h), bh
	}
	if !r.Enlarge && (rw > w || rh > h) {
		return nil, 1
	}
	var steps []Step
	if rw != w || rh != h {
		steps = append(steps, Step{Kind: Resize, W: rw, H: rh})
	}
	scale := max(float64(rw)/float64(w), float64(rh)/float64(h))
	if bw == 0 || bh == 0 {
		return steps, scale
	}
	switch r.Mode {
	case style.ModeFill:
		if rw != bw || rh != bh {
			steps = append(steps, Step{Kind: Crop, X: (rw - bw) / 2, Y: (rh - bh) / 2, W: min(bw, rw), H: min(bh, rh)})
		}
	case style.ModePad:
		if rw != bw || rh != bh {
			steps = append(steps, Step{Kind: Embed, X: (bw - rw) / 2, Y: (bh - rh) / 2, W: bw, H: bh, Background: r.Color})
		}
	}
	return steps, scale
}

func fixedOrKeep(r *style.Resize, w, h, rw, rh int) ([]Step, float64) {
	if !r.Enlarge && (rw > w || rh > h) {
		return nil, 1
	}
	if rw == w && rh == h {
		return nil, 1
	}
	return []Step{{Kind: Resize, W: rw, H: rh}}, max(float64(rw)/float64(w), float64(rh)/float64(h))
}

func scaleBox(v, p int) int {
	if v == 0 {
		return 0
	}
	return roundDiv(v, p, 100)
}
