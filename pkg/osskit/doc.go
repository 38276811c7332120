// Package osskit is ossflow's object-store vocabulary: validated bucket names
// and object keys, object metadata (ObjectInfo), storage classes with their
// billing rules, the lifecycle and inventory configuration model, a price
// table, typed errors, and the small interfaces use cases declare or embed
// (ObjectGetter, ObjectPutter, Lister, ...).
//
// The package is pure: it imports only the standard library and pkg/fault.
// The one adapter that talks to Alibaba Cloud OSS lives in
// pkg/osskit/ossclient; pkg/osskit/osstest holds the behaviour suite every
// Store implementation must pass.
package osskit
