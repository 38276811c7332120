package events

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	awsevents "github.com/aws/aws-lambda-go/events"
)

// The reference benchmarks decode the same payload into the SDKs' own
// structs: the floor a conversion to *http.Request is measured against.

func benchPayload(b *testing.B, name string) []byte {
	p, err := os.ReadFile("testdata/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkFCHTTPRequest(b *testing.B) {
	p := benchPayload(b, "fc-http-doc.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FCHTTPRequest(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFCHTTPRequestReferenceSDKDecode(b *testing.B) {
	p := benchPayload(b, "fc-http-doc.json")
	b.ReportAllocs()
	for b.Loop() {
		var ev fcevents.HTTPTriggerEvent
		if err := json.Unmarshal(p, &ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLambdaHTTPRequest(b *testing.B) {
	p := benchPayload(b, "lambda-http-apigw-v2.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LambdaHTTPRequest(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLambdaHTTPRequestReferenceSDKDecode(b *testing.B) {
	p := benchPayload(b, "lambda-http-apigw-v2.json")
	b.ReportAllocs()
	for b.Loop() {
		var ev awsevents.APIGatewayV2HTTPRequest
		if err := json.Unmarshal(p, &ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFCHTTPResponse(b *testing.B) {
	h := http.Header{"Content-Type": {"application/json"}, "Cache-Control": {"max-age=60"}}
	body := []byte(`{"url":"https://example.com/a.jpg","width":320}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FCHTTPResponse(200, h, body); err != nil {
			b.Fatal(err)
		}
	}
}
