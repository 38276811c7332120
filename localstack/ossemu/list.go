package ossemu

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

type listBucketResult struct {
	XMLName               xml.Name       `xml:"ListBucketResult"`
	Name                  string         `xml:"Name"`
	Prefix                string         `xml:"Prefix"`
	Marker                *string        `xml:"Marker"`
	StartAfter            *string        `xml:"StartAfter"`
	ContinuationToken     *string        `xml:"ContinuationToken"`
	MaxKeys               int            `xml:"MaxKeys"`
	Delimiter             string         `xml:"Delimiter"`
	EncodingType          string         `xml:"EncodingType,omitempty"`
	IsTruncated           bool           `xml:"IsTruncated"`
	NextMarker            string         `xml:"NextMarker,omitempty"`
	NextContinuationToken string         `xml:"NextContinuationToken,omitempty"`
	KeyCount              *int           `xml:"KeyCount"`
	Contents              []listEntry    `xml:"Contents"`
	CommonPrefixes        []commonPrefix `xml:"CommonPrefixes"`
}

type listEntry struct {
	Key          string `xml:"Key"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Type         string `xml:"Type"`
	Size         int64  `xml:"Size"`
	StorageClass string `xml:"StorageClass"`
	Owner        *owner `xml:"Owner"`
}

type commonPrefix struct {
	Prefix string `xml:"Prefix"`
}

// listObjects is OSS ListObjectsV2 (list-type=2) and the older ListObjects:
// byte-ordered keys, prefix, delimiter grouping into CommonPrefixes (each
// counting toward max-keys), paging by continuation token or marker.
func (s *Server) listObjects(rq *request) *apiError {
	q := rq.r.URL.Query()
	v2 := q.Get("list-type") == "2"
	maxKeys := 100
	if v := q.Get("max-keys"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return errorf("InvalidArgument", "max-keys must be an integer from 1 to 1000.").
				with("ArgumentName", "max-keys").with("ArgumentValue", v)
		}
		maxKeys = n
	}
	enc := q.Get("encoding-type")
	if enc != "" && enc != "url" {
		return errorf("InvalidArgument", "The encoding type must be url.").
			with("ArgumentName", "encoding-type").with("ArgumentValue", enc)
	}
	prefix, delim := q.Get("prefix"), q.Get("delimiter")
	var after, resume string // after: skip keys <= it; resume: also skip the group it names
	out := listBucketResult{Name: rq.bucket, MaxKeys: maxKeys, EncodingType: enc}
	if v2 {
		after = q.Get("start-after")
		if tok := q.Get("continuation-token"); tok != "" {
			raw, err := base64.RawURLEncoding.DecodeString(tok)
			if err != nil {
				return errorf("InvalidArgument", "The continuation token provided is incorrect.").
					with("ArgumentName", "continuation-token")
			}
			after, resume = max(after, string(raw)), string(raw)
			out.ContinuationToken = ptr(encodeName(tok, enc))
		}
		if sa := q.Get("start-after"); sa != "" {
			out.StartAfter = ptr(encodeName(sa, enc))
		}
	} else {
		after = q.Get("marker")
		resume = after
		out.Marker = ptr(encodeName(after, enc))
	}
	objs, e := s.st.sortedObjects(rq.bucket)
	if e != nil {
		return e
	}
	fetchOwner := !v2 || q.Get("fetch-owner") == "true"
	page := pageOf(objs, listWindow{prefix: prefix, delim: delim, after: after, resume: resume, max: maxKeys})
	out.IsTruncated = page.truncated
	last, count := page.last, len(page.objects)+len(page.prefixes)
	for _, p := range page.prefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, commonPrefix{Prefix: encodeName(p, enc)})
	}
	for _, m := range page.objects {
		entry := listEntry{
			Key: encodeName(m.Key, enc), LastModified: isoTime(m.LastModified), ETag: m.ETag,
			Type: m.Type, Size: m.Size, StorageClass: m.StorageClass,
		}
		if fetchOwner {
			o := s.owner()
			entry.Owner = &o
		}
		out.Contents = append(out.Contents, entry)
	}
	out.Prefix, out.Delimiter = encodeName(prefix, enc), encodeName(delim, enc)
	if out.IsTruncated {
		if v2 {
			out.NextContinuationToken = encodeName(base64.RawURLEncoding.EncodeToString([]byte(last)), enc)
		} else {
			out.NextMarker = encodeName(last, enc)
		}
	}
	if v2 {
		out.KeyCount = &count
	}
	return writeXML(rq, http.StatusOK, out)
}

// listWindow selects one page of a listing.
type listWindow struct {
	prefix, delim string
	after         string // skip keys <= after
	resume        string // skip the group (key or common prefix) named by the last page
	max           int    // objects and common prefixes together
}

type listPage struct {
	objects   []objectMeta
	prefixes  []string
	truncated bool
	last      string // the last key or common prefix on the page
}

// pageOf walks byte-ordered objs and returns the page w selects: keys with
// the prefix, grouped into common prefixes at the first delimiter after it.
func pageOf(objs []objectMeta, w listWindow) listPage {
	var p listPage
	for _, m := range objs {
		if !strings.HasPrefix(m.Key, w.prefix) || m.Key <= w.after {
			continue
		}
		group := m.Key
		if w.delim != "" {
			if i := strings.Index(m.Key[len(w.prefix):], w.delim); i >= 0 {
				group = m.Key[:len(w.prefix)+i+len(w.delim)]
			}
		}
		if group == p.last || (w.resume != "" && group == w.resume) {
			continue
		}
		if len(p.objects)+len(p.prefixes) == w.max {
			p.truncated = true
			break
		}
		p.last = group
		if group != m.Key {
			p.prefixes = append(p.prefixes, group)
		} else {
			p.objects = append(p.objects, m)
		}
	}
	return p
}

// encodeName applies encoding-type=url. Spaces become %20, not '+', so both
// url.QueryUnescape (the Go SDK) and decodeURIComponent (browsers, ali-oss)
// read the name back unchanged; a literal '+' is %2B either way.
func encodeName(s, enc string) string {
	if enc == "url" {
		return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	}
	return s
}

func ptr[T any](v T) *T { return &v }
