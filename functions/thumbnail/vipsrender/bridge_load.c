// bridge_load.c: header probe, the one decode, and orientation.
#include "bridge.h"

static char *take_error(void) {
	char *e = vips_error_buffer_copy();
	return e;
}

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data) {
	(void) domain; (void) level; (void) msg; (void) data;
}

void ofl_init(int concurrency) {
	// libvips reports damaged input as GLib warnings on stderr as well as in
	// its error buffer; the error buffer reaches the caller as a typed error,
	// so the stderr copy would only break the JSON log stream.
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, quiet, NULL);
	// Only the explicitly named loaders below are ever called; blocking
	// untrusted operations (magick, etc.) is defence in depth.
	vips_block_untrusted_set(TRUE);
	vips_concurrency_set(concurrency);
}

// LOAD calls the file loader when a path is given, else the buffer loader,
// with the same options: a file is read by libvips as it decodes, so the
// compressed bytes are never held in memory as a whole.
#define LOAD(name, ...) (path ? vips_##name##load(path, out, __VA_ARGS__) \
	: vips_##name##load_buffer((void *) buf, len, out, __VA_ARGS__))

// load opens path (or buf) with the loader for kind only, so a file can
// never reach a loader it was not sniffed for. Pixels are decoded lazily,
// sequentially.
static int load(const char *path, const void *buf, size_t len, int kind, int shrink, double scale,
	VipsImage **out) {
	switch (kind) {
	case OFL_JPEG:
		return LOAD(jpeg, "shrink", shrink > 0 ? shrink : 1,
			"access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
	case OFL_PNG:
		return LOAD(png, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
	case OFL_GIF:
		return LOAD(gif, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
	case OFL_WEBP:
		if (scale > 0 && scale < 1)
			return LOAD(webp, "scale", scale,
				"access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
		return LOAD(webp, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
	case OFL_TIFF:
		return LOAD(tiff, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
	case OFL_HEIF:
		return LOAD(heif, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
	}
	vips_error("vipsrender", "no loader for kind %d", kind);
	return -1;
}

int ofl_probe(const char *path, const void *buf, size_t len, int kind, ofl_probe_t *p, char **err) {
	VipsImage *im = NULL;
	if (load(path, buf, len, kind, 1, 0, &im)) {
		*err = take_error();
		return -1;
	}
	p->width = im->Xsize;
	p->height = vips_image_get_page_height(im);
	p->bands = im->Bands;
	p->pages = vips_image_get_n_pages(im);
	p->orientation = vips_image_get_orientation(im);
	p->has_alpha = vips_image_hasalpha(im);
	p->interpretation = im->Type;
	p->format = im->BandFmt;
	g_object_unref(im);
	return 0;
}

// ofl_decode is the one decode: shrink-on-load as the plan says, then
// thumbnail_image for the rest of the reduction and the colour pipeline
// (ICC import, CMYK with a fallback profile, 16-bit, premultiplied alpha) to
// 8-bit sRGB or B_W. It ignores the orientation tag: rotation happens later,
// on the small image. The result is copied to memory so every output can
// read it without decoding again.
int ofl_decode(const char *path, const void *buf, size_t len, int kind, int shrink, double scale,
	int width, int height, VipsImage **out, char **err) {
	VipsImage *t[2] = {NULL, NULL};
	int rc = -1;
	if (load(path, buf, len, kind, shrink, scale, &t[0]))
		goto done;
	if (vips_thumbnail_image(t[0], &t[1], width, "height", height,
		"size", VIPS_SIZE_DOWN, "no_rotate", TRUE,
		"fail_on", VIPS_FAIL_ON_TRUNCATED, NULL))
		goto done;
	if (!(*out = vips_image_copy_memory(t[1])))
		goto done;
	rc = 0;
done:
	for (int i = 0; i < 2; i++)
		if (t[i])
			g_object_unref(t[i]);
	if (rc)
		*err = take_error();
	return rc;
}

// ofl_orient applies EXIF orientation o to pixels: 2 mirror, 3 rotate 180,
// 4 flip, 5 transpose, 6 rotate 90 cw, 7 transverse, 8 rotate 270 cw.
int ofl_orient(VipsImage *in, int o, VipsImage **out, char **err) {
	static const VipsAngle angle[9] = {VIPS_ANGLE_D0, VIPS_ANGLE_D0, VIPS_ANGLE_D0,
		VIPS_ANGLE_D180, VIPS_ANGLE_D180, VIPS_ANGLE_D90, VIPS_ANGLE_D90,
		VIPS_ANGLE_D270, VIPS_ANGLE_D270};
	static const int mirror[9] = {0, 0, 1, 0, 1, 1, 0, 1, 0};
	VipsImage *t[2] = {NULL, NULL};
	VipsImage *cur = in;
	int rc = -1;
	if (o < 1 || o > 8)
		o = 1;
	if (angle[o] != VIPS_ANGLE_D0) {
		if (vips_rot(cur, &t[0], angle[o], NULL))
			goto done;
		cur = t[0];
	}
	if (mirror[o]) {
		if (vips_flip(cur, &t[1], VIPS_DIRECTION_HORIZONTAL, NULL))
			goto done;
		cur = t[1];
	}
	if (!(*out = vips_image_copy_memory(cur)))
		goto done;
	vips_image_remove(*out, VIPS_META_ORIENTATION);
	rc = 0;
done:
	for (int i = 0; i < 2; i++)
		if (t[i])
			g_object_unref(t[i]);
	if (rc)
		*err = take_error();
	return rc;
}

void ofl_unref(VipsImage *im) {
	if (im)
		g_object_unref(im);
}

int ofl_interpretation(VipsImage *im) { return im->Type; }
int ofl_bands(VipsImage *im) { return im->Bands; }
