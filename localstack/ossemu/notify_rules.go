package ossemu

import (
	"errors"
	"fmt"
	"strings"
)

// NotificationRule is one bucket event notification, declared the way an
// FC OSS trigger declares it: the bucket, the event names, and a key
// prefix and suffix filter.
type NotificationRule struct {
	// ID names the rule; it is the event JSON's oss.ruleId and is handed
	// to the Sink. Required and unique.
	ID string
	// Bucket is the bucket whose objects the rule watches. Required.
	Bucket string
	// Events are FC trigger event names: "oss:ObjectCreated:PutObject",
	// or a group such as "oss:ObjectCreated:*". At least one.
	Events []string
	// Prefix and Suffix filter object keys; "" matches any.
	Prefix, Suffix string
	// Target is passed to the Sink unchanged, e.g. the function to invoke.
	Target string
}

// eventGroups are the first halves of the event names OSS triggers use.
var eventGroups = []string{"oss:ObjectCreated:", "oss:ObjectRemoved:", "oss:ObjectModified:"}

func validEventName(name string) bool {
	for _, g := range eventGroups {
		rest, ok := strings.CutPrefix(name, g)
		if !ok {
			continue
		}
		if rest == "*" {
			return true
		}
		for _, c := range rest {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
		return rest != ""
	}
	return false
}

// validateRules reports every problem with the rules, each naming its rule.
func validateRules(rules []NotificationRule, sink Sink) []error {
	var errs []error
	if f, ok := sink.(SinkFunc); ok && f == nil {
		sink = nil // a nil func in the interface would panic on first delivery
	}
	if len(rules) > 0 && sink == nil {
		errs = append(errs, errors.New("ossemu config: Sink: required when Notifications are set"))
	}
	seen := map[string]bool{}
	for i, r := range rules {
		name := fmt.Sprintf("ossemu config: Notifications[%d] (%q)", i, r.ID)
		if r.ID == "" {
			errs = append(errs, fmt.Errorf("%s: ID is required", name))
		} else if seen[r.ID] {
			errs = append(errs, fmt.Errorf("%s: ID is used twice", name))
		}
		seen[r.ID] = true
		if !validBucketName(r.Bucket) {
			errs = append(errs, fmt.Errorf("%s: Bucket %q is not a bucket name", name, r.Bucket))
		}
		if len(r.Events) == 0 {
			errs = append(errs, fmt.Errorf("%s: Events: at least one event name is required", name))
		}
		for _, ev := range r.Events {
			if !validEventName(ev) {
				errs = append(errs, fmt.Errorf("%s: Events: %q is not an OSS trigger event such as oss:ObjectCreated:PutObject", name, ev))
			}
		}
	}
	return errs
}

// matches reports whether the rule fires for ev, as FC decides for an OSS
// trigger: same bucket, key prefix and suffix, and a listed event name or
// its group.
func (r NotificationRule) matches(ev Event) bool {
	if r.Bucket != ev.Bucket || !strings.HasPrefix(ev.Key, r.Prefix) || !strings.HasSuffix(ev.Key, r.Suffix) {
		return false
	}
	name := "oss:" + ev.Name
	for _, want := range r.Events {
		if want == name {
			return true
		}
		if group, ok := strings.CutSuffix(want, "*"); ok && strings.HasPrefix(name, group) {
			return true
		}
	}
	return false
}
