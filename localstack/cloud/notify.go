package cloud

import (
	"context"
	"fmt"

	"github.com/ossflow/ossflow/localstack/fcemu"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/template"
)

// notificationRules turns every OSS trigger of an emulated function into
// an OSS emulator notification rule aimed at that function, as creating an
// OSS trigger on FC creates an event rule on the bucket.
func notificationRules(tpl *template.Template) []ossemu.NotificationRule {
	var rules []ossemu.NotificationRule
	for _, f := range tpl.Functions {
		if !f.Emulated {
			continue
		}
		for _, t := range f.Triggers {
			if t.OSS == nil {
				continue
			}
			rules = append(rules, ossemu.NotificationRule{ID: f.Resource + "/" + t.Name, Bucket: t.OSS.Bucket,
				Events: t.OSS.Events, Prefix: t.OSS.Prefix, Suffix: t.OSS.Suffix, Target: f.Resource})
		}
	}
	return rules
}

// fcSink hands each notification to the FC emulator as an asynchronous
// invocation of the rule's function. Until FC has accepted it the
// notification stays in the OSS emulator's durable queue, so an event
// raised while the local cloud stops is delivered after the next start.
type fcSink struct{ emu *fcemu.Emulator }

// Deliver queues the invocation; it fails while the emulator is closing
// or for a payload over FC's async limit, and the queue retries.
func (s fcSink) Deliver(_ context.Context, n ossemu.Notification) error {
	if _, err := s.emu.InvokeAsync(n.Target, n.Payload); err != nil {
		return fmt.Errorf("deliver %s to %s: %w", n.ID, n.Target, err)
	}
	return nil
}

// notifyErrors logs notifications that could not be queued or were given up.
func notifyErrors(log sayer) func(ossemu.Notification, error) {
	return func(n ossemu.Notification, err error) {
		log.say("error", "notification %s (rule %s) not delivered: %v", n.ID, n.RuleID, err)
	}
}
