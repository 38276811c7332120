package callback

import (
	"crypto/rsa"
	"crypto/subtle"
	"math/big"
)

// OSS publishes a 512-bit RSA key for callbacks (callback_pub_key_v1.pem,
// the key every official sample embeds or fetches), and since Go 1.24
// crypto/rsa refuses keys under 1024 bits unless the whole binary runs with
// GODEBUG=rsa1024min=0. Rather than weaken RSA for every package in the
// process, keys under 1024 bits are verified here: RSASSA-PKCS1-v1_5-VERIFY
// from RFC 8017 section 8.2.2, MD5 only. Only public values are involved, so
// nothing needs to be constant-time. Keys of 1024 bits and more go through
// crypto/rsa.

// md5DigestInfo is the DER prefix of DigestInfo{md5, hash}: RFC 8017
// section 9.2, note 1.
var md5DigestInfo = []byte{0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10}

// verifyPKCS1v15MD5Legacy reports whether sig is a valid PKCS#1 v1.5
// signature of the MD5 digest sum under pub, whatever pub's size.
func verifyPKCS1v15MD5Legacy(pub *rsa.PublicKey, sum, sig []byte) bool {
	if pub == nil || pub.N == nil || pub.N.Sign() <= 0 || pub.E < 3 || len(sum) != 16 {
		return false
	}
	k := (pub.N.BitLen() + 7) / 8
	tLen := len(md5DigestInfo) + len(sum)
	if len(sig) != k || k < tLen+11 {
		return false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(pub.N) >= 0 {
		return false
	}
	m := new(big.Int).Exp(s, big.NewInt(int64(pub.E)), pub.N)
	em := m.FillBytes(make([]byte, k))

	want := make([]byte, k)
	want[1] = 0x01
	for i := 2; i < k-tLen-1; i++ {
		want[i] = 0xff
	}
	copy(want[k-tLen:], md5DigestInfo)
	copy(want[k-len(sum):], sum)
	return subtle.ConstantTimeCompare(em, want) == 1
}
