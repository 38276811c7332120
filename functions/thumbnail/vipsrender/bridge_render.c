// bridge_render.c: one output from the decoded in-memory image.
#include <math.h>
#include <string.h>
#include "bridge.h"

#define MAXT 64

// background returns bg as one value per band of im: grey images get the
// colour's luminance, alpha bands get opaque.
static VipsArrayDouble *background(VipsImage *im, const double bg[3]) {
	double v[4];
	int n = im->Bands;
	int colour = n >= 3;
	double opaque = (im->Type == VIPS_INTERPRETATION_RGB16 ||
		im->Type == VIPS_INTERPRETATION_GREY16) ? 65535 : 255;
	int i = 0;
	if (colour) {
		v[i++] = bg[0]; v[i++] = bg[1]; v[i++] = bg[2];
	} else {
		v[i++] = 0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2];
	}
	while (i < n && i < 4)
		v[i++] = opaque;
	return vips_array_double_new(v, n < 4 ? n : 4);
}

// resize scales to exactly w×h, premultiplying alpha so transparent pixels
// do not bleed their colour into edges.
static int resize(VipsImage *in, VipsImage **out, int w, int h, VipsImage **t, int *nt) {
	VipsImage *cur = in;
	int alpha = vips_image_hasalpha(in);
	VipsBandFormat fmt = in->BandFmt;
	if (alpha) {
		if (vips_premultiply(cur, &t[(*nt)++], NULL)) return -1;
		cur = t[*nt - 1];
	}
	if (vips_resize(cur, &t[(*nt)++], (double) w / cur->Xsize,
		"vscale", (double) h / cur->Ysize, NULL)) return -1;
	cur = t[*nt - 1];
	if (alpha) {
		if (vips_unpremultiply(cur, &t[(*nt)++], NULL)) return -1;
		cur = t[*nt - 1];
		if (vips_cast(cur, &t[(*nt)++], fmt, NULL)) return -1;
		cur = t[*nt - 1];
	}
	if (cur->Xsize != w || cur->Ysize != h) {
		// vips_resize may round a side one pixel away; the plan's size is the contract.
		if (vips_embed(cur, &t[(*nt)++], 0, 0, w, h, "extend", VIPS_EXTEND_COPY, NULL)) return -1;
		cur = t[*nt - 1];
	}
	*out = cur;
	return 0;
}

// strip_metadata removes EXIF (GPS included), XMP, IPTC and ICC fields
// from a copy of in. The savers' own "strip" flag is also set, but
// libvips 8.14's webpsave still writes EXIF with it, so the fields go first.
static int strip_metadata(VipsImage *in, VipsImage **out) {
	if (vips_copy(in, out, NULL))
		return -1;
	gchar **names = vips_image_get_fields(*out);
	for (int i = 0; names[i]; i++)
		if (vips_isprefix("exif-", names[i]) || vips_isprefix("xmp-", names[i]) ||
			vips_isprefix("iptc-", names[i]) || vips_isprefix("icc-", names[i]) ||
			strcmp(names[i], VIPS_META_ORIENTATION) == 0)
			vips_image_remove(*out, names[i]);
	g_strfreev(names);
	return 0;
}

static int scaled(int v, double f) { return (int) floor(v * f + 0.5); }

