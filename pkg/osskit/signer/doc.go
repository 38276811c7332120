// Package signer signs and verifies Alibaba Cloud OSS requests.
//
// Everything ossflow signs uses OSS signature V4 (OSS4-HMAC-SHA256): the
// Authorization header, presigned URLs and the PostObject policy signature.
// Signature V1 is verify-only, so that old clients can still talk to the
// local OSS emulator while OSS itself retires V1.
//
// The package is pure: it imports only the standard library (and ossflow's
// fault vocabulary) and never reads the clock; every function takes now.
// The canonicalisation follows the official Go SDK
// (alibabacloud-oss-go-sdk-v2 oss/signer/v4.go and v1.go) and is
// cross-checked against it and against ali-oss in the tests.
package signer
