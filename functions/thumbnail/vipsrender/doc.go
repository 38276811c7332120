// Package vipsrender executes thumbnail plans with libvips. It is the only
// package in ossflow that imports bimg (which starts libvips and reports
// loader support); the decode-once pipeline bimg's buffer-in/buffer-out API
// cannot express is a small C bridge (bridge_*.c) over the same libvips.
//
// One source costs one decode: the header is probed without decoding
// pixels, the plan refuses anything over the limits, then the source is
// decoded once with shrink-on-load sized for the largest output (libjpeg DCT
// scaling, libwebp scaled decode), converted to sRGB (ICC profiles, CMYK
// with a fallback profile, 16-bit) and kept in memory. EXIF orientation is
// applied to that small image, never to the full-size source, and every
// output is derived from it: resize with premultiplied alpha, crop, pad,
// rotate, blur, flatten onto the background for JPEG, strip metadata, encode.
// Only the first frame of an animated GIF or WebP is read.
//
// Safety: files reach only the loader their magic bytes name (SVG and PDF
// never reach libvips), untrusted libvips operations are blocked, truncated
// files are errors, and a panic is recovered into a fault.Internal error.
//
// Memory: the libvips operation cache is off and libvips uses Config.Threads
// threads per pipeline. glibc's per-thread malloc arenas make RSS creep
// under libvips; run the function with MALLOC_ARENA_MAX=2 (imgproxy and
// bimg users report the same fix, bimg issue #241).
package vipsrender
