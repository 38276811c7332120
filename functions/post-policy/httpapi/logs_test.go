package httpapi

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
)

// TestLogsHoldNoSecrets runs granted and refused requests through a logger
// with no redactor underneath, so anything secret the handler itself logs
// would show, and greps the lines for every secret involved.
func TestLogsHoldNoSecrets(t *testing.T) {
	e := newEnv(t, grant.Config{})
	post := e.mint(t, "alice", "post", "image/jpeg")
	put := e.mint(t, "alice", "put", "image/png")
	var get grant.Grant
	e.call(t, http.MethodGet, "/url?key="+post.Key, "alice", "", &get)
	e.call(t, http.MethodGet, "/url?key=uploads/bob/x.jpg", "alice", "", nil)
	e.call(t, http.MethodPost, "/", "alice", `{"filename":"a","contentType":"text/html"}`, nil)
	req, _ := http.NewRequest(http.MethodPost, e.fn.URL+"/", strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+token(t, "alice")+"tampered")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}

	logs := e.logs.String()
	secrets := map[string]string{
		"access key secret":   stsCreds.AccessKeySecret,
		"security token":      stsCreds.SecurityToken,
		"form signature":      post.Fields["x-oss-signature"],
		"policy":              post.Fields["policy"],
		"PUT URL query":       put.URL[strings.Index(put.URL, "?"):],
		"GET URL signature":   get.URL[strings.LastIndex(get.URL, "x-oss-signature="):],
		"caller's JWT":        token(t, "alice"),
		"JWT signature alone": token(t, "alice")[strings.LastIndex(token(t, "alice"), "."):],
	}
	for name, s := range secrets {
		if len(s) < 16 {
			t.Fatalf("%s %q is too short to be a meaningful probe", name, s)
		}
		if strings.Contains(logs, s) {
			t.Errorf("logs contain the %s", name)
		}
	}
	for _, want := range []string{`"message":"granted"`, `"key":"` + post.Key + `"`, `"user":"alice"`, `"mode":"put"`,
		`"kind":"forbidden"`, `"kind":"unauthorized"`, `"status":400`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}
