package callback

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps this package pure: the standard library and pkg/fault only,
// so the OSS emulator and every function can use it without pulling an SDK.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	allowed := map[string]bool{
		"github.com/ossflow/ossflow/pkg/osskit/callback": true,
		"github.com/ossflow/ossflow/pkg/fault":           true,
	}
	for _, p := range strings.Fields(string(out)) {
		if !allowed[p] {
			t.Errorf("pkg/osskit/callback depends on %s; it may use only the standard library and pkg/fault", p)
		}
	}
}
