package httpapi

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/pkg/fault"
)

var jpeg = append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte("x"), 200)...)

// TestPostFormAgainstEmulator posts the returned form, changed in one way
// per case, to the signature- and policy-checking emulator.
func TestPostFormAgainstEmulator(t *testing.T) {
	tests := []struct {
		name     string
		change   func(f map[string]string)
		fileType string
		size     int
		later    time.Duration
		status   int
		code     string
	}{
		{"as returned", nil, "image/jpeg", 200, 0, http.StatusCreated, ""},
		{"exactly max", nil, "image/jpeg", testMaxSize, 0, http.StatusCreated, ""},
		{"file part type differs but the pinned field rules", nil, "application/octet-stream", 10, 0, http.StatusCreated, ""},
		{"one byte over max", nil, "image/jpeg", testMaxSize + 1, 0, http.StatusBadRequest, "EntityTooLarge"},
		{"empty file", nil, "image/jpeg", 0, 0, http.StatusBadRequest, "EntityTooSmall"},
		{"different content type", func(f map[string]string) { f["Content-Type"] = "text/html" }, "text/html", 10, 0, http.StatusForbidden, "AccessDenied"},
		{"x-oss-content-type override", func(f map[string]string) { f["x-oss-content-type"] = "text/html" }, "image/jpeg", 10, 0, http.StatusForbidden, "AccessDenied"},
		{"different key", func(f map[string]string) { f["key"] = strings.Replace(f["key"], "/alice/", "/bob/", 1) }, "image/jpeg", 10, 0, http.StatusForbidden, "AccessDenied"},
		{"overwrite allowed", func(f map[string]string) { f["x-oss-forbid-overwrite"] = "false" }, "image/jpeg", 10, 0, http.StatusForbidden, "AccessDenied"},
		{"extra field", func(f map[string]string) { f["x-oss-object-acl"] = "public-read" }, "image/jpeg", 10, 0, http.StatusForbidden, "AccessDenied"},
		{"tampered signature", func(f map[string]string) { f["x-oss-signature"] = strings.Repeat("0", 64) }, "image/jpeg", 10, 0, http.StatusForbidden, "SignatureDoesNotMatch"},
		{"no security token", func(f map[string]string) { delete(f, "x-oss-security-token") }, "image/jpeg", 10, 0, http.StatusForbidden, "AccessDenied"},
		{"expired policy", nil, "image/jpeg", 10, grant.DefaultPostExpiry + time.Second, http.StatusForbidden, "AccessDenied"},
		{"just before expiry", nil, "image/jpeg", 10, grant.DefaultPostExpiry, http.StatusCreated, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, grant.Config{})
			g := e.mint(t, "alice", "post", "image/jpeg")
			fields := clone(g.Fields)
			if tt.change != nil {
				tt.change(fields)
			}
			e.clock.Add(tt.later)
			status, oe := postForm(t, g.URL, fields, tt.fileType, bytes.Repeat([]byte{0xAB}, tt.size))
			if status != tt.status || (tt.code != "" && oe.Code != tt.code) {
				t.Fatalf("status = %d %s (%s); want %d %s", status, oe.Code, oe.Message, tt.status, tt.code)
			}
			if status == http.StatusCreated {
				assertStored(t, e, "alice", g.Key, "image/jpeg", tt.size)
			}
		})
	}
}

// TestSecondPostToSameKeyRefused replays a form that already worked.
func TestSecondPostToSameKeyRefused(t *testing.T) {
	e := newEnv(t, grant.Config{})
	g := e.mint(t, "alice", "post", "image/png")
	if status, oe := postForm(t, g.URL, g.Fields, "image/png", jpeg); status != http.StatusCreated {
		t.Fatalf("first upload: status = %d %s; want 201", status, oe.Code)
	}
	if status, oe := postForm(t, g.URL, g.Fields, "image/png", []byte("replacement")); status != http.StatusConflict || oe.Code != "FileAlreadyExists" {
		t.Errorf("second upload: status = %d %s; want 409 FileAlreadyExists", status, oe.Code)
	}
	assertStored(t, e, "alice", g.Key, "image/png", len(jpeg))
}

