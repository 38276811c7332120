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
	// Parallel lists up to this many top-level prefixes at once (default 1).
	// Continuation tokens are sequential, so parallelism comes from
	// splitting the key space by prefix (ossutil du, c7n salactus).
	Parallel int
}

// Scan lists bucket into a, then its unfinished uploads when l.Uploads is
// set. With Parallel > 1 it first lists the top-level prefixes (delimiter
// "/") and lists each into its own Aggregator, merging at the end. The
// first listing error stops the scan and is returned wrapped with the
// bucket and prefix; a keeps what was counted before it.
func Scan(ctx context.Context, l Listers, bucket osskit.Bucket, opts ScanOptions, a *Aggregator) error {
	prefixes := opts.Prefixes
	if len(prefixes) == 0 {
		prefixes = []string{""}
	}
	if opts.Parallel > 1 && len(prefixes) == 1 {
		split, err := topLevel(ctx, l.Objects, bucket, prefixes[0])
		if err != nil {
			return err
		}
		prefixes = split
	}
	if err := scanAll(ctx, l, bucket, prefixes, opts, a); err != nil {
		return err
	}
	if l.Uploads == nil {
		return nil
	}
	return ScanUploads(ctx, l, bucket, opts.Prefixes, a)
}

// ScanUploads lists the unfinished multipart uploads under each prefix
// (the whole bucket when none) into a, sizing each through l.Parts when
// set. The first listing error stops it and is returned wrapped.
func ScanUploads(ctx context.Context, l Listers, bucket osskit.Bucket, prefixes []string, a *Aggregator) error {
	if len(prefixes) == 0 {
		prefixes = []string{""}
	}
	for _, p := range prefixes {
		if err := scanUploads(ctx, l, bucket, p, a); err != nil {
			return err
		}
	}
	return nil
}

// topLevel returns the objects directly under prefix as the prefix itself
// marked "exact" ("\x00" suffix) plus every common prefix below it.
func topLevel(ctx context.Context, l osskit.PageLister, bucket osskit.Bucket, prefix string) ([]string, error) {
	out := []string{prefix + exactMark}
	opts := osskit.ListOptions{Prefix: prefix, Delimiter: "/", MaxKeys: osskit.MaxListKeys}
	for {
		page, err := l.ListObjects(ctx, bucket, opts)
		if err != nil {
			return nil, fmt.Errorf("list prefixes of %s/%s: %w", bucket, prefix, err)
		}
		out = append(out, page.CommonPrefixes...)
		if !page.IsTruncated || page.NextContinuationToken == "" || page.NextContinuationToken == opts.ContinuationToken {
			return out, nil
		}
		opts.ContinuationToken = page.NextContinuationToken
	}
}

// exactMark on a prefix means "only keys directly under it" (delimited).
const exactMark = "\x00"

func scanAll(ctx context.Context, l Listers, bucket osskit.Bucket, prefixes []string, opts ScanOptions, a *Aggregator) error {
	workers := max(1, min(opts.Parallel, len(prefixes)))
	if workers == 1 {
		for _, p := range prefixes {
			if err := scanPrefix(ctx, l, bucket, p, opts.Versions, a); err != nil {
				return err
			}
		}
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan string)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := a.Empty()
			for p := range jobs {
				if err := scanPrefix(ctx, l, bucket, p, opts.Versions, part); err != nil {
					mu.Lock()
					if first == nil {
						first = err
						cancel()
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			a.Merge(part)
			mu.Unlock()
		}()
	}
	for _, p := range prefixes {
		select {
		case jobs <- p:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	return first
}
