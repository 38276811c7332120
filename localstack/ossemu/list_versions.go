package ossemu

import (
	"encoding/xml"
	"net/http"
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

// listVersions is OSS ListObjectVersions on a bucket that was never
// versioned: every object is its own only version, "null" and latest, and
// there are no delete markers. Paging is by key-marker as in ListObjects.
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
	objs, e := s.st.sortedObjects(rq.bucket)
	if e != nil {
		return e
	}
	prefix, delim, marker := q.Get("prefix"), q.Get("delimiter"), q.Get("key-marker")
	page := pageOf(objs, listWindow{prefix: prefix, delim: delim, after: marker, resume: marker, max: maxKeys})
	out := listVersionsResult{
		Name: rq.bucket, Prefix: encodeName(prefix, enc), KeyMarker: encodeName(marker, enc),
		VersionIDMarker: q.Get("version-id-marker"), MaxKeys: maxKeys, Delimiter: encodeName(delim, enc),
		EncodingType: enc, IsTruncated: page.truncated,
	}
	if page.truncated {
		out.NextKeyMarker, out.NextVersionIDMarker = encodeName(page.last, enc), "null"
	}
	for _, p := range page.prefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, commonPrefix{Prefix: encodeName(p, enc)})
	}
	for _, m := range page.objects {
		out.Versions = append(out.Versions, versionEntry{
			Key: encodeName(m.Key, enc), VersionID: "null", IsLatest: true, LastModified: isoTime(m.LastModified),
			ETag: m.ETag, Type: m.Type, Size: m.Size, StorageClass: m.StorageClass, Owner: s.owner(),
		})
	}
	return writeXML(rq, http.StatusOK, out)
}

// listInventory is OSS ListBucketInventory: the emulator keeps no
// inventory configurations, which OSS reports as NoSuchInventory.
func (s *Server) listInventory(rq *request) *apiError {
	return errorf("NoSuchInventory", "The specified inventory configuration does not exist.").with("BucketName", rq.bucket)
}
