package pipeline

import (
	"fmt"
	"testing"
)

// BenchmarkDuplicateEvent is the cost of an event whose variants are all
// up to date: HEADs only, through the signing client and the emulator.
func BenchmarkDuplicateEvent(b *testing.B) {
	e := newEnv(b, envOpt{})
	ev := e.put(b, testBucket, "uploads/a/b.jpg", photo(b, 800, 600), nil)
	if err := e.deliver(ev); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := e.deliver(ev); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEventToVariants is a whole event: HEADs, GET, one libvips
// render of the default set from an 800×600 JPEG, six PUTs.
func BenchmarkEventToVariants(b *testing.B) {
	e := newEnv(b, envOpt{})
	src := photo(b, 800, 600)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		ev := e.put(b, testBucket, fmt.Sprintf("uploads/bench/%d.jpg", i), src, nil)
		b.StartTimer()
		if err := e.deliver(ev); err != nil {
			b.Fatal(err)
		}
	}
}
