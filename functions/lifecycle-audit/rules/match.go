package rules

import (
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Object is what rule evaluation needs to know about one object version.
type Object struct {
	Key          string
	Size         int64
	Class        osskit.StorageClass
	LastModified time.Time
	// Tags are the object's tags; TagsKnown is false when the source (a
	// listing or an inventory) does not report them.
	Tags      []osskit.Tag
	TagsKnown bool
	// NoncurrentSince is when a newer version replaced this one; zero for
	// the current version.
	NoncurrentSince time.Time
}

// Noncurrent reports whether o is an older version.
func (o Object) Noncurrent() bool { return !o.NoncurrentSince.IsZero() }

// Match is whether a rule applies to an object.
type Match int

// Match results.
const (
	// NoMatch: the rule leaves the object alone.
	NoMatch Match = iota
	// Matches: the rule applies.
	Matches
	// DependsOnTags: the rule's prefix and size filters select the object,
	// but whether it applies depends on tags the source did not report.
	DependsOnTags
)

// MatchRule reports whether r selects o, ignoring r's Status. A rule
// selects an object when the key starts with Prefix, the object carries
// every rule Tag (AND-ed with Prefix), no Filter/Not excludes it (an
// exclusion with a Tag needs the tag too) and the size is strictly inside
// ObjectSizeGreaterThan / ObjectSizeLessThan. Sources: PutBucketLifecycle
// reference and https://help.aliyun.com/zh/oss/user-guide/lifecycle-rules-based-on-the-last-modified-time
// ("Not" and size filters).
func MatchRule(r *osskit.LifecycleRule, o *Object) Match {
	if !strings.HasPrefix(o.Key, r.Prefix) {
		return NoMatch
	}
	if g := r.ObjectSizeGreaterThan; g != nil && o.Size <= *g {
		return NoMatch
	}
	if l := r.ObjectSizeLessThan; l != nil && o.Size >= *l {
		return NoMatch
	}
	m := Matches
	for _, t := range r.Tags {
		if !o.TagsKnown {
			m = DependsOnTags
			break
		}
		if !hasTag(o.Tags, t) {
			return NoMatch
		}
	}
	for _, n := range r.Not {
		if !strings.HasPrefix(o.Key, n.Prefix) {
			continue
		}
		if n.Tag == nil {
			return NoMatch
		}
		if !o.TagsKnown {
			m = DependsOnTags
		} else if hasTag(o.Tags, *n.Tag) {
			return NoMatch
		}
	}
	return m
}

func hasTag(tags []osskit.Tag, t osskit.Tag) bool {
	for _, have := range tags {
		if have == t {
			return true
		}
	}
	return false
}

// Colder reports whether lifecycle can move data from class from to class
// to: to must be a known class colder than from. An unknown from is taken
// as Standard, the class OSS assumes when none is reported. Lifecycle never
// moves data "back" from Archive to IA (Lifecycle rules.md, "Matching
// logic", AlibabaCloudDocs/oss@f684091).
func Colder(from, to osskit.StorageClass) bool {
	f := from.Rank()
	if f < 0 {
		f = 0
	}
	return to.Rank() > f
}
