package cloud

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// DemoUsers are the users the demo page offers, in the order it lists them.
var DemoUsers = []string{"alice", "bob"}

// DemoAudience is the aud of the demo tokens and what the functions accept.
const DemoAudience = "ossflow-local"

// DemoUser is one demo user and a bearer token the functions accept.
type DemoUser struct {
	Name  string    `json:"name"`
	Token string    `json:"token"`
	Exp   time.Time `json:"expires"`
}

// newHS256Secret returns a fresh random key for the demo tokens: tokens
// from an earlier run stop working, and nothing secret is fixed in code.
func newHS256Secret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("demo token key: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// MintToken returns an HS256 JWT for sub from issuer to DemoAudience,
// issued at now and valid for ttl, signed with secret: the shape
// callerauth verifies (iss, aud, sub, iat, exp). It fails only for an
// empty secret or subject.
func MintToken(secret, issuer, sub string, now time.Time, ttl time.Duration) (string, error) {
	if secret == "" || sub == "" {
		return "", fmt.Errorf("mint token: secret and subject are required")
	}
	enc := base64.RawURLEncoding
	head := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims, err := json.Marshal(map[string]any{"iss": issuer, "aud": DemoAudience, "sub": sub,
		"iat": now.Unix(), "exp": now.Add(ttl).Unix()})
	if err != nil {
		return "", fmt.Errorf("mint token for %s: %w", sub, err)
	}
	msg := head + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(msg))
	return msg + "." + enc.EncodeToString(mac.Sum(nil)), nil
}

// demoUsers mints a token for every DemoUsers entry.
func demoUsers(secret, issuer string, now time.Time, ttl time.Duration) ([]DemoUser, error) {
	out := make([]DemoUser, 0, len(DemoUsers))
	for _, name := range DemoUsers {
		tok, err := MintToken(secret, issuer, name, now, ttl)
		if err != nil {
			return nil, err
		}
		out = append(out, DemoUser{Name: name, Token: tok, Exp: now.Add(ttl).UTC().Truncate(time.Second)})
	}
	return out, nil
}
