package logging

import "testing"

// BenchmarkRedact measures the redactor on the lines functions write every
// invocation (no secret: the common case) and on one that holds several.
func BenchmarkRedact(b *testing.B) {
	r := NewRedactor(nil)
	r.AddSecret(akSecret)
	lines := map[string][]byte{
		"plain":   []byte(`{"level":"info","function":"sts-token","requestId":"1-6740a1f3-1b2c3d4e5f","user":"alice","profile":"upload","prefix":"uploads/alice/","cached":true,"expiresAt":"2026-11-22T02:05:07.000Z","time":"2026-11-22T01:50:57.779Z","message":"granted"}` + "\n"),
		"secrets": []byte(`{"level":"warn","function":"post-policy","url":"http://b/k?x-oss-signature=` + v4Sig + `&x-oss-security-token=` + stsToken + `","auth":"Bearer ` + jwt + `","message":"x"}` + "\n"),
	}
	for name, line := range lines {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				r.Redact(line)
			}
		})
	}
}
