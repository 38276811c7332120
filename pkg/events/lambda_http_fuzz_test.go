package events

import "testing"

func FuzzLambdaHTTPRequest(f *testing.F) {
	fuzzHTTP(f, LambdaHTTPRequest, "lambda-http-function-url.json", "lambda-http-apigw-v2.json")
}
