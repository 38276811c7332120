package inventory

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Position kinds.
const (
	KindObjects  = "objects"
	KindVersions = "versions"
	KindUploads  = "uploads"
)

// Position is one unit of listing work and how far it got: a checkpoint
// stores the unfinished ones so a later invocation resumes where this one
// stopped.
type Position struct {
	Kind   string `json:"kind"`
	Prefix string `json:"prefix"`
	// Exact lists only keys directly under Prefix (delimiter "/").
	Exact bool `json:"exact,omitempty"`
	// Token, or the markers, say where the next page starts.
	Token           string `json:"token,omitempty"`
	KeyMarker       string `json:"keyMarker,omitempty"`
	VersionIDMarker string `json:"versionIdMarker,omitempty"`
	UploadIDMarker  string `json:"uploadIdMarker,omitempty"`
	// Pending is the version listing's unfinished key, when a key's
	// versions straddle the stop.
	Pending *VersionState `json:"pending,omitempty"`
}

// VersionState is a version listing's unfinished key: the entries held
// for sorting and the counting so far (see Aggregator.AddVersion).
type VersionState struct {
	Key          string              `json:"key"`
	Entries      []osskit.ObjectInfo `json:"entries,omitempty"`
	Counted      int                 `json:"counted,omitempty"`
	Newer        time.Time           `json:"newer,omitzero"`
	HasData      bool                `json:"hasData,omitempty"`
	LatestMarker bool                `json:"latestMarker,omitempty"`
}

// runPosition lists p page by page into a until done, or until stop says
// so before a page (then p holds the next page's marker and a's pending
// version key moves into p).
func runPosition(ctx context.Context, l Listers, bucket osskit.Bucket, p *Position, stop func() bool, a *Aggregator) (bool, error) {
	if p.Pending != nil {
		a.finishKey()
		v := p.Pending
		a.ver = versionState{key: v.Key, started: true, entries: v.Entries, counted: v.Counted, newer: v.Newer, hasData: v.HasData, latestMarker: v.LatestMarker}
		p.Pending = nil
	}
	for first := true; ; first = false {
		if !first && stop() {
			if p.Kind == KindVersions && a.ver.started {
				v := a.ver
				p.Pending = &VersionState{Key: v.key, Entries: slices.Clone(v.entries), Counted: v.counted, Newer: v.newer, HasData: v.hasData, LatestMarker: v.latestMarker}
				a.ver = versionState{}
			}
			return false, nil
		}
		more, err := page(ctx, l, bucket, p, a)
		if err != nil || !more {
			return !more, err
		}
	}
}

// page lists one page of p into a and advances p; more is false after the
// last page.
func page(ctx context.Context, l Listers, bucket osskit.Bucket, p *Position, a *Aggregator) (more bool, err error) {
	delim := ""
	if p.Exact {
		delim = "/"
	}
	switch p.Kind {
	case KindObjects:
		pg, err := l.Objects.ListObjects(ctx, bucket, osskit.ListOptions{Prefix: p.Prefix, Delimiter: delim, ContinuationToken: p.Token, MaxKeys: osskit.MaxListKeys})
		if err != nil {
			return false, fmt.Errorf("list objects %s/%s: %w", bucket, p.Prefix, err)
		}
		for i := range pg.Objects {
			a.AddObject(&pg.Objects[i])
		}
		if pg.IsTruncated && (pg.NextContinuationToken == "" || pg.NextContinuationToken == p.Token) {
			return false, stuck("ListObjects", bucket)
		}
		p.Token = pg.NextContinuationToken
		return pg.IsTruncated, nil
	case KindVersions:
		if l.Versions == nil {
			return false, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ListObjectVersions", Bucket: bucket.String(), Err: fmt.Errorf("no version lister configured")}
		}
		pg, err := l.Versions.ListObjectVersions(ctx, bucket, osskit.VersionListOptions{Prefix: p.Prefix, Delimiter: delim,
			KeyMarker: p.KeyMarker, VersionIDMarker: p.VersionIDMarker, MaxKeys: osskit.MaxListKeys})
		if err != nil {
			return false, fmt.Errorf("list versions %s/%s: %w", bucket, p.Prefix, err)
		}
		for i := range pg.Versions {
			a.AddVersion(&pg.Versions[i])
		}
		if pg.IsTruncated && pg.NextKeyMarker == p.KeyMarker && pg.NextVersionIDMarker == p.VersionIDMarker {
			return false, stuck("ListObjectVersions", bucket)
		}
		p.KeyMarker, p.VersionIDMarker = pg.NextKeyMarker, pg.NextVersionIDMarker
		return pg.IsTruncated, nil
	case KindUploads:
		pg, err := l.Uploads.ListMultipartUploads(ctx, bucket, osskit.UploadListOptions{Prefix: p.Prefix, KeyMarker: p.KeyMarker,
			UploadIDMarker: p.UploadIDMarker, MaxUploads: osskit.MaxListKeys})
		if err != nil {
			return false, fmt.Errorf("list multipart uploads %s/%s: %w", bucket, p.Prefix, err)
		}
		for _, u := range pg.Uploads {
			n, known := int64(0), false
			if l.Parts != nil {
				if b, err := l.Parts.UploadedBytes(ctx, bucket, u.Key, u.UploadID); err == nil {
					n, known = b, true
				}
			}
			a.AddUpload(u, n, known)
		}
		if pg.IsTruncated && pg.NextKeyMarker == p.KeyMarker && pg.NextUploadIDMarker == p.UploadIDMarker {
			return false, stuck("ListMultipartUploads", bucket)
		}
		p.KeyMarker, p.UploadIDMarker = pg.NextKeyMarker, pg.NextUploadIDMarker
		return pg.IsTruncated, nil
	}
	return false, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "Scan", Bucket: bucket.String(), Err: fmt.Errorf("unknown position kind %q", p.Kind)}
}

// stuck reports a store that says "more" without moving on; looping would
// never end.
func stuck(op string, bucket osskit.Bucket) error {
	return &osskit.Error{Kind: osskit.ErrUnavailable, Op: op, Bucket: bucket.String(), Err: fmt.Errorf("truncated page without a new marker")}
}
