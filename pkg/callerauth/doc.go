// Package callerauth identifies the caller of ossflow's HTTP functions
// (sts-token, post-policy) and turns that identity into a storage key
// segment and an STS session name.
//
// A caller presents `Authorization: Bearer <JWT>`. The token is verified by
// us (RS256/ES256 against a JWKS fetched from a URL or read from a file, or
// HS256 with a shared secret) and its iss, aud, exp and nbf claims are checked
// with a small leeway; verification is done by github.com/go-jose/go-jose/v4,
// never by hand-written crypto. Two other modes exist for deployments that
// need them: trusting Function Compute's own HTTP-trigger JWT authentication
// (TrustFCJWT), and static demo users for the local cloud only (DevMode),
// which refuses to start anywhere that looks like a deployed function.
//
// Every failure is a pkg/fault error of kind Unauthorized (or Forbidden,
// Unavailable) whose public message never contains the token; Challenge
// builds the RFC 6750 WWW-Authenticate value for a 401.
//
// CORS wraps a handler with exact-origin CORS handling and preflight answers.
package callerauth
