package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestHMACHexMatchesCryptoHMAC holds the spelled-out HMAC to crypto/hmac
// for message lengths around SHA-256's block and padding boundaries and
// past the 4 KiB stack buffer, with a key varied between cases.
func TestHMACHexMatchesCryptoHMAC(t *testing.T) {
	var key [sha256.Size]byte
	for i := range key {
		key[i] = byte(i*37 + 200) // no two positions alike
	}
	for _, n := range []int{0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 1983, 1984, 2048, 4031, 4032, 4033, 4096, 70000} {
		data := strings.Repeat("aZ9/+=\u2028", n/8+1)[:n]
		mac := hmac.New(sha256.New, key[:])
		mac.Write([]byte(data))
		if got, want := hmacHex(&key, data), hex.EncodeToString(mac.Sum(nil)); got != want {
			t.Errorf("len %d: hmacHex = %s; crypto/hmac = %s", n, got, want)
		}
		key[n%len(key)] ^= byte(n) // vary the key too
	}
}

// FuzzHMACHex compares the two on arbitrary keys and messages.
func FuzzHMACHex(f *testing.F) {
	f.Add([]byte("0123456789abcdef0123456789abcdef"), "OSS4-HMAC-SHA256\n20261122T010000Z")
	f.Add([]byte{}, "")
	f.Fuzz(func(t *testing.T, k []byte, data string) {
		var key [sha256.Size]byte
		copy(key[:], k)
		mac := hmac.New(sha256.New, key[:])
		mac.Write([]byte(data))
		if got, want := hmacHex(&key, data), hex.EncodeToString(mac.Sum(nil)); got != want {
			t.Fatalf("hmacHex = %s; crypto/hmac = %s", got, want)
		}
	})
}
