package fcemu

import (
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fcHTTPEvent is the FC 3.0 HTTP trigger event a go1 function receives.
// Structs rather than nested maps: every invocation renders one, and
// encoding/json writes a struct without sorting keys or boxing values.
type fcHTTPEvent struct {
	Version         string            `json:"version"`
	RawPath         string            `json:"rawPath"`
	Body            string            `json:"body"`
	IsBase64Encoded bool              `json:"isBase64Encoded"`
	Headers         map[string]string `json:"headers"`
	QueryParameters map[string]string `json:"queryParameters"`
	RequestContext  fcRequestContext  `json:"requestContext"`
}

type fcRequestContext struct {
	AccountID    string        `json:"accountId"`
	DomainName   string        `json:"domainName"`
	DomainPrefix string        `json:"domainPrefix"`
	RequestID    string        `json:"requestId"`
	Time         string        `json:"time"`
	TimeEpoch    string        `json:"timeEpoch"`
	HTTP         fcHTTPContext `json:"http"`
}

type fcHTTPContext struct {
	Method    string `json:"method"`
	Path      string `json:"path"`
	Protocol  string `json:"protocol"`
	SourceIP  string `json:"sourceIp"`
	UserAgent string `json:"userAgent"`
}

// httpEvent renders r as the FC 3.0 HTTP trigger event, received at now.
func httpEvent(r *http.Request, path string, body []byte, id, account string, now time.Time) []byte {
	headers := make(map[string]string, len(r.Header))
	for k, v := range r.Header {
		if !strings.HasPrefix(strings.ToLower(k), "x-fc-") { // FC's own headers, never the client's
			headers[k] = strings.Join(v, ",")
		}
	}
	query := map[string]string{}
	for k, v := range r.URL.Query() {
		query[k] = strings.Join(v, ",")
	}
	b64 := !utf8.Valid(body)
	text := string(body)
	if b64 {
		text = base64.StdEncoding.EncodeToString(body)
	}
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	prefix, _, _ := strings.Cut(r.Host, ".")
	now = now.UTC()
	out, _ := json.Marshal(fcHTTPEvent{
		Version: "v1", RawPath: (&url.URL{Path: path}).EscapedPath(), Body: text, IsBase64Encoded: b64,
		Headers: headers, QueryParameters: query,
		RequestContext: fcRequestContext{
			AccountID: account, DomainName: r.Host, DomainPrefix: prefix, RequestID: id,
			Time: now.Format(time.RFC3339), TimeEpoch: strconv.FormatInt(now.UnixMilli(), 10),
			HTTP: fcHTTPContext{Method: r.Method, Path: path, Protocol: r.Proto, SourceIP: ip, UserAgent: r.UserAgent()},
		},
	})
	return out
}
