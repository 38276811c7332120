package osskit

import "time"

// Versioning is a bucket's versioning state.
type Versioning string

// Versioning states. OSS omits the status for a bucket that never had
// versioning enabled (GetBucketVersioning reference); that is VersioningOff.
const (
	VersioningOff       Versioning = ""
	VersioningEnabled   Versioning = "Enabled"
	VersioningSuspended Versioning = "Suspended"
)

// BucketStat holds a bucket's usage counters (GetBucketStat). OSS updates
// them asynchronously: they may lag by more than an hour.
type BucketStat struct {
	// StorageBytes is the total stored, in bytes.
	StorageBytes         int64
	ObjectCount          int64
	MultipartUploadCount int64
	MultipartPartCount   int64
	DeleteMarkerCount    int64
	// LastModified is when the counters were computed.
	LastModified time.Time
	// Classes holds the per-class figures OSS reports.
	Classes map[StorageClass]ClassStat
}

// ClassStat is one storage class's share of a bucket.
type ClassStat struct {
	ObjectCount int64
	// BilledBytes counts small objects at the class's minimum billable size.
	BilledBytes int64
	// RealBytes is the actual data size; equals BilledBytes for Standard.
	RealBytes int64
}

// InventoryConfig is one bucket inventory configuration
// (GetBucketInventory / ListBucketInventory).
type InventoryConfig struct {
	ID      string
	Enabled bool
	// Filter: which objects the inventory lists.
	Prefix               string
	LastModifiedAfter    time.Time
	LastModifiedBefore   time.Time
	MinSize              int64
	MaxSize              int64
	StorageClassesFilter []StorageClass
	// Destination of the CSV files.
	Destination InventoryDestination
	// Frequency is "Daily", "Weekly" or "Monthly" as OSS reports it.
	Frequency string
	// IncludedVersions is "All" or "Current".
	IncludedVersions string
	// OptionalFields are the extra CSV columns, e.g. "Size", "StorageClass".
	OptionalFields []string
}

// InventoryDestination is where inventory files land.
type InventoryDestination struct {
	// Bucket is the destination bucket's plain name (OSS reports
	// "acs:oss:::name"; adapters strip the prefix).
	Bucket    string
	Prefix    string
	Format    string
	AccountID string
	RoleARN   string
	// Encryption is "SSE-OSS", "SSE-KMS" or empty.
	Encryption string
}
