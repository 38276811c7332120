package cloud

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/localstack/demo"
	"github.com/ossflow/ossflow/localstack/fcemu"
	"github.com/ossflow/ossflow/localstack/template"
)

// aliOSSBundle is ali-oss's browser build inside node_modules.
const aliOSSBundle = "ali-oss/dist/aliyun-oss-sdk.min.js"

// pageConfig is /demo/config.json: everything the demo page needs.
type pageConfig struct {
	Functions map[string]string `json:"functions"`
	Users     []DemoUser        `json:"users"`
	Bucket    string            `json:"bucket"`
	Region    string            `json:"region"`
	OSS       string            `json:"oss"`
	// SourcePrefix and VariantKey are the thumbnail function's layout:
	// a source key without SourcePrefix and its extension is {path}.
	SourcePrefix string      `json:"sourcePrefix"`
	VariantKey   string      `json:"variantKey"`
	Styles       []pageStyle `json:"styles"`
	MaxSize      int64       `json:"maxSize"`
	ContentTypes []string    `json:"contentTypes"`
	// AliOSS is the ali-oss bundle's URL, "" when node_modules lacks it
	// (the page then offers POST policy uploads only).
	AliOSS string `json:"aliOSS"`
	Report string `json:"report"`
}

// pageStyle is one thumbnail style; Format "" means the thumbnail
// function picks (jpg, or png for a source with alpha).
type pageStyle struct {
	Name   string `json:"name"`
	Format string `json:"format"`
}

// site serves the demo page and the admin API on the demo port.
type site struct {
	page         pageConfig
	nodeModules  string
	adminToken   string
	emu          *fcemu.Emulator
	oss          ossAdmin
	bucket       string
	reportPrefix string
	timers       map[string]string // trigger name → function
}

func (s *site) handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(demo.Files, ".")
	mux.Handle("GET /demo/", http.StripPrefix("/demo/", noStore(http.FileServerFS(static))))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/demo/", http.StatusFound)
	})
	mux.HandleFunc("GET /demo/config.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, s.page)
	})
	mux.HandleFunc("GET /demo/vendor/aliyun-oss-sdk.min.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeFile(w, r, filepath.Join(s.nodeModules, aliOSSBundle))
	})
	mux.HandleFunc("GET /demo/report", s.report)
	mux.HandleFunc("GET /admin/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /admin/fire", s.fire)
	return mux
}

// report redirects to a presigned URL of the latest audit report (HTML),
// or explains how to make one.
func (s *site) report(w http.ResponseWriter, r *http.Request) {
	key, err := s.oss.latestKey(s.bucket, s.reportPrefix+"/"+s.bucket+"/", ".html")
	if err != nil {
		http.Error(w, "the audit reports could not be listed", http.StatusBadGateway)
		return
	}
	if key == "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("No audit report yet. Fire the audit timer: go run ./localstack fire nightly\n"))
		return
	}
	u, err := s.oss.presignGet(s.bucket, key, 15*time.Minute)
	if err != nil {
		http.Error(w, "the report link could not be signed", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}

// fire runs a timer trigger now: ?trigger=<triggerName> or a function
// name with one timer, and &payload= to send instead of the template's.
// It waits for the invocation and answers its outcome.
func (s *site) fire(w http.ResponseWriter, r *http.Request) {
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.adminToken)) != 1 {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "admin token required (adminToken in endpoints.json)"})
		return
	}
	name, payload := r.URL.Query().Get("trigger"), r.URL.Query()["payload"]
	for trig, fn := range s.timers {
		if name == fn {
			name = fn + "/" + trig
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Minute)
	defer cancel()
	var res fcemu.Result
	var err error
	if payload == nil {
		res, err = s.emu.FireTimer(ctx, name)
	} else {
		res, err = s.fireWith(ctx, name, payload[0])
	}
	if err != nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		return
	}
	out := FireResult{RequestID: res.RequestID, DurationMS: res.Duration.Milliseconds(), Payload: string(res.Payload)}
	if res.Error != nil {
		out.Error = res.Error.Type
	}
	writeJSON(w, http.StatusOK, out)
}

