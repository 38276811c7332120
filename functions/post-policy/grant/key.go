package grant

import (
	"encoding/base32"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// randomBytes is the entropy in a key's random part: 128 bits, so two
// uploads never collide and nobody can guess another caller's key.
const randomBytes = 16

var lowerBase32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewUploadKey returns <prefix>/<user>/<yyyy>/<mm>/<dd>/<random>.<ext> for
// an upload at now (UTC date), reading the random part from rand. user
// must already be a safe key segment (callerauth.SafeSegment). Errors: a
// failed read from rand, or a key osskit.GeneratedKey refuses (kind
// Invalid, naming the rule).
func NewUploadKey(prefix, user, ext string, now time.Time, rand io.Reader) (osskit.Key, error) {
	var buf [randomBytes]byte
	if _, err := io.ReadFull(rand, buf[:]); err != nil {
		return osskit.Key{}, fmt.Errorf("read random key part: %w", err)
	}
	now = now.UTC()
	return osskit.GeneratedKey(prefix, user,
		fmt.Sprintf("%04d", now.Year()), fmt.Sprintf("%02d", int(now.Month())), fmt.Sprintf("%02d", now.Day()),
		lowerBase32.EncodeToString(buf[:])+"."+ext)
}

// ownerPrefixes are the key prefixes under which user may read: their
// uploads and each variant prefix, all ending in "/".
func (c Config) ownerPrefixes(user string) []string {
	out := make([]string, 0, 1+len(c.VariantPrefixes))
	out = append(out, c.UploadPrefix+"/"+user+"/")
	for _, p := range c.VariantPrefixes {
		out = append(out, p+"/"+user+"/")
	}
	return out
}

// owns reports whether key lies under one of user's prefixes.
func (c Config) owns(user, key string) bool {
	for _, p := range c.ownerPrefixes(user) {
		if strings.HasPrefix(key, p) && len(key) > len(p) {
			return true
		}
	}
	return false
}
