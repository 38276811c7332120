package ossclient

import (
	"fmt"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// lifecycleRule converts the SDK's rule to the osskit model, field by field.
// A date it cannot read is an error: silently treating it as "unset" would
// make an audit misjudge the rule.
func lifecycleRule(r oss.LifecycleRule) (osskit.LifecycleRule, error) {
	var d dates
	ossDate := d.parse
	out := osskit.LifecycleRule{ID: str(r.ID), Status: osskit.RuleStatus(str(r.Status)), Prefix: str(r.Prefix)}
	for _, t := range r.Tags {
		out.Tags = append(out.Tags, osskit.Tag{Key: str(t.Key), Value: str(t.Value)})
	}
	if f := r.Filter; f != nil {
		for _, n := range f.Nots {
			not := osskit.RuleNot{Prefix: str(n.Prefix)}
			if n.Tag != nil {
				not.Tag = &osskit.Tag{Key: str(n.Tag.Key), Value: str(n.Tag.Value)}
			}
			out.Not = append(out.Not, not)
		}
		out.ObjectSizeGreaterThan, out.ObjectSizeLessThan = f.ObjectSizeGreaterThan, f.ObjectSizeLessThan
	}
	if e := r.Expiration; e != nil {
		out.Expiration = &osskit.Expiration{Days: days(e.Days), CreatedBeforeDate: ossDate(e.CreatedBeforeDate),
			ExpiredObjectDeleteMarker: deref(e.ExpiredObjectDeleteMarker)}
		if out.Expiration.CreatedBeforeDate.IsZero() {
			// Date is the deprecated spelling of CreatedBeforeDate.
			out.Expiration.CreatedBeforeDate = ossDate(e.Date)
		}
	}
	for _, t := range r.Transitions {
		out.Transitions = append(out.Transitions, osskit.Transition{
			Days: days(t.Days), CreatedBeforeDate: ossDate(t.CreatedBeforeDate), StorageClass: storageClass(string(t.StorageClass)),
			IsAccessTime: deref(t.IsAccessTime), ReturnToStdWhenVisit: deref(t.ReturnToStdWhenVisit), AllowSmallFile: t.AllowSmallFile,
		})
	}
	if a := r.AbortMultipartUpload; a != nil {
		out.AbortMultipartUpload = &osskit.AbortMultipartUpload{Days: days(a.Days), CreatedBeforeDate: ossDate(a.CreatedBeforeDate)}
	}
	if n := r.NoncurrentVersionExpiration; n != nil {
		out.NoncurrentVersionExpiration = &osskit.NoncurrentVersionExpiration{NoncurrentDays: days(n.NoncurrentDays)}
	}
	for _, t := range r.NoncurrentVersionTransitions {
		out.NoncurrentVersionTransitions = append(out.NoncurrentVersionTransitions, osskit.NoncurrentVersionTransition{
			NoncurrentDays: days(t.NoncurrentDays), StorageClass: storageClass(string(t.StorageClass)),
			IsAccessTime: deref(t.IsAccessTime), ReturnToStdWhenVisit: deref(t.ReturnToStdWhenVisit), AllowSmallFile: t.AllowSmallFile,
		})
	}
	if r.AtimeBase != nil {
		out.AtimeBase = time.Unix(*r.AtimeBase, 0).UTC()
	}
	if d.bad != "" {
		return osskit.LifecycleRule{}, fmt.Errorf("rule %q: unreadable date %q", out.ID, d.bad)
	}
	return out, nil
}

func days(p *int32) int { return int(deref(p)) }

// dates parses lifecycle dates, "2023-01-01T00:00:00.000Z" (ISO 8601 at
// midnight UTC per the PutBucketLifecycle reference), remembering the
// first value it could not read.
type dates struct{ bad string }

func (d *dates) parse(p *string) time.Time {
	if p == nil || *p == "" {
		return time.Time{}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.000Z", time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, *p); err == nil {
			return t.UTC()
		}
	}
	if d.bad == "" {
		d.bad = *p
	}
	return time.Time{}
}
