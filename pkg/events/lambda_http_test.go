package events

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	awsevents "github.com/aws/aws-lambda-go/events"
)

func TestLambdaHTTPRequestFixtures(t *testing.T) {
	tests := []struct {
		file    string
		want    wantRequest
		cookies map[string]string
	}{
		{"lambda-http-function-url.json", wantRequest{
			method:      "POST",
			path:        "/my/path",
			escapedPath: "/my/path",
			rawQuery:    "parameter1=value1&parameter1=value2&parameter2=value",
			host:        "<url-id>.lambda-url.us-west-2.on.aws",
			remoteAddr:  "123.123.123.123:0",
			header:      map[string]string{"Header1": "value1", "Header2": "value1,value2", "Cookie": "cookie1; cookie2"},
			body:        []byte("Hello from client!"),
		}, nil},
		{"lambda-http-apigw-v2.json", wantRequest{
			method:      "POST",
			path:        "/files/a/b.png",
			escapedPath: "/files/a%2Fb.png",
			rawQuery:    "w=64&w=128&q=a%20b",
			host:        "id.execute-api.us-east-1.amazonaws.com",
			remoteAddr:  "203.0.113.7:0",
			header:      map[string]string{"Content-Type": "application/octet-stream"},
			body:        []byte{0, 1, 2, 3, 0xff},
		}, map[string]string{"session": "abc", "theme": "dark"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ctx := context.WithValue(context.Background(), ctxKey{}, "marker")
			r, err := LambdaHTTPRequest(ctx, fixture(t, tt.file))
			if err != nil {
				t.Fatalf("LambdaHTTPRequest: %v", err)
			}
			checkRequest(t, r, tt.want)
			for name, v := range tt.cookies {
				if c, err := r.Cookie(name); err != nil || c.Value != v {
					t.Errorf("Cookie(%s) = %v, %v; want %s", name, c, err, v)
				}
			}
			if q := r.URL.Query(); tt.file == "lambda-http-apigw-v2.json" && !reflect.DeepEqual(q["w"], []string{"64", "128"}) {
				t.Errorf(`Query()["w"] = %q; want ["64" "128"] (repeated parameters kept apart)`, q["w"])
			}
		})
	}
}

func TestLambdaHTTPRequestQueryFallback(t *testing.T) {
	p := `{"rawPath":"/x","queryStringParameters":{"a":"1 2"},"requestContext":{"http":{"method":"GET"}}}`
	r, err := LambdaHTTPRequest(context.Background(), []byte(p))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.URL.Query().Get("a"); got != "1 2" {
		t.Errorf(`Query().Get("a") = %q; want "1 2"`, got)
	}
}

func TestLambdaHTTPRequestMalformed(t *testing.T) {
	const ok = `"requestContext":{"http":{"method":"GET"}}`
	tests := []struct {
		name, payload, field, reason string
	}{
		{"not JSON", `nope`, "", "invalid JSON"},
		{"string", `"x"`, "", "want object"},
		{"cookies string", `{"rawPath":"/","cookies":"a=b",` + ok + `}`, "cookies", "want array"},
		{"cookie CRLF", `{"rawPath":"/","cookies":["a=b\r\nX: y"],` + ok + `}`, "cookies[0]", "CR, LF or NUL"},
		{"timeEpoch string", `{"rawPath":"/","requestContext":{"timeEpoch":"1","http":{"method":"GET"}}}`, "requestContext.timeEpoch", "want number"},
		{"isBase64Encoded number", `{"rawPath":"/","isBase64Encoded":1,` + ok + `}`, "isBase64Encoded", "want boolean"},
		{"method missing", `{"rawPath":"/"}`, "requestContext.http.method", "is missing"},
		{"path missing", `{` + ok + `}`, "rawPath", "is missing"},
		{"query space", `{"rawPath":"/","rawQueryString":"a=b c",` + ok + `}`, "rawQueryString", "space"},
		{"bad base64", `{"rawPath":"/","body":"%%%","isBase64Encoded":true,` + ok + `}`, "body", "not standard base64"},
		{"header NUL", `{"rawPath":"/","headers":{"a":"\u0000"},` + ok + `}`, "headers.a", "CR, LF or NUL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := LambdaHTTPRequest(context.Background(), []byte(tt.payload))
			checkParseError(t, r, err, formatLambdaHTTP, tt.field, tt.reason)
		})
	}
}

func TestLambdaHTTPResponse(t *testing.T) {
	h := http.Header{
		"Content-Type": {"image/webp"},
		"Set-Cookie":   {"a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT"},
		"Vary":         {"Accept", "Origin"},
	}
	body := []byte("RIFF\x00\x00\x00\x00WEBPVP8 ")
	out, err := LambdaHTTPResponse(http.StatusOK, h, body)
	if err != nil {
		t.Fatal(err)
	}
	var got awsevents.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	// Function URLs read the same JSON; decode with their type too.
	var url awsevents.LambdaFunctionURLResponse
	if err := json.Unmarshal(out, &url); err != nil {
		t.Fatal(err)
	}
	if got.StatusCode != 200 || url.StatusCode != 200 {
		t.Errorf("statusCode = %d (url %d); want 200", got.StatusCode, url.StatusCode)
	}
	wantCookies := []string{"a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT"}
	if !reflect.DeepEqual(got.Cookies, wantCookies) {
		t.Errorf("cookies = %q; want %q", got.Cookies, wantCookies)
	}
	if _, ok := got.Headers["Set-Cookie"]; ok {
		t.Errorf("headers carry Set-Cookie; want it only in cookies")
	}
	if got.Headers["Vary"] != "Accept, Origin" {
		t.Errorf("headers[Vary] = %q; want %q", got.Headers["Vary"], "Accept, Origin")
	}
	back, err := base64.StdEncoding.DecodeString(got.Body)
	if !got.IsBase64Encoded || err != nil || string(back) != string(body) {
		t.Errorf("body = %q (base64 %v); want base64 of the webp bytes", got.Body, got.IsBase64Encoded)
	}

	out, _ = LambdaHTTPResponse(http.StatusNotFound, http.Header{"Content-Type": {"application/problem+json"}}, []byte(`{"e":1}`))
	got = awsevents.APIGatewayV2HTTPResponse{}
	_ = json.Unmarshal(out, &got)
	if got.Body != `{"e":1}` || got.IsBase64Encoded || got.Cookies == nil {
		t.Errorf("json response = %+v; want verbatim body, not base64, cookies []", got)
	}
}

func FuzzLambdaHTTPRequest(f *testing.F) {
	fuzzHTTP(f, LambdaHTTPRequest, "lambda-http-function-url.json", "lambda-http-apigw-v2.json")
}
