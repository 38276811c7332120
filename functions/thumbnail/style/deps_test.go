package style

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the style parser pure: standard library and ossflow's own
// pure packages only, so it builds without cgo and parses config anywhere.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	allowed := map[string]bool{
		"github.com/ossflow/ossflow/functions/thumbnail/style": true,
		"github.com/ossflow/ossflow/pkg/fault":                 true,
	}
	for _, p := range strings.Fields(string(out)) {
		if !allowed[p] {
			t.Errorf("style imports %s; it must stay standard-library only (plus pkg/fault)", p)
		}
	}
}
