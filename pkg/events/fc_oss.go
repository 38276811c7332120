package events

import (
	"encoding/json"
	"fmt"
	"strings"
)

// fcOSSRecord is one record of an FC OSS trigger payload, shaped like
// fc-runtime-go-sdk's events.OssEventRecord (which this package must not
// import). Pointers only where absence differs from the zero value.
type fcOSSRecord struct {
	EventName   string `json:"eventName"`
	EventSource string `json:"eventSource"`
	EventTime   string `json:"eventTime"`
	Region      string `json:"region"`
	OSS         struct {
		Bucket struct {
			Name string `json:"name"`
			ARN  string `json:"arn"`
		} `json:"bucket"`
		Object struct {
			Key        string `json:"key"`
			Size       *int64 `json:"size"`
			ETag       string `json:"eTag"`
			VersionID  string `json:"versionId"`
			ObjectMeta struct {
				MimeType string `json:"mimeType"`
			} `json:"objectMeta"`
		} `json:"object"`
	} `json:"oss"`
	RequestParameters struct {
		SourceIPAddress string `json:"sourceIPAddress"`
	} `json:"requestParameters"`
	ResponseElements struct {
		RequestID string `json:"requestId"`
	} `json:"responseElements"`
	UserIdentity struct {
		PrincipalID string `json:"principalId"`
	} `json:"userIdentity"`
}

// ParseFCOSS parses the payload an FC OSS trigger hands a function,
// {"events":[...]}, into one ObjectEvent per record, in order. Keys are
// kept verbatim (OSS does not URL-encode them; see keys.go). A payload over
// MaxPayload, invalid JSON (including trailing data), a missing or empty
// events array, a field of the wrong JSON type, or a record without a valid
// eventName, eventSource "acs:oss", eventTime, bucket name or object key
// returns a *ParseError (Format "fc-oss", Field the JSON path such as
// "events[1].oss.object.size") that matches ErrMalformed; no events are
// returned then. A finished object (ObjectCreated, except the steps of a
// multipart upload) must also carry size and eTag.
func ParseFCOSS(payload []byte) ([]ObjectEvent, error) {
	// Look the key up exactly, as ParseObjectEvents does: a struct field
	// would also match "EVENTS", which no platform sends.
	top, err := topLevelKeys(formatFCOSS, payload)
	if err != nil {
		return nil, err
	}
	return fcOSSEvents(top["events"])
}

// fcOSSEvents parses the raw value of an FC OSS payload's "events" key.
func fcOSSEvents(raw json.RawMessage) ([]ObjectEvent, error) {
	recs, err := recordList(formatFCOSS, "events", raw)
	if err != nil {
		return nil, err
	}
	out := make([]ObjectEvent, 0, len(recs))
	for i, r := range recs {
		ev, err := fcOSSEvent(fmt.Sprintf("events[%d]", i), r)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

func fcOSSEvent(path string, raw json.RawMessage) (ObjectEvent, error) {
	const f = formatFCOSS
	var r fcOSSRecord
	if err := decodeTriggerJSON(f, path, "", raw, &r); err != nil {
		return ObjectEvent{}, err
	}
	if r.EventSource != "acs:oss" {
		return ObjectEvent{}, malformed(f, path+".eventSource", "is %s; want \"acs:oss\"", shortQuote(r.EventSource))
	}
	name, err := objectEventName(f, path+".eventName", r.EventName, "oss:")
	if err != nil {
		return ObjectEvent{}, err
	}
	at, err := eventTime(f, path+".eventTime", r.EventTime)
	if err != nil {
		return ObjectEvent{}, err
	}
	obj := r.OSS.Object
	if err := checkOSSBucket(f, path+".oss.bucket.name", r.OSS.Bucket.Name); err != nil {
		return ObjectEvent{}, err
	}
	if err := checkObjectKey(f, path+".oss.object.key", obj.Key, maxOSSKeyBytes); err != nil {
		return ObjectEvent{}, err
	}
	ev := ObjectEvent{
		Platform:    PlatformFC,
		Name:        name,
		Bucket:      r.OSS.Bucket.Name,
		Key:         obj.Key,
		ContentType: obj.ObjectMeta.MimeType,
		VersionID:   obj.VersionID,
		Region:      r.Region,
		Time:        at,
		RequestID:   r.ResponseElements.RequestID,
		SourceIP:    r.RequestParameters.SourceIPAddress,
		Principal:   r.UserIdentity.PrincipalID,
	}
	if ev.Region == "" {
		ev.Region = ossARNRegion(r.OSS.Bucket.ARN)
	}
	if obj.Size != nil {
		if *obj.Size < 0 {
			return ObjectEvent{}, malformed(f, path+".oss.object.size", "is %d; want a size of 0 or more", *obj.Size)
		}
		ev.Size = *obj.Size
	}
	if ev.ETag, err = normaliseETag(f, path+".oss.object.eTag", obj.ETag); err != nil {
		return ObjectEvent{}, err
	}
	if needsObjectFacts(name) {
		if obj.Size == nil {
			return ObjectEvent{}, malformed(f, path+".oss.object.size", "is missing; %s events carry the object size", name)
		}
		if ev.ETag == "" {
			return ObjectEvent{}, malformed(f, path+".oss.object.eTag", "is missing; %s events carry the object ETag", name)
		}
	}
	return ev, nil
}

// ossARNRegion returns the region field of an OSS bucket ARN,
// acs:oss:<region>:<account>:<bucket>, or "" if arn has another shape. It
// backs up a record without "region", which the trigger docs always show.
func ossARNRegion(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) != 5 || parts[0] != "acs" || parts[1] != "oss" {
		return ""
	}
	return parts[2]
}
