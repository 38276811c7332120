package events

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	awsevents "github.com/aws/aws-lambda-go/events"
)

const formatLambdaHTTP = "lambda-http"

// LambdaHTTPRequest converts an API Gateway HTTP API (payload format 2.0) or
// Lambda function URL event to an *http.Request carrying ctx. Both share one
// shape (aws-lambda-go's APIGatewayV2HTTPRequest and
// LambdaFunctionURLRequest). rawPath is kept as RawPath so encoded slashes
// survive, rawQueryString becomes the query verbatim (queryStringParameters
// are used only when it is absent), cookies become one Cookie header, Host
// comes from requestContext.domainName and RemoteAddr from
// requestContext.http.sourceIp (with port 0).
//
// LambdaHTTPRequest returns a *ParseError (errors.Is ErrMalformed) when the
// payload is over MaxPayload, is not JSON, has a field of the wrong type
// (Field names it), lacks a method or path, has an invalid header, cookie or
// query string, or has a body that is not base64 while isBase64Encoded says
// it is.
func LambdaHTTPRequest(ctx context.Context, payload []byte) (*http.Request, error) {
	var ev awsevents.APIGatewayV2HTTPRequest
	if err := decodeStrict(formatLambdaHTTP, payload, &ev); err != nil {
		return nil, err
	}
	header := make(http.Header, len(ev.Headers)+1)
	for k, v := range ev.Headers {
		if err := checkHeader(formatLambdaHTTP, "headers", k, v); err != nil {
			return nil, err
		}
		header.Add(k, v)
	}
	if len(ev.Cookies) > 0 {
		// API Gateway moves the Cookie header into cookies[]; put it back the
		// way a browser sends it so r.Cookie works.
		for i, c := range ev.Cookies {
			if strings.ContainsAny(c, "\r\n\x00") {
				return nil, malformed(formatLambdaHTTP, fmt.Sprintf("cookies[%d]", i), "contains CR, LF or NUL")
			}
		}
		header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	rawQuery := ev.RawQueryString
	if strings.IndexFunc(rawQuery, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '#' }) >= 0 {
		return nil, malformed(formatLambdaHTTP, "rawQueryString", "contains a space, control character or #")
	}
	if rawQuery == "" && len(ev.QueryStringParameters) > 0 {
		q := make(url.Values, len(ev.QueryStringParameters))
		for k, v := range ev.QueryStringParameters {
			q.Set(k, v)
		}
		rawQuery = q.Encode()
	}
	rc := ev.RequestContext
	u, err := buildURL(formatLambdaHTTP, "rawPath", ev.RawPath, "requestContext.http.path", rc.HTTP.Path, rawQuery)
	if err != nil {
		return nil, err
	}
	body, err := decodeBody(formatLambdaHTTP, ev.Body, ev.IsBase64Encoded)
	if err != nil {
		return nil, err
	}
	return newRequest(ctx, formatLambdaHTTP, requestParts{
		method:      rc.HTTP.Method,
		methodField: "requestContext.http.method",
		url:         u,
		header:      header,
		host:        rc.DomainName,
		sourceIP:    rc.HTTP.SourceIP,
		proto:       rc.HTTP.Protocol,
		body:        body,
	})
}

// LambdaHTTPResponse encodes a recorded response as an
// APIGatewayV2HTTPResponse (also what a function URL expects). Set-Cookie
// values move to cookies[], since they cannot be comma-joined safely; other
// repeated header values are joined with ", ". The body travels verbatim
// when Content-Type (or, without one, the sniffed type) is text, JSON, XML,
// JavaScript or a form, and as base64 otherwise.
//
// LambdaHTTPResponse returns an error only when status is not a three-digit
// HTTP status code.
func LambdaHTTPResponse(status int, header http.Header, body []byte) ([]byte, error) {
	if status < 100 || status > 999 {
		return nil, fmt.Errorf("lambda-http response: status %d is not a three-digit HTTP status", status)
	}
	enc, b64 := encodeBody(header, body)
	cookies := header.Values("Set-Cookie")
	if cookies == nil {
		cookies = []string{}
	}
	return json.Marshal(awsevents.APIGatewayV2HTTPResponse{
		StatusCode:      status,
		Headers:         joinHeaders(header, "Set-Cookie"),
		Body:            enc,
		IsBase64Encoded: b64,
		Cookies:         cookies,
	})
}
