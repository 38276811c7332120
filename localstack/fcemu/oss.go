package fcemu

import (
	"strings"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/template"
)

// OSSEvent routes one OSS emulator notification to every function whose
// oss trigger matches it — same bucket, an event name the trigger lists
// (oss:ObjectCreated:* covers every ObjectCreated event), and a key with
// the trigger's prefix and suffix — as an async invocation carrying the FC
// OSS event JSON. It has the signature of ossemu.Config.OnEvent and does
// not block: invocations run in the background. Routing failures are
// logged, since OnEvent has no way to return them.
func (e *Emulator) OSSEvent(ev ossemu.Event) {
	for _, f := range e.tpl.Functions {
		if !f.Emulated {
			continue
		}
		for _, t := range f.Triggers {
			if t.OSS == nil || !ossMatches(t.OSS, ev) {
				continue
			}
			payload, err := ossemu.FCEventJSON(e.tpl.AccountID, ev)
			if err == nil {
				_, err = e.InvokeAsync(f.Resource, payload)
			}
			if err != nil {
				e.logs.event(f.Resource, "error", "OSS event not delivered", "trigger", t.Name,
					"key", ev.Key, "error", err.Error())
				continue
			}
			e.logs.event(f.Resource, "info", "OSS event routed", "trigger", t.Name, "event", ev.Name,
				"bucket", ev.Bucket, "key", ev.Key)
		}
	}
}

// ossMatches reports whether an oss trigger fires for ev.
func ossMatches(t *template.OSSTrigger, ev ossemu.Event) bool {
	if t.Bucket != ev.Bucket || !strings.HasPrefix(ev.Key, t.Prefix) || !strings.HasSuffix(ev.Key, t.Suffix) {
		return false
	}
	name := "oss:" + ev.Name
	for _, want := range t.Events {
		if want == name {
			return true
		}
		if group, ok := strings.CutSuffix(want, "*"); ok && strings.HasPrefix(name, group) {
			return true
		}
	}
	return false
}
