package ossemu

import (
	"encoding/xml"
	"net/http"
)

// minBilledSize is the 64 KB minimum OSS bills for every IA, Archive,
// Cold Archive and Deep Cold Archive object; GetBucketStat's *Storage
// fields are billed bytes, *RealStorage the bytes actually stored.
const minBilledSize = 64 << 10

type bucketStat struct {
	XMLName                     xml.Name `xml:"BucketStat"`
	Storage                     int64    `xml:"Storage"`
	ObjectCount                 int64    `xml:"ObjectCount"`
	MultipartUploadCount        int64    `xml:"MultipartUploadCount"`
	LiveChannelCount            int64    `xml:"LiveChannelCount"`
	LastModifiedTime            int64    `xml:"LastModifiedTime"`
	StandardStorage             int64    `xml:"StandardStorage"`
	StandardObjectCount         int64    `xml:"StandardObjectCount"`
	InfrequentAccessStorage     int64    `xml:"InfrequentAccessStorage"`
	InfrequentAccessRealStorage int64    `xml:"InfrequentAccessRealStorage"`
	InfrequentAccessObjectCount int64    `xml:"InfrequentAccessObjectCount"`
	ArchiveStorage              int64    `xml:"ArchiveStorage"`
	ArchiveRealStorage          int64    `xml:"ArchiveRealStorage"`
	ArchiveObjectCount          int64    `xml:"ArchiveObjectCount"`
	ColdArchiveStorage          int64    `xml:"ColdArchiveStorage"`
	ColdArchiveRealStorage      int64    `xml:"ColdArchiveRealStorage"`
	ColdArchiveObjectCount      int64    `xml:"ColdArchiveObjectCount"`
	DeepColdArchiveStorage      int64    `xml:"DeepColdArchiveStorage"`
	DeepColdArchiveRealStorage  int64    `xml:"DeepColdArchiveRealStorage"`
	DeepColdArchiveObjectCount  int64    `xml:"DeepColdArchiveObjectCount"`
	MultipartPartCount          int64    `xml:"MultipartPartCount"`
	DeleteMarkerCount           int64    `xml:"DeleteMarkerCount"`
}

// bucketStatOf is OSS GetBucketStat computed exactly from the index; real
// OSS lags by up to an hour, which tests do not want to imitate.
func (s *Server) bucketStatOf(rq *request) *apiError {
	objs, e := s.st.sortedObjects(rq.bucket)
	if e != nil {
		return e
	}
	ups, e := s.st.listUploads(rq.bucket, "")
	if e != nil {
		return e
	}
	var st bucketStat
	for _, m := range objs {
		billed := max(m.Size, minBilledSize)
		st.ObjectCount++
		st.Storage += m.Size
		st.LastModifiedTime = max(st.LastModifiedTime, m.LastModified.Unix())
		switch m.StorageClass {
		case "IA":
			st.InfrequentAccessObjectCount++
			st.InfrequentAccessStorage += billed
			st.InfrequentAccessRealStorage += m.Size
		case "Archive":
			st.ArchiveObjectCount++
			st.ArchiveStorage += billed
			st.ArchiveRealStorage += m.Size
		case "ColdArchive":
			st.ColdArchiveObjectCount++
			st.ColdArchiveStorage += billed
			st.ColdArchiveRealStorage += m.Size
		case "DeepColdArchive":
			st.DeepColdArchiveObjectCount++
			st.DeepColdArchiveStorage += billed
			st.DeepColdArchiveRealStorage += m.Size
		default:
			st.StandardObjectCount++
			st.StandardStorage += m.Size
		}
	}
	st.MultipartUploadCount = int64(len(ups))
	for _, u := range ups {
		snap, e := s.st.uploadSnapshot(rq.bucket, u.Key, u.ID)
		if e == nil {
			st.MultipartPartCount += int64(len(snap.Parts))
		}
	}
	return writeXML(rq, http.StatusOK, st)
}
