package cloud

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// ossAdmin makes admin calls to the OSS emulator in process, signed with
// the local root key exactly as an SDK would sign them over the network,
// so the emulator checks them like any client's.
type ossAdmin struct {
	oss    *ossemu.Server
	base   string // http://host:port, the emulator's address
	creds  signer.Credentials
	region string
	now    func() time.Time
}

// call sends one signed path-style request and returns the recorded answer.
func (a ossAdmin) call(method, bucket, key, query string, body []byte) (*httptest.ResponseRecorder, error) {
	target := a.base + "/" + bucket + "/" + key
	if query != "" {
		target += "?" + query
	}
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	if len(body) > 0 {
		r.Header.Set("Content-Type", "application/xml")
	}
	if err := signer.SignRequest(r, bucket, key, a.creds, a.region, a.now(), nil); err != nil {
		return nil, fmt.Errorf("sign %s /%s/%s: %w", method, bucket, key, err)
	}
	rec := httptest.NewRecorder()
	a.oss.ServeHTTP(rec, r)
	return rec, nil
}

// ensureBucket creates bucket unless it exists (a restart over the same
// data directory), then sets a CORS rule letting origins upload from a
// browser and read the ETag of what they uploaded.
func (a ossAdmin) ensureBucket(bucket string, origins []string) error {
	if err := a.oss.CreateBucket(bucket, ""); err != nil && ossemu.ErrorCode(err) != "BucketAlreadyExists" {
		return err
	}
	type rule struct {
		Origins []string `xml:"AllowedOrigin"`
		Methods []string `xml:"AllowedMethod"`
		Headers []string `xml:"AllowedHeader"`
		Expose  []string `xml:"ExposeHeader"`
		MaxAge  int      `xml:"MaxAgeSeconds"`
	}
	doc := struct {
		XMLName xml.Name `xml:"CORSConfiguration"`
		Rule    rule     `xml:"CORSRule"`
	}{Rule: rule{Origins: origins, Methods: []string{"GET", "PUT", "POST", "HEAD"}, Headers: []string{"*"},
		Expose: []string{"ETag", "x-oss-request-id", "x-oss-version-id"}, MaxAge: 600}}
	body, err := xml.Marshal(doc)
	if err != nil {
		return fmt.Errorf("cors for %s: %w", bucket, err)
	}
	rec, err := a.call(http.MethodPut, bucket, "", "cors", body)
	if err != nil {
		return err
	}
	if rec.Code != http.StatusOK {
		return fmt.Errorf("put cors on %s: status = %d: %s", bucket, rec.Code, errorCode(rec.Body.Bytes()))
	}
	return nil
}

// latestKey returns the greatest key under prefix ending in suffix, ""
// when there is none. Report keys are dated YYYY-MM-DD, so the greatest is
// the latest.
func (a ossAdmin) latestKey(bucket, prefix, suffix string) (string, error) {
	var latest, token string
	for {
		q := url.Values{"list-type": {"2"}, "prefix": {prefix}, "max-keys": {"1000"}}
		if token != "" {
			q.Set("continuation-token", token)
		}
		rec, err := a.call(http.MethodGet, bucket, "", q.Encode(), nil)
		if err != nil {
			return "", err
		}
		if rec.Code != http.StatusOK {
			return "", fmt.Errorf("list %s/%s: status = %d: %s", bucket, prefix, rec.Code, errorCode(rec.Body.Bytes()))
		}
		var page struct {
			Contents []struct{ Key string }
			Next     string `xml:"NextContinuationToken"`
			More     bool   `xml:"IsTruncated"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			return "", fmt.Errorf("list %s/%s: %w", bucket, prefix, err)
		}
		for _, c := range page.Contents {
			if k, err := url.QueryUnescape(c.Key); err == nil && strings.HasSuffix(k, suffix) && k > latest {
				latest = k
			}
		}
		if !page.More || page.Next == "" {
			return latest, nil
		}
		token = page.Next
	}
}

// presignGet returns a V4 presigned GET URL for bucket/key valid for ttl.
func (a ossAdmin) presignGet(bucket, key string, ttl time.Duration) (string, error) {
	r, err := http.NewRequest(http.MethodGet, a.base+"/"+bucket+"/"+key, nil)
	if err != nil {
		return "", fmt.Errorf("presign %s/%s: %w", bucket, key, err)
	}
	return signer.PresignURL(r, bucket, key, a.creds, a.region, a.now(), ttl, nil)
}

// errorCode pulls <Code> out of an OSS XML error body, "" if there is none.
func errorCode(body []byte) string {
	var e struct{ Code string }
	_ = xml.Unmarshal(body, &e)
	return e.Code
}
