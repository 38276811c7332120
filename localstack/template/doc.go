// Package template reads the Serverless Devs (edition 3.0.0, component fc3)
// template.yml that deploys ossflow's functions, so the local cloud runs
// exactly what the cloud would: it resolves the magic variables
// (${vars.x}, ${env('X')}, ${env('X','default')}, ${config('AccountID')}),
// applies local overrides from a small local config file without editing the
// template, and checks the fc3 rules that matter (runtimes, memory, timeout,
// instance concurrency, handlers, trigger shapes, cron expressions).
//
// Problems that make a function impossible to run are errors. Everything the
// template asks for that the local cloud cannot honour (VPCs, CPU shares,
// authenticated HTTP triggers, log projects, unknown keys...) is returned as
// a Warning, so the caller can report it at start instead of silently
// ignoring it.
package template
