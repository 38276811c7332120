package ossemu_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

// callbackReceiver is an app server that verifies OSS callbacks with
// pkg/osskit/callback, fetching the emulator's key as it would OSS's.
type callbackReceiver struct {
	mu     sync.Mutex
	bodies []string
	fail   bool
}

func newCallbackReceiver(t *testing.T, emu *ossemutest.Server) (*callbackReceiver, string) {
	t.Helper()
	cfg := callback.DefaultConfig()
	cfg.KeyHosts, cfg.UpgradeHTTP = []string{"localhost"}, false
	emuAddr := strings.TrimPrefix(emu.URL, "http://")
	// The key URL names localhost:80; the transport delivers it to the emulator.
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, emuAddr)
	}}}
	v, err := callback.NewVerifier(cfg, client, nil)
	if err != nil {
		t.Fatal(err)
	}
	rc := &callbackReceiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := v.Verify(r.Context(), r)
		rc.mu.Lock()
		fail := rc.fail
		if err == nil {
			rc.bodies = append(rc.bodies, string(body))
		}
		rc.mu.Unlock()
		if err != nil || fail {
			http.Error(w, "refused", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"Status":"OK"}`)
	}))
	t.Cleanup(srv.Close)
	return rc, srv.URL
}

func (rc *callbackReceiver) got() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.bodies...)
}

func TestPutObjectCallback(t *testing.T) {
	emu := ossemutest.NewServer(t, func(c *ossemu.Config) { c.CallbackKeyURL = "http://localhost" + ossemu.CallbackKeyPath })
	emu.MustBucket(t, "photos")
	rc, target := newCallbackReceiver(t, emu)
	param, vars, err := callback.Callback{
		URL:  target + "/uploaded?token=t1",
		Body: "bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mime=${mimeType}&who=${x:user}",
		Vars: map[string]string{"x:user": "eric & co"},
	}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	c := goodClient(emu)
	res, err := c.PutObject(context.Background(), &oss.PutObjectRequest{
		Bucket: oss.Ptr("photos"), Key: oss.Ptr("a b/c.jpg"), Body: bytes.NewReader([]byte("jpeg")),
		ContentType: oss.Ptr("image/jpeg"), Callback: oss.Ptr(param), CallbackVar: oss.Ptr(vars),
	})
	if err != nil {
		t.Fatalf("put with callback: %v", err)
	}
	if res.CallbackResult["Status"] != "OK" {
		t.Errorf("callback result relayed = %v; want the app server's {Status: OK}", res.CallbackResult)
	}
	bodies := rc.got()
	if len(bodies) != 1 {
		t.Fatalf("verified callbacks = %d; want 1", len(bodies))
	}
	form, err := url.ParseQuery(bodies[0])
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"bucket": "photos", "object": "a b/c.jpg", "etag": strings.ToUpper(hexOf(md5sum("jpeg"))),
		"size": "4", "mime": "image/jpeg", "who": "eric & co"}
	for k, v := range want {
		if form.Get(k) != v {
			t.Errorf("callback %s = %q; want %q", k, form.Get(k), v)
		}
	}

	rc.mu.Lock()
	rc.fail = true
	rc.mu.Unlock()
	_, err = c.PutObject(context.Background(), &oss.PutObjectRequest{
		Bucket: oss.Ptr("photos"), Key: oss.Ptr("second.jpg"), Body: bytes.NewReader([]byte("x")),
		Callback: oss.Ptr(param), CallbackVar: oss.Ptr(vars),
	})
	if code, status := serviceCode(err); code != "CallbackFailed" || status != 203 {
		t.Errorf("put with failing callback = %s %d; want CallbackFailed 203", code, status)
	}
	if got := get(t, c, "photos", "second.jpg"); string(got) != "x" {
		t.Errorf("object after failed callback = %q; want it stored anyway", got)
	}
}

func TestMalformedCallbackIsRefusedBeforeStoring(t *testing.T) {
	emu := ossemutest.NewServer(t)
	emu.MustBucket(t, "photos")
	resp := do(t, signedWith(t, emu, "PUT", "photos", "a.txt", "x", map[string]string{"x-oss-callback": "not base64!"}))
	x := readError(t, resp)
	if resp.StatusCode != 400 || x.Code != "InvalidArgument" {
		t.Fatalf("put with bad callback = %d %s; want 400 InvalidArgument", resp.StatusCode, x.Code)
	}
	if len(emu.Events()) != 0 {
		t.Errorf("refused put emitted events; want none")
	}
}

func TestPostObjectCallbackWithFormVars(t *testing.T) {
	emu := ossemutest.NewServer(t, func(c *ossemu.Config) { c.CallbackKeyURL = "http://localhost" + ossemu.CallbackKeyPath })
	if err := emu.CreateBucket("dropbox", "public-read-write"); err != nil {
		t.Fatal(err)
	}
	rc, target := newCallbackReceiver(t, emu)
	param, _, err := callback.Callback{URL: target + "/cb", Body: `{"object":"${object}","op":"${operation}","tag":"${x:tag}"}`,
		BodyType: callback.BodyTypeJSON, FormVars: []string{"x:tag"}}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	resp := postForm(t, emu.URL+"/dropbox", map[string]string{"key": `q"uote.txt`, "callback": param, "x:tag": "t-1"}, []byte("hi"))
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"Status":"OK"`) {
		t.Fatalf("post with callback = %d %q; want 200 with the app server's reply", resp.StatusCode, body)
	}
	bodies := rc.got()
	want := `{"object":"q\"uote.txt","op":"PostObject","tag":"t-1"}`
	if len(bodies) != 1 || bodies[0] != want {
		t.Errorf("callback bodies = %q; want [%s]", bodies, want)
	}
}
