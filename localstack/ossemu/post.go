package ossemu

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
)

// Form limits: a field value may hold at most a policy (64 KB) plus room
// for encoding, and all fields together stay well under what a browser
// form ever sends, so a hostile form cannot make the emulator buffer much.
const (
	maxFormField  = 128 << 10
	maxFormFields = 1 << 20
)

type postResponse struct {
	XMLName  xml.Name `xml:"PostResponse"`
	Bucket   string   `xml:"Bucket"`
	Location string   `xml:"Location"`
	Key      string   `xml:"Key"`
	ETag     string   `xml:"ETag"`
}

func errMalformedPost() *apiError {
	return errorf("MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.")
}

// postObject is OSS PostObject: a browser form whose policy, signature and
// conditions postpolicy.Evaluate checks; the file field must come last.
// The file is staged as a blob first (its size is a policy condition) and
// becomes the object only once the form is accepted.
func (s *Server) postObject(rq *request) *apiError {
	mr, err := rq.r.MultipartReader()
	if err != nil {
		return errMalformedPost()
	}
	fields := map[string]string{}
	total := 0
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return errorf("InvalidArgument", "The file field is required and must be the last form field.").
				with("ArgumentName", "file")
		}
		if err != nil {
			return errMalformedPost()
		}
		name := p.FormName()
		if strings.EqualFold(name, "file") {
			return s.acceptPost(rq, fields, p.FileName(), p.Header.Get("Content-Type"), p)
		}
		v, err := io.ReadAll(io.LimitReader(p, maxFormField+1))
		total += len(v)
		if err != nil || len(v) > maxFormField || total > maxFormFields {
			return errorf("InvalidArgument", "A form field is too large.").with("ArgumentName", name)
		}
		if _, dup := fields[name]; dup {
			return errorf("InvalidArgument", "A form field is posted twice.").with("ArgumentName", name)
		}
		fields[name] = string(v)
	}
}

func (s *Server) acceptPost(rq *request, fields map[string]string, filename, fileType string, file io.Reader) *apiError {
	body, e := s.receive(file, -1, s.cfg.MaxObjectSize, nil)
	if e != nil {
		return e
	}
	stored := false
	defer func() {
		if !stored {
			_ = s.st.blobs.remove(body.ref)
		}
	}()
	res, err := postpolicy.Evaluate(postpolicy.Submission{
		Bucket: rq.bucket, Fields: fields, FileSize: body.size, FileContentType: fileType,
	}, rq.now, s.lookupSecret)
	low := res.Fields
	var pe *postpolicy.Error
	switch {
	case errors.Is(err, postpolicy.ErrAnonymous):
		meta, _ := s.st.bucket(rq.bucket)
		if !anonymousAllowed(meta.ACL, false) {
			return errorf("AccessDenied", "You have no right to access this bucket because of bucket acl.")
		}
		low = map[string]string{}
		for k, v := range fields {
			low[strings.ToLower(k)] = v
		}
		res.Key = low["key"]
		res.ContentType = low["x-oss-content-type"]
		if res.ContentType == "" {
			res.ContentType = low["content-type"]
		}
		if res.ContentType == "" {
			res.ContentType = fileType
		}
	case errors.As(err, &pe):
		return errorf(pe.Code, pe.Message)
	case err != nil:
		return errorf("AccessDenied", "The form could not be verified.")
	default:
		if e := s.admit(rq, identity{AccessKeyID: res.AccessKeyID, SecurityToken: res.SecurityToken, Region: res.Region}); e != nil {
			return e
		}
	}
	key := strings.ReplaceAll(res.Key, "${filename}", filename)
	if !validObjectName(key) {
		return errorf("InvalidObjectName", "The specified object is not valid.")
	}
	if e := s.authorize(rq, "oss:PutObject", s.ramResource(rq.bucket, key)); e != nil {
		return e
	}
	forbid, e := forbidOverwrite(low["x-oss-forbid-overwrite"])
	if e != nil {
		return e
	}
	acl, e := objectACL(low["x-oss-object-acl"])
	if e != nil {
		return e
	}
	cb, e := postCallback(low)
	if e != nil {
		return e
	}
	status := http.StatusNoContent
	switch low["success_action_status"] {
	case "200":
		status = http.StatusOK
	case "201":
		status = http.StatusCreated
	}
	m := &objectMeta{
		Key: key, Blob: body.ref, Size: body.size, ETag: body.etag(), ContentMD5: body.contentMD5(),
		CRC64: body.crc, ContentType: contentType(res.ContentType, key), LastModified: rq.now,
		StorageClass: "Standard", Type: "Normal", ACL: acl,
	}
	if b, ok := s.st.bucket(rq.bucket); ok {
		m.StorageClass = b.StorageClass
	}
	hdr := http.Header{}
	for k, v := range low {
		if strings.HasPrefix(k, "x-oss-meta-") {
			hdr.Set(k, v)
		}
	}
	for _, name := range storedHeaders {
		if v, ok := low[strings.ToLower(name)]; ok {
			hdr.Set(name, v)
		}
	}
	if m.UserMeta, m.Headers, e = objectHeaders(hdr); e != nil {
		return e
	}
	if e := s.st.putObject(rq.bucket, m, forbid); e != nil {
		return e
	}
	stored = true
	setVersionID(rq, m.VersionID)
	s.emit(rq, EventPostObject, rq.bucket, *m)
	location := "http://" + rq.r.Host + "/" + rq.bucket + "/" + url.PathEscape(key)
	h := rq.w.Header()
	h.Set("ETag", m.ETag)
	h.Set("Location", location)
	if cb != nil {
		return s.finishCallback(rq, cb, rq.bucket, *m)
	}
	if target := low["success_action_redirect"]; target != "" {
		// OSS redirects the browser with the upload's identity appended.
		if u, err := url.Parse(target); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			q := u.Query()
			q.Set("bucket", rq.bucket)
			q.Set("key", key)
			q.Set("etag", m.ETag)
			u.RawQuery = q.Encode()
			h.Set("Location", u.String())
			rq.w.WriteHeader(http.StatusSeeOther)
			return nil
		}
	}
	if status == http.StatusCreated {
		return writeXML(rq, status, postResponse{Bucket: rq.bucket, Location: location, Key: key, ETag: m.ETag})
	}
	rq.w.WriteHeader(status)
	return nil
}

// postCallback reads a PostObject callback: the callback field, with the
// form's x: fields as its custom variables.
func postCallback(fields map[string]string) (*pendingCallback, *apiError) {
	vars := map[string]string{}
	for k, v := range fields {
		if strings.HasPrefix(k, "x:") {
			vars[k] = v
		}
	}
	varParam := ""
	if len(vars) > 0 {
		js, err := json.Marshal(vars)
		if err != nil {
			return nil, errInternal()
		}
		varParam = base64.StdEncoding.EncodeToString(js)
	}
	return parseCallback(fields["callback"], varParam, "PostObject", vars)
}
