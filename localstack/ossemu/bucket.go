package ossemu

import (
	"encoding/xml"
	"net/http"
	"strings"
)

type createBucketConfiguration struct {
	XMLName      xml.Name `xml:"CreateBucketConfiguration"`
	StorageClass string   `xml:"StorageClass"`
}

// putBucket is OSS PutBucket: x-oss-acl sets the ACL (default private), an
// optional CreateBucketConfiguration body the default storage class.
func (s *Server) putBucket(rq *request) *apiError {
	acl := rq.r.Header.Get("x-oss-acl")
	if acl == "" {
		acl = aclPrivate
	}
	if !validACL(acl) {
		return errorf("InvalidArgument", "no such bucket access control exists").
			with("ArgumentName", "x-oss-acl").with("ArgumentValue", acl)
	}
	var cfg createBucketConfiguration
	if e := readXML(rq.r, &cfg, true); e != nil {
		return e
	}
	class, e := storageClass(cfg.StorageClass, "Standard")
	if e != nil {
		return e
	}
	if e := s.st.createBucket(bucketMeta{Name: rq.bucket, ACL: acl, StorageClass: class, Created: rq.now}); e != nil {
		return e
	}
	rq.w.Header().Set("Location", "/"+rq.bucket)
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) deleteBucket(rq *request) *apiError {
	if e := s.st.deleteBucket(rq.bucket); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) putBucketACL(rq *request) *apiError {
	acl := rq.r.Header.Get("x-oss-acl")
	if !validACL(acl) {
		return errorf("InvalidArgument", "no such bucket access control exists").
			with("ArgumentName", "x-oss-acl").with("ArgumentValue", acl)
	}
	if e := s.st.updateBucket(rq.bucket, func(b *bucketMeta) { b.ACL = acl }); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

type accessControlPolicy struct {
	XMLName xml.Name `xml:"AccessControlPolicy"`
	Owner   owner    `xml:"Owner"`
	Grant   string   `xml:"AccessControlList>Grant"`
}

func (s *Server) getBucketACL(rq *request, b bucketMeta) *apiError {
	return writeXML(rq, http.StatusOK, accessControlPolicy{Owner: s.owner(), Grant: b.ACL})
}

func (s *Server) owner() owner { return owner{ID: s.cfg.AccountID, DisplayName: s.cfg.AccountID} }

type listAllMyBucketsResult struct {
	XMLName xml.Name        `xml:"ListAllMyBucketsResult"`
	Prefix  string          `xml:"Prefix,omitempty"`
	Owner   owner           `xml:"Owner"`
	Buckets []bucketSummary `xml:"Buckets>Bucket"`
}

type bucketSummary struct {
	CreationDate string `xml:"CreationDate"`
	Location     string `xml:"Location"`
	Name         string `xml:"Name"`
	Region       string `xml:"Region"`
	StorageClass string `xml:"StorageClass"`
}

// listBuckets is OSS ListBuckets (GetService), filtered by ?prefix.
func (s *Server) listBuckets(rq *request) *apiError {
	prefix := rq.r.URL.Query().Get("prefix")
	out := listAllMyBucketsResult{Prefix: prefix, Owner: s.owner(), Buckets: []bucketSummary{}}
	for _, b := range s.st.listBuckets() {
		if !strings.HasPrefix(b.Name, prefix) {
			continue
		}
		out.Buckets = append(out.Buckets, bucketSummary{
			CreationDate: isoTime(b.Created),
			Location:     "oss-" + s.cfg.Region,
			Name:         b.Name,
			Region:       s.cfg.Region,
			StorageClass: b.StorageClass,
		})
	}
	return writeXML(rq, http.StatusOK, out)
}
