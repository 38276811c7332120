package inventory

import (
	"strings"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// versionState follows one key through a version listing, which reports
// each key's versions and delete markers together, newest first
// (ListObjectVersions reference).
type versionState struct {
	key     string
	started bool
	// newer is the Last-Modified of the entry listed just before: the
	// moment the current entry stopped being current.
	newer        time.Time
	hasData      bool
	latestMarker bool
}

// AddVersion counts one entry of a version listing (or an all-versions
// inventory), which must arrive in listing order: keys ascending, each
// key's entries newest first. The current version counts as an object;
// older versions count as noncurrent from the time the next newer entry
// was written; delete markers are counted, and one left with no version
// behind it is an expired delete marker.
func (a *Aggregator) AddVersion(o *osskit.ObjectInfo) {
	st := &a.ver
	if !st.started || o.Key != st.key {
		a.finishKey()
		*st = versionState{key: strings.Clone(o.Key), started: true}
	}
	switch {
	case o.DeleteMarker:
		a.sum.DeleteMarkers++
		if o.IsLatest {
			st.latestMarker = true
		}
	case o.IsLatest:
		st.hasData = true
		a.add(o, time.Time{})
	default:
		st.hasData = true
		since := st.newer
		if since.IsZero() {
			// No newer entry listed (a filtered inventory): the version's own
			// time is the earliest it can have become noncurrent.
			since = o.LastModified
		}
		a.add(o, since)
	}
	st.newer = o.LastModified
}

func (a *Aggregator) finishKey() {
	st := &a.ver
	if st.started && st.latestMarker && !st.hasData {
		a.sum.ExpiredDeleteMarkers++
		if rules.RemovesDeleteMarker(a.opts.Rules, st.key) >= 0 {
			a.sum.MarkersRemovable++
		}
	}
	a.ver = versionState{}
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
