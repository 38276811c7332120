// Package ossemu is a local Alibaba Cloud OSS endpoint that checks what OSS
// checks: every request's signature (V4 header, V4 presigned, V1) through
// pkg/osskit/signer, PostObject forms through pkg/osskit/postpolicy, bucket
// and object ACLs for anonymous calls, Content-MD5, overwrite protection,
// size limits and conditional headers, and it answers with OSS-shaped XML
// errors. A fake that verifies nothing proves nothing: code that passes
// against ossemu has signed its requests the way OSS wants them.
//
// Implemented: buckets (create, list, delete, ACL, location, lifecycle,
// CORS with unsigned preflight, stat, versioning Enabled/Suspended with
// versions, delete markers and ListObjectVersions), objects (put, get with a single range, head,
// object meta, delete, delete multiple, copy, ACL, PostObject), multipart
// uploads (initiate, upload part, complete, abort, list uploads, list
// parts) and upload callbacks, signed with an RSA key the emulator serves
// at CallbackKeyPath. GET, HEAD and DELETE take ?versionId. Other
// sub-resources (?tagging, ?symlink, ...) are answered NotImplemented
// rather than misread.
//
// Objects live in memory (tests) or under a data directory (the local cloud
// daemon), where every write goes to a temporary file that is renamed into
// place, so a crash never leaves a torn object and a restart keeps every
// bucket and object. Multipart uploads in progress live in memory only.
// Successful object writes and deletes are reported through Config.OnEvent;
// FCEventJSON renders them as an FC OSS trigger payload. Config.Notifications
// are FC-trigger-style rules (bucket, event names, key prefix and suffix):
// a matching event is queued durably (localstack/notify, under
// <DataDir>/notify) before the response and delivered to Config.Sink at
// least once, with backoff, surviving a restart. Config.OnRequest
// receives an access record per request, free of headers and query.
//
// CreateBucket and SeedObject are an admin door for tests and demos (set a
// storage class or an old Last-Modified), also reachable over HTTP under
// AdminPathPrefix with Config.AdminKey, next to fault injection: SetFaults
// (or PUT /-/admin/faults) makes a seeded, replayable share of chosen
// operations answer 503, time out or stall.
package ossemu
