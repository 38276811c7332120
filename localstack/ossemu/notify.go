package ossemu

import (
	"encoding/json"
	"fmt"
	"github.com/ossflow/ossflow/pkg/events"
	"net"
	"strings"
)

// OSS event names the emulator emits (FC OSS trigger spelling, no "oss:" prefix).
const (
	EventPutObject               = "ObjectCreated:PutObject"
	EventPostObject              = "ObjectCreated:PostObject"
	EventCopyObject              = "ObjectCreated:CopyObject"
	EventCompleteMultipartUpload = "ObjectCreated:CompleteMultipartUpload"
	EventDeleteObject            = "ObjectRemoved:DeleteObject"
	EventDeleteObjects           = "ObjectRemoved:DeleteObjects"
)

// Event is one object notification: the same value pkg/events' FC OSS
// trigger parser produces from the JSON the emulator delivers (ETag
// upper-case hex without quotes, Principal the caller's access key id or
// "anonymous", VersionID "" in a bucket never versioned).
type Event = events.ObjectEvent

// emit reports a successful object change through Config.OnEvent and
// queues it for every notification rule it matches.
func (s *Server) emit(rq *request, name, bucket string, m objectMeta) {
	if s.cfg.OnEvent == nil && s.queue == nil {
		return
	}
	ip := rq.r.RemoteAddr
	if h, _, err := net.SplitHostPort(ip); err == nil {
		ip = h
	}
	principal := rq.principal
	if principal == "" {
		principal = "anonymous"
	}
	ev := Event{
		Name:        name,
		Bucket:      bucket,
		Key:         m.Key,
		Size:        m.Size,
		ETag:        strings.Trim(m.ETag, `"`),
		ContentType: m.ContentType,
		VersionID:   m.VersionID,
		Region:      s.cfg.Region,
		Time:        rq.now,
		RequestID:   rq.id,
		SourceIP:    ip,
		Principal:   principal,
	}
	if s.cfg.OnEvent != nil {
		s.cfg.OnEvent(ev)
	}
	s.enqueue(ev)
}

// FCEventJSON renders object events as the JSON an FC OSS trigger hands a
// function ({"events":[...]}, the shape of fc-runtime-go-sdk's
// events.OssEvent), so a local trigger router can invoke functions with
// exactly what FC would send. accountID fills the bucket ARN and owner. It
// fails only if an event has no bucket or key.
func FCEventJSON(accountID string, evs ...Event) ([]byte, error) {
	return fcEventJSON(accountID, "ossemu", evs...)
}

func fcEventJSON(accountID, ruleID string, evs ...Event) ([]byte, error) {
	out := fcEvent{Events: make([]fcRecord, 0, len(evs))}
	for i, e := range evs {
		if e.Bucket == "" || e.Key == "" {
			return nil, fmt.Errorf("fc event %d: bucket and key are required", i)
		}
		delta := e.Size
		if e.Removed() {
			delta = -e.Size // the bucket shrank
		}
		out.Events = append(out.Events, fcRecord{
			EventName:    e.Name,
			EventSource:  "acs:oss",
			EventTime:    e.Time.UTC().Format("2006-01-02T15:04:05.000Z"),
			EventVersion: "1.0",
			OSS: fcOSS{
				Bucket: fcBucket{
					ARN:           "acs:oss:" + e.Region + ":" + accountID + ":" + e.Bucket,
					Name:          e.Bucket,
					OwnerIdentity: accountID,
				},
				Object: fcObject{
					DeltaSize:  delta,
					ETag:       e.ETag,
					Key:        e.Key,
					Size:       e.Size,
					VersionID:  e.VersionID,
					ObjectMeta: &fcObjectMeta{MimeType: e.ContentType},
				},
				OSSSchemaVersion: "1.0",
				RuleID:           ruleID,
			},
			Region:            e.Region,
			RequestParameters: fcRequestParameters{SourceIPAddress: e.SourceIP},
			ResponseElements:  fcResponseElements{RequestID: e.RequestID},
			UserIdentity:      fcUserIdentity{PrincipalID: e.Principal},
		})
	}
	return json.Marshal(out)
}

type fcEvent struct {
	Events []fcRecord `json:"events"`
}

type fcRecord struct {
	EventName         string              `json:"eventName"`
	EventSource       string              `json:"eventSource"`
	EventTime         string              `json:"eventTime"`
	EventVersion      string              `json:"eventVersion"`
	OSS               fcOSS               `json:"oss"`
	Region            string              `json:"region"`
	RequestParameters fcRequestParameters `json:"requestParameters"`
	ResponseElements  fcResponseElements  `json:"responseElements"`
	UserIdentity      fcUserIdentity      `json:"userIdentity"`
}

type fcOSS struct {
	Bucket           fcBucket `json:"bucket"`
	Object           fcObject `json:"object"`
	OSSSchemaVersion string   `json:"ossSchemaVersion"`
	RuleID           string   `json:"ruleId"`
}

type fcBucket struct {
	ARN           string `json:"arn"`
	Name          string `json:"name"`
	OwnerIdentity string `json:"ownerIdentity"`
	VirtualBucket string `json:"virtualBucket"`
}

type fcObject struct {
	DeltaSize  int64         `json:"deltaSize"`
	ETag       string        `json:"eTag"`
	Key        string        `json:"key"`
	ObjectMeta *fcObjectMeta `json:"objectMeta,omitempty"`
	Size       int64         `json:"size"`
	VersionID  string        `json:"versionId,omitempty"`
}

type fcObjectMeta struct {
	MimeType string `json:"mimeType"`
}

type fcRequestParameters struct {
	SourceIPAddress string `json:"sourceIPAddress"`
}

type fcResponseElements struct {
	RequestID string `json:"requestId"`
}

type fcUserIdentity struct {
	PrincipalID string `json:"principalId"`
}
