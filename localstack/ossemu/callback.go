package ossemu

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

// CallbackKeyPath is where the emulator serves the PEM public key its
// upload callbacks are signed with. The leading underscore cannot start a
// bucket name, so the path never shadows a bucket.
const CallbackKeyPath = "/_ossemu/callback_pub_key.pem"

// maxCallbackResponse is OSS's limit on what a callback server may answer.
const maxCallbackResponse = 3 << 20

// pendingCallback is a decoded callback request waiting for its upload.
type pendingCallback struct {
	cb        callback.Callback
	operation string
	formVars  map[string]string // PostObject x: fields, lower-cased names
}

// parseCallback reads the callback parameters of an upload; none is (nil,
// nil). A malformed parameter is refused before anything is stored.
func parseCallback(param, vars, operation string, formVars map[string]string) (*pendingCallback, *apiError) {
	if param == "" {
		return nil, nil
	}
	cb, err := callback.Decode(param, vars)
	if err != nil {
		return nil, errorf("InvalidArgument", "The callback parameter is not valid: "+err.Error())
	}
	return &pendingCallback{cb: cb, operation: operation, formVars: formVars}, nil
}

func (s *Server) callbackKey() (*rsa.PrivateKey, error) {
	s.keyOnce.Do(func() {
		if s.cfg.CallbackKey != nil {
			s.key = s.cfg.CallbackKey
			return
		}
		s.key, s.keyErr = rsa.GenerateKey(rand.Reader, 2048)
	})
	return s.key, s.keyErr
}

func (s *Server) servePublicKey(w http.ResponseWriter) *apiError {
	key, err := s.callbackKey()
	if err != nil {
		return errInternal()
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return errInternal()
	}
	w.Header().Set("Content-Type", "application/x-pem-file")
	w.WriteHeader(http.StatusOK)
	_ = pem.Encode(w, &pem.Block{Type: "PUBLIC KEY", Bytes: der})
	return nil
}

// renderBody fills the callback body template. Form bodies get URL-encoded
// values and JSON bodies JSON-escaped ones, so a key with '&' or '"' cannot
// break the body's syntax.
func renderBody(p *pendingCallback, vals map[string]string) string {
	esc := url.QueryEscape
	if p.cb.BodyType == callback.BodyTypeJSON {
		esc = func(v string) string { b, _ := json.Marshal(v); return string(b[1 : len(b)-1]) }
	}
	var out strings.Builder
	rest := p.cb.Body
	for {
		i := strings.Index(rest, "${")
		j := strings.IndexByte(rest[max(i, 0):], '}')
		if i < 0 || j < 0 {
			out.WriteString(rest)
			return out.String()
		}
		out.WriteString(rest[:i])
		name := rest[i+2 : i+j]
		v, ok := vals[name]
		if !ok {
			if v, ok = p.cb.Vars[name]; !ok {
				v = p.formVars[name]
			}
		}
		out.WriteString(esc(v))
		rest = rest[i+j+1:]
	}
}

// finishCallback sends the callback for stored object m and answers the
// uploader as OSS does: 200 with the callback server's body when it
// answered 200, else 203 CallbackFailed (the object stays stored).
func (s *Server) finishCallback(rq *request, p *pendingCallback, bucket string, m objectMeta) *apiError {
	ip := rq.r.RemoteAddr
	if i := strings.LastIndexByte(ip, ':'); i >= 0 {
		ip = ip[:i]
	}
	body := renderBody(p, map[string]string{
		"bucket": bucket, "object": m.Key, "etag": strings.Trim(m.ETag, `"`), "size": itoa(m.Size),
		"mimeType": m.ContentType, "crc64": strconv.FormatUint(m.CRC64, 10), "contentMd5": m.ContentMD5,
		"clientIp": strings.Trim(ip, "[]"), "reqId": rq.id, "operation": p.operation,
	})
	var status int
	var reply []byte
	for _, target := range strings.Split(p.cb.URL, ";") {
		if status, reply = s.sendCallback(rq, p, strings.TrimSpace(target), body); status == http.StatusOK {
			h := rq.w.Header()
			h.Set("Content-Type", "application/json")
			h.Set("Content-Length", itoa(int64(len(reply))))
			rq.w.WriteHeader(http.StatusOK)
			_, _ = rq.w.Write(reply)
			return nil
		}
	}
	e := errorf("CallbackFailed", "Error status : "+strconv.Itoa(status)+".")
	body2, err := errorDocument(rq, e)
	if err != nil {
		return errInternal()
	}
	h := rq.w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", itoa(int64(len(body2))))
	rq.w.WriteHeader(http.StatusNonAuthoritativeInfo)
	_, _ = rq.w.Write(body2)
	return nil
}

// sendCallback posts one signed callback and returns the status (0 when
// the server could not be reached) and the response body.
func (s *Server) sendCallback(rq *request, p *pendingCallback, target, body string) (int, []byte) {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return 0, nil
	}
	key, err := s.callbackKey()
	if err != nil {
		return 0, nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	auth, err := callback.Sign(key, path, u.RawQuery, []byte(body))
	if err != nil {
		return 0, nil
	}
	req, err := http.NewRequestWithContext(rq.r.Context(), http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		return 0, nil
	}
	if p.cb.Host != "" {
		req.Host = p.cb.Host
	}
	keyURL := s.cfg.CallbackKeyURL
	if keyURL == "" {
		keyURL = "http://" + rq.r.Host + CallbackKeyPath
	}
	bodyType := p.cb.BodyType
	if bodyType == "" {
		bodyType = callback.BodyTypeForm
	}
	req.Header.Set("Content-Type", bodyType)
	req.Header.Set("Authorization", auth)
	req.Header.Set("x-oss-pub-key-url", base64.StdEncoding.EncodeToString([]byte(keyURL)))
	req.Header.Set("x-oss-requestid", rq.id)
	resp, err := s.cfg.CallbackClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxCallbackResponse+1))
	if err != nil || len(reply) > maxCallbackResponse || !json.Valid(bytes.TrimSpace(reply)) {
		return http.StatusBadGateway, nil
	}
	return resp.StatusCode, reply
}
