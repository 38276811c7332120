package ossemu

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
)

// maxCORSRules is OSS's per-bucket limit on CORS rules.
const maxCORSRules = 10

type corsConfiguration struct {
	XMLName      xml.Name   `xml:"CORSConfiguration"`
	Rules        []corsRule `xml:"CORSRule"`
	ResponseVary *bool      `xml:"ResponseVary,omitempty"`
}

type corsRule struct {
	AllowedOrigins []string `xml:"AllowedOrigin"`
	AllowedMethods []string `xml:"AllowedMethod"`
	AllowedHeaders []string `xml:"AllowedHeader,omitempty"`
	ExposeHeaders  []string `xml:"ExposeHeader,omitempty"`
	MaxAgeSeconds  *int64   `xml:"MaxAgeSeconds,omitempty"`
}

var corsMethods = map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": true, "HEAD": true}

func validateCORS(c corsConfiguration) *apiError {
	if len(c.Rules) == 0 || len(c.Rules) > maxCORSRules {
		return errorf("InvalidArgument", "A CORS configuration needs 1 to 10 rules.")
	}
	for _, r := range c.Rules {
		if len(r.AllowedOrigins) == 0 || len(r.AllowedMethods) == 0 {
			return errorf("InvalidArgument", "A CORS rule needs at least one AllowedOrigin and one AllowedMethod.")
		}
		for _, m := range r.AllowedMethods {
			if !corsMethods[m] {
				return errorf("InvalidArgument", "AllowedMethod "+m+" is not GET, PUT, DELETE, POST or HEAD.")
			}
		}
		for _, p := range append(append([]string{}, r.AllowedOrigins...), r.AllowedHeaders...) {
			if strings.Count(p, "*") > 1 {
				return errorf("InvalidArgument", "AllowedOrigin and AllowedHeader may contain at most one '*'.")
			}
		}
	}
	return nil
}

// wildcardMatch matches s against a pattern with at most one '*'.
func wildcardMatch(pattern, s string) bool {
	before, after, star := strings.Cut(pattern, "*")
	if !star {
		return pattern == s
	}
	return len(s) >= len(before)+len(after) && strings.HasPrefix(s, before) && strings.HasSuffix(s, after)
}

// match returns the first rule allowing origin, method and every header.
func (c corsConfiguration) match(origin, method string, headers []string) (corsRule, bool) {
	for _, r := range c.Rules {
		if !anyMatch(r.AllowedOrigins, origin, false) || !anyMatch(r.AllowedMethods, method, false) {
			continue
		}
		ok := true
		for _, h := range headers {
			if h = strings.TrimSpace(h); h != "" && !anyMatch(r.AllowedHeaders, h, true) {
				ok = false
				break
			}
		}
		if ok {
			return r, true
		}
	}
	return corsRule{}, false
}

func anyMatch(patterns []string, s string, fold bool) bool {
	for _, p := range patterns {
		if fold {
			p, s = strings.ToLower(p), strings.ToLower(s)
		}
		if wildcardMatch(p, s) {
			return true
		}
	}
	return false
}

func setCORSHeaders(h http.Header, r corsRule, origin string, vary bool) {
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Methods", strings.Join(r.AllowedMethods, ", "))
	if len(r.ExposeHeaders) > 0 {
		h.Set("Access-Control-Expose-Headers", strings.Join(r.ExposeHeaders, ", "))
	}
	if r.MaxAgeSeconds != nil {
		h.Set("Access-Control-Max-Age", strconv.FormatInt(*r.MaxAgeSeconds, 10))
	}
	if vary {
		h.Add("Vary", "Origin")
	}
}

// preflight answers an OPTIONS request as OSS does: unsigned, judged only
// by the bucket's CORS rules. No rules, or none matching, is 403
// AccessForbidden, the error browsers report as a CORS failure.
func (s *Server) preflight(rq *request, b bucketMeta) *apiError {
	origin := rq.r.Header.Get("Origin")
	method := rq.r.Header.Get("Access-Control-Request-Method")
	if origin == "" || method == "" {
		return errorf("AccessForbidden", "CORSResponse: Insufficient information. Origin and Access-Control-Request-Method are required.")
	}
	cfg, ok := parseStoredCORS(b.CORS)
	if !ok {
		return errorf("AccessForbidden", "CORSResponse: CORS is not enabled for this bucket.")
	}
	var headers []string
	if v := rq.r.Header.Get("Access-Control-Request-Headers"); v != "" {
		headers = strings.Split(v, ",")
	}
	rule, ok := cfg.match(origin, method, headers)
	if !ok {
		return errorf("AccessForbidden", "CORSResponse: This CORS request is not allowed. This is usually because the evaluation of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.")
	}
	h := rq.w.Header()
	setCORSHeaders(h, rule, origin, cfg.ResponseVary != nil && *cfg.ResponseVary)
	if v := rq.r.Header.Get("Access-Control-Request-Headers"); v != "" {
		h.Set("Access-Control-Allow-Headers", v)
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

// corsActual adds the CORS response headers to a normal request from a
// browser (one with Origin) when a rule allows it.
func (s *Server) corsActual(rq *request, b bucketMeta) {
	origin := rq.r.Header.Get("Origin")
	if origin == "" {
		return
	}
	cfg, ok := parseStoredCORS(b.CORS)
	if !ok {
		return
	}
	if rule, ok := cfg.match(origin, rq.r.Method, nil); ok {
		setCORSHeaders(rq.w.Header(), rule, origin, cfg.ResponseVary != nil && *cfg.ResponseVary)
	}
}

func parseStoredCORS(raw string) (corsConfiguration, bool) {
	var c corsConfiguration
	if raw == "" || xml.Unmarshal([]byte(raw), &c) != nil {
		return c, false
	}
	return c, true
}

func (s *Server) putCORS(rq *request) *apiError {
	var c corsConfiguration
	if e := readXML(rq.r, &c, false); e != nil {
		return e
	}
	if e := validateCORS(c); e != nil {
		return e
	}
	out, err := xml.Marshal(c)
	if err != nil {
		return errInternal()
	}
	if e := s.st.updateBucket(rq.bucket, func(b *bucketMeta) { b.CORS = string(out) }); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) getCORS(rq *request, b bucketMeta) *apiError {
	c, ok := parseStoredCORS(b.CORS)
	if !ok {
		return errorf("NoSuchCORSConfiguration", "The CORS configuration does not exist.").with("BucketName", b.Name)
	}
	return writeXML(rq, http.StatusOK, c)
}

func (s *Server) deleteCORS(rq *request) *apiError {
	if e := s.st.updateBucket(rq.bucket, func(b *bucketMeta) { b.CORS = "" }); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}
