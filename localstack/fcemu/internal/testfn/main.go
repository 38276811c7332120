// Command testfn is the function the fcemu tests build and run under the
// emulator, through the real runtime glue (pkg/events/serve), so the tests
// exercise both FC protocols end to end. TESTFN_KIND picks the handler
// (http, objects, ticks); TESTFN_OUT names a file each handled event is
// appended to, so a test can see what the function itself received.
// Behaviours a test needs are asked for through the request: paths for
// HTTP, key prefixes for objects.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/events/serve"
	"github.com/ossflow/ossflow/pkg/fault"
)

func main() { serve.Start("testfn", setup) }

func setup(context.Context) (serve.Handler, error) {
	switch kind := os.Getenv("TESTFN_KIND"); kind {
	case "http":
		return serve.HTTP(routes()), nil
	case "objects":
		return serve.Objects(object), nil
	case "ticks":
		return serve.Ticks(tick), nil
	default:
		return nil, fmt.Errorf("TESTFN_KIND %q: want http, objects or ticks", kind)
	}
}

func routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/echo/", func(w http.ResponseWriter, r *http.Request) {
		inv, _ := events.InvocationFrom(r.Context())
		body := make([]byte, 0, 64)
		buf := make([]byte, 4096)
		for {
			n, err := r.Body.Read(buf)
			body = append(body, buf[:n]...)
			if err != nil {
				break
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Testfn", "yes")
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"method": r.Method, "path": r.URL.Path, "query": r.URL.Query().Get("q"), "body": string(body),
			"requestId": inv.RequestID, "accessKeyId": inv.Credentials.AccessKeyID,
			"hasToken": inv.Credentials.SecurityToken != "", "env": os.Getenv("TESTFN_GREETING"),
		})
	})
	mux.HandleFunc("/sleep", func(w http.ResponseWriter, r *http.Request) {
		ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
		time.Sleep(time.Duration(ms) * time.Millisecond)
		_, _ = w.Write([]byte("slept"))
	})
	mux.HandleFunc("/crash", func(http.ResponseWriter, *http.Request) { os.Exit(3) })
	mux.HandleFunc("/alloc", func(w http.ResponseWriter, r *http.Request) {
		mb, _ := strconv.Atoi(r.URL.Query().Get("mb"))
		hold := make([]byte, mb<<20)
		for i := range hold {
			hold[i] = byte(i)
		}
		time.Sleep(2 * time.Second) // give the emulator's memory watch time to see it
		_, _ = w.Write(hold[:1])
	})
	// A CORS preflight answered by the function itself, as post-policy does.
	mux.HandleFunc("OPTIONS /cors/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Methods", "POST, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

func object(ctx context.Context, ev events.ObjectEvent) error {
	switch {
	case strings.Contains(ev.Key, "/fail"):
		return fault.Wrap(fault.Unavailable, "", errors.New("object store timed out"))
	case strings.Contains(ev.Key, "/crash"):
		os.Exit(3)
	case strings.Contains(ev.Key, "/slow"):
		time.Sleep(1500 * time.Millisecond)
	}
	return record(ev.Name + " " + ev.Bucket + "/" + ev.Key)
}

func tick(ctx context.Context, t events.Tick) error {
	return record(t.Name + " " + t.Payload)
}

// record appends one line to TESTFN_OUT.
func record(line string) error {
	f, err := os.OpenFile(os.Getenv("TESTFN_OUT"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fault.Wrap(fault.Internal, "", err)
	}
	defer f.Close()
	_, err = fmt.Fprintln(f, line)
	return err
}
