// Package pipeline is the thumbnail function's use case: for one OSS
// ObjectCreated record it decides whether there is work, reads the source
// once (never more than the configured byte limit), renders every
// configured style, and writes the variants with Content-Type,
// Cache-Control, Content-MD5 and the metadata that ties them to the
// source's ETag. It declares the two small interfaces it needs, Store and
// Renderer; main joins them to ossclient and vipsrender. The package does
// not link cgo.
//
// Events arrive at least once, sometimes duplicated or out of order, so the
// handler is idempotent and works on the object as it is now, not as the
// event describes it:
//
//   - records that are not a finished upload (AppendObject, multipart
//     steps, removals), keys under the output or failure prefix, and objects
//     carrying x-oss-meta-source-etag (our own outputs) are ignored with a
//     log line, even when the trigger's filter is misconfigured: a loop of
//     thumbnails of thumbnails is the classic failure of this design;
//   - the source is HEADed first: gone (deleted before processing) is a
//     logged no-op; replaced since the event means the current version is
//     processed, once, because every variant records the ETag it was made
//     from and a later event for the same version finds them up to date;
//   - if every variant already exists with the source's ETag nothing is
//     written (a duplicate event costs only HEADs);
//   - a permanent failure (not an image, corrupt, truncated, unsupported,
//     over a limit) is logged with the key and reason and written as a small
//     JSON failure record; the record returns nil so FC does not retry in
//     vain, and a later duplicate finds the record and does nothing;
//   - a transient failure (OSS 5xx, throttling, timeouts) has already been
//     retried inside the OSS client with backoff; this package adds no loop
//     of its own, so retries are not multiplied. It returns a
//     fault.Unavailable error and FC re-delivers the event.
//
// Variants are written all at once; a set is complete only when every PUT
// succeeded (each with Content-MD5, so the store rejects a damaged body).
// If any PUT fails the record fails with an error that says how many of the
// set were written, never silently; the re-delivered event skips variants
// already up to date and writes the rest. After a complete write, what an
// earlier version left and the new set replaces is deleted: its failure
// record, and the png (or jpg) variant of a style whose format follows the
// source when the source's format changed.
//
// Memory: the source is streamed into a private temp file (0600, in
// os.TempDir(), removed after the render whatever happened) and rendered
// from that file, so its compressed bytes are never held in memory:
// libvips reads the file as it decodes. Download and render happen inside
// one of config.MaxRenders slots per instance, so FC instance concurrency
// cannot hold more than that many source files and decoded images at once.
// A temp file that cannot be written is fault.Unavailable (retried).
package pipeline
