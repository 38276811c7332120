package postpolicy

import (
	"maps"
	"testing"
	"time"
)

// BenchmarkPostPolicy builds and signs the typical upload form.
func BenchmarkPostPolicy(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = typicalForm(b)
	}
}

// BenchmarkEvaluate checks a typical submission, as the emulator does per upload.
func BenchmarkEvaluate(b *testing.B) {
	form := typicalForm(b)
	fields := maps.Clone(form.Fields)
	fields["key"] = "users/42/photo.jpg"
	sub := Submission{Bucket: "uploads", Fields: fields, FileSize: 512, FileContentType: "image/jpeg"}
	at := testNow.Add(time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(sub, at, lookup); err != nil {
			b.Fatal(err)
		}
	}
}