// fireWith invokes a timer trigger's function with the FC timer event a
// firing would send, but carrying payload instead of the template's: an
// audit of chosen buckets or prefixes on demand.
func (s *site) fireWith(ctx context.Context, name, payload string) (fcemu.Result, error) {
	fn, trig, qualified := strings.Cut(name, "/")
	if !qualified {
		trig, fn = name, s.timers[name]
	}
	if fn == "" || s.timers[trig] != fn {
		return fcemu.Result{}, fmt.Errorf("fire %q: no such timer trigger", name)
	}
	ev, _ := json.Marshal(map[string]string{"triggerTime": time.Now().UTC().Format(time.RFC3339),
		"triggerName": trig, "payload": payload})
	return s.emu.Invoke(ctx, fn, ev)
}

// FireResult is the admin API's answer to a fired timer.
type FireResult struct {
	RequestID  string `json:"requestId"`
	DurationMS int64  `json:"durationMs"`
	// Error is the function's error type, "" on success.
	Error   string `json:"error,omitempty"`
	Payload string `json:"payload,omitempty"`
}

func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// hasFile reports whether path is a regular file.
func hasFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// newSite gathers the page config from the resolved template: each HTTP
// function's URL, the thumbnail styles and post-policy's limits.
func newSite(tpl *template.Template, oa ossAdmin, emu *fcemu.Emulator, users []DemoUser, nodeModules, ossURL, fcURL string) *site {
	if nodeModules == "" {
		nodeModules = filepath.Join(tpl.Dir, "tools", "node", "node_modules")
	}
	s := &site{nodeModules: nodeModules, adminToken: randomToken(), emu: emu, oss: oa, bucket: tpl.Vars["bucket"],
		reportPrefix: orDefault(tpl.Vars["reportPrefix"], "audit-reports"), timers: map[string]string{}}
	p := pageConfig{Functions: map[string]string{}, Users: users, Bucket: s.bucket, Region: oa.region, OSS: ossURL,
		SourcePrefix: "uploads/", VariantKey: "thumbs/{path}/{style}.{ext}", Report: "/demo/report"}
	for _, f := range tpl.Functions {
		for _, t := range f.Triggers {
			switch {
			case t.HTTP != nil && f.Emulated:
				p.Functions[f.Resource] = fcURL + "/" + f.Resource + "/"
			case t.Timer != nil && f.Emulated:
				s.timers[t.Name] = f.Resource
			}
		}
		switch f.Resource {
		case "post-policy":
			p.MaxSize, _ = strconv.ParseInt(f.Environment["OSSFLOW_UPLOAD_MAX_SIZE"], 10, 64)
			for _, ct := range strings.Split(f.Environment["OSSFLOW_UPLOAD_CONTENT_TYPES"], ",") {
				if ct = strings.TrimSpace(ct); ct != "" {
					p.ContentTypes = append(p.ContentTypes, ct)
				}
			}
		case "thumbnail":
			p.SourcePrefix = orDefault(f.Environment["THUMB_SOURCE_PREFIX"], p.SourcePrefix)
			p.VariantKey = orDefault(f.Environment["THUMB_KEY_TEMPLATE"], p.VariantKey)
			set := style.DefaultSet()
			if v := f.Environment["THUMB_STYLES"]; v != "" {
				if parsed, err := style.ParseSet(v); err == nil {
					set = parsed
				}
			}
			for _, st := range set {
				format := string(st.Format)
				if st.Format == style.FormatAuto {
					format = ""
				}
				p.Styles = append(p.Styles, pageStyle{Name: st.Name, Format: format})
			}
		}
	}
	if hasFile(filepath.Join(nodeModules, aliOSSBundle)) {
		p.AliOSS = "/demo/vendor/aliyun-oss-sdk.min.js"
	}
	s.page = p
	return s
}

// randomToken returns 128 random bits as hex, for the admin API.
func randomToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
