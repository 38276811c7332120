// Package fcemu runs ossflow's functions locally the way Function Compute
// 3.0 runs them, driven by a resolved template.Template: real built
// binaries, started on demand as instances, spoken to over FC's own
// protocols — the runtime API (/2020-11-11/runtime/invocation/...) for go1
// functions and the custom-runtime HTTP protocol (POST /invoke,
// /initialize, GET /pre-stop) for custom runtimes.
//
// It enforces the function's timeout (the instance is killed and the
// invocation reported as timed out), its memory size (the instance's
// resident set is polled from /proc and the instance killed when it goes
// over: RLIMIT_AS would break the Go runtime's address-space reservations
// and cgroups need privileges), its instance concurrency, the initializer
// and pre-stop hooks, and restarts a crashed instance on the next
// invocation. Asynchronous invocations (OSS and timer triggers) follow FC's
// default retry policy and end in a dead-letter JSON file on disk.
//
// Triggers: OSS notifications from the OSS emulator (OSSEvent, for
// ossemu.Config.OnEvent) routed by each oss trigger's events and key
// filter; HTTP triggers served by HTTPHandler at /<function>/...; timers on
// FC's six-field cron or @every, and FireTimer to fire one now. Each
// function's output lines are written prefixed with its name, pretty or as
// raw JSON lines, with a summary line per invocation.
package fcemu
