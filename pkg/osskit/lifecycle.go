package osskit

import "time"

// LifecycleRule is one OSS lifecycle rule as configured, mirroring the
// <Rule> element of GetBucketLifecycle (shape from the official Go SDK v2
// LifecycleRule type and the PutBucketLifecycle reference). Unlike S3, OSS
// keeps Prefix and Tags directly on the rule; the filter only carries
// exclusions and size bounds. Zero numbers and times mean "not set": OSS
// rejects zero Days, so no information is lost.
type LifecycleRule struct {
	ID     string
	Status RuleStatus
	// Prefix selects keys; empty means the whole bucket.
	Prefix string
	// Tags must all match (AND-ed with Prefix).
	Tags []Tag
	// Not lists exclusions: keys under Not.Prefix (and carrying Not.Tag,
	// when set) are left alone.
	Not []RuleNot
	// ObjectSizeGreaterThan / ObjectSizeLessThan bound the sizes the rule
	// applies to, in bytes; nil when absent.
	ObjectSizeGreaterThan *int64
	ObjectSizeLessThan    *int64
	// Expiration of current versions; nil when absent.
	Expiration *Expiration
	// Transitions of current versions to colder classes.
	Transitions []Transition
	// AbortMultipartUpload removes unfinished uploads; nil when absent.
	AbortMultipartUpload *AbortMultipartUpload
	// NoncurrentVersionExpiration deletes old versions; nil when absent.
	NoncurrentVersionExpiration *NoncurrentVersionExpiration
	// NoncurrentVersionTransitions move old versions to colder classes.
	NoncurrentVersionTransitions []NoncurrentVersionTransition
	// AtimeBase is when access tracking started (response only, for
	// last-access-time rules); zero when absent.
	AtimeBase time.Time
}

// RuleStatus is a lifecycle rule's Status.
type RuleStatus string

// Rule statuses.
const (
	RuleEnabled  RuleStatus = "Enabled"
	RuleDisabled RuleStatus = "Disabled"
)

// Enabled reports whether the rule is in force.
func (r LifecycleRule) Enabled() bool { return r.Status == RuleEnabled }

// Tag is an object tag, used by lifecycle rule filters.
type Tag struct {
	Key   string
	Value string
}

// RuleNot is one <Filter><Not> exclusion.
type RuleNot struct {
	Prefix string
	// Tag, when non-nil, narrows the exclusion to objects carrying it.
	Tag *Tag
}

// Expiration deletes current versions: after Days since last modification,
// or those modified before CreatedBeforeDate; or, with
// ExpiredObjectDeleteMarker, removes delete markers left without versions.
type Expiration struct {
	Days                      int
	CreatedBeforeDate         time.Time
	ExpiredObjectDeleteMarker bool
}

// Transition moves current versions to StorageClass after Days (since last
// modification, or since last access when IsAccessTime) or when modified
// before CreatedBeforeDate.
type Transition struct {
	Days              int
	CreatedBeforeDate time.Time
	StorageClass      StorageClass
	IsAccessTime      bool
	// ReturnToStdWhenVisit moves an IA object back to Standard when read
	// (only with IsAccessTime).
	ReturnToStdWhenVisit bool
	// AllowSmallFile is whether objects under 64 KB transition too (and
	// are billed as 64 KB); nil means OSS's default, true.
	AllowSmallFile *bool
}

// AbortMultipartUpload removes unfinished multipart uploads after Days
// since initiation, or those initiated before CreatedBeforeDate.
type AbortMultipartUpload struct {
	Days              int
	CreatedBeforeDate time.Time
}

// NoncurrentVersionExpiration deletes versions NoncurrentDays after they
// stopped being current.
type NoncurrentVersionExpiration struct {
	NoncurrentDays int
}

// NoncurrentVersionTransition moves versions to StorageClass NoncurrentDays
// after they stopped being current. Fields as in Transition.
type NoncurrentVersionTransition struct {
	NoncurrentDays       int
	StorageClass         StorageClass
	IsAccessTime         bool
	ReturnToStdWhenVisit bool
	AllowSmallFile       *bool
}
