package events

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Format names carried in ParseError.Format by the object and timer parsers.
const (
	formatFCOSS       = "fc-oss"
	formatS3          = "s3"
	formatObjectEvent = "object-event"
	formatFCTimer     = "fc-timer"
	formatSchedule    = "schedule"
	formatTick        = "tick"
)

// ParseObjectEvents parses an object-store notification from either
// platform, telling them apart by the top-level key: "events" is an FC OSS
// trigger payload (see ParseFCOSS), "Records" an S3 notification (see
// ParseS3). Any other payload, or one with both keys, returns a *ParseError
// with Format "object-event" that names what was expected; errors inside a
// recognised payload are those of ParseFCOSS or ParseS3. Every error matches
// ErrMalformed.
func ParseObjectEvents(payload []byte) ([]ObjectEvent, error) {
	top, err := topLevelKeys(formatObjectEvent, payload)
	if err != nil {
		return nil, err
	}
	fc, isFC := top["events"]
	s3, isS3 := top["Records"]
	switch {
	case isFC && isS3:
		return nil, malformed(formatObjectEvent, "", `has both "events" (FC OSS) and "Records" (S3); want one of them`)
	case isFC:
		return fcOSSEvents(fc)
	case isS3:
		return s3Events(s3)
	}
	return nil, malformed(formatObjectEvent, "", `has %s; want "events" (FC OSS trigger) or "Records" (S3 notification)`, keyList(top))
}

// topLevelKeys decodes a payload's outer object just far enough to see its
// keys; the values stay raw so the chosen parser decodes them once.
func topLevelKeys(format string, payload []byte) (map[string]json.RawMessage, error) {
	if err := checkTriggerPayload(format, payload); err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := decodeTriggerJSON(format, "", "", payload, &top); err != nil {
		return nil, err
	}
	if top == nil {
		return nil, malformed(format, "", "payload is null; want a JSON object")
	}
	return top, nil
}

// keyList names up to five keys of top for an error message.
func keyList(top map[string]json.RawMessage) string {
	if len(top) == 0 {
		return "no keys"
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	more := ""
	if len(keys) > 5 {
		keys, more = keys[:5], fmt.Sprintf(" and %d more", len(keys)-5)
	}
	for i, k := range keys {
		keys[i] = shortQuote(k)
	}
	return "keys " + strings.Join(keys, ", ") + more
}

// recordList splits the raw value of a records array ("events" or
// "Records") into its records, refusing a missing or empty array and any
// element that is not an object.
func recordList(format, field string, raw json.RawMessage) ([]json.RawMessage, error) {
	var recs []json.RawMessage
	if len(raw) > 0 {
		if err := decodeTriggerJSON(format, field, "", raw, &recs); err != nil {
			return nil, err
		}
	}
	if len(recs) == 0 {
		return nil, malformed(format, field, "is missing or empty; want an array of event records")
	}
	for i, r := range recs {
		if k := rawKind(r); k != "object" {
			return nil, malformed(format, fmt.Sprintf("%s[%d]", field, i), "is JSON %s; want object", k)
		}
	}
	return recs, nil
}

// objectFamilies are the event families an ObjectEvent can describe. Other
// notifications (restores, replication, tagging, bucket events) carry no
// object change a handler here acts on, so they are refused, not guessed at.
var objectFamilies = map[string]bool{"ObjectCreated": true, "ObjectRemoved": true, "ObjectModified": true}

// objectEventName checks an event name and returns it without the
// platform's prefix ("oss:" on EventBridge-routed OSS events, "s3:" in S3
// configuration syntax); records normally carry neither.
func objectEventName(format, field, name, platformPrefix string) (string, error) {
	if name == "" {
		return "", malformed(format, field, "is missing; want an event name such as ObjectCreated:PutObject")
	}
	n := strings.TrimPrefix(name, platformPrefix)
	family, action, _ := strings.Cut(n, ":")
	if !objectFamilies[family] {
		return "", malformed(format, field, "%s is not an object event; want ObjectCreated:*, ObjectRemoved:* or ObjectModified:*", shortQuote(name))
	}
	if action == "" || strings.IndexFunc(action, notAlnum) >= 0 {
		return "", malformed(format, field, "%s has no valid action after %q", shortQuote(name), family+":")
	}
	return n, nil
}

func notAlnum(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

// needsObjectFacts reports whether an event describes a finished object, so
// its record must carry the object's size and ETag. Removals do not, and
// neither do the steps of a multipart upload before it completes: OSS sends
// those under ObjectCreated too, but no object exists yet.
func needsObjectFacts(name string) bool {
	switch name {
	case "ObjectCreated:InitiateMultipartUpload", "ObjectCreated:UploadPart", "ObjectCreated:UploadPartCopy":
		return false
	}
	return strings.HasPrefix(name, "ObjectCreated:")
}

// eventTime parses a record's RFC 3339 timestamp and returns it in UTC, so
// times from both platforms compare and print alike.
func eventTime(format, field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, malformed(format, field, "is missing; want an RFC 3339 time")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, malformed(format, field, "%s is not an RFC 3339 time", shortQuote(s))
	}
	return t.UTC(), nil
}

// normaliseETag strips the double quotes an ETag carries in HTTP headers
// (some emitters copy them into events) and keeps the case as the store
// wrote it. An ETag is an opaque validator compared byte for byte (RFC 9110
// section 8.8.3), and each store answers If-Match with its own spelling:
// OSS upper-case hex ("7D73E1052AF595535DE90994F4C3E6D5" in the FC
// trigger sample), S3 lower-case ("d41d8cd98f00b204e9800998ecf8427e" in
// AWS's), so changing case would break conditional requests on one of them.
func normaliseETag(format, field, etag string) (string, error) {
	if len(etag) >= 2 && etag[0] == '"' && etag[len(etag)-1] == '"' {
		etag = etag[1 : len(etag)-1]
	}
	if strings.ContainsAny(etag, "\" ") {
		return "", malformed(format, field, "%s is not an ETag", shortQuote(etag))
	}
	if problem := textProblem(etag); problem != "" {
		return "", malformed(format, field, "%s", problem)
	}
	return etag, nil
}
