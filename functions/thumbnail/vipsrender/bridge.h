// bridge.h: the small C surface vipsrender needs from libvips that bimg's
// buffer-in/buffer-out API does not offer: a decoded image kept in memory
// and reused for several outputs.
#ifndef OSSFLOW_VIPSRENDER_BRIDGE_H
#define OSSFLOW_VIPSRENDER_BRIDGE_H

#include <stddef.h>
#include <vips/vips.h>

// Loader kinds; must match kind* in loader.go.
enum { OFL_JPEG = 1, OFL_PNG, OFL_GIF, OFL_WEBP, OFL_TIFF, OFL_HEIF };

// Step kinds; must match plan.StepKind.
enum { OFL_RESIZE = 1, OFL_CROP, OFL_EMBED, OFL_ROTATE, OFL_BLUR };

// Save formats; must match save* in render.go.
enum { OFL_SAVE_JPEG = 1, OFL_SAVE_PNG, OFL_SAVE_WEBP, OFL_SAVE_AVIF };

typedef struct {
	int width, height, bands, pages, orientation, has_alpha;
	int interpretation, format;
} ofl_probe_t;

typedef struct {
	int kind, w, h, x, y, degrees;
	double sigma;
	double bg[3];
} ofl_step_t;

typedef struct {
	int format, quality, interlace, strip, flatten, reset_orientation;
	double bg[3];
} ofl_save_t;

void ofl_init(int concurrency);
// ofl_probe and ofl_decode read the file at path, or buf when path is NULL.
int ofl_probe(const char *path, const void *buf, size_t len, int kind, ofl_probe_t *out, char **err);
int ofl_decode(const char *path, const void *buf, size_t len, int kind, int shrink, double scale,
	int width, int height, VipsImage **out, char **err);
int ofl_orient(VipsImage *in, int orientation, VipsImage **out, char **err);
int ofl_render(VipsImage *in, int logical_w, int logical_h,
	const ofl_step_t *steps, int nsteps, const ofl_save_t *save,
	void **buf, size_t *len, int *out_w, int *out_h, char **err);
void ofl_unref(VipsImage *im);
int ofl_interpretation(VipsImage *im);
int ofl_bands(VipsImage *im);

#endif
