package stsemu

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
)

// Sign returns the RPC (POP) signature of params for method and secret,
// the way Alibaba Cloud's RPC APIs define it: parameters other than
// Signature, sorted by name, each name and value percent-encoded
// (RFC 3986: space as %20, "*" as %2A, "~" kept), joined as a query; then
// StringToSign = method + "&%2F&" + percentEncode(query), and
// Signature = base64(HMAC-SHA1(secret + "&", StringToSign)).
// (darabonba-openapi utils buildRpcStringToSign / GetRPCSignature.)
func Sign(params url.Values, method, secret string) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != "Signature" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var q strings.Builder
	for _, name := range names {
		for _, v := range params[name] {
			if q.Len() > 0 {
				q.WriteByte('&')
			}
			q.WriteString(percentEncode(name))
			q.WriteByte('=')
			q.WriteString(percentEncode(v))
		}
	}
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(method + "&%2F&" + percentEncode(q.String())))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}