int ofl_render(VipsImage *in, int lw, int lh, const ofl_step_t *steps, int nsteps,
	const ofl_save_t *s, void **buf, size_t *len, int *out_w, int *out_h, char **err) {
	VipsImage *t[MAXT] = {NULL};
	int nt = 0, rc = -1;
	VipsImage *cur = in;
	VipsArrayDouble *bg = NULL;
	if (nsteps * 5 + 8 > MAXT) {
		vips_error("vipsrender", "too many steps");
		goto done;
	}
	for (int i = 0; i < nsteps; i++) {
		const ofl_step_t *st = &steps[i];
		// Until the first resize the decoded image is smaller than the
		// logical one; coordinates scale by the ratio on each axis.
		double fx = (double) cur->Xsize / lw, fy = (double) cur->Ysize / lh;
		switch (st->kind) {
		case OFL_RESIZE:
			if (resize(cur, &cur, st->w, st->h, t, &nt)) goto done;
			break;
		case OFL_CROP: {
			int x = scaled(st->x, fx), y = scaled(st->y, fy);
			int w = scaled(st->w, fx), h = scaled(st->h, fy);
			x = VIPS_CLIP(0, x, cur->Xsize - 1);
			y = VIPS_CLIP(0, y, cur->Ysize - 1);
			w = VIPS_CLIP(1, w, cur->Xsize - x);
			h = VIPS_CLIP(1, h, cur->Ysize - y);
			if (vips_extract_area(cur, &t[nt++], x, y, w, h, NULL)) goto done;
			cur = t[nt - 1];
			break;
		}
		case OFL_EMBED:
			bg = background(cur, st->bg);
			if (vips_embed(cur, &t[nt++], scaled(st->x, fx), scaled(st->y, fy),
				scaled(st->w, fx), scaled(st->h, fy),
				"extend", VIPS_EXTEND_BACKGROUND, "background", bg, NULL)) goto done;
			vips_area_unref(VIPS_AREA(bg));
			bg = NULL;
			cur = t[nt - 1];
			break;
		case OFL_ROTATE:
			if (st->degrees == 90 || st->degrees == 180 || st->degrees == 270) {
				VipsAngle a = st->degrees == 90 ? VIPS_ANGLE_D90 :
					st->degrees == 180 ? VIPS_ANGLE_D180 : VIPS_ANGLE_D270;
				if (vips_rot(cur, &t[nt++], a, NULL)) goto done;
			} else {
				bg = background(cur, st->bg);
				if (vips_rotate(cur, &t[nt++], (double) st->degrees, "background", bg, NULL)) goto done;
				vips_area_unref(VIPS_AREA(bg));
				bg = NULL;
			}
			cur = t[nt - 1];
			break;
		case OFL_BLUR:
			if (vips_gaussblur(cur, &t[nt++], st->sigma * fx, NULL)) goto done;
			cur = t[nt - 1];
			break;
		}
		lw = st->w;
		lh = st->h;
	}
	if (s->flatten && vips_image_hasalpha(cur)) {
		bg = background(cur, s->bg);
		// flatten wants the colour bands only
		VipsArrayDouble *fb = vips_array_double_new(VIPS_ARRAY_ADDR(bg, 0), cur->Bands - 1);
		vips_area_unref(VIPS_AREA(bg));
		bg = fb;
		if (vips_flatten(cur, &t[nt++], "background", bg, NULL)) goto done;
		cur = t[nt - 1];
	}
	if (cur->BandFmt != VIPS_FORMAT_UCHAR) {
		if (vips_cast(cur, &t[nt++], VIPS_FORMAT_UCHAR, NULL)) goto done;
		cur = t[nt - 1];
	}
	if (s->strip) {
		if (strip_metadata(cur, &t[nt++])) goto done;
		cur = t[nt - 1];
	} else if (s->reset_orientation) {
		// Pixels are already upright; a kept tag would rotate them twice.
		if (vips_copy(cur, &t[nt++], NULL)) goto done;
		cur = t[nt - 1];
		vips_image_set_int(cur, VIPS_META_ORIENTATION, 1);
	}
	*out_w = cur->Xsize;
	*out_h = cur->Ysize;
	switch (s->format) {
	case OFL_SAVE_JPEG:
		rc = vips_jpegsave_buffer(cur, buf, len, "Q", s->quality, "interlace", s->interlace,
			"strip", s->strip, "optimize_coding", TRUE, NULL);
		break;
	case OFL_SAVE_PNG:
		rc = vips_pngsave_buffer(cur, buf, len, "compression", 6, "interlace", s->interlace,
			"strip", s->strip, NULL);
		break;
	case OFL_SAVE_WEBP:
		rc = vips_webpsave_buffer(cur, buf, len, "Q", s->quality, "strip", s->strip, NULL);
		break;
	case OFL_SAVE_AVIF:
		rc = vips_heifsave_buffer(cur, buf, len, "Q", s->quality, "strip", s->strip,
			"compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, NULL);
		break;
	default:
		vips_error("vipsrender", "unknown save format %d", s->format);
	}
done:
	if (bg)
		vips_area_unref(VIPS_AREA(bg));
	for (int i = 0; i < nt; i++)
		if (t[i])
			g_object_unref(t[i]);
	if (rc)
		*err = vips_error_buffer_copy();
	return rc;
}
