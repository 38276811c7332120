package callerauth

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// CORS answers cross-origin requests for allowed origins only. Build it
// with NewCORS; it is safe for concurrent use.
type CORS struct {
	origins       map[string]bool
	methods       map[string]bool
	headers       map[string]bool
	allowMethods  string
	allowHeaders  string
	exposeHeaders string
	credentials   bool
	maxAge        string
}

// NewCORS applies cfg's defaults and validates it; the error joins every
// problem (see CORSConfig.Validate).
func NewCORS(cfg CORSConfig) (*CORS, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &CORS{
		origins:       map[string]bool{},
		methods:       map[string]bool{},
		headers:       map[string]bool{},
		allowMethods:  strings.Join(cfg.AllowedMethods, ", "),
		allowHeaders:  strings.Join(cfg.AllowedHeaders, ", "),
		exposeHeaders: strings.Join(cfg.ExposedHeaders, ", "),
		credentials:   cfg.AllowCredentials,
		maxAge:        strconv.Itoa(int(cfg.MaxAge / time.Second)),
	}
	for _, o := range cfg.AllowedOrigins {
		c.origins[o] = true
	}
	for _, m := range cfg.AllowedMethods {
		c.methods[m] = true
	}
	for _, h := range cfg.AllowedHeaders {
		c.headers[strings.ToLower(h)] = true
	}
	return c, nil
}

// Handler wraps next. Every response gets "Vary: Origin" because its CORS
// headers depend on it. A request from an allowed origin gets
// Access-Control-Allow-Origin set to that exact origin (never "*"), plus
// Allow-Credentials and Expose-Headers when configured. A preflight
// (OPTIONS with Access-Control-Request-Method) is answered here: 204 with
// the configured methods, headers and max age when the origin, method and
// every requested header are allowed, else 403 with no CORS headers, so the
// browser blocks the call. Other origins get no CORS headers at all.
func (c *CORS) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		reqMethod := r.Header.Get("Access-Control-Request-Method")
		preflight := r.Method == http.MethodOptions && origin != "" && reqMethod != ""
		if preflight {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			if !c.origins[origin] || !c.methods[reqMethod] || !c.headersAllowed(r.Header.Values("Access-Control-Request-Headers")) {
				w.WriteHeader(http.StatusForbidden)
				return
			}
			c.allow(h, origin)
			h.Set("Access-Control-Allow-Methods", c.allowMethods)
			if c.allowHeaders != "" {
				h.Set("Access-Control-Allow-Headers", c.allowHeaders)
			}
			h.Set("Access-Control-Max-Age", c.maxAge)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if origin != "" && c.origins[origin] {
			c.allow(h, origin)
			if c.exposeHeaders != "" {
				h.Set("Access-Control-Expose-Headers", c.exposeHeaders)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (c *CORS) allow(h http.Header, origin string) {
	h.Set("Access-Control-Allow-Origin", origin)
	if c.credentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
}

// headersAllowed checks a preflight's comma-separated request header list.
func (c *CORS) headersAllowed(values []string) bool {
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "" && !c.headers[name] {
				return false
			}
		}
	}
	return true
}
