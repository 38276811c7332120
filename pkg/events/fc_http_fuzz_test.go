package events

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"testing"
)

// fuzzHTTP checks the contract every HTTP converter keeps on any input:
// either a usable request or a *ParseError, never a panic, and a request
// whose path is absolute and whose body reads back to ContentLength bytes.
func fuzzHTTP(f *testing.F, parse func(context.Context, []byte) (*http.Request, error), seeds ...string) {
	for _, s := range seeds {
		b, err := os.ReadFile("testdata/" + s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"rawPath":"/%2F","requestContext":{"http":{"method":"GET"}}}`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		r, err := parse(context.Background(), payload)
		if err != nil {
			var pe *ParseError
			if r != nil || !errors.As(err, &pe) || !errors.Is(err, ErrMalformed) {
				t.Fatalf("got %v, %v; want nil and a *ParseError", r, err)
			}
			return
		}
		if r.URL.Path == "" || r.URL.Path[0] != '/' || r.Method == "" {
			t.Fatalf("request %s %q accepted; want a method and an absolute path", r.Method, r.URL.Path)
		}
		b, err := io.ReadAll(r.Body)
		if err != nil || int64(len(b)) != r.ContentLength {
			t.Fatalf("body read %d bytes (err %v); ContentLength %d", len(b), err, r.ContentLength)
		}
	})
}

func FuzzFCHTTPRequest(f *testing.F) {
	fuzzHTTP(f, FCHTTPRequest, "fc-http-evt.json", "fc-http-doc.json", "fc-http-binary.json")
}
