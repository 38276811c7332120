package ossemu

import (
	"net"
	"net/http"
	"strings"
	"unicode/utf8"
)

// address finds the bucket and key a request names. Virtual-host style
// ("<bucket>.<suffix>" for a configured suffix, or "<bucket>.<IP>") puts the
// bucket in the host and the whole path is the key; otherwise the first path
// segment is the bucket (path style).
func (s *Server) address(r *http.Request) (bucket, key string, e *apiError) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	path := r.URL.Path
	if !strings.HasPrefix(path, "/") {
		return "", "", errorf("InvalidArgument", "The request path must start with /.")
	}
	if b, ok := s.virtualHostBucket(host); ok {
		return b, path[1:], nil
	}
	rest := path[1:]
	bucket, key, _ = strings.Cut(rest, "/")
	return bucket, key, nil
}

func (s *Server) virtualHostBucket(host string) (string, bool) {
	for _, suffix := range s.cfg.VirtualHostSuffixes {
		if b, ok := strings.CutSuffix(host, "."+strings.ToLower(suffix)); ok && b != "" && !strings.Contains(b, ".") {
			return b, true
		}
	}
	b, ip, ok := strings.Cut(host, ".")
	if ok && b != "" && net.ParseIP(ip) != nil && net.ParseIP(host) == nil {
		return b, true
	}
	return "", false
}

// validBucketName applies OSS's naming rule: 3-63 characters of lower-case
// letters, digits and hyphens, starting and ending with a letter or digit.
func validBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 || name[0] == '-' || name[len(name)-1] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// validObjectName applies OSS's object naming rule: 1-1023 bytes of UTF-8
// that does not start with "/" or "\".
func validObjectName(key string) bool {
	if key == "" || len(key) > 1023 || !utf8.ValidString(key) {
		return false
	}
	return key[0] != '/' && key[0] != '\\'
}

func isMultipartForm(r *http.Request) bool {
	return strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "multipart/form-data")
}
