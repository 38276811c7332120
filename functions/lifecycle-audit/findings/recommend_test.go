package findings

import (
	"testing"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestRecommend(t *testing.T) {
	full := Input{VersioningKnown: true, Versioning: osskit.VersioningEnabled, UncoveredDays: 90,
		Summary: inventory.Summary{ExpiredDeleteMarkers: 2, Uncovered: inventory.Cell{Count: 1}}}
	got := Recommend(full)
	if len(got) != 1 {
		t.Fatalf("Recommend = %d rules; want 1", len(got))
	}
	r := got[0]
	if r.ID != RecommendedRuleID || r.AbortMultipartUpload.Days != 7 || r.NoncurrentVersionExpiration.NoncurrentDays != 30 ||
		!r.Expiration.ExpiredObjectDeleteMarker || len(r.Transitions) != 1 || r.Transitions[0].Days != 90 || *r.Transitions[0].AllowSmallFile {
		t.Errorf("recommended rule = %+v", r)
	}

	// Existing rules: keep them, add only what does not clash.
	existing := []osskit.LifecycleRule{{ID: "tier", Status: osskit.RuleEnabled, Prefix: "logs/",
		Transitions: []osskit.Transition{{Days: 30, StorageClass: osskit.IA}}, Expiration: &osskit.Expiration{Days: 365}}}
	in := full
	in.Rules = existing
	got = Recommend(in)
	if len(got) != 2 || got[0].ID != "tier" {
		t.Fatalf("Recommend = %+v; want tier plus the recommendation", got)
	}
	r = got[1]
	if r.AbortMultipartUpload == nil || r.Expiration != nil || len(r.Transitions) != 0 {
		t.Errorf("recommended = %+v; want abort-MPU only (Expiration and IA transitions would overlap tier)", r)
	}
	if n := len(rules.Conflicts(got)); n != 0 {
		t.Errorf("recommendation has %d conflicts; want 0", n)
	}

	for name, in := range map[string]Input{
		"nothing to add": {Rules: []osskit.LifecycleRule{{ID: "a", Status: osskit.RuleEnabled, AbortMultipartUpload: &osskit.AbortMultipartUpload{Days: 3}}}},
		"rules unknown":  {RulesUnknown: true},
	} {
		if got := Recommend(in); got != nil {
			t.Errorf("%s: Recommend = %+v; want nil", name, got)
		}
	}
}
