// Package events parses the trigger payloads ossflow's functions receive on
// Alibaba Cloud Function Compute (FC) and AWS Lambda, and normalises them into
// a few platform-neutral value types: ObjectEvent for object-store
// notifications, Tick for timers, and net/http requests and responses for
// HTTP triggers.
//
// Every parser is strict: a payload that is not what the platform documents
// returns a *ParseError (matching ErrMalformed with errors.Is), never a panic
// and never a half-filled value.
package events
