package inventory

import (
	"context"
	"fmt"
	"sync"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// PartSizer returns the bytes of an unfinished upload's parts (ListParts).
// Adapters that cannot list parts simply do not implement it.
type PartSizer interface {
	UploadedBytes(ctx context.Context, bucket osskit.Bucket, key, uploadID string) (int64, error)
}

// Listers are the listings a scan reads; Versions and Uploads may be nil.
type Listers struct {
	Objects  osskit.PageLister
	Versions osskit.VersionLister
	Uploads  osskit.UploadLister
	Parts    PartSizer
}

// ScanOptions select what a scan lists.
type ScanOptions struct {
	// Prefixes to list; none means the whole bucket.
	Prefixes []string
	// Versions lists versions and delete markers (ListObjectVersions)
	// instead of current objects only: use it for versioned buckets.
	Versions bool
	// Parallel lists up to this many prefixes at once (default 1). With
	// more than one and no Prefixes, the bucket is first split at its
	// top-level prefixes: continuation tokens are sequential, so
	// parallelism comes from splitting the key space (ossutil du, c7n salactus).
	Parallel int
	// Stop, checked before every page, ends the scan early, leaving the
	// unfinished work in Scan's result (a checkpoint).
	Stop func() bool
	// Resume continues the work a stopped Scan returned, instead of
	// starting from Prefixes.
	Resume []Position
}

// Scan lists bucket into a: objects (or versions), then unfinished
// uploads when l.Uploads is set. It returns the work left when opts.Stop
// ended it early, nil once everything was listed. The first listing error
// stops the scan and is returned wrapped with the bucket and prefix; a
// keeps what was counted before it.
func Scan(ctx context.Context, l Listers, bucket osskit.Bucket, opts ScanOptions, a *Aggregator) ([]Position, error) {
	work := opts.Resume
	if work == nil {
		var err error
		if work, err = plan(ctx, l, bucket, opts); err != nil {
			return nil, err
		}
	}
	stop := opts.Stop
	if stop == nil {
		stop = func() bool { return false }
	}
	workers := max(1, min(opts.Parallel, len(work)))
	var (
		mu      sync.Mutex
		first   error
		pending []Position
		wg      sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan Position)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := a.Empty()
			for p := range jobs {
				done, err := runPosition(ctx, l, bucket, &p, stop, part)
				mu.Lock()
				if err != nil && first == nil {
					first = err
					cancel()
				}
				if !done && err == nil {
					pending = append(pending, p)
				}
				mu.Unlock()
			}
			mu.Lock()
			a.Merge(part)
			mu.Unlock()
		}()
	}
	for i, p := range work {
		// The first position always gets a page, so every run progresses.
		if i > 0 && (stop() || ctx.Err() != nil) {
			mu.Lock()
			pending = append(pending, work[i:]...)
			mu.Unlock()
			break
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	if first != nil {
		return nil, first
	}
	return pending, nil
}

// plan returns the initial work list: one position per prefix (or per
// top-level prefix when splitting for parallelism), plus the uploads.
func plan(ctx context.Context, l Listers, bucket osskit.Bucket, opts ScanOptions) ([]Position, error) {
	kind := KindObjects
	if opts.Versions {
		kind = KindVersions
	}
	prefixes := opts.Prefixes
	var work []Position
	switch {
	case len(prefixes) > 0:
		for _, p := range prefixes {
			work = append(work, Position{Kind: kind, Prefix: p})
		}
	case opts.Parallel > 1:
		split, err := topLevel(ctx, l, bucket, opts.Versions)
		if err != nil {
			return nil, err
		}
		work = append(work, Position{Kind: kind, Exact: true})
		for _, p := range split {
			work = append(work, Position{Kind: kind, Prefix: p})
		}
	default:
		work = append(work, Position{Kind: kind})
	}
	if l.Uploads != nil {
		if len(prefixes) == 0 {
			prefixes = []string{""}
		}
		for _, p := range prefixes {
			work = append(work, Position{Kind: KindUploads, Prefix: p})
		}
	}
	return work, nil
}

// topLevel returns the common prefixes directly under the bucket root.
// A version scan asks the version listing: a prefix holding only older
// versions or delete markers has no current object to show it.
func topLevel(ctx context.Context, l Listers, bucket osskit.Bucket, versions bool) ([]string, error) {
	var out []string
	if versions {
		opts := osskit.VersionListOptions{Delimiter: "/", MaxKeys: osskit.MaxListKeys}
		for {
			page, err := l.Versions.ListObjectVersions(ctx, bucket, opts)
			if err != nil {
				return nil, fmt.Errorf("list version prefixes of %s: %w", bucket, err)
			}
			out = append(out, page.CommonPrefixes...)
			if !page.IsTruncated || page.NextKeyMarker == opts.KeyMarker && page.NextVersionIDMarker == opts.VersionIDMarker {
				return out, nil
			}
			opts.KeyMarker, opts.VersionIDMarker = page.NextKeyMarker, page.NextVersionIDMarker
		}
	}
	opts := osskit.ListOptions{Delimiter: "/", MaxKeys: osskit.MaxListKeys}
	for {
		page, err := l.Objects.ListObjects(ctx, bucket, opts)
		if err != nil {
			return nil, fmt.Errorf("list prefixes of %s: %w", bucket, err)
		}
		out = append(out, page.CommonPrefixes...)
		if !page.IsTruncated || page.NextContinuationToken == "" || page.NextContinuationToken == opts.ContinuationToken {
			return out, nil
		}
		opts.ContinuationToken = page.NextContinuationToken
	}
}
