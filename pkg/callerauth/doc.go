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
// # Trusting Function Compute's JWT authentication
//
// An FC HTTP trigger with authType jwt verifies the token against the JWKS
// bound to the trigger, looking for it where tokenLookup says (header,
// query, cookie or form; a header prefix such as "Bearer " is stripped),
// and only then invokes the function; it can also copy claims into
// headers, cookies or form fields (claimPassBy), and paths on its
// whitelist (or off its blacklist) are not verified at all. Sources:
// https://www.alibabacloud.com/help/en/functioncompute/fc/user-guide/configure-jwt-authentication-for-an-http-trigger
// and the Serverless Devs fc3 trigger reference (authConfig: jwks,
// tokenLookup, claimPassBy, whitelist, blacklist).
//
// With TrustFCJWT the identity is read from the forwarded
// "Authorization: Bearer" token itself, not from a claimPassBy header: the
// docs do not say FC overwrites a client-sent header of the same name, so
// such a header could be forged on an unverified path. They also do not say
// in so many words that the Authorization header reaches the function
// unchanged; if FC ever strips it, this mode fails closed (401). iss, aud,
// exp and nbf are still checked here, since FC only documents signature
// checking. Configure tokenLookup as header Authorization with prefix
// "Bearer ", no path whitelist, and no other trigger or custom domain
// without JWT auth: any unverified route to the function defeats this mode.
//
// CORS wraps a handler with exact-origin CORS handling and preflight answers.
package callerauth
