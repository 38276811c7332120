package inventory

import (
	"slices"
	"strings"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// maxKeyEntries bounds the entries of one key held for sorting; a key
// with more is processed in sorted batches, which keeps memory bounded.
const maxKeyEntries = 10000

// versionState follows one key through a version listing. OSS lists a
// key's versions and delete markers together, newest first
// (ListObjectVersions reference), but an inventory file need not, so the
// entries of one key are held and sorted before they are counted.
type versionState struct {
	key     string
	started bool
	entries []osskit.ObjectInfo
	// Continuity across sorted batches of one key: how many entries were
	// counted, the Last-Modified of the last one (when the next one stopped
	// being current), whether data was seen and whether the newest entry
	// is a delete marker.
	counted      int
	newer        time.Time
	hasData      bool
	latestMarker bool
}

// AddVersion counts one entry of a version listing (or an all-versions
// inventory). Keys must arrive grouped (each key's entries together, as
// listings and inventories deliver them); within a key any order is fine.
// The current version counts as an object; older versions count as
// noncurrent from the time the next newer entry was written; delete
// markers are counted, and one left with no version behind it is an
// expired delete marker.
func (a *Aggregator) AddVersion(o *osskit.ObjectInfo) {
	st := &a.ver
	if !st.started || o.Key != st.key {
		a.finishKey()
		*st = versionState{key: strings.Clone(o.Key), started: true, entries: st.entries[:0]}
	}
	e := *o
	e.Key = st.key
	st.entries = append(st.entries, e)
	if len(st.entries) >= maxKeyEntries {
		a.countEntries()
	}
}

// countEntries counts the held entries of the current key, newest first
// (the current version, then by Last-Modified, latest first).
func (a *Aggregator) countEntries() {
	st := &a.ver
	slices.SortStableFunc(st.entries, func(x, y osskit.ObjectInfo) int {
		if x.IsLatest != y.IsLatest {
			if x.IsLatest {
				return -1
			}
			return 1
		}
		return y.LastModified.Compare(x.LastModified)
	})
	for i := range st.entries {
		o := &st.entries[i]
		first := st.counted == 0
		switch {
		case o.DeleteMarker:
			a.sum.DeleteMarkers++
			if first && o.IsLatest {
				st.latestMarker = true
			}
		case first && o.IsLatest:
			st.hasData = true
			a.add(o, time.Time{})
		default:
			st.hasData = true
			since := st.newer
			if since.IsZero() {
				// No newer entry seen (a filtered inventory): the version's own
				// time is the earliest it can have become noncurrent.
				since = o.LastModified
			}
			a.add(o, since)
		}
		st.newer = o.LastModified
		st.counted++
	}
	clear(st.entries)
	st.entries = st.entries[:0]
}

func (a *Aggregator) finishKey() {
	st := &a.ver
	if !st.started {
		return
	}
	a.countEntries()
	if st.latestMarker && !st.hasData {
		a.sum.ExpiredDeleteMarkers++
		if rules.RemovesDeleteMarker(a.opts.Rules, st.key) >= 0 {
			a.sum.MarkersRemovable++
		}
	}
	*st = versionState{entries: st.entries[:0]}
}

// AddUpload counts one unfinished multipart upload; bytes are its
// uploaded parts when known (knownBytes), since listing uploads reports no
// sizes and listing parts costs one request per upload.
func (a *Aggregator) AddUpload(u osskit.Upload, bytes int64, knownBytes bool) {
	s := &a.sum.Uploads
	s.Count++
	if knownBytes {
		s.Bytes += bytes
	} else {
		s.BytesKnown, bytes = false, 0
	}
	now := a.opts.Now
	if now.Sub(u.Initiated) >= a.opts.StaleUpload {
		s.Stale++
		s.StaleBytes += bytes
	}
	if s.Oldest.IsZero() || u.Initiated.Before(s.Oldest) {
		s.Oldest = u.Initiated
	}
	a.hitRules(u.Key)
	if rules.NextUpload(a.opts.Rules, u.Key, u.Initiated, now).Rule >= 0 {
		s.Aborted++
	}
}
