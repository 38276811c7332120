// Package rules models OSS lifecycle semantics, purely: it parses a
// LifecycleConfiguration document, decides whether a rule applies to an
// object (rule-level Prefix and Tags, Filter/Not, size bounds), says what a
// bucket's rules will do next to an object, version or upload and when, and
// finds rule sets OSS would reject or that cost money by design.
//
// OSS differs from S3 here: Prefix and Tag sit directly under <Rule>, and
// <Filter> only carries Not and the size bounds (PutBucketLifecycle
// reference; official Go SDK v2 LifecycleRule/LifecycleRuleFilter types).
// The package imports only the standard library and pkg/osskit.
package rules
