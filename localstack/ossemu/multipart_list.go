package ossemu

import (
	"encoding/xml"
	"maps"
	"net/http"
	"slices"
	"strconv"
)

type listPartsResult struct {
	XMLName              xml.Name    `xml:"ListPartsResult"`
	EncodingType         string      `xml:"EncodingType,omitempty"`
	Bucket               string      `xml:"Bucket"`
	Key                  string      `xml:"Key"`
	UploadID             string      `xml:"UploadId"`
	PartNumberMarker     int         `xml:"PartNumberMarker"`
	NextPartNumberMarker int         `xml:"NextPartNumberMarker"`
	MaxParts             int         `xml:"MaxParts"`
	IsTruncated          bool        `xml:"IsTruncated"`
	StorageClass         string      `xml:"StorageClass"`
	Parts                []partEntry `xml:"Part"`
}

type partEntry struct {
	PartNumber   int    `xml:"PartNumber"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	HashCRC64    string `xml:"HashCrc64ecma"`
	Size         int64  `xml:"Size"`
}

// intParam reads an optional integer query parameter within [lo, hi].
func intParam(rq *request, name string, def, lo, hi int) (int, *apiError) {
	v := rq.r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errorf("InvalidArgument", name+" must be an integer from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi)+".").
			with("ArgumentName", name).with("ArgumentValue", v)
	}
	return n, nil
}

// listParts is OSS ListParts, paged by part-number-marker and max-parts.
func (s *Server) listParts(rq *request) *apiError {
	q := rq.r.URL.Query()
	u, e := s.st.uploadSnapshot(rq.bucket, rq.key, q.Get("uploadId"))
	if e != nil {
		return e
	}
	maxParts, e := intParam(rq, "max-parts", 1000, 1, 1000)
	if e != nil {
		return e
	}
	marker, e := intParam(rq, "part-number-marker", 0, 0, maxPartNumber)
	if e != nil {
		return e
	}
	enc := q.Get("encoding-type")
	out := listPartsResult{
		EncodingType: enc, Bucket: rq.bucket, Key: encodeName(rq.key, enc), UploadID: u.ID,
		PartNumberMarker: marker, MaxParts: maxParts, StorageClass: u.Template.StorageClass,
	}
	for _, n := range slices.Sorted(maps.Keys(u.Parts)) {
		if n <= marker {
			continue
		}
		if len(out.Parts) == maxParts {
			out.IsTruncated = true
			break
		}
		p := u.Parts[n]
		out.Parts = append(out.Parts, partEntry{
			PartNumber: n, LastModified: isoTime(p.LastModified), ETag: p.ETag,
			HashCRC64: strconv.FormatUint(p.CRC64, 10), Size: p.Size,
		})
		out.NextPartNumberMarker = n
	}
	return writeXML(rq, http.StatusOK, out)
}

type listUploadsResult struct {
	XMLName            xml.Name      `xml:"ListMultipartUploadsResult"`
	EncodingType       string        `xml:"EncodingType,omitempty"`
	Bucket             string        `xml:"Bucket"`
	KeyMarker          string        `xml:"KeyMarker"`
	UploadIDMarker     string        `xml:"UploadIdMarker"`
	NextKeyMarker      string        `xml:"NextKeyMarker"`
	NextUploadIDMarker string        `xml:"NextUploadIdMarker"`
	Prefix             string        `xml:"Prefix"`
	MaxUploads         int           `xml:"MaxUploads"`
	IsTruncated        bool          `xml:"IsTruncated"`
	Uploads            []uploadEntry `xml:"Upload"`
}

type uploadEntry struct {
	Key       string `xml:"Key"`
	UploadID  string `xml:"UploadId"`
	Initiated string `xml:"Initiated"`
}

// listUploads is OSS ListMultipartUploads with prefix, key-marker,
// upload-id-marker and max-uploads (no delimiter grouping).
func (s *Server) listUploads(rq *request) *apiError {
	q := rq.r.URL.Query()
	maxUploads, e := intParam(rq, "max-uploads", 1000, 1, 1000)
	if e != nil {
		return e
	}
	ups, e := s.st.listUploads(rq.bucket, q.Get("prefix"))
	if e != nil {
		return e
	}
	enc := q.Get("encoding-type")
	keyMarker, idMarker := q.Get("key-marker"), q.Get("upload-id-marker")
	out := listUploadsResult{
		EncodingType: enc, Bucket: rq.bucket, KeyMarker: encodeName(keyMarker, enc), UploadIDMarker: idMarker,
		Prefix: encodeName(q.Get("prefix"), enc), MaxUploads: maxUploads,
	}
	for _, u := range ups {
		if u.Key < keyMarker || (u.Key == keyMarker && (idMarker == "" || u.ID <= idMarker)) {
			continue
		}
		if len(out.Uploads) == maxUploads {
			out.IsTruncated = true
			break
		}
		out.Uploads = append(out.Uploads, uploadEntry{Key: encodeName(u.Key, enc), UploadID: u.ID, Initiated: isoTime(u.Initiated)})
		out.NextKeyMarker, out.NextUploadIDMarker = encodeName(u.Key, enc), u.ID
	}
	return writeXML(rq, http.StatusOK, out)
}
