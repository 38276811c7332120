package callback

import (
	"net/netip"
	"net/url"
	"strings"
)

// maxKeyURL bounds the decoded x-oss-pub-key-url; the real one is ~50 bytes.
const maxKeyURL = 1024

// keyURLPolicy decides which public-key URLs may be fetched. The URL comes
// from a request header anyone can send, so every part that could steer the
// fetch elsewhere (scheme, userinfo, host, port) is pinned.
type keyURLPolicy struct {
	hosts   map[string]bool // lower-case
	upgrade bool
}

func newKeyURLPolicy(c Config) keyURLPolicy {
	p := keyURLPolicy{hosts: make(map[string]bool, len(c.KeyHosts)), upgrade: c.UpgradeHTTP}
	for _, h := range c.KeyHosts {
		p.hosts[strings.ToLower(h)] = true
	}
	return p
}

// check returns the URL to fetch for raw (normalised, and upgraded to https
// when configured) or an *Error with ReasonKeyURLRejected.
func (p keyURLPolicy) check(raw string) (string, error) {
	if len(raw) > maxKeyURL {
		return "", newErr(ReasonKeyURLRejected, nil, "key URL longer than %d bytes", maxKeyURL)
	}
	for i := 0; i < len(raw); i++ {
		// Backslashes and control bytes are parsed differently by
		// different URL parsers; refuse them rather than guess.
		if b := raw[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return "", newErr(ReasonKeyURLRejected, nil, "key URL has a space, control, backslash or non-ASCII byte")
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", newErr(ReasonKeyURLRejected, nil, "key URL does not parse")
	}
	if err := p.checkParsed(u); err != nil {
		return "", err
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsRune(raw, '#') {
		return "", newErr(ReasonKeyURLRejected, nil, "key URL has a query or fragment")
	}
	if u.Path == "" || u.Path == "/" {
		return "", newErr(ReasonKeyURLRejected, nil, "key URL names no file")
	}
	out := url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Hostname()), Path: u.Path, RawPath: u.RawPath}
	if p.upgrade {
		out.Scheme = "https"
	}
	return out.String(), nil
}

// checkParsed applies the scheme, userinfo, host and port rules; redirects
// are checked with it too.
func (p keyURLPolicy) checkParsed(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return newErr(ReasonKeyURLRejected, nil, "key URL scheme %q is not http or https", clip(u.Scheme))
	}
	if u.Opaque != "" || u.User != nil {
		return newErr(ReasonKeyURLRejected, nil, "key URL has userinfo or no authority")
	}
	host := strings.ToLower(u.Hostname())
	if isIPLiteral(host) {
		return newErr(ReasonKeyURLRejected, nil, "key URL host %q is an IP address", clip(host))
	}
	if !p.hosts[host] {
		return newErr(ReasonKeyURLRejected, nil, "key URL host %q is not allowlisted", clip(host))
	}
	switch port := u.Port(); {
	case port == "", u.Scheme == "http" && port == "80", u.Scheme == "https" && port == "443":
	default:
		return newErr(ReasonKeyURLRejected, nil, "key URL port %q is not the scheme default", clip(port))
	}
	return nil
}

// isIPLiteral reports whether h is, or some resolver would read it as, an
// IP address: dotted or colon forms, and inet_aton's shorthand ("127.1",
// "2130706433", "0x7f.1") which no real TLD can look like.
func isIPLiteral(h string) bool {
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if _, err := netip.ParseAddr(h); err == nil || strings.Contains(h, ":") {
		return true
	}
	last := h[strings.LastIndexByte(h, '.')+1:]
	if strings.HasPrefix(strings.ToLower(last), "0x") {
		return true
	}
	if last == "" {
		return false
	}
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			return false
		}
	}
	return true
}
