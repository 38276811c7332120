// Package postpolicy builds, signs, parses and evaluates OSS PostObject
// policies: the base64 JSON document a browser posts alongside a file so
// that OSS (or ossflow's emulator) can check what the uploader may do.
//
// Building signs with OSS signature V4 only; evaluating accepts V4 and the
// legacy V1 form (OSSAccessKeyId + Signature) so old clients still work
// against the emulator. The package is pure and never reads the clock.
package postpolicy
