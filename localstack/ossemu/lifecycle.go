package ossemu

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// maxLifecycleRules is OSS's per-bucket limit (EC 0014-00000014).
const maxLifecycleRules = 1000

type lifecycleConfig struct {
	XMLName xml.Name        `xml:"LifecycleConfiguration"`
	Rules   []lifecycleRule `xml:"Rule"`
}

// lifecycleRule holds what the emulator validates; Inner keeps the rule's
// XML verbatim so GetBucketLifecycle returns every element the client set.
type lifecycleRule struct {
	ID         []string `xml:"ID"`
	Prefix     []string `xml:"Prefix"`
	Status     string   `xml:"Status"`
	Expiration *struct {
		Days              string `xml:"Days"`
		CreatedBeforeDate string `xml:"CreatedBeforeDate"`
	} `xml:"Expiration"`
	Transitions []struct {
		Days              string `xml:"Days"`
		CreatedBeforeDate string `xml:"CreatedBeforeDate"`
		StorageClass      string `xml:"StorageClass"`
		IsAccessTime      string `xml:"IsAccessTime"`
	} `xml:"Transition"`
	Abort       *struct{}  `xml:"AbortMultipartUpload"`
	Noncurrent  *struct{}  `xml:"NoncurrentVersionExpiration"`
	NoncurrentT []struct{} `xml:"NoncurrentVersionTransition"`
	Filter      *struct {
		Nots []struct {
			Prefix string `xml:"Prefix"`
		} `xml:"Not"`
		Greater *int64 `xml:"ObjectSizeGreaterThan"`
		Less    *int64 `xml:"ObjectSizeLessThan"`
	} `xml:"Filter"`
	Inner string `xml:",innerxml"`
}

func errLifecycle(ec, msg string) *apiError {
	e := errorf("InvalidArgument", msg)
	e.EC = ec
	return e
}

// validateRule applies the per-rule limits OSS documents (EC pages cited in
// the lifecycle-audit reference, §1.2).
func validateRule(r lifecycleRule) *apiError {
	switch {
	case len(r.Prefix) == 0:
		return errLifecycle("0014-00000021", "Every lifecycle rule needs a Prefix element (empty for the whole bucket).")
	case len(r.Prefix) > 1:
		return errLifecycle("0014-00000010", "A lifecycle rule may have only one Prefix.")
	case len(r.Prefix[0]) > 1023:
		return errorf("InvalidArgument", "A lifecycle rule's Prefix is longer than 1023 characters.")
	case len(r.ID) > 1 || len(r.ID) == 1 && len(r.ID[0]) > 255:
		return errorf("InvalidArgument", "A lifecycle rule's ID must be a single value of at most 255 bytes.")
	case r.Status != "Enabled" && r.Status != "Disabled":
		return errorf("InvalidArgument", "A lifecycle rule's Status must be Enabled or Disabled.")
	case r.Expiration == nil && len(r.Transitions) == 0 && r.Abort == nil && r.Noncurrent == nil && len(r.NoncurrentT) == 0:
		return errorf("InvalidArgument", "A lifecycle rule must specify at least one action.")
	}
	if x := r.Expiration; x != nil && x.Days != "" && x.CreatedBeforeDate != "" {
		return errorf("InvalidArgument", "Days and createBeforeDate can only choose one")
	}
	for _, t := range r.Transitions {
		if (t.Days == "") == (t.CreatedBeforeDate == "") {
			return errorf("InvalidArgument", "A Transition needs exactly one of Days and CreatedBeforeDate.")
		}
		if t.IsAccessTime == "true" && t.CreatedBeforeDate != "" {
			return errLifecycle("0014-00000047", "A last-access-time Transition cannot use CreatedBeforeDate.")
		}
		if !storageClasses[t.StorageClass] || t.StorageClass == "Standard" {
			return errorf("InvalidArgument", "A Transition's StorageClass must be IA, Archive, ColdArchive or DeepColdArchive.")
		}
	}
	if f := r.Filter; f != nil {
		for _, n := range f.Nots {
			if n.Prefix == "" || !strings.HasPrefix(n.Prefix, r.Prefix[0]) {
				return errLifecycle("0014-00000035", "Filter/Not/Prefix must start with the rule's Prefix and must not be empty.")
			}
		}
		if f.Greater != nil && f.Less != nil && *f.Greater >= *f.Less {
			return errLifecycle("0014-00000041", "ObjectSizeGreaterThan must be less than ObjectSizeLessThan.")
		}
	}
	return nil
}

