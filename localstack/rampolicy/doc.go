// Package rampolicy parses and evaluates Alibaba Cloud RAM policy documents
// the way RAM does for the calls the local cloud emulates: permission
// policies (Action + Resource), trust policies (Action + Principal) and
// STS session policies.
//
// Evaluation follows RAM's documented order (explicit Deny first, then
// Allow, default deny — https://www.alibabacloud.com/help/en/oss/user-guide/how-oss-works-with-ram):
// action names are matched case-insensitively, resources case-sensitively,
// both with "*" (any run of characters, including none) and "?" (exactly
// one character). A session's rights are the intersection of its role's
// permission policies and its inline session policy (AssumeRole docs).
//
// Conditions are parsed and validated but not evaluated, because the
// emulators do not model request context (source IP, secure transport,
// oss:Prefix...). To fail closed, an Allow statement that carries a
// Condition never grants anything and a Deny statement that carries one
// always applies. That is a known difference from RAM.
//
// The package imports only the standard library.
package rampolicy
