package notify

import (
	"context"
	"testing"
)

// BenchmarkEnqueue measures what a notification adds to the request that
// causes it: in memory, and on disk (temp file, fsync, rename). The
// worker delivers to a sink that accepts at once.
func BenchmarkEnqueue(b *testing.B) {
	payload := make([]byte, 900) // about one FC OSS event record
	for _, mode := range []string{"memory", "disk"} {
		b.Run(mode, func(b *testing.B) {
			dir := ""
			if mode == "disk" {
				dir = b.TempDir()
			}
			q, err := Open(Options{Dir: dir}, func(context.Context, Item) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			defer q.Close()
			headers := map[string]string{"rule": "thumbnail", "target": "thumbnail"}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := q.Enqueue(headers, payload); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