// validateOverlaps applies the cross-rule limits: no two rules on the same
// prefix; overlapping prefixes may not share an expiration-type action
// (unless allowOverlap) nor transition to the same storage class.
func validateOverlaps(rules []lifecycleRule, allowOverlap bool) *apiError {
	for i, a := range rules {
		for _, b := range rules[i+1:] {
			pa, pb := a.Prefix[0], b.Prefix[0]
			if pa == pb {
				return errLifecycle("0014-00000085", "Two lifecycle rules have the same prefix "+quoteName(pa)+".")
			}
			if !strings.HasPrefix(pa, pb) && !strings.HasPrefix(pb, pa) {
				continue
			}
			same := a.Expiration != nil && b.Expiration != nil || a.Abort != nil && b.Abort != nil ||
				a.Noncurrent != nil && b.Noncurrent != nil
			if same && !allowOverlap {
				return errLifecycle("0014-00000084", "Overlap for same action type.")
			}
			for _, ta := range a.Transitions {
				for _, tb := range b.Transitions {
					if ta.StorageClass == tb.StorageClass {
						return errLifecycle("0014-00000079", "Rules with overlapping prefixes transition to the same storage class "+ta.StorageClass+".")
					}
				}
			}
		}
	}
	return nil
}

func quoteName(s string) string { return `"` + s + `"` }

// putLifecycle is OSS PutBucketLifecycle: overwrite semantics; a rule
// without an ID gets one, as OSS generates.
func (s *Server) putLifecycle(rq *request) *apiError {
	var cfg lifecycleConfig
	if e := readXML(rq.r, &cfg, false); e != nil {
		return e
	}
	if len(cfg.Rules) == 0 {
		return errorf("MalformedXML", "The lifecycle configuration has no rules.")
	}
	if len(cfg.Rules) > maxLifecycleRules {
		return errLifecycle("0014-00000014", "One bucket not allow exceed one thousand items of LifecycleRules.")
	}
	ids := map[string]bool{}
	var out strings.Builder
	out.WriteString("<LifecycleConfiguration>")
	for _, r := range cfg.Rules {
		if e := validateRule(r); e != nil {
			return e
		}
		out.WriteString("<Rule>")
		if len(r.ID) == 0 {
			r.ID = []string{strings.ToLower(newRef())}
			out.WriteString("<ID>" + r.ID[0] + "</ID>")
		}
		if ids[r.ID[0]] {
			return errorf("InvalidArgument", "Two lifecycle rules have the same ID.")
		}
		ids[r.ID[0]] = true
		out.WriteString(r.Inner + "</Rule>")
	}
	out.WriteString("</LifecycleConfiguration>")
	allow := strings.EqualFold(rq.r.Header.Get("x-oss-allow-same-action-overlap"), "true")
	if e := validateOverlaps(cfg.Rules, allow); e != nil {
		return e
	}
	if e := s.st.updateBucket(rq.bucket, func(b *bucketMeta) { b.Lifecycle = out.String() }); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) getLifecycle(rq *request, b bucketMeta) *apiError {
	if b.Lifecycle == "" {
		return errorf("NoSuchLifecycle", "No Row found in Lifecycle Table.").with("BucketName", b.Name)
	}
	body := []byte(xml.Header + b.Lifecycle)
	h := rq.w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", itoa(int64(len(body))))
	rq.w.WriteHeader(http.StatusOK)
	_, _ = rq.w.Write(body)
	return nil
}

func (s *Server) deleteLifecycle(rq *request) *apiError {
	if e := s.st.updateBucket(rq.bucket, func(b *bucketMeta) { b.Lifecycle = "" }); e != nil {
		return e
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}
