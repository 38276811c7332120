// Package stsemu is a local Alibaba Cloud STS endpoint: the AssumeRole RPC
// API as the official STS Go SDK (sts-20150401/v2 over darabonba-openapi)
// sends it — query or form parameters, SignatureMethod HMAC-SHA1,
// SignatureVersion 1.0, Signature = base64(HMAC-SHA1(secret+"&", the RPC
// string-to-sign)) — verified, not trusted.
//
// Roles, their trust and permission policies, and the callers' access keys
// come from Config. AssumeRole checks what STS checks: the caller's
// signature, timestamp and nonce; that the role exists and its trust
// policy admits the caller; RoleSessionName (2-64 of [A-Za-z0-9.@_-]);
// DurationSeconds (900 to the role's maximum, default 3600); and the
// inline Policy (at most 2048 characters, RAM grammar via
// localstack/rampolicy). Failures answer with STS's error codes in its JSON
// error shape.
//
// Issued credentials are remembered (in memory, and under Config.DataDir
// when set, so a restart keeps them) and offered to the OSS emulator
// through Lookup and OSSCredentials, together with the policies that bound
// them: the role's permission policies intersected with the session
// policy.
package stsemu
