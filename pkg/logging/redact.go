package logging

import (
	"bytes"
	"io"
	"regexp"
	"sync"
)

// Redacted replaces every secret the Redactor finds.
const Redacted = "[REDACTED]"

// secretField matches a JSON string member whose name says it holds a secret.
// Names are matched case-insensitively on purpose broad: a false positive
// hides one harmless value, a false negative leaks a credential.
var secretField = regexp.MustCompile(`"([^"]*(?i:secret|token|password|passwd|signature|authorization|cookie|credential|privatekey|private_key)[^"]*)":"(?:[^"\\]|\\.)*"`)

// secretValues match secrets embedded in free text: URLs with signed query
// strings, Authorization header values, bearer tokens, JWTs, and Alibaba
// Cloud STS security tokens.
//
// Each pattern carries the words a line must contain (compared in lower
// case, except where case is part of the pattern) before the regular
// expression runs: almost no log line holds any of them, and the check is
// far cheaper than the expressions.
var secretValues = []struct {
	re    *regexp.Regexp
	repl  string
	lower []string // any of these in the lower-cased line
	exact []string // or any of these in the line as written
}{
	// V4 and V1 query signing, STS tokens in URLs and forms.
	{regexp.MustCompile(`(?i)((?:x-oss-signature|signature|x-oss-security-token|security-token|securitytoken|accesskeysecret|access_key_secret|x-amz-signature|x-amz-security-token)(?:=|%3d|":\s*"|:\s*))[^&"\s,;]+`), "${1}" + Redacted,
		[]string{"signature", "security-token", "securitytoken", "accesskeysecret", "access_key_secret"}, nil},
	// Authorization: OSS4-HMAC-SHA256 Credential=...,Signature=<hex>
	{regexp.MustCompile(`(?i)(Signature\s*=\s*)[0-9a-f]{16,}`), "${1}" + Redacted, []string{"signature"}, nil},
	// Authorization: OSS <access key id>:<base64 signature>
	{regexp.MustCompile(`(OSS [A-Za-z0-9._-]+:)[A-Za-z0-9+/=]{8,}`), "${1}" + Redacted, nil, []string{"OSS "}},
	{regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+`), "${1}" + Redacted, []string{"bearer"}, nil},
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`), Redacted, nil, []string{"eyJ"}},
	{regexp.MustCompile(`CAIS[A-Za-z0-9+/=]{20,}`), Redacted, nil, []string{"CAIS"}},
}

// Redactor is an io.Writer that removes secrets from each write before
// passing it on. zerolog writes one whole line per call, so patterns never
// straddle writes. It is safe for concurrent use.
type Redactor struct {
	w       io.Writer
	mu      sync.RWMutex
	secrets [][]byte
}

// NewRedactor returns a Redactor writing to w.
func NewRedactor(w io.Writer) *Redactor { return &Redactor{w: w} }

// AddSecret registers a value that must never be written verbatim, such as
// the access key secret the process runs with. Values shorter than 8 bytes
// are ignored: replacing them would mangle ordinary text.
func (r *Redactor) AddSecret(s string) {
	if len(s) < 8 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.secrets {
		if string(have) == s {
			return
		}
	}
	r.secrets = append(r.secrets, []byte(s))
}

// Write redacts p and writes it whole. It reports len(p) on success so
// callers that check the count (zerolog does) are satisfied even though
// the bytes written differ.
func (r *Redactor) Write(p []byte) (int, error) {
	if _, err := r.w.Write(r.Redact(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// secretFieldWords are the words secretField's names contain, lower case.
var secretFieldWords = []string{"secret", "token", "password", "passwd", "signature", "authorization", "cookie", "credential", "privatekey", "private_key"}

// Redact returns p with every secret replaced by Redacted.
func (r *Redactor) Redact(p []byte) []byte {
	lower := bytes.ToLower(p)
	out := p
	if inJSONKey(lower, secretFieldWords) {
		out = secretField.ReplaceAll(out, []byte(`"$1":"`+Redacted+`"`))
	}
	for _, sv := range secretValues {
		if containsAny(lower, sv.lower) || containsAny(out, sv.exact) {
			out = sv.re.ReplaceAll(out, []byte(sv.repl))
		}
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, s := range r.secrets {
		out = bytes.ReplaceAll(out, s, []byte(Redacted))
	}
	return out
}

func containsAny(b []byte, words []string) bool {
	for _, w := range words {
		if bytes.Contains(b, []byte(w)) {
			return true
		}
	}
	return false
}

// inJSONKey reports whether one of words occurs inside a JSON member name:
// after the word, the text runs to a closing quote followed by a colon.
// A word in a value ("function":"sts-token") does not count.
func inJSONKey(b []byte, words []string) bool {
	for _, w := range words {
		for rest := b; ; {
			i := bytes.Index(rest, []byte(w))
			if i < 0 {
				break
			}
			j := i + len(w)
			for j < len(rest) && rest[j] != '"' {
				j++
			}
			if j+1 < len(rest) && rest[j+1] == ':' {
				return true
			}
			rest = rest[i+len(w):]
		}
	}
	return false
}
