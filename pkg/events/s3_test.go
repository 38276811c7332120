package events

import (
	"strings"
	"testing"
	"time"
)

func TestParseS3Fixtures(t *testing.T) {
	tests := []struct {
		file string
		want []ObjectEvent
	}{{
		// The "s3-put" test event of the Lambda console (AWS docs).
		file: "s3-put.json",
		want: []ObjectEvent{{
			Platform: PlatformLambda, Name: "ObjectCreated:Put", Bucket: "example-bucket", Key: "test/key",
			Size: 1024, ETag: "0123456789abcdef0123456789abcdef", Region: "us-east-1",
			Time:      time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
			RequestID: "EXAMPLE123456789", SourceIP: "127.0.0.1", Principal: "EXAMPLE",
		}},
	}, {
		file: "s3-multi.json",
		want: []ObjectEvent{{
			// '+' is a space, %-escapes are UTF-8 bytes, %25 is '%'.
			Platform: PlatformLambda, Name: "ObjectCreated:CompleteMultipartUpload", Bucket: "photo-uploads",
			Key: "incoming/summer 2024/café 中文 100%.jpg", Size: 10485760,
			ETag: "a1b2c3d4e5f60718293a4b5c6d7e8f90-2", VersionID: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
			Region: "eu-west-1", Time: time.Date(2024, 3, 1, 0, 15, 30, 250e6, time.UTC),
			RequestID: "8F2A3B4C5D6E7F80", SourceIP: "203.0.113.7", Principal: "AWS:AIDAEXAMPLEID123456",
		}, {
			// %2B is a literal '+'; a removal has no size or ETag.
			Platform: PlatformLambda, Name: "ObjectRemoved:Delete", Bucket: "photo-uploads", Key: "incoming/a+b.txt",
			Region: "eu-west-1", Time: time.Date(2024, 3, 1, 0, 16, 0, 0, time.UTC),
			RequestID: "8F2A3B4C5D6E7F81", SourceIP: "198.51.100.20", Principal: "AWS:AIDAEXAMPLEID123456",
		}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ParseS3(readTriggerFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			wantEvents(t, got, tt.want)
		})
	}
}

// TestParseS3KeysAreURLDecoded pins S3's form encoding of keys in events
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html:
// "red flower.jpg" arrives as "red+flower.jpg").
func TestParseS3KeysAreURLDecoded(t *testing.T) {
	base := readTriggerFixture(t, "s3-put.json")
	tests := []struct{ raw, want string }{
		{"red+flower.jpg", "red flower.jpg"},
		{"a%2Bb.jpg", "a+b.jpg"},
		{"dir%2Fsub%2Ffile.txt", "dir/sub/file.txt"},
		{"dir/plain.txt", "dir/plain.txt"},
		{"%E4%B8%AD%E6%96%87.png", "中文.png"},
		{"100%25.jpg", "100%.jpg"},
		{"%F0%9F%98%80.gif", "😀.gif"},
	}
	for _, tt := range tests {
		evs, err := ParseS3(editRecord(t, base, "Records", 0, map[string]any{"s3.object.key": tt.raw}))
		if err != nil {
			t.Fatalf("key %q: %v", tt.raw, err)
		}
		if evs[0].Key != tt.want {
			t.Errorf("key %q: Key = %q; want %q", tt.raw, evs[0].Key, tt.want)
		}
	}
}

func TestParseS3Accepts(t *testing.T) {
	base := readTriggerFixture(t, "s3-put.json")
	tests := []struct {
		name  string
		edits map[string]any
		check func(ObjectEvent) bool
	}{
		{"s3: prefix stripped", map[string]any{"eventName": "s3:ObjectCreated:Copy"},
			func(e ObjectEvent) bool { return e.Name == "ObjectCreated:Copy" }},
		{"delete marker", map[string]any{"eventName": "ObjectRemoved:DeleteMarkerCreated", "s3.object.eTag": deleteField{}},
			func(e ObjectEvent) bool { return e.Removed() && e.ETag == "" }},
		{"empty object has no size", map[string]any{"s3.object.size": deleteField{}},
			func(e ObjectEvent) bool { return e.Size == 0 }},
		{"quoted etag unquoted", map[string]any{"s3.object.eTag": `"0123456789abcdef0123456789abcdef"`},
			func(e ObjectEvent) bool { return e.ETag == "0123456789abcdef0123456789abcdef" }},
		{"legacy bucket name", map[string]any{"s3.bucket.name": "My_Legacy.Bucket"},
			func(e ObjectEvent) bool { return e.Bucket == "My_Legacy.Bucket" }},
		{"no request id", map[string]any{"responseElements": deleteField{}},
			func(e ObjectEvent) bool { return e.RequestID == "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseS3(editRecord(t, base, "Records", 0, tt.edits))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(evs[0]) {
				t.Errorf("event = %+v; fails the check", evs[0])
			}
		})
	}
}

