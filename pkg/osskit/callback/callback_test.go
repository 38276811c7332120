package callback

import (
	"encoding/base64"
	"reflect"
	"strings"
	"testing"
)

// Field names, the ${...} system variables, callbackSNI as a JSON boolean
// and the x: rule for custom variables follow
// https://www.alibabacloud.com/help/en/oss/developer-reference/callback
// (and error page https://help.aliyun.com/document_detail/477732.html,
// "callbackSNI must be true or false").
func TestEncode(t *testing.T) {
	c := Callback{
		URL:      "https://app.example.com/oss/callback",
		Host:     "app.example.com",
		Body:     "bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mimeType=${mimeType}&my_var=${x:my_var}",
		BodyType: BodyTypeForm,
		SNI:      true,
		Vars:     map[string]string{"x:my_var": "user-42", "x:a": "b&c"},
	}
	cb, cbVar, err := c.Encode()
	if err != nil {
		t.Fatalf("Encode = %v", err)
	}
	wantCB := `{"callbackUrl":"https://app.example.com/oss/callback","callbackHost":"app.example.com",` +
		`"callbackBody":"bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mimeType=${mimeType}&my_var=${x:my_var}",` +
		`"callbackSNI":true,"callbackBodyType":"application/x-www-form-urlencoded"}`
	if got := mustB64(t, cb); got != wantCB {
		t.Errorf("callback JSON =\n%s\nwant\n%s", got, wantCB)
	}
	if got, want := mustB64(t, cbVar), `{"x:a":"b&c","x:my_var":"user-42"}`; got != want {
		t.Errorf("callback-var JSON = %s; want %s", got, want)
	}
}

func TestEncodeMinimal(t *testing.T) {
	cb, cbVar, err := Callback{URL: "http://a.example/cb", Body: `{"object":${object}}`, BodyType: BodyTypeJSON}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mustB64(t, cb), `{"callbackUrl":"http://a.example/cb","callbackBody":"{\"object\":${object}}","callbackBodyType":"application/json"}`; got != want {
		t.Errorf("callback JSON = %s; want %s", got, want)
	}
	if cbVar != "" {
		t.Errorf("callback-var = %q; want empty without Vars", cbVar)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	tests := []Callback{
		{URL: "http://a.example/cb", Body: "object=${object}"},
		{URL: "https://a.example/cb?k=v;http://b.example:8080/cb", Host: "a.example:443", Body: "x=${x:id}&crc=${crc64}&md5=${contentMd5}&ip=${clientIp}&req=${reqId}&op=${operation}&vpc=${vpcId}",
			BodyType: BodyTypeJSON, SNI: true, Vars: map[string]string{"x:id": "7"}},
		{URL: "http://a.example/%E4%B8%AD.php", Body: "w=${imageInfo.width}&h=${imageInfo.height}&f=${imageInfo.format}", BodyType: BodyTypeForm},
	}
	for _, c := range tests {
		cb, cbVar, err := c.Encode()
		if err != nil {
			t.Fatalf("Encode(%+v) = %v", c, err)
		}
		got, err := Decode(cb, cbVar)
		if err != nil {
			t.Fatalf("Decode = %v", err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("round trip = %+v; want %+v", got, c)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := Callback{URL: "https://a.example/cb", Body: "o=${object}"}
	tests := []struct {
		name   string
		mutate func(c *Callback)
		want   string // substring of the error; "" means valid
	}{
		{"valid", func(c *Callback) {}, ""},
		{"form var declared", func(c *Callback) { c.Body = "u=${x:uid}"; c.FormVars = []string{"x:uid"} }, ""},
		{"five URLs", func(c *Callback) { c.URL = strings.Repeat("http://a.example/;", 4) + "http://a.example/" }, ""},
		{"no URL", func(c *Callback) { c.URL = "" }, "callbackUrl is required"},
		{"six URLs", func(c *Callback) { c.URL = strings.Repeat("http://a.example/;", 5) + "http://a.example/" }, "at most 5"},
		{"ftp URL", func(c *Callback) { c.URL = "ftp://a.example/cb" }, `scheme "ftp"`},
		{"no scheme", func(c *Callback) { c.URL = "a.example/cb" }, "scheme"},
		{"no host", func(c *Callback) { c.URL = "http:///cb" }, "no host"},
		{"userinfo", func(c *Callback) { c.URL = "http://u:p@a.example/cb" }, "userinfo"},
		{"non-ASCII", func(c *Callback) { c.URL = "http://a.example/中文.php" }, "percent-encode"},
		{"second URL bad", func(c *Callback) { c.URL = "http://a.example/;javascript:alert(1)" }, "#2"},
		{"bad host", func(c *Callback) { c.Host = "a.example/evil" }, "callbackHost"},
		{"bad body type", func(c *Callback) { c.BodyType = "text/plain" }, `callbackBodyType "text/plain"`},
		{"no body", func(c *Callback) { c.Body = "" }, "callbackBody is required"},
		{"unknown variable", func(c *Callback) { c.Body = "o=${object}&k=${key}" }, "unknown variable ${key}"},
		{"variable case matters", func(c *Callback) { c.Body = "m=${mimetype}" }, "${mimetype}"},
		{"undeclared x var", func(c *Callback) { c.Body = "u=${x:uid}" }, "${x:uid}, which is not declared"},
		{"unterminated", func(c *Callback) { c.Body = "o=${object" }, "unterminated"},
		{"var without x:", func(c *Callback) { c.Vars = map[string]string{"uid": "1"} }, `"uid" must start with "x:"`},
		{"var upper-case", func(c *Callback) { c.Vars = map[string]string{"x:UID": "1"} }, "lower-case"},
		{"var empty name", func(c *Callback) { c.Vars = map[string]string{"x:": "1"} }, "have a name"},
		{"var brace", func(c *Callback) { c.FormVars = []string{"x:a}b"} }, "may hold only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.mutate(&c)
			_, _, err := c.Encode()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Encode = %v; want nil", err)
				}
				return
			}
			if ReasonOf(err) != ReasonInvalidCallback || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Encode = %v; want %s error containing %q", err, ReasonInvalidCallback, tt.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	b := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct{ name, cb, cbVar string }{
		{"not base64", "%%%", ""},
		{"not JSON", b("callbackUrl=x"), ""},
		{"SNI as string", b(`{"callbackUrl":"http://a/cb","callbackBody":"o=${object}","callbackSNI":"true"}`), ""},
		{"missing body", b(`{"callbackUrl":"http://a/cb"}`), ""},
		{"var not in callback-var", b(`{"callbackUrl":"http://a/cb","callbackBody":"u=${x:u}"}`), b(`{"x:v":"1"}`)},
		{"callback-var not an object", b(`{"callbackUrl":"http://a/cb","callbackBody":"o=${object}"}`), b(`["x:v"]`)},
		{"oversized", strings.Repeat("A", 70<<10), ""},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.cb, tt.cbVar); ReasonOf(err) != ReasonInvalidCallback {
			t.Errorf("%s: Decode = %v; want %s", tt.name, err, ReasonInvalidCallback)
		}
	}
}

func mustB64(t *testing.T, s string) string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("not base64: %v", err)
	}
	return string(raw)
}
