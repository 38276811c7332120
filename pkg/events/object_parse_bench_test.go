package events

import (
	"encoding/json"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	awsevents "github.com/aws/aws-lambda-go/events"
)

// Each parser is benchmarked next to a plain json.Unmarshal into the
// platform SDK's own type, the cost any handler pays anyway; compare the
// pairs as ratios (make bench), not as absolute numbers.

func BenchmarkParseFCOSS(b *testing.B) {
	payload := readTriggerFixture(b, "fc-oss-multi.json")
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFCOSS(payload); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalFCOSSReference(b *testing.B) {
	payload := readTriggerFixture(b, "fc-oss-multi.json")
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		var ev fcevents.OssEvent
		if err := json.Unmarshal(payload, &ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseS3(b *testing.B) {
	payload := readTriggerFixture(b, "s3-multi.json")
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseS3(payload); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalS3Reference(b *testing.B) {
	payload := readTriggerFixture(b, "s3-multi.json")
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		var ev awsevents.S3Event
		if err := json.Unmarshal(payload, &ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTick(b *testing.B) {
	payload := readTriggerFixture(b, "eventbridge-scheduled.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTick(payload); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalScheduleReference(b *testing.B) {
	payload := readTriggerFixture(b, "eventbridge-scheduled.json")
	b.ReportAllocs()
	for b.Loop() {
		var ev awsevents.EventBridgeEvent
		if err := json.Unmarshal(payload, &ev); err != nil {
			b.Fatal(err)
		}
	}
}
