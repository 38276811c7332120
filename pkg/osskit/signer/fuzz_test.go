package signer

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzCanonicalRequest signs arbitrary requests and verifies them: the
// canonicalisation must never panic, must treat the signer's and the
// verifier's view of a request identically, and must reject a request
// whose key changed.
func FuzzCanonicalRequest(f *testing.F) {
	f.Add("PUT", "photos", "a b/ü.jpg", "acl", "Content-Type", "image/jpeg", "cache-control")
	f.Add("GET", "b", "", "prefix=users%2F1%2F&max-keys=100", "x-oss-meta-a", " v ", "")
	f.Add("POST", "b", "k", "uploads&x=%zz", "X-Oss-Forbid-Overwrite", "true", "host")
	f.Add("DELETE", "", "", "a=1&a=2&+=+", "abc", "", "abc")
	f.Fuzz(func(t *testing.T, method, bucket, key, rawQuery, hName, hValue, additional string) {
		r := &http.Request{Method: method, URL: &url.URL{Path: "/", RawQuery: rawQuery}, Header: http.Header{}, Host: "h.example"}
		r.Header.Set(hName, hValue)
		params, perr := parseQuery(rawQuery)
		err := SignRequest(r, bucket, key, negCreds, "cn-hangzhou", negNow, []string{additional})
		var se *Error
		switch {
		case err != nil && !errors.As(err, &se):
			t.Fatalf("SignRequest err %T %v; want *Error", err, err)
		case err != nil && se.Code != CodeInvalidArgument:
			t.Fatalf("SignRequest code %s; want InvalidArgument", se.Code)
		case err != nil:
			if perr == nil && method != "" && !(bucket == "" && key != "") {
				t.Fatalf("SignRequest refused valid input: %v", err)
			}
			return
		}
		for _, p := range params {
			if strings.HasPrefix(p.name, "x-oss-") || p.name == "Signature" || p.name == "OSSAccessKeyId" {
				return // would turn the request into a query-signed one
			}
		}
		if strings.EqualFold(hName, "authorization") {
			return
		}
		if _, err := Verify(r, bucket, key, negNow, staticLookup(negCreds)); err != nil {
			t.Fatalf("Verify own signature: %v\ncanonical query %q", err, canonicalQuery(params, ""))
		}
		if _, err := Verify(r, bucket, key+"x", negNow, staticLookup(negCreds)); bucket != "" && errCode(err) != CodeSignatureDoesNotMatch {
			t.Fatalf("Verify with a changed key: %v; want SignatureDoesNotMatch", err)
		}
	})
}

// FuzzCanonicalQuery checks the canonical query is sorted, strictly
// encoded and decodes back to the same multiset of parameters.
func FuzzCanonicalQuery(f *testing.F) {
	f.Add("b=2&a=1&a=0&c&d=%20+x~*'")
	f.Fuzz(func(t *testing.T, raw string) {
		params, err := parseQuery(raw)
		if err != nil {
			return
		}
		cq := canonicalQuery(params, "")
		for i := 0; i < len(cq); i++ {
			c := cq[i]
			if !unreserved(c) && c != '%' && c != '&' && c != '=' {
				t.Fatalf("canonical query %q has unencoded byte %q", cq, c)
			}
		}
		back, err := parseQuery(cq)
		if err != nil {
			t.Fatalf("canonical query %q does not parse: %v", cq, err)
		}
		if len(back) != len(params) {
			t.Fatalf("%d params became %d", len(params), len(back))
		}
		if canonicalQuery(back, "") != cq {
			t.Fatalf("canonicalisation is not idempotent for %q", raw)
		}
	})
}
