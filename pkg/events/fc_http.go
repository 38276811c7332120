package events

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

const formatFCHTTP = "fc-http"

// fcHTTPEvent is the FC 3.0 HTTP trigger payload of built-in runtimes, as
// documented for HTTP triggers and captured in devsapp/fc3's e2e evt.json.
// Pointers tell a missing field from an empty one.
type fcHTTPEvent struct {
	Version         string            `json:"version"`
	RawPath         string            `json:"rawPath"`
	Body            *string           `json:"body"`
	IsBase64Encoded *bool             `json:"isBase64Encoded"`
	Headers         map[string]string `json:"headers"`
	QueryParameters map[string]string `json:"queryParameters"`
	RequestContext  struct {
		AccountID  string `json:"accountId"`
		DomainName string `json:"domainName"`
		RequestID  string `json:"requestId"`
		HTTP       struct {
			Method   string `json:"method"`
			Path     string `json:"path"`
			Protocol string `json:"protocol"`
			SourceIP string `json:"sourceIp"`
		} `json:"http"`
	} `json:"requestContext"`
}

// fcHTTPResponse is what FC turns back into an HTTP response.
type fcHTTPResponse struct {
	StatusCode      int               `json:"statusCode"`
	Headers         map[string]string `json:"headers"`
	Body            string            `json:"body"`
	IsBase64Encoded bool              `json:"isBase64Encoded"`
}

// FCHTTPRequest converts an FC 3.0 HTTP trigger payload to an *http.Request
// carrying ctx. The body is base64-decoded when isBase64Encoded is true; the
// URL keeps rawPath as RawPath so encoded slashes survive; Host comes from
// requestContext.domainName and RemoteAddr from requestContext.http.sourceIp
// (with port 0). FC joins repeated headers and query parameters with commas;
// they reach the handler as one value each, which for headers is what HTTP
// means by a comma-joined list.
//
// FCHTTPRequest returns a *ParseError (errors.Is ErrMalformed) when the
// payload is over MaxPayload, is not JSON, has a field of the wrong type
// (Field names it), lacks a method or path, has an invalid header, or has a
// body that is not base64 while isBase64Encoded says it is.
func FCHTTPRequest(ctx context.Context, payload []byte) (*http.Request, error) {
	var ev fcHTTPEvent
	if err := decodeStrict(formatFCHTTP, payload, &ev); err != nil {
		return nil, err
	}
	header := make(http.Header, len(ev.Headers))
	for k, v := range ev.Headers {
		if err := checkHeader(formatFCHTTP, "headers", k, v); err != nil {
			return nil, err
		}
		header.Add(k, v)
	}
	q := make(url.Values, len(ev.QueryParameters))
	for k, v := range ev.QueryParameters {
		q.Set(k, v)
	}
	u, err := buildURL(formatFCHTTP, "rawPath", ev.RawPath, "requestContext.http.path", ev.RequestContext.HTTP.Path, q.Encode())
	if err != nil {
		return nil, err
	}
	var body []byte
	if ev.Body != nil {
		b64 := ev.IsBase64Encoded != nil && *ev.IsBase64Encoded
		if body, err = decodeBody(formatFCHTTP, *ev.Body, b64); err != nil {
			return nil, err
		}
	}
	return newRequest(ctx, formatFCHTTP, requestParts{
		method:      ev.RequestContext.HTTP.Method,
		methodField: "requestContext.http.method",
		url:         u,
		header:      header,
		host:        ev.RequestContext.DomainName,
		sourceIP:    ev.RequestContext.HTTP.SourceIP,
		proto:       ev.RequestContext.HTTP.Protocol,
		body:        body,
	})
}

// FCHTTPResponse encodes a recorded response as the JSON object an FC 3.0
// HTTP trigger turns back into HTTP: {"statusCode","headers","body",
// "isBase64Encoded"}. Repeated header values are joined with ", " because FC
// takes one string per header. The body travels verbatim when Content-Type
// (or, without one, the sniffed type) is text, JSON, XML, JavaScript or a
// form, and as base64 otherwise.
//
// FCHTTPResponse returns an error only when status is not a three-digit HTTP
// status code.
func FCHTTPResponse(status int, header http.Header, body []byte) ([]byte, error) {
	if status < 100 || status > 999 {
		return nil, fmt.Errorf("fc-http response: status %d is not a three-digit HTTP status", status)
	}
	enc, b64 := encodeBody(header, body)
	return json.Marshal(fcHTTPResponse{
		StatusCode:      status,
		Headers:         joinHeaders(header, ""),
		Body:            enc,
		IsBase64Encoded: b64,
	})
}

// joinHeaders flattens header to one comma-joined value per name, leaving
// out skip (canonical form), and returns an empty map rather than nil so the
// JSON always carries an object.
func joinHeaders(header http.Header, skip string) map[string]string {
	out := make(map[string]string, len(header))
	keys := make([]string, 0, len(header))
	for k := range header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ck := http.CanonicalHeaderKey(k)
		if ck == skip || len(header[k]) == 0 {
			continue
		}
		if prev, ok := out[ck]; ok {
			out[ck] = prev + ", " + strings.Join(header[k], ", ")
			continue
		}
		out[ck] = strings.Join(header[k], ", ")
	}
	return out
}
