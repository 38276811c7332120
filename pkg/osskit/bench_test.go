package osskit

import "testing"

func BenchmarkNewKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewKey("uploads/user-42/2026/11/22/photo of the cat 日本.jpg"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGeneratedKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GeneratedKey("thumbs", "200x200", "user-42", "photo.jpg"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseRestore(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseRestore(`ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"`); err != nil {
			b.Fatal(err)
		}
	}
}
