// Package ossemu is a local Alibaba Cloud OSS endpoint that checks what OSS
// checks: every request's signature (V4 header, V4 presigned, V1) through
// pkg/osskit/signer, PostObject forms through pkg/osskit/postpolicy, bucket
// ACLs for anonymous reads, Content-MD5, overwrite protection, size limits and
// conditional headers, and it answers with OSS-shaped XML errors. A fake that
// verifies nothing proves nothing: code that passes against ossemu has signed
// its requests the way OSS wants them.
//
// Objects live in memory (tests) or under a data directory (the local cloud
// daemon), where every write goes to a temporary file that is renamed into
// place, so a crash never leaves a torn object and a restart keeps everything.
// Successful object writes and deletes are reported through Config.OnEvent in
// the shape of an FC OSS trigger event.
package ossemu
