package rules

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps rules pure: only the standard library and the osskit
// vocabulary, so the rule semantics can be tested and reused without any SDK.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	allowed := map[string]bool{
		"github.com/ossflow/ossflow/functions/lifecycle-audit/rules": true,
		"github.com/ossflow/ossflow/pkg/osskit":                      true,
		"github.com/ossflow/ossflow/pkg/fault":                       true,
	}
	for _, dep := range strings.Fields(string(out)) {
		if !allowed[dep] {
			t.Errorf("rules depends on %s; it must stay pure (standard library and pkg/osskit only)", dep)
		}
	}
}
