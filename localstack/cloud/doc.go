// Package cloud is the local cloud that `go run ./localstack` starts: the
// OSS emulator (ossemu), the STS emulator (stsemu) and the Function Compute
// emulator (fcemu) driven by template.yml, joined the way Alibaba Cloud
// joins them, plus the demo upload page and a small admin API.
//
//	make run                                  # bootstrap, make build, then the daemon
//	go run ./localstack -json                 # raw JSON log lines
//	go run ./localstack fire nightly          # fire the audit timer now
//	go run ./localstack fire -payload '{}' nightly   # ... with another payload
//
// Default loopback ports: HTTP triggers 9000 (http://127.0.0.1:9000/<function>/),
// OSS 9100, STS 9200, demo page and admin API 9300 (http://127.0.0.1:9300/demo/).
//
// Start listens on those ports (each overridable, -1 for a free one),
// builds the function binaries that are missing, resolves the template
// with the built-in local overrides (Defaults) and the user's local config
// file laid over them (localstack/config.example.yml shows the format),
// creates the template's buckets with a CORS rule for the demo page, and
// writes DataDir/endpoints.json so scripts and tests find every URL, the
// admin key, the admin token and the demo users' tokens without parsing
// logs.
//
// Each function's role is assumed at the STS emulator for every invocation
// (FC hands role credentials to functions the same way), and each role may
// use OSS on the template's buckets only. The template's OSS triggers
// become notification rules on the OSS emulator: matching events are
// queued durably under DataDir/data/notify and delivered to the FC
// emulator as asynchronous invocations, at least once.
//
// Demo users sign in with HS256 bearer tokens the local cloud mints at
// start with a fresh random key: the functions verify them exactly as they
// verify a deployed issuer's JWTs (callerauth's HS256 key source), so the
// local path runs the same verification code as production. callerauth's
// dev mode cannot be used here: it refuses to run wherever
// FC_FUNCTION_NAME is set, and the FC emulator sets it as FC does.
//
// Close stops the HTTP servers, notification delivery, then every function
// instance (pre-stop hook, SIGTERM, then SIGKILL); no process started by
// the local cloud outlives it.
package cloud
