package callback

import (
	"context"
	"crypto"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A real callback OSS sent, with OSS's published key. Source: the Cloudreve
// project's test vectors, cloudreve/Cloudreve
// pkg/filesystem/driver/oss/callback_test.go@4c8a0f30 (TestVerifyCallbackSignature).
// The same PEM is what http(s)://gosspublic.alicdn.com/callback_pub_key_v1.pem
// serves; official samples embed it (e.g. the Java VerifyOSSCallbackRequest
// variants) and it is 512 bits, which is why legacyrsa.go exists.
const (
	ossPubKeyPEM = "-----BEGIN PUBLIC KEY-----\n" +
		"MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKs/JBGzwUB2aVht4crBx3oIPBLNsjGs\n" +
		"C0fTXv+nvlmklvkcolvpvXLTjaxUHR3W9LXxQ2EHXAJfCB+6H2YF1k8CAwEAAQ==\n" +
		"-----END PUBLIC KEY-----\n"
	ossVectorPath   = "/api/v3/callback/oss/TnXx5E5VyfJUyM1UdkdDu1rtnJ34EbmH"
	ossVectorAuth   = "e5LwzwTkP9AFAItT4YzvdJOHd0Y0wqTMWhsV/h5SG90JYGAmMd+8LQyj96R+9qUfJWjMt6suuUh7LaOryR87Dw=="
	ossVectorKeyURL = "aHR0cHM6Ly9nb3NzcHVibGljLmFsaWNkbi5jb20vY2FsbGJhY2tfcHViX2tleV92MS5wZW0=" // https://gosspublic.alicdn.com/callback_pub_key_v1.pem
	ossVectorBody   = `{"name":"2f7b2ccf30e9270ea920f1ab8a4037a546a2f0d5.jpg","source_name":"1/1_hFRtDLgM_2f7b2ccf30e9270ea920f1ab8a4037a546a2f0d5.jpg","size":114020,"pic_info":"810,539"}`
)

func TestVerifyRealOSSCallback(t *testing.T) {
	ks := newKeyServerFor(t, true, []byte(ossPubKeyPEM))
	strict := DefaultConfig()
	strict.MinKeyBits = 1024
	tests := []struct {
		name      string
		cfg       Config
		auth      string
		path, bod string
		want      Reason
	}{
		{"as sent", DefaultConfig(), ossVectorAuth, ossVectorPath, ossVectorBody, ""},
		{"signature byte changed", DefaultConfig(), "e3" + ossVectorAuth[2:], ossVectorPath, ossVectorBody, ReasonBadSignature},
		{"body changed", DefaultConfig(), ossVectorAuth, ossVectorPath, strings.Replace(ossVectorBody, "114020", "114021", 1), ReasonBadSignature},
		{"path changed", DefaultConfig(), ossVectorAuth, ossVectorPath + "x", ossVectorBody, ReasonBadSignature},
		{"query added", DefaultConfig(), ossVectorAuth, ossVectorPath + "?a=1", ossVectorBody, ReasonBadSignature},
		{"512-bit key refused when MinKeyBits=1024", strict, ossVectorAuth, ossVectorPath, ossVectorBody, ReasonKeyInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newTestVerifier(t, tt.cfg, ks.client(), nil)
			r := httptest.NewRequest(http.MethodPost, tt.path, strings.NewReader(tt.bod))
			r.Header.Set("Authorization", tt.auth)
			r.Header.Set("X-Oss-Pub-Key-Url", ossVectorKeyURL)
			body, err := v.Verify(context.Background(), r)
			if ReasonOf(err) != tt.want {
				t.Fatalf("Verify = %v; want reason %q", err, tt.want)
			}
			if err == nil && string(body) != tt.bod {
				t.Errorf("body = %q; want %q", body, tt.bod)
			}
		})
	}
}

// The hand-written verifier must agree with crypto/rsa: on 2048-bit keys as
// they are, and on small keys with crypto/rsa's 1024-bit floor lifted via
// GODEBUG (which crypto/rsa re-reads when the variable changes).
func TestLegacyVerifyMatchesCryptoRSA(t *testing.T) {
	t.Setenv("GODEBUG", "rsa1024min=0")
	big, _, _ := keys(t)
	for _, bits := range []int{512, 768, 1024} {
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			t.Fatalf("GenerateKey(%d): %v", bits, err)
		}
		checkAgree(t, k)
	}
	checkAgree(t, big)
}

func checkAgree(t *testing.T, k *rsa.PrivateKey) {
	t.Helper()
	for i := 0; i < 20; i++ {
		sum := md5.Sum([]byte(fmt.Sprintf("message %d", i)))
		sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.MD5, sum[:])
		if err != nil {
			t.Fatalf("SignPKCS1v15(%d bits): %v", k.N.BitLen(), err)
		}
		cases := map[string][]byte{"valid": sig, "bit flipped": flip(sig, i%len(sig)), "short": sig[1:], "zero": make([]byte, len(sig))}
		other := md5.Sum([]byte("other"))
		for name, s := range cases {
			for _, h := range [][]byte{sum[:], other[:]} {
				want := rsa.VerifyPKCS1v15(&k.PublicKey, crypto.MD5, h, s) == nil
				if got := verifyPKCS1v15MD5Legacy(&k.PublicKey, h, s); got != want {
					t.Fatalf("%d bits, %s: legacy = %v; crypto/rsa = %v", k.N.BitLen(), name, got, want)
				}
			}
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x01
	return c
}
