package osskit

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps osskit pure: the vocabulary and interfaces are imported by
// every function, so an SDK import here would drag the SDK into all of them.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep != "github.com/ossflow/ossflow/pkg/fault" && dep != "github.com/ossflow/ossflow/pkg/osskit" {
			t.Errorf("osskit depends on %s; it must import only the standard library and pkg/fault", dep)
		}
	}
}
