package fcemu

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
)

// customRuntime drives one custom-runtime instance: an HTTP server the
// function runs on FC_CUSTOM_LISTEN_PORT.
type customRuntime struct {
	f         *template.Function
	accountID string
	addr      string
	client    *http.Client
	dead      <-chan struct{}
}

// freePort finds a loopback port for an instance to listen on. The
// instance binds it a moment later; on a dev machine the race is harmless.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func newCustomRuntime(f *template.Function, accountID string, port int) *customRuntime {
	return &customRuntime{f: f, accountID: accountID, addr: "127.0.0.1:" + strconv.Itoa(port),
		client: &http.Client{
			Transport: &http.Transport{MaxIdleConnsPerHost: f.Concurrency, DisableCompression: true},
			// The function's redirects are the client's business, not ours.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
}

func (c *customRuntime) attach(dead <-chan struct{}) { c.dead = dead }

// ready waits until the instance accepts connections, as FC waits before
// it reports FunctionNotStarted.
func (c *customRuntime) ready(ctx context.Context) error {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	var d net.Dialer
	for {
		conn, err := d.DialContext(ctx, "tcp", c.addr)
		if err == nil {
			conn.Close()
			return nil
		}
		select {
		case <-c.dead:
			return errGone
		case <-ctx.Done():
			return fmt.Errorf("nothing listening on FC_CUSTOM_LISTEN_PORT (%s): %w", c.addr, ctx.Err())
		case <-t.C:
		}
	}
}

func (c *customRuntime) invoke(ctx context.Context, cl call) ([]byte, *FunctionError, error) {
	method, path := http.MethodPost, "/invoke"
	switch cl.kind {
	case kindInitializer:
		path = "/initialize"
	case kindPreStop:
		method, path = http.MethodGet, "/pre-stop"
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://"+c.addr+path, bytes.NewReader(cl.payload))
	if err != nil {
		return nil, nil, err
	}
	fcHeaders(req.Header, c.f, c.accountID, cl)
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := c.roundTrip(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxSyncPayload+1))
	if err != nil {
		return nil, nil, c.gone(ctx, err)
	}
	if resp.StatusCode/100 != 2 || resp.Header.Get("x-fc-status") == "404" {
		fe := decodeFunctionError(body)
		if len(body) == 0 {
			fe.Message = "status " + strconv.Itoa(resp.StatusCode)
		}
		return nil, fe, nil
	}
	return body, nil, nil
}

// roundTrip sends req to the instance; a failure is errGone once the
// process has exited, so callers tell a crash from a refused request.
func (c *customRuntime) roundTrip(ctx context.Context, req *http.Request) (*http.Response, error) {
	resp, err := c.client.Transport.RoundTrip(req)
	if err != nil {
		return nil, c.gone(ctx, err)
	}
	return resp, nil
}

func (c *customRuntime) gone(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	// The connection breaks a moment before Wait sees the exit.
	select {
	case <-c.dead:
		return errGone
	case <-time.After(time.Second):
		return err
	}
}

func (c *customRuntime) close() { c.client.CloseIdleConnections() }
