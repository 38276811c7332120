package template

import (
	"fmt"
	"slices"
	"strings"
)

// ossEvents are the OSS event names an fc3 oss trigger accepts
// (devsapp/fc3 src/interface/base.ts OSSEvents).
var ossEvents = []string{
	"oss:ObjectCreated:*", "oss:ObjectCreated:PutObject", "oss:ObjectCreated:PostObject",
	"oss:ObjectCreated:CompleteMultipartUpload", "oss:ObjectCreated:PutSymlink",
	"oss:ObjectCreated:CopyObject", "oss:ObjectCreated:InitiateMultipartUpload",
	"oss:ObjectCreated:UploadPart", "oss:ObjectCreated:UploadPartCopy", "oss:ObjectCreated:AppendObject",
	"oss:ObjectRemoved:DeleteObject", "oss:ObjectRemoved:DeleteObjects",
	"oss:ObjectRemoved:AbortMultipartUpload", "oss:ObjectModified:UpdateObjectMeta",
}

var httpMethods = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"}

// otherTriggers are valid fc3 trigger types the local cloud has no source for.
var otherTriggers = []string{"log", "eventbridge", "mns_topic", "cdn_events", "tablestore", "rabbitmq", "kafka"}

// trigger decodes and checks one trigger; ok is false when it is invalid
// or of a type not emulated.
func (l *loader) trigger(fn string, i int, rt rawTrigger, region string) (Trigger, bool) {
	where := fmt.Sprintf("%s: triggers[%d]", fn, i)
	if rt.TriggerName != "" {
		where = fmt.Sprintf("%s: trigger %s", fn, rt.TriggerName)
	}
	bad := func(format string, a ...any) (Trigger, bool) {
		l.fail(fmt.Errorf("%s: %s", where, fmt.Sprintf(format, a...)))
		return Trigger{}, false
	}
	if rt.TriggerName == "" {
		return bad("triggerName is required")
	}
	t := Trigger{Name: rt.TriggerName, Type: rt.TriggerType, Qualifier: rt.Qualifier}
	switch rt.TriggerType {
	case TriggerOSS:
		var c struct {
			Events []string `yaml:"events"`
			Filter struct {
				Key struct {
					Prefix *string `yaml:"prefix"`
					Suffix *string `yaml:"suffix"`
				} `yaml:"key"`
			} `yaml:"filter"`
		}
		if err := rt.TriggerConfig.Decode(&c); err != nil {
			return bad("triggerConfig: %v", err)
		}
		if len(c.Events) == 0 {
			return bad("triggerConfig.events: at least one OSS event is required")
		}
		for _, e := range c.Events {
			if !slices.Contains(ossEvents, e) {
				return bad("triggerConfig.events: %q is not an OSS event (e.g. oss:ObjectCreated:PutObject)", e)
			}
		}
		// The fc3 schema requires both keys, even when one is empty.
		if c.Filter.Key.Prefix == nil || c.Filter.Key.Suffix == nil {
			return bad("triggerConfig.filter.key: both prefix and suffix are required (use '' for none)")
		}
		bucket, err := bucketFromARN(rt.SourceArn, region)
		if err != nil {
			return bad("sourceArn: %v", err)
		}
		if rt.InvocationRole == "" {
			return bad("invocationRole is required for oss triggers")
		}
		t.OSS = &OSSTrigger{Events: c.Events, Prefix: *c.Filter.Key.Prefix, Suffix: *c.Filter.Key.Suffix,
			SourceARN: rt.SourceArn, Bucket: bucket, InvocationRole: rt.InvocationRole}
	case TriggerHTTP:
		var c struct {
			AuthType string   `yaml:"authType"`
			Methods  []string `yaml:"methods"`
		}
		if err := rt.TriggerConfig.Decode(&c); err != nil {
			return bad("triggerConfig: %v", err)
		}
		switch c.AuthType {
		case "anonymous":
		case "function", "jwt":
			l.warn(fn, "trigger "+t.Name, fmt.Sprintf("authType %s is not enforced locally; requests pass as anonymous", c.AuthType))
		default:
			return bad("triggerConfig.authType: %q; want anonymous, function or jwt", c.AuthType)
		}
		if len(c.Methods) == 0 {
			return bad("triggerConfig.methods: at least one method is required")
		}
		for _, m := range c.Methods {
			if !slices.Contains(httpMethods, m) {
				return bad("triggerConfig.methods: %q is not one of %s", m, strings.Join(httpMethods, ", "))
			}
		}
		t.HTTP = &HTTPTrigger{AuthType: c.AuthType, Methods: c.Methods}
	case TriggerTimer:
		var c struct {
			CronExpression string `yaml:"cronExpression"`
			Payload        string `yaml:"payload"`
			Enable         *bool  `yaml:"enable"`
		}
		if err := rt.TriggerConfig.Decode(&c); err != nil {
			return bad("triggerConfig: %v", err)
		}
		if _, err := ParseSchedule(c.CronExpression); err != nil {
			return bad("triggerConfig.cronExpression: %v", err)
		}
		t.Timer = &TimerTrigger{Cron: c.CronExpression, Payload: c.Payload, Enable: c.Enable == nil || *c.Enable}
	default:
		if slices.Contains(otherTriggers, rt.TriggerType) {
			l.warn(fn, "trigger "+t.Name, fmt.Sprintf("%s triggers have no local source; not emulated", rt.TriggerType))
			return Trigger{}, false
		}
		return bad("triggerType: %q; want oss, http, timer or another fc3 trigger type", rt.TriggerType)
	}
	return t, true
}

// bucketFromARN returns the bucket of acs:oss:<region>:<account>:<bucket>.
func bucketFromARN(arn, region string) (string, error) {
	parts := strings.Split(arn, ":")
	if len(parts) != 5 || parts[0] != "acs" || parts[1] != "oss" || parts[4] == "" {
		return "", fmt.Errorf("%q; want acs:oss:<region>:<accountId>:<bucket>", arn)
	}
	if region != "" && parts[2] != region {
		return "", fmt.Errorf("%q names region %s; the function is in %s", arn, parts[2], region)
	}
	return parts[4], nil
}
