// Package callback builds the OSS upload-callback parameters and verifies the
// callback requests OSS sends back.
//
// Building: a Callback (target URL, body template, body type, custom x:
// variables) is validated against the variables OSS knows and encoded into
// the base64 JSON "callback" and "callback-var" parameters that PutObject,
// PostObject and CompleteMultipartUpload accept.
//
// Verifying: OSS signs each callback request with an RSA key whose PEM it
// publishes on gosspublic.alicdn.com and names, base64-encoded, in the
// x-oss-pub-key-url header. The header is attacker-controlled, so the
// Verifier treats the key URL as hostile input: only allowlisted hosts on
// default ports, no IP literals, no userinfo, redirects re-checked, bounded
// size and time, and keys cached per URL with a TTL and a size bound.
//
// The signed string is url_decode(path) + ("?" + raw query, if any) + "\n" +
// body, hashed with MD5 and signed with RSA PKCS#1 v1.5; see
// https://www.alibabacloud.com/help/en/oss/developer-reference/callback
// (step "verify the signature").
//
// OSS's published callback key is 512-bit RSA, which can be factored with
// rented compute; a verified signature proves little against a determined
// forger. Handlers that act on callbacks should also put an unguessable,
// per-upload token in the callback URL's query (it is part of the signed
// string; the uploader may see it, an outsider cannot guess it) and check it.
//
// The package imports only the standard library and pkg/fault; the HTTP
// client used to fetch keys is injected.
package callback
