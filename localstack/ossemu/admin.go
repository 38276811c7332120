package ossemu

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// AdminPathPrefix starts every admin endpoint's path. No bucket name can
// start with "-", so the prefix never shadows a path-style bucket.
//
//	GET|PUT|DELETE /-/admin/faults          the FaultPlan, as JSON
//	PUT            /-/admin/buckets/<b>     create bucket b (x-oss-acl)
//	PUT            /-/admin/objects/<b>/<k> seed object k (SeedObject)
//
// Seeding takes the body as the object's data and these headers:
// Content-Type, x-oss-storage-class, x-oss-meta-*, and
// x-ossemu-last-modified (RFC 3339). Calls must carry
// "Authorization: Bearer <Config.AdminKey>"; without an AdminKey the
// endpoints answer 403. Answers are JSON; errors are {"error": "..."}.
const AdminPathPrefix = "/-/admin/"

// HeaderLastModified sets a seeded object's Last-Modified (RFC 3339).
const HeaderLastModified = "x-ossemu-last-modified"

// isAdmin reports whether r is addressed to the admin endpoints: the
// prefix on a host that does not name a bucket.
func (s *Server) isAdmin(r *http.Request) bool {
	if !strings.HasPrefix(r.URL.Path, AdminPathPrefix) {
		return false
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	_, virtual := s.virtualHostBucket(strings.ToLower(host))
	return !virtual
}

func (s *Server) serveAdmin(rq *request) {
	w, r := rq.w, rq.r
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if s.cfg.AdminKey == "" || !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.AdminKey)) != 1 {
		adminJSON(w, http.StatusForbidden, adminError("admin endpoints need Authorization: Bearer <admin key>"))
		return
	}
	rq.principal = "admin"
	path := strings.TrimPrefix(r.URL.Path, AdminPathPrefix)
	switch {
	case path == "faults":
		s.adminFaults(w, r)
	case strings.HasPrefix(path, "buckets/") && r.Method == http.MethodPut:
		acl := r.Header.Get("x-oss-acl")
		if err := s.CreateBucket(strings.TrimPrefix(path, "buckets/"), acl); err != nil {
			adminJSON(w, adminStatus(err), adminError(err.Error()))
			return
		}
		adminJSON(w, http.StatusOK, map[string]string{"bucket": strings.TrimPrefix(path, "buckets/")})
	case strings.HasPrefix(path, "objects/") && r.Method == http.MethodPut:
		s.adminSeed(w, r, strings.TrimPrefix(path, "objects/"))
	default:
		adminJSON(w, http.StatusNotFound, adminError("no such admin endpoint: "+r.Method+" "+r.URL.Path))
	}
}

func (s *Server) adminFaults(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
	case http.MethodPut:
		var p FaultPlan
		dec := json.NewDecoder(io.LimitReader(r.Body, maxXMLBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			adminJSON(w, http.StatusBadRequest, adminError("fault plan: "+err.Error()))
			return
		}
		if err := s.SetFaults(p); err != nil {
			adminJSON(w, http.StatusBadRequest, adminError(err.Error()))
			return
		}
	case http.MethodDelete:
		_ = s.SetFaults(FaultPlan{})
	default:
		adminJSON(w, http.StatusMethodNotAllowed, adminError("faults take GET, PUT or DELETE"))
		return
	}
	adminJSON(w, http.StatusOK, s.Faults())
}

// seeded is the admin seed endpoint's answer.
type seeded struct {
	Bucket       string    `json:"bucket"`
	Key          string    `json:"key"`
	Size         int64     `json:"size"`
	ETag         string    `json:"etag"`
	StorageClass string    `json:"storageClass"`
	LastModified time.Time `json:"lastModified"`
}

func (s *Server) adminSeed(w http.ResponseWriter, r *http.Request, path string) {
	bucket, key, _ := strings.Cut(path, "/")
	info := SeedInfo{ContentType: r.Header.Get("Content-Type"), StorageClass: r.Header.Get("x-oss-storage-class")}
	if v := r.Header.Get(HeaderLastModified); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			adminJSON(w, http.StatusBadRequest, adminError(HeaderLastModified+": want RFC 3339, e.g. 2024-01-02T15:04:05Z"))
			return
		}
		info.LastModified = t
	}
	for name, vals := range r.Header {
		if meta, ok := strings.CutPrefix(strings.ToLower(name), "x-oss-meta-"); ok && len(vals) > 0 {
			if info.UserMeta == nil {
				info.UserMeta = map[string]string{}
			}
			info.UserMeta[meta] = vals[0]
		}
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxObjectSize+1))
	if err != nil {
		adminJSON(w, http.StatusBadRequest, adminError("read body: "+err.Error()))
		return
	}
	if int64(len(data)) > s.cfg.MaxObjectSize {
		adminJSON(w, http.StatusRequestEntityTooLarge, adminError("body is larger than MaxObjectSize"))
		return
	}
	if err := s.SeedObject(bucket, key, data, info); err != nil {
		adminJSON(w, adminStatus(err), adminError(err.Error()))
		return
	}
	m, e := s.st.object(bucket, key)
	if e != nil {
		adminJSON(w, http.StatusInternalServerError, adminError("seeded object vanished"))
		return
	}
	adminJSON(w, http.StatusOK, seeded{Bucket: bucket, Key: key, Size: m.Size, ETag: m.ETag,
		StorageClass: m.StorageClass, LastModified: m.LastModified})
}

// adminStatus maps an OSS-coded error to its status; other errors are 500.
func adminStatus(err error) int {
	var e *apiError
	if errors.As(err, &e) {
		return e.status()
	}
	return http.StatusInternalServerError
}

func adminError(msg string) map[string]string { return map[string]string{"error": msg} }

func adminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
