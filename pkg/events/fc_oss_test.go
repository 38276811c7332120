package events

import (
	"strings"
	"testing"
	"time"
)

func TestParseFCOSSFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []ObjectEvent
	}{{
		// The sample in fc-runtime-go-sdk events/README_OSS.md.
		file: "fc-oss-put.json",
		want: []ObjectEvent{{
			Platform: PlatformFC, Name: "ObjectCreated:PutObject", Bucket: "testbucket", Key: "image/a.jpg",
			Size: 29203, ETag: "7D73E1052AF595535DE90994F4C3E6D5", ContentType: "image/jpeg",
			Region: "cn-shenzhen", Time: time.Date(2022, 6, 10, 6, 21, 35, 0, time.UTC),
			RequestID: "62A2E2EFD0DEFE3930847A6E", SourceIP: "106.23.**.**", Principal: "1581224182******",
		}},
	}, {
		file: "fc-oss-multi.json",
		want: []ObjectEvent{{
			// Key verbatim with spaces, unicode and a bare '%'; quoted ETag
			// unquoted; +08:00 time in UTC.
			Platform: PlatformFC, Name: "ObjectCreated:CompleteMultipartUpload", Bucket: "photo-uploads",
			Key: "incoming/summer 2024/café 中文 100%.jpg", Size: 10485760,
			ETag: "A1B2C3D4E5F60718293A4B5C6D7E8F90-2", ContentType: "image/jpeg", Region: "cn-hangzhou",
			Time:      time.Date(2024, 3, 1, 0, 15, 30, 250e6, time.UTC),
			RequestID: "65E11D2A3F0B9C0012345678", SourceIP: "203.0.113.7", Principal: "203456789012345678",
		}, {
			// '+' stays '+'; no region key, so the region comes from the ARN.
			Platform: PlatformFC, Name: "ObjectCreated:PutObject", Bucket: "photo-uploads", Key: "incoming/a+b.txt",
			ETag: "D41D8CD98F00B204E9800998ECF8427E", Region: "cn-hangzhou",
			Time:      time.Date(2024, 3, 1, 0, 15, 31, 0, time.UTC),
			RequestID: "65E11D2B3F0B9C0012345679", SourceIP: "203.0.113.7", Principal: "203456789012345678",
		}, {
			// A removal carries neither size nor ETag.
			Platform: PlatformFC, Name: "ObjectRemoved:DeleteObject", Bucket: "photo-uploads", Key: "incoming/old.png",
			Region: "cn-hangzhou", Time: time.Date(2024, 3, 1, 0, 16, 0, 0, time.UTC),
			RequestID: "65E11D4C3F0B9C001234567A", SourceIP: "198.51.100.20", Principal: "203456789012345678",
		}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ParseFCOSS(readTriggerFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			wantEvents(t, got, tt.want)
		})
	}
}

// TestParseFCOSSKeysAreVerbatim pins the decision in keys.go: OSS documents
// no URL encoding of oss.object.key (FC OSS trigger overview,
// https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/overview-of-oss-trigger,
// and the fc-runtime-go-sdk sample), so what looks like an escape is part of
// the name.
func TestParseFCOSSKeysAreVerbatim(t *testing.T) {
	base := readTriggerFixture(t, "fc-oss-put.json")
	for _, key := range []string{"a%20b.jpg", "a+b.jpg", "100%.jpg", "dir/%zz", "中文/图片 1.png", "emoji-😀.gif"} {
		payload := editRecord(t, base, "events", 0, map[string]any{"oss.object.key": key})
		evs, err := ParseFCOSS(payload)
		if err != nil {
			t.Fatalf("key %q: %v", key, err)
		}
		if evs[0].Key != key {
			t.Errorf("Key = %q; want %q verbatim", evs[0].Key, key)
		}
	}
}

func TestParseFCOSSAccepts(t *testing.T) {
	base := readTriggerFixture(t, "fc-oss-put.json")
	tests := []struct {
		name  string
		edits map[string]any
		check func(ObjectEvent) bool
	}{
		{"oss: prefix stripped", map[string]any{"eventName": "oss:ObjectCreated:PutObject"},
			func(e ObjectEvent) bool { return e.Name == "ObjectCreated:PutObject" && e.Created() }},
		{"modified family", map[string]any{"eventName": "ObjectModified:UpdateObjectMeta"},
			func(e ObjectEvent) bool { return e.Name == "ObjectModified:UpdateObjectMeta" }},
		{"upload part without size or etag", map[string]any{"eventName": "ObjectCreated:UploadPart",
			"oss.object.size": deleteField{}, "oss.object.eTag": deleteField{}},
			func(e ObjectEvent) bool { return e.Size == 0 && e.ETag == "" }},
		{"delete objects", map[string]any{"eventName": "ObjectRemoved:DeleteObjects"},
			func(e ObjectEvent) bool { return e.Removed() }},
		{"lower-case etag kept", map[string]any{"oss.object.eTag": "7d73e1052af595535de90994f4c3e6d5"},
			func(e ObjectEvent) bool { return e.ETag == "7d73e1052af595535de90994f4c3e6d5" }},
		{"null objectMeta", map[string]any{"oss.object.objectMeta": nil},
			func(e ObjectEvent) bool { return e.ContentType == "" }},
		{"version id", map[string]any{"oss.object.versionId": "CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjgyMDdh"},
			func(e ObjectEvent) bool { return strings.HasPrefix(e.VersionID, "CAEQ") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseFCOSS(editRecord(t, base, "events", 0, tt.edits))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(evs[0]) {
				t.Errorf("event = %+v; fails the check", evs[0])
			}
		})
	}
}

