package callback

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
)

// TestVerifyKeyResponses covers what the allowlisted host may send back:
// every answer that is not a sane RSA public key is refused with a reason,
// and the error never quotes the key material.
func TestVerifyKeyResponses(t *testing.T) {
	key, _, pemBytes := keys(t)
	ks := newKeyServer(t, false)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	small := &rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(1), 383), E: 65537}
	small.N.SetBit(small.N, 0, 1)
	smallDER, _ := x509.MarshalPKIXPublicKey(small)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&key.PublicKey)})
	serve := map[string]http.HandlerFunc{
		"/big-cl.pem": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(strings.Repeat("A", 32<<10)))
		},
		"/big-chunked.pem": func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 40; i++ {
				w.Write([]byte(strings.Repeat("A", 1<<10)))
				w.(http.Flusher).Flush()
			}
		},
		"/missing.pem":   http.NotFound,
		"/not-pem.pem":   func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>hi</html>")) },
		"/ec.pem":        pemHandler("PUBLIC KEY", ecDER),
		"/small.pem":     pemHandler("PUBLIC KEY", smallDER),
		"/cert.pem":      pemHandler("CERTIFICATE", []byte{1, 2, 3}),
		"/corrupt.pem":   pemHandler("PUBLIC KEY", []byte{1, 2, 3}),
		"/pkcs1.pem":     func(w http.ResponseWriter, r *http.Request) { w.Write(pkcs1) },
		"/redir-same":    redirect("http://gosspublic.alicdn.com" + keyPath),
		"/redir-foreign": redirect("http://169.254.169.254/latest/meta-data/"),
		"/redir-port":    redirect("http://gosspublic.alicdn.com:8080" + keyPath),
		"/redir-loop":    redirect("http://gosspublic.alicdn.com/redir-loop"),
		"/slow.pem": func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		},
	}
	for p, h := range serve {
		ks.mux.HandleFunc(p, h)
	}
	// A generous timeout keeps the verdicts independent of machine load;
	// only the stalled server gets a verifier with a short one.
	cfg := plainConfig()
	cfg.FetchTimeout = 30 * time.Second
	v := newTestVerifier(t, cfg, ks.client(), nil)
	slowCfg := plainConfig()
	slowCfg.FetchTimeout = 200 * time.Millisecond
	vSlow := newTestVerifier(t, slowCfg, ks.client(), nil)
	tests := []struct {
		path string
		want Reason // "" means accepted
		kind fault.Kind
	}{
		{"/big-cl.pem", ReasonKeyTooLarge, fault.Unavailable},
		{"/big-chunked.pem", ReasonKeyTooLarge, fault.Unavailable},
		{"/missing.pem", ReasonKeyFetch, fault.Unavailable},
		{"/not-pem.pem", ReasonKeyInvalid, fault.Unavailable},
		{"/ec.pem", ReasonKeyInvalid, fault.Unavailable},
		{"/small.pem", ReasonKeyInvalid, fault.Unavailable},
		{"/cert.pem", ReasonKeyInvalid, fault.Unavailable},
		{"/corrupt.pem", ReasonKeyInvalid, fault.Unavailable},
		{"/pkcs1.pem", "", 0},
		{"/redir-same", "", 0},
		{"/redir-foreign", ReasonKeyURLRejected, fault.Unauthorized},
		{"/redir-port", ReasonKeyURLRejected, fault.Unauthorized},
		{"/redir-loop", ReasonKeyFetch, fault.Unavailable},
		{"/slow.pem", ReasonKeyFetch, fault.Unavailable},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := signedRequest(t, key, "http://gosspublic.alicdn.com"+tt.path, "/cb", []byte("object=a"))
			verifier := v
			if tt.path == "/slow.pem" {
				verifier = vSlow
			}
			_, err := verifier.Verify(context.Background(), r)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Verify = %v; want nil", err)
				}
				return
			}
			if ReasonOf(err) != tt.want {
				t.Fatalf("Verify = %v; want reason %s", err, tt.want)
			}
			if k := fault.KindOf(err); k != tt.kind {
				t.Errorf("kind = %s; want %s", k, tt.kind)
			}
			if msg := err.Error(); strings.Contains(msg, "BEGIN") || strings.Contains(msg, "AAAA") || strings.Contains(msg, string(pemBytes[30:60])) {
				t.Errorf("error %q quotes key material", msg)
			}
		})
	}
}

func pemHandler(typ string, der []byte) http.HandlerFunc {
	data := pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
	return func(w http.ResponseWriter, r *http.Request) { w.Write(data) }
}

func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
}

// The caller's client keeps its own redirect policy; the Verifier works on a copy.
func TestNewVerifierLeavesClientAlone(t *testing.T) {
	c := &http.Client{}
	if _, err := NewVerifier(DefaultConfig(), c, nil); err != nil {
		t.Fatal(err)
	}
	if c.CheckRedirect != nil {
		t.Error("NewVerifier set CheckRedirect on the caller's client")
	}
}
