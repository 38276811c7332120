// Package notify is a small durable at-least-once delivery queue: items
// are written to a directory (temporary file, fsync, rename) before
// Enqueue returns, handed to a delivery function by one background
// worker, retried with capped exponential backoff while it fails, and
// removed only after it succeeds. A queue reopened over the same
// directory resumes delivering what a stopped or killed process left.
//
// The OSS emulator uses it for bucket event notifications; it knows
// nothing about OSS and imports only the standard library.
package notify
