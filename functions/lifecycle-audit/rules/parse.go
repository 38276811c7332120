package rules

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// MaxRules is the most rules OSS accepts in one configuration (error
// 0014-00000014, https://help.aliyun.com/en/oss/user-guide/0014-00000014).
const MaxRules = 1000

// xmlRule is the wire shape of <Rule> (PutBucketLifecycle reference).
type xmlRule struct {
	ID     string   `xml:"ID"`
	Prefix *string  `xml:"Prefix"`
	Status string   `xml:"Status"`
	Tags   []xmlTag `xml:"Tag"`
	Filter *struct {
		Not []struct {
			Prefix string  `xml:"Prefix"`
			Tag    *xmlTag `xml:"Tag"`
		} `xml:"Not"`
		Greater *int64 `xml:"ObjectSizeGreaterThan"`
		Less    *int64 `xml:"ObjectSizeLessThan"`
	} `xml:"Filter"`
	Expiration *struct {
		Days              int    `xml:"Days"`
		CreatedBeforeDate string `xml:"CreatedBeforeDate"`
		Date              string `xml:"Date"`
		ExpiredMarker     bool   `xml:"ExpiredObjectDeleteMarker"`
	} `xml:"Expiration"`
	Transitions []xmlTransition `xml:"Transition"`
	Abort       *struct {
		Days              int    `xml:"Days"`
		CreatedBeforeDate string `xml:"CreatedBeforeDate"`
	} `xml:"AbortMultipartUpload"`
	NoncurrentExpiration *struct {
		Days int `xml:"NoncurrentDays"`
	} `xml:"NoncurrentVersionExpiration"`
	NoncurrentTransitions []xmlTransition `xml:"NoncurrentVersionTransition"`
	AtimeBase             int64           `xml:"AtimeBase"`
}

type xmlTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type xmlTransition struct {
	Days              int    `xml:"Days"`
	NoncurrentDays    int    `xml:"NoncurrentDays"`
	CreatedBeforeDate string `xml:"CreatedBeforeDate"`
	StorageClass      string `xml:"StorageClass"`
	IsAccessTime      bool   `xml:"IsAccessTime"`
	ReturnToStd       bool   `xml:"ReturnToStdWhenVisit"`
	AllowSmallFile    *bool  `xml:"AllowSmallFile"`
}

// ParseXML decodes a <LifecycleConfiguration> document, as GetBucketLifecycle
// returns it or a user would apply it, into rules. Malformed XML, more than
// MaxRules rules, a rule without its mandatory <Prefix> element, an unknown
// Status or storage class, or a date not in the OSS form
// (2006-01-02T00:00:00.000Z) return an *osskit.Error of kind
// ErrInvalidArgument naming the rule.
func ParseXML(data []byte) ([]osskit.LifecycleRule, error) {
	var doc struct {
		XMLName xml.Name  `xml:"LifecycleConfiguration"`
		Rules   []xmlRule `xml:"Rule"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, invalid("decode lifecycle XML: %v", err)
	}
	if len(doc.Rules) > MaxRules {
		return nil, invalid("%d rules; OSS accepts at most %d", len(doc.Rules), MaxRules)
	}
	out := make([]osskit.LifecycleRule, 0, len(doc.Rules))
	for i, x := range doc.Rules {
		r, err := fromXML(x)
		if err != nil {
			return nil, invalid("rule %d (%q): %v", i+1, x.ID, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func fromXML(x xmlRule) (osskit.LifecycleRule, error) {
	var perr error
	date := func(s string) time.Time {
		if s == "" || perr != nil {
			return time.Time{}
		}
		t, err := time.Parse("2006-01-02T15:04:05.000Z", strings.TrimSpace(s))
		if err != nil {
			perr = fmt.Errorf("date %q: want yyyy-MM-ddT00:00:00.000Z", s)
		}
		return t
	}
	class := func(s string) osskit.StorageClass {
		c, err := osskit.ParseStorageClass(s)
		if err != nil && perr == nil {
			perr = fmt.Errorf("storage class %q: want IA, Archive, ColdArchive or DeepColdArchive", s)
		}
		return c
	}
	if x.Prefix == nil {
		return osskit.LifecycleRule{}, fmt.Errorf("missing <Prefix> (mandatory; empty means the whole bucket)")
	}
	r := osskit.LifecycleRule{ID: x.ID, Status: osskit.RuleStatus(x.Status), Prefix: *x.Prefix}
	if r.Status != osskit.RuleEnabled && r.Status != osskit.RuleDisabled {
		return r, fmt.Errorf("status %q: want Enabled or Disabled", x.Status)
	}
	for _, t := range x.Tags {
		r.Tags = append(r.Tags, osskit.Tag(t))
	}
	if f := x.Filter; f != nil {
		for _, n := range f.Not {
			not := osskit.RuleNot{Prefix: n.Prefix}
			if n.Tag != nil {
				not.Tag = &osskit.Tag{Key: n.Tag.Key, Value: n.Tag.Value}
			}
			r.Not = append(r.Not, not)
		}
		r.ObjectSizeGreaterThan, r.ObjectSizeLessThan = f.Greater, f.Less
	}
	if e := x.Expiration; e != nil {
		cbd := e.CreatedBeforeDate
		if cbd == "" {
			cbd = e.Date // deprecated spelling
		}
		r.Expiration = &osskit.Expiration{Days: e.Days, CreatedBeforeDate: date(cbd), ExpiredObjectDeleteMarker: e.ExpiredMarker}
	}
	for _, t := range x.Transitions {
		r.Transitions = append(r.Transitions, osskit.Transition{Days: t.Days, CreatedBeforeDate: date(t.CreatedBeforeDate),
			StorageClass: class(t.StorageClass), IsAccessTime: t.IsAccessTime, ReturnToStdWhenVisit: t.ReturnToStd, AllowSmallFile: t.AllowSmallFile})
	}
	if a := x.Abort; a != nil {
		r.AbortMultipartUpload = &osskit.AbortMultipartUpload{Days: a.Days, CreatedBeforeDate: date(a.CreatedBeforeDate)}
	}
	if n := x.NoncurrentExpiration; n != nil {
		r.NoncurrentVersionExpiration = &osskit.NoncurrentVersionExpiration{NoncurrentDays: n.Days}
	}
	for _, t := range x.NoncurrentTransitions {
		r.NoncurrentVersionTransitions = append(r.NoncurrentVersionTransitions, osskit.NoncurrentVersionTransition{
			NoncurrentDays: t.NoncurrentDays, StorageClass: class(t.StorageClass), IsAccessTime: t.IsAccessTime,
			ReturnToStdWhenVisit: t.ReturnToStd, AllowSmallFile: t.AllowSmallFile})
	}
	if x.AtimeBase > 0 {
		r.AtimeBase = time.Unix(x.AtimeBase, 0).UTC()
	}
	return r, perr
}

func invalid(format string, args ...any) error {
	return &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ParseLifecycle", Err: fmt.Errorf(format, args...)}
}