func TestParseFCOSSMalformed(t *testing.T) {
	base := readTriggerFixture(t, "fc-oss-put.json")
	multi := readTriggerFixture(t, "fc-oss-multi.json")
	edit := func(edits map[string]any) string { return string(editRecord(t, base, "events", 0, edits)) }
	tests := []struct {
		name, payload, field string
	}{
		{"empty", "", ""},
		{"blank", " \n\t", ""},
		{"null", "null", ""},
		{"not an object", `[1,2]`, ""},
		{"empty object", "{}", "events"},
		{"events null", `{"events":null}`, "events"},
		{"empty events", `{"events":[]}`, "events"},
		{"events not an array", `{"events":{"eventName":"ObjectCreated:PutObject"}}`, "events"},
		{"events a string", `{"events":"x"}`, "events"},
		{"null record", `{"events":[null]}`, "events[0]"},
		{"number record", `{"events":[1]}`, "events[0]"},
		{"invalid JSON", `{"events":[`, ""},
		{"trailing garbage", string(base) + " x", ""},
		{"two values", string(base) + string(base), ""},
		{"size is a string in record 1", string(editRecord(t, multi, "events", 1, map[string]any{"oss.object.size": "12"})), "events[1].oss.object.size"},
		{"size is fractional", edit(map[string]any{"oss.object.size": 1.5}), "events[0].oss.object.size"},
		{"size overflows", strings.Replace(string(base), `"size": 29203`, `"size": 1e30`, 1), "events[0].oss.object.size"},
		{"size negative", edit(map[string]any{"oss.object.size": -1}), "events[0].oss.object.size"},
		{"eventName a number", edit(map[string]any{"eventName": 7}), "events[0].eventName"},
		{"oss a string", edit(map[string]any{"oss": "testbucket"}), "events[0].oss"},
		{"key an array", edit(map[string]any{"oss.object.key": []any{"a"}}), "events[0].oss.object.key"},
		{"missing eventName", edit(map[string]any{"eventName": deleteField{}}), "events[0].eventName"},
		{"name without family", edit(map[string]any{"eventName": "PutObject"}), "events[0].eventName"},
		{"other family", edit(map[string]any{"eventName": "ObjectRestore:FinishRestore"}), "events[0].eventName"},
		{"family without action", edit(map[string]any{"eventName": "ObjectCreated:"}), "events[0].eventName"},
		{"wildcard action", edit(map[string]any{"eventName": "ObjectCreated:*"}), "events[0].eventName"},
		{"missing eventSource", edit(map[string]any{"eventSource": deleteField{}}), "events[0].eventSource"},
		{"S3 eventSource", edit(map[string]any{"eventSource": "aws:s3"}), "events[0].eventSource"},
		{"missing eventTime", edit(map[string]any{"eventTime": deleteField{}}), "events[0].eventTime"},
		{"bad eventTime", edit(map[string]any{"eventTime": "2022-06-10 06:21:35"}), "events[0].eventTime"},
		{"eventTime a number", edit(map[string]any{"eventTime": 1654842095}), "events[0].eventTime"},
		{"missing bucket", edit(map[string]any{"oss.bucket": deleteField{}}), "events[0].oss.bucket.name"},
		{"empty bucket name", edit(map[string]any{"oss.bucket.name": ""}), "events[0].oss.bucket.name"},
		{"bucket name upper-case", edit(map[string]any{"oss.bucket.name": "TestBucket"}), "events[0].oss.bucket.name"},
		{"bucket name too short", edit(map[string]any{"oss.bucket.name": "ab"}), "events[0].oss.bucket.name"},
		{"bucket name ends with hyphen", edit(map[string]any{"oss.bucket.name": "bucket-"}), "events[0].oss.bucket.name"},
		{"missing key", edit(map[string]any{"oss.object.key": deleteField{}}), "events[0].oss.object.key"},
		{"empty key", edit(map[string]any{"oss.object.key": ""}), "events[0].oss.object.key"},
		{"key with NUL", edit(map[string]any{"oss.object.key": "a\x00b.jpg"}), "events[0].oss.object.key"},
		{"key with newline", edit(map[string]any{"oss.object.key": "a\nb.jpg"}), "events[0].oss.object.key"},
		{"key with C1 control", edit(map[string]any{"oss.object.key": "a\u0085b.jpg"}), "events[0].oss.object.key"},
		{"key too long", edit(map[string]any{"oss.object.key": strings.Repeat("k", 1024)}), "events[0].oss.object.key"},
		{"created without size", edit(map[string]any{"oss.object.size": deleteField{}}), "events[0].oss.object.size"},
		{"created without etag", edit(map[string]any{"oss.object.eTag": deleteField{}}), "events[0].oss.object.eTag"},
		{"etag with a space", edit(map[string]any{"oss.object.eTag": "7D73 E105"}), "events[0].oss.object.eTag"},
		{"region a number", edit(map[string]any{"region": 1}), "events[0].region"},
		{"second record bad", string(editRecord(t, multi, "events", 2, map[string]any{"oss.object.key": ""})), "events[2].oss.object.key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseFCOSS([]byte(tt.payload))
			wantParseError(t, err, formatFCOSS, tt.field)
			if evs != nil {
				t.Errorf("events = %+v; want nil on error", evs)
			}
		})
	}
}
