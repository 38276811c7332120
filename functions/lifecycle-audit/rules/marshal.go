package rules

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// MarshalXML renders rules as a <LifecycleConfiguration> document that
// PutBucketLifecycle (or `ossutil lifecycle --method put`) accepts, and
// that ParseXML reads back unchanged. It fails only when rules hold more
// than MaxRules rules, with an *osskit.Error of kind ErrInvalidArgument.
func MarshalXML(rs []osskit.LifecycleRule) ([]byte, error) {
	if len(rs) > MaxRules {
		return nil, invalid("%d rules; OSS accepts at most %d", len(rs), MaxRules)
	}
	type doc struct {
		XMLName xml.Name  `xml:"LifecycleConfiguration"`
		Rules   []outRule `xml:"Rule"`
	}
	var d doc
	for _, r := range rs {
		d.Rules = append(d.Rules, toXML(r))
	}
	out, err := xml.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode lifecycle XML: %w", err)
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// outRule is xmlRule's output twin: absent elements stay absent, and
// Prefix is always written (it is mandatory). AtimeBase is response-only
// and never written.
type outRule struct {
	ID                    string          `xml:"ID,omitempty"`
	Prefix                string          `xml:"Prefix"`
	Status                string          `xml:"Status"`
	Tags                  []xmlTag        `xml:"Tag,omitempty"`
	Filter                *outFilter      `xml:"Filter,omitempty"`
	Expiration            *outExpiration  `xml:"Expiration,omitempty"`
	Transitions           []outTransition `xml:"Transition,omitempty"`
	Abort                 *outAbort       `xml:"AbortMultipartUpload,omitempty"`
	NoncurrentExpiration  *outNoncurrent  `xml:"NoncurrentVersionExpiration,omitempty"`
	NoncurrentTransitions []outTransition `xml:"NoncurrentVersionTransition,omitempty"`
}

type outFilter struct {
	Not     []outNot `xml:"Not,omitempty"`
	Greater *int64   `xml:"ObjectSizeGreaterThan,omitempty"`
	Less    *int64   `xml:"ObjectSizeLessThan,omitempty"`
}

type outNot struct {
	Prefix string  `xml:"Prefix"`
	Tag    *xmlTag `xml:"Tag,omitempty"`
}

type outExpiration struct {
	Days              int    `xml:"Days,omitempty"`
	CreatedBeforeDate string `xml:"CreatedBeforeDate,omitempty"`
	ExpiredMarker     bool   `xml:"ExpiredObjectDeleteMarker,omitempty"`
}

type outAbort struct {
	Days              int    `xml:"Days,omitempty"`
	CreatedBeforeDate string `xml:"CreatedBeforeDate,omitempty"`
}

type outNoncurrent struct {
	Days int `xml:"NoncurrentDays"`
}

type outTransition struct {
	Days              int    `xml:"Days,omitempty"`
	NoncurrentDays    int    `xml:"NoncurrentDays,omitempty"`
	CreatedBeforeDate string `xml:"CreatedBeforeDate,omitempty"`
	StorageClass      string `xml:"StorageClass"`
	IsAccessTime      bool   `xml:"IsAccessTime,omitempty"`
	ReturnToStd       bool   `xml:"ReturnToStdWhenVisit,omitempty"`
	AllowSmallFile    string `xml:"AllowSmallFile,omitempty"`
}

func ossDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// allowSmall writes AllowSmallFile only when set: absent means OSS's default.
func allowSmall(p *bool) string {
	if p == nil {
		return ""
	}
	return strconv.FormatBool(*p)
}

func toXML(r osskit.LifecycleRule) outRule {
	o := outRule{ID: r.ID, Prefix: r.Prefix, Status: string(r.Status)}
	for _, t := range r.Tags {
		o.Tags = append(o.Tags, xmlTag(t))
	}
	if len(r.Not) > 0 || r.ObjectSizeGreaterThan != nil || r.ObjectSizeLessThan != nil {
		o.Filter = &outFilter{Greater: r.ObjectSizeGreaterThan, Less: r.ObjectSizeLessThan}
		for _, n := range r.Not {
			x := outNot{Prefix: n.Prefix}
			if n.Tag != nil {
				x.Tag = &xmlTag{Key: n.Tag.Key, Value: n.Tag.Value}
			}
			o.Filter.Not = append(o.Filter.Not, x)
		}
	}
	if e := r.Expiration; e != nil {
		o.Expiration = &outExpiration{e.Days, ossDate(e.CreatedBeforeDate), e.ExpiredObjectDeleteMarker}
	}
	for _, t := range r.Transitions {
		o.Transitions = append(o.Transitions, outTransition{Days: t.Days, CreatedBeforeDate: ossDate(t.CreatedBeforeDate),
			StorageClass: string(t.StorageClass), IsAccessTime: t.IsAccessTime, ReturnToStd: t.ReturnToStdWhenVisit, AllowSmallFile: allowSmall(t.AllowSmallFile)})
	}
	if a := r.AbortMultipartUpload; a != nil {
		o.Abort = &outAbort{a.Days, ossDate(a.CreatedBeforeDate)}
	}
	if n := r.NoncurrentVersionExpiration; n != nil {
		o.NoncurrentExpiration = &outNoncurrent{n.NoncurrentDays}
	}
	for _, t := range r.NoncurrentVersionTransitions {
		o.NoncurrentTransitions = append(o.NoncurrentTransitions, outTransition{NoncurrentDays: t.NoncurrentDays, StorageClass: string(t.StorageClass),
			IsAccessTime: t.IsAccessTime, ReturnToStd: t.ReturnToStdWhenVisit, AllowSmallFile: allowSmall(t.AllowSmallFile)})
	}
	return o
}
