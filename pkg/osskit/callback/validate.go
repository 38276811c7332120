package callback

import (
	"net/url"
	"strings"
)

// systemVars are the ${...} names OSS fills in itself, from the callback
// documentation's system-parameter table
// (https://www.alibabacloud.com/help/en/oss/developer-reference/callback).
var systemVars = map[string]bool{
	"bucket": true, "object": true, "etag": true, "size": true, "mimeType": true,
	"imageInfo.height": true, "imageInfo.width": true, "imageInfo.format": true,
	"crc64": true, "contentMd5": true, "vpcId": true, "clientIp": true,
	"reqId": true, "operation": true,
}

// maxURLs is the number of ";"-separated callback URLs OSS tries.
const maxURLs = 5

// Validate checks c against the OSS callback rules and returns an *Error
// with ReasonInvalidCallback naming the first rule broken, or nil.
func (c Callback) Validate() error {
	if err := validateURLs(c.URL); err != nil {
		return err
	}
	if c.Host != "" && !validHost(c.Host) {
		return newErr(ReasonInvalidCallback, nil, "callbackHost %q is not a host name", clip(c.Host))
	}
	switch c.BodyType {
	case "", BodyTypeForm, BodyTypeJSON:
	default:
		return newErr(ReasonInvalidCallback, nil, "callbackBodyType %q is not %s or %s", clip(c.BodyType), BodyTypeForm, BodyTypeJSON)
	}
	declared := make(map[string]bool, len(c.Vars)+len(c.FormVars))
	for name := range c.Vars {
		if err := validateVarName(name); err != nil {
			return err
		}
		declared[name] = true
	}
	for _, name := range c.FormVars {
		if err := validateVarName(name); err != nil {
			return err
		}
		declared[name] = true
	}
	if c.Body == "" {
		return newErr(ReasonInvalidCallback, nil, "callbackBody is required")
	}
	return validateTemplate(c.Body, declared)
}

func validateURLs(raw string) error {
	if raw == "" {
		return newErr(ReasonInvalidCallback, nil, "callbackUrl is required")
	}
	parts := strings.Split(raw, ";")
	if len(parts) > maxURLs {
		return newErr(ReasonInvalidCallback, nil, "callbackUrl has %d URLs; OSS allows at most %d", len(parts), maxURLs)
	}
	for i, p := range parts {
		for j := 0; j < len(p); j++ {
			if p[j] <= ' ' || p[j] >= 0x7f {
				return newErr(ReasonInvalidCallback, nil, "callbackUrl #%d has a space, control or non-ASCII byte; percent-encode it", i+1)
			}
		}
		u, err := url.Parse(p)
		if err != nil {
			return newErr(ReasonInvalidCallback, nil, "callbackUrl #%d does not parse", i+1)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return newErr(ReasonInvalidCallback, nil, "callbackUrl #%d scheme %q is not http or https", i+1, clip(u.Scheme))
		}
		if u.Host == "" || u.Hostname() == "" {
			return newErr(ReasonInvalidCallback, nil, "callbackUrl #%d has no host", i+1)
		}
		if u.User != nil {
			return newErr(ReasonInvalidCallback, nil, "callbackUrl #%d carries userinfo", i+1)
		}
		if u.Fragment != "" || strings.Contains(p, "#") {
			return newErr(ReasonInvalidCallback, nil, "callbackUrl #%d has a fragment", i+1)
		}
	}
	return nil
}

// validHost accepts a host name or IP, optionally with a port: what may go
// in a Host header.
func validHost(h string) bool {
	if len(h) > 255 {
		return false
	}
	u, err := url.Parse("http://" + h)
	return err == nil && u.Host == h && u.Hostname() != "" && u.User == nil && u.Path == "" && u.RawQuery == ""
}

// validateVarName enforces the OSS rule that custom variable names start
// with "x:" and are lower-case; it also keeps out the bytes that would break
// a ${...} template or a form field name.
func validateVarName(name string) error {
	rest, ok := strings.CutPrefix(name, "x:")
	if !ok || rest == "" {
		return newErr(ReasonInvalidCallback, nil, "custom variable %q must start with \"x:\" and have a name", clip(name))
	}
	for i := 0; i < len(rest); i++ {
		b := rest[i]
		switch {
		case b >= 'a' && b <= 'z', b >= '0' && b <= '9', b == '_', b == '-', b == '.':
		case b >= 'A' && b <= 'Z':
			return newErr(ReasonInvalidCallback, nil, "custom variable %q must be lower-case", clip(name))
		default:
			return newErr(ReasonInvalidCallback, nil, "custom variable %q may hold only a-z 0-9 _ - .", clip(name))
		}
	}
	return nil
}

// validateTemplate checks every ${name} in body is a system variable or a
// declared custom one. OSS would otherwise send the literal or an empty
// value, which a handler only notices in production.
func validateTemplate(body string, declared map[string]bool) error {
	for rest := body; ; {
		i := strings.Index(rest, "${")
		if i < 0 {
			return nil
		}
		rest = rest[i+2:]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return newErr(ReasonInvalidCallback, nil, "callbackBody has an unterminated \"${\"")
		}
		name := rest[:j]
		rest = rest[j+1:]
		switch {
		case systemVars[name]:
		case strings.HasPrefix(name, "x:"):
			if !declared[name] {
				return newErr(ReasonInvalidCallback, nil, "callbackBody uses ${%s}, which is not declared in Vars or FormVars", clip(name))
			}
		default:
			return newErr(ReasonInvalidCallback, nil, "callbackBody uses unknown variable ${%s}", clip(name))
		}
	}
}