// TestPresignedPut uses the PUT grant with its headers (accepted once),
// without them, and with another type.
func TestPresignedPut(t *testing.T) {
	e := newEnv(t, grant.Config{})
	g := e.mint(t, "alice", "put", "image/webp")
	put := func(headers map[string]string, body []byte) (int, ossError) {
		req, _ := http.NewRequest(http.MethodPut, g.URL, bytes.NewReader(body))
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		return do(t, req)
	}
	wrongType := clone(g.Headers)
	wrongType["Content-Type"] = "text/html"
	noForbid := clone(g.Headers)
	delete(noForbid, "x-oss-forbid-overwrite")
	if status, oe := put(map[string]string{}, jpeg); status != http.StatusForbidden || oe.Code != "SignatureDoesNotMatch" {
		t.Errorf("PUT without the headers: status = %d %s; want 403 SignatureDoesNotMatch", status, oe.Code)
	}
	if status, oe := put(wrongType, jpeg); status != http.StatusForbidden || oe.Code != "SignatureDoesNotMatch" {
		t.Errorf("PUT with Content-Type text/html: status = %d %s; want 403 SignatureDoesNotMatch", status, oe.Code)
	}
	if status, oe := put(noForbid, jpeg); status != http.StatusForbidden {
		t.Errorf("PUT without x-oss-forbid-overwrite: status = %d %s; want 403", status, oe.Code)
	}
	if status, oe := put(g.Headers, jpeg); status != http.StatusOK {
		t.Fatalf("PUT with the returned headers: status = %d %s (%s); want 200", status, oe.Code, oe.Message)
	}
	if status, oe := put(g.Headers, []byte("again")); status != http.StatusConflict || oe.Code != "FileAlreadyExists" {
		t.Errorf("second PUT: status = %d %s; want 409 FileAlreadyExists", status, oe.Code)
	}
	assertStored(t, e, "alice", g.Key, "image/webp", len(jpeg))
	// A fresh grant used one second after it expires is refused.
	g = e.mint(t, "alice", "put", "image/webp")
	e.clock.Add(grant.DefaultPutExpiry + time.Second)
	if status, oe := put(g.Headers, jpeg); status != http.StatusForbidden || oe.Code != "AccessDenied" {
		t.Errorf("PUT after expiry: status = %d %s; want 403 AccessDenied", status, oe.Code)
	}
}

// TestPresignedGetOnlyForOwner: the owner reads through the function's
// URL; another caller is refused by the function itself.
func TestPresignedGetOnlyForOwner(t *testing.T) {
	e := newEnv(t, grant.Config{})
	g := e.mint(t, "alice", "post", "image/gif")
	if status, oe := postForm(t, g.URL, g.Fields, "image/gif", jpeg); status != http.StatusCreated {
		t.Fatalf("upload: status = %d %s", status, oe.Code)
	}
	var refused fault.ErrorBody
	resp := e.call(t, http.MethodGet, "/url?key="+g.Key, "bob", "", &refused)
	if resp.StatusCode != http.StatusForbidden || refused.Error.Code != "forbidden" {
		t.Errorf("bob reading alice's upload: status = %d %+v; want 403 forbidden", resp.StatusCode, refused)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q; want no-store", resp.Header.Get("Cache-Control"))
	}
	assertStored(t, e, "alice", g.Key, "image/gif", len(jpeg))
}

// assertStored reads key through a GET grant for sub and checks the object.
func assertStored(t *testing.T, e *env, sub, key, contentType string, size int) {
	t.Helper()
	var g grant.Grant
	if resp := e.call(t, http.MethodGet, "/url?key="+key, sub, "", &g); resp.StatusCode != http.StatusOK || g.Method != "GET" {
		t.Fatalf("GET grant: status = %d; want 200", resp.StatusCode)
	}
	resp, err := http.Get(g.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || len(body) != size {
		t.Fatalf("GET %s: status = %d, %d bytes; want 200, %d bytes", key, resp.StatusCode, len(body), size)
	}
	if got := resp.Header.Get("Content-Type"); got != contentType {
		t.Errorf("stored Content-Type = %q; want %q", got, contentType)
	}
	if got := resp.Header.Get("x-oss-meta-original-name"); got != "holiday photo.jpg" {
		t.Errorf("stored x-oss-meta-original-name = %q; want %q", got, "holiday photo.jpg")
	}
}
