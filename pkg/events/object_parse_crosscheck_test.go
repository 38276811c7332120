package events

import (
	"encoding/json"
	"strings"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	awsevents "github.com/aws/aws-lambda-go/events"
)

// The platforms' own SDK types decode the same fixtures independently; our
// events must say what theirs say (SDK types are test-only imports here).

// sdkCheck is one field compared between our event and the SDK's.
type sdkCheck struct {
	what      string
	got, want any
}

func TestParseFCOSSAgreesWithFCRuntimeSDK(t *testing.T) {
	for _, name := range []string{"fc-oss-put.json", "fc-oss-multi.json"} {
		payload := readTriggerFixture(t, name)
		var sdk fcevents.OssEvent
		if err := json.Unmarshal(payload, &sdk); err != nil {
			t.Fatal(err)
		}
		ours, err := ParseFCOSS(payload)
		if err != nil {
			t.Fatal(err)
		}
		if len(ours) != len(sdk.Events) {
			t.Fatalf("%s: %d events; the SDK sees %d", name, len(ours), len(sdk.Events))
		}
		for i, want := range sdk.Events {
			got := ours[i]
			obj := want.Oss.Object
			checks := []sdkCheck{
				{"name", got.Name, *want.EventName},
				{"bucket", got.Bucket, *want.Oss.Bucket.Name},
				{"key", got.Key, *obj.Key},
				{"request id", got.RequestID, *want.ResponseElements.RequestID},
				{"source ip", got.SourceIP, *want.RequestParameters.SourceIPAddress},
				{"principal", got.Principal, *want.UserIdentity.PrincipalID},
				{"time", got.Time.Equal(*want.EventTime), true},
			}
			if obj.Size != nil {
				checks = append(checks, sdkCheck{"size", got.Size, int64(*obj.Size)})
			}
			if obj.ETag != nil {
				checks = append(checks, sdkCheck{"etag", got.ETag, strings.Trim(*obj.ETag, `"`)})
			}
			if want.Region != nil {
				checks = append(checks, sdkCheck{"region", got.Region, *want.Region})
			}
			if obj.ObjectMeta != nil {
				checks = append(checks, sdkCheck{"content type", got.ContentType, *obj.ObjectMeta.MimeType})
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s event %d %s = %v; the FC SDK says %v", name, i, c.what, c.got, c.want)
				}
			}
		}
	}
}

func TestParseS3AgreesWithAWSLambdaGo(t *testing.T) {
	for _, name := range []string{"s3-put.json", "s3-multi.json"} {
		payload := readTriggerFixture(t, name)
		var sdk awsevents.S3Event
		if err := json.Unmarshal(payload, &sdk); err != nil {
			t.Fatal(err)
		}
		ours, err := ParseS3(payload)
		if err != nil {
			t.Fatal(err)
		}
		if len(ours) != len(sdk.Records) {
			t.Fatalf("%s: %d events; aws-lambda-go sees %d", name, len(ours), len(sdk.Records))
		}
		for i, want := range sdk.Records {
			got := ours[i]
			checks := []sdkCheck{
				{"name", got.Name, want.EventName},
				{"bucket", got.Bucket, want.S3.Bucket.Name},
				{"key", got.Key, want.S3.Object.URLDecodedKey},
				{"size", got.Size, want.S3.Object.Size},
				{"etag", got.ETag, want.S3.Object.ETag},
				{"version", got.VersionID, want.S3.Object.VersionID},
				{"region", got.Region, want.AWSRegion},
				{"request id", got.RequestID, want.ResponseElements["x-amz-request-id"]},
				{"source ip", got.SourceIP, want.RequestParameters.SourceIPAddress},
				{"principal", got.Principal, want.PrincipalID.PrincipalID},
				{"time", got.Time.Equal(want.EventTime), true},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s event %d %s = %v; aws-lambda-go says %v", name, i, c.what, c.got, c.want)
				}
			}
		}
	}
}
