// Package cloud is the local cloud that `go run ./localstack` starts: the
// OSS emulator (ossemu), the STS emulator (stsemu) and the Function Compute
// emulator (fcemu) driven by template.yml, joined the way Alibaba Cloud
// joins them, plus the demo upload page and a small admin API.
//
// Start listens on fixed loopback ports (each overridable, 0 for a random
// one), builds the function binaries that are missing, resolves the
// template with the built-in local overrides (see Defaults) and the user's
// local config file laid over them, creates the template's buckets with a
// CORS rule for the demo page, and writes endpoints.json so scripts and
// tests find every URL, key and demo token without parsing logs.
//
// Demo users sign in with HS256 bearer tokens the local cloud mints at
// start: the functions verify them exactly as they verify a deployed
// issuer's JWTs (callerauth's HS256 key source), so the local path runs the
// same verification code as production. callerauth's dev mode cannot be
// used here: it refuses to run wherever FC_FUNCTION_NAME is set, and the
// FC emulator sets it as Function Compute does.
//
// Close stops the HTTP servers, every function instance (pre-stop hook,
// SIGTERM, then SIGKILL) and notification delivery; no process started by
// the local cloud outlives it.
package cloud
