package config

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps config pure: it must load and validate without cgo, so a
// bad deployment is caught by tests that do not need libvips.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	const mod = "github.com/ossflow/ossflow/"
	allowed := map[string]bool{
		mod + "functions/thumbnail/config": true, mod + "functions/thumbnail/style": true,
		mod + "functions/thumbnail/plan": true, mod + "pkg/envconfig": true, mod + "pkg/fault": true, mod + "pkg/osskit": true,
	}
	for _, p := range strings.Fields(string(out)) {
		if !allowed[p] {
			t.Errorf("config imports %s; it must stay pure (standard library and ossflow's pure packages)", p)
		}
	}
}
