package events

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/aws/aws-lambda-go/events"
)

// s3Record decodes one S3 notification record with aws-lambda-go's own type.
// eventTime is shadowed by a string: time.Time's decoder reports a bad time
// without saying which field held it, and the record has several.
type s3Record struct {
	events.S3EventRecord
	EventTime string `json:"eventTime"`
}

// ParseS3 parses an AWS S3 event notification as Lambda delivers it,
// {"Records":[...]}, into one ObjectEvent per record, in order. Keys are
// URL-decoded (S3 form-encodes them: "red+flower.jpg" is "red flower.jpg").
// A payload over MaxPayload, invalid JSON (including trailing data), a
// missing or empty Records array, a field of the wrong JSON type, or a
// record without a valid eventName, eventSource "aws:s3", eventTime, bucket
// name or decodable object key returns a *ParseError (Format "s3", Field the
// JSON path such as "Records[0].s3.object.key") that matches ErrMalformed;
// no events are returned then. A finished object (ObjectCreated, except the
// steps of a multipart upload) must also carry an eTag.
func ParseS3(payload []byte) ([]ObjectEvent, error) {
	// Look the key up exactly, as ParseObjectEvents does: a struct field
	// would also match "RECORDS", which no platform sends.
	top, err := topLevelKeys(formatS3, payload)
	if err != nil {
		return nil, err
	}
	return s3Events(top["Records"])
}

// s3Events parses the raw value of an S3 notification's "Records" key.
func s3Events(raw json.RawMessage) ([]ObjectEvent, error) {
	recs, err := recordList(formatS3, "Records", raw)
	if err != nil {
		return nil, err
	}
	out := make([]ObjectEvent, 0, len(recs))
	for i, r := range recs {
		ev, err := s3Event(fmt.Sprintf("Records[%d]", i), r)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

func s3Event(path string, raw json.RawMessage) (ObjectEvent, error) {
	const f = formatS3
	var r s3Record
	if err := json.Unmarshal(raw, &r); err != nil {
		// aws-lambda-go URL-decodes the key while decoding the record, so a
		// bad %-escape surfaces here rather than as a JSON error.
		var esc url.EscapeError
		if errors.As(err, &esc) {
			return ObjectEvent{}, malformed(f, path+".s3.object.key", "has a bad %%-escape %s", shortQuote(string(esc)))
		}
		return ObjectEvent{}, decodeTriggerJSON(f, path, "S3EventRecord", raw, &r)
	}
	if r.EventSource != "aws:s3" {
		return ObjectEvent{}, malformed(f, path+".eventSource", "is %s; want \"aws:s3\"", shortQuote(r.EventSource))
	}
	name, err := objectEventName(f, path+".eventName", r.EventName, "s3:")
	if err != nil {
		return ObjectEvent{}, err
	}
	at, err := eventTime(f, path+".eventTime", r.EventTime)
	if err != nil {
		return ObjectEvent{}, err
	}
	obj := r.S3.Object
	if err := checkS3Bucket(f, path+".s3.bucket.name", r.S3.Bucket.Name); err != nil {
		return ObjectEvent{}, err
	}
	if obj.Key == "" {
		return ObjectEvent{}, malformed(f, path+".s3.object.key", "is missing; want the object key")
	}
	if err := checkObjectKey(f, path+".s3.object.key", obj.URLDecodedKey, maxS3KeyBytes); err != nil {
		return ObjectEvent{}, err
	}
	if obj.Size < 0 {
		return ObjectEvent{}, malformed(f, path+".s3.object.size", "is %d; want a size of 0 or more", obj.Size)
	}
	etag, err := normaliseETag(f, path+".s3.object.eTag", obj.ETag)
	if err != nil {
		return ObjectEvent{}, err
	}
	// S3 omits "size" for an empty object as readily as for a removal, so
	// only the ETag can prove a created record describes a real object.
	if needsObjectFacts(name) && etag == "" {
		return ObjectEvent{}, malformed(f, path+".s3.object.eTag", "is missing; %s events carry the object ETag", name)
	}
	return ObjectEvent{
		Platform:  PlatformLambda,
		Name:      name,
		Bucket:    r.S3.Bucket.Name,
		Key:       obj.URLDecodedKey,
		Size:      obj.Size,
		ETag:      etag,
		VersionID: obj.VersionID,
		Region:    r.AWSRegion,
		Time:      at,
		RequestID: r.ResponseElements["x-amz-request-id"],
		SourceIP:  r.RequestParameters.SourceIPAddress,
		Principal: r.PrincipalID.PrincipalID,
	}, nil
}
