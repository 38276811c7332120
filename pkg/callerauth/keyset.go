package callerauth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-jose/go-jose/v4"
)

// jwksAlgorithms are the only algorithms accepted with a JWK set. HS* is
// absent on purpose: a public key must never be usable as an HMAC secret.
var jwksAlgorithms = []jose.SignatureAlgorithm{jose.RS256, jose.ES256}

// minRSABits refuses toy RSA keys in a JWK set.
const minRSABits = 2048

// keySet is a parsed JWK set holding public signing keys only.
type keySet struct {
	keys []jose.JSONWebKey
}

// parseKeySet decodes a JWK set (RFC 7517 §5). Keys that cannot verify
// RS256/ES256 signatures (symmetric, encryption-only, other curves, short
// RSA) are skipped rather than failing the set, because identity providers
// publish mixed sets; a set with no usable key is an error. Private keys are
// reduced to their public half.
func parseKeySet(data []byte) (*keySet, error) {
	var raw struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse JWK set: %w", err)
	}
	set := &keySet{}
	var skipped []error
	for i, r := range raw.Keys {
		var k jose.JSONWebKey
		if err := k.UnmarshalJSON(r); err != nil {
			skipped = append(skipped, fmt.Errorf("key %d: %w", i, err))
			continue
		}
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		pub := k.Public()
		if !pub.Valid() {
			continue
		}
		switch key := pub.Key.(type) {
		case *rsa.PublicKey:
			if key.N.BitLen() < minRSABits || (k.Algorithm != "" && k.Algorithm != string(jose.RS256)) {
				continue
			}
		case *ecdsa.PublicKey:
			if key.Curve != elliptic.P256() || (k.Algorithm != "" && k.Algorithm != string(jose.ES256)) {
				continue
			}
		default:
			continue
		}
		set.keys = append(set.keys, pub)
	}
	if len(set.keys) == 0 {
		return nil, fmt.Errorf("JWK set has no usable RS256/ES256 signing key (%d keys): %w", len(raw.Keys), errors.Join(skipped...))
	}
	return set, nil
}

// candidates returns the keys that may have signed a token with header kid
// and alg: the key with that kid, or when the token names no kid (FC and
// some issuers allow that) every key of the algorithm's type.
func (s *keySet) candidates(kid string, alg jose.SignatureAlgorithm) []jose.JSONWebKey {
	var out []jose.JSONWebKey
	for _, k := range s.keys {
		if kid != "" && k.KeyID != kid {
			continue
		}
		if keyFits(k, alg) {
			out = append(out, k)
		}
	}
	return out
}

// hasKID reports whether the set holds a key with this id.
func (s *keySet) hasKID(kid string) bool {
	for _, k := range s.keys {
		if k.KeyID == kid {
			return true
		}
	}
	return false
}

func keyFits(k jose.JSONWebKey, alg jose.SignatureAlgorithm) bool {
	switch k.Key.(type) {
	case *rsa.PublicKey:
		return alg == jose.RS256
	case *ecdsa.PublicKey:
		return alg == jose.ES256
	}
	return false
}
