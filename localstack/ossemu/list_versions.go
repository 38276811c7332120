package ossemu

import (
	"encoding/xml"
	"net/http"
	"strings"
)

type listVersionsResult struct {
	XMLName             xml.Name       `xml:"ListVersionsResult"`
	Name                string         `xml:"Name"`
	Prefix              string         `xml:"Prefix"`
	KeyMarker           string         `xml:"KeyMarker"`
	VersionIDMarker     string         `xml:"VersionIdMarker"`
	NextKeyMarker       string         `xml:"NextKeyMarker,omitempty"`
	NextVersionIDMarker string         `xml:"NextVersionIdMarker,omitempty"`
	MaxKeys             int            `xml:"MaxKeys"`
	Delimiter           string         `xml:"Delimiter"`
	EncodingType        string         `xml:"EncodingType,omitempty"`
	IsTruncated         bool           `xml:"IsTruncated"`
	Versions            []versionEntry `xml:"Version"`
	DeleteMarkers       []markerEntry  `xml:"DeleteMarker"`
	CommonPrefixes      []commonPrefix `xml:"CommonPrefixes"`
}

type versionEntry struct {
	Key          string `xml:"Key"`
	VersionID    string `xml:"VersionId"`
	IsLatest     bool   `xml:"IsLatest"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Type         string `xml:"Type"`
	Size         int64  `xml:"Size"`
	StorageClass string `xml:"StorageClass"`
	Owner        owner  `xml:"Owner"`
}

type markerEntry struct {
	Key          string `xml:"Key"`
	VersionID    string `xml:"VersionId"`
	IsLatest     bool   `xml:"IsLatest"`
	LastModified string `xml:"LastModified"`
	Owner        owner  `xml:"Owner"`
}

// listVersions is OSS ListObjectVersions: every version and delete marker,
// keys in byte order and each key's versions newest first. A key written
// before versioning was enabled shows its object as version "null". Paging
// resumes after (key-marker, version-id-marker); with a delimiter, keys
// sharing a prefix up to it are one CommonPrefixes entry. Each version,
// marker and prefix counts toward max-keys.
func (s *Server) listVersions(rq *request) *apiError {
	q := rq.r.URL.Query()
	maxKeys, e := intParam(rq, "max-keys", 100, 1, 1000)
	if e != nil {
		return e
	}
	enc := q.Get("encoding-type")
	if enc != "" && enc != "url" {
		return errorf("InvalidArgument", "The encoding type must be url.").
			with("ArgumentName", "encoding-type").with("ArgumentValue", enc)
	}
	rows, e := s.st.sortedVersions(rq.bucket)
	if e != nil {
		return e
	}
	prefix, delim := q.Get("prefix"), q.Get("delimiter")
	keyMarker, idMarker := q.Get("key-marker"), q.Get("version-id-marker")
	out := listVersionsResult{
		Name: rq.bucket, Prefix: encodeName(prefix, enc), KeyMarker: encodeName(keyMarker, enc),
		VersionIDMarker: idMarker, MaxKeys: maxKeys, Delimiter: encodeName(delim, enc), EncodingType: enc,
	}
	skipping := idMarker != "" // inside key-marker's versions, up to idMarker
	lastPrefix, n := "", 0
	for _, v := range rows {
		if !strings.HasPrefix(v.Key, prefix) || v.Key < keyMarker || (v.Key == keyMarker && idMarker == "") {
			continue
		}
		if v.Key == keyMarker && skipping {
			if v.VersionID == idMarker {
				skipping = false
			}
			continue
		}
		cp := ""
		if delim != "" {
			if i := strings.Index(v.Key[len(prefix):], delim); i >= 0 {
				cp = v.Key[:len(prefix)+i+len(delim)]
			}
		}
		if cp != "" && (cp == lastPrefix || cp == keyMarker) {
			continue
		}
		if n == maxKeys {
			out.IsTruncated = true
			break
		}
		n++
		if cp != "" {
			lastPrefix = cp
			out.CommonPrefixes = append(out.CommonPrefixes, commonPrefix{Prefix: encodeName(cp, enc)})
			out.NextKeyMarker, out.NextVersionIDMarker = cp, ""
			continue
		}
		out.NextKeyMarker, out.NextVersionIDMarker = v.Key, v.VersionID
		if v.VersionID == "" {
			out.NextVersionIDMarker = nullVersion
		}
		s.appendVersion(&out, v, enc)
	}
	if !out.IsTruncated {
		out.NextKeyMarker, out.NextVersionIDMarker = "", ""
	} else {
		out.NextKeyMarker = encodeName(out.NextKeyMarker, enc)
	}
	return writeXML(rq, http.StatusOK, out)
}

func (s *Server) appendVersion(out *listVersionsResult, v versionRow, enc string) {
	id := v.VersionID
	if id == "" {
		id = nullVersion
	}
	if v.DeleteMarker {
		out.DeleteMarkers = append(out.DeleteMarkers, markerEntry{
			Key: encodeName(v.Key, enc), VersionID: id, IsLatest: v.latest, LastModified: isoTime(v.LastModified), Owner: s.owner(),
		})
		return
	}
	out.Versions = append(out.Versions, versionEntry{
		Key: encodeName(v.Key, enc), VersionID: id, IsLatest: v.latest, LastModified: isoTime(v.LastModified),
		ETag: v.ETag, Type: v.Type, Size: v.Size, StorageClass: v.StorageClass, Owner: s.owner(),
	})
}

// listInventory is OSS ListBucketInventory: the emulator keeps no
// inventory configurations, which OSS reports as NoSuchInventory.
func (s *Server) listInventory(rq *request) *apiError {
	return errorf("NoSuchInventory", "The specified inventory configuration does not exist.").with("BucketName", rq.bucket)
}