func TestParseS3Malformed(t *testing.T) {
	base := readTriggerFixture(t, "s3-put.json")
	multi := readTriggerFixture(t, "s3-multi.json")
	edit := func(edits map[string]any) string { return string(editRecord(t, base, "Records", 0, edits)) }
	tests := []struct {
		name, payload, field string
	}{
		{"empty", "", ""},
		{"null", "null", ""},
		{"not an object", `"Records"`, ""},
		{"empty object", "{}", "Records"},
		{"lower-case records", `{"records":[{}]}`, "Records"},
		{"empty Records", `{"Records":[]}`, "Records"},
		{"Records not an array", `{"Records":{}}`, "Records"},
		{"string record", `{"Records":["x"]}`, "Records[0]"},
		{"invalid JSON", `{"Records":[{]}`, ""},
		{"trailing garbage", string(base) + "]", ""},
		{"size is a string in record 1", string(editRecord(t, multi, "Records", 1, map[string]any{"s3.object.size": "12"})), "Records[1].s3.object.size"},
		{"size negative", edit(map[string]any{"s3.object.size": -5}), "Records[0].s3.object.size"},
		{"s3 an array", edit(map[string]any{"s3": []any{}}), "Records[0].s3"},
		{"responseElements values not strings", edit(map[string]any{"responseElements": map[string]any{"x-amz-request-id": 1}}), "Records[0].responseElements"},
		{"eventName a bool", edit(map[string]any{"eventName": true}), "Records[0].eventName"},
		{"missing eventName", edit(map[string]any{"eventName": deleteField{}}), "Records[0].eventName"},
		{"name without family", edit(map[string]any{"eventName": "Put"}), "Records[0].eventName"},
		{"restore event", edit(map[string]any{"eventName": "ObjectRestore:Completed"}), "Records[0].eventName"},
		{"test event", edit(map[string]any{"eventName": "s3:TestEvent"}), "Records[0].eventName"},
		{"missing eventSource", edit(map[string]any{"eventSource": deleteField{}}), "Records[0].eventSource"},
		{"OSS eventSource", edit(map[string]any{"eventSource": "acs:oss"}), "Records[0].eventSource"},
		{"missing eventTime", edit(map[string]any{"eventTime": deleteField{}}), "Records[0].eventTime"},
		{"bad eventTime", edit(map[string]any{"eventTime": "01/01/1970"}), "Records[0].eventTime"},
		{"missing bucket", edit(map[string]any{"s3.bucket": deleteField{}}), "Records[0].s3.bucket.name"},
		{"bucket with slash", edit(map[string]any{"s3.bucket.name": "a/b/c"}), "Records[0].s3.bucket.name"},
		{"missing key", edit(map[string]any{"s3.object.key": deleteField{}}), "Records[0].s3.object.key"},
		{"bad escape", edit(map[string]any{"s3.object.key": "a%zzb"}), "Records[0].s3.object.key"},
		{"truncated escape", edit(map[string]any{"s3.object.key": "a%4"}), "Records[0].s3.object.key"},
		{"escaped NUL", edit(map[string]any{"s3.object.key": "a%00b"}), "Records[0].s3.object.key"},
		{"escaped newline", edit(map[string]any{"s3.object.key": "a%0Ab"}), "Records[0].s3.object.key"},
		{"escaped invalid UTF-8", edit(map[string]any{"s3.object.key": "a%FFb"}), "Records[0].s3.object.key"},
		{"decodes too long", edit(map[string]any{"s3.object.key": strings.Repeat("%41", 1025)}), "Records[0].s3.object.key"},
		{"created without etag", edit(map[string]any{"s3.object.eTag": deleteField{}}), "Records[0].s3.object.eTag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseS3([]byte(tt.payload))
			wantParseError(t, err, formatS3, tt.field)
			if evs != nil {
				t.Errorf("events = %+v; want nil on error", evs)
			}
		})
	}
}
