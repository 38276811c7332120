package signer

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the signer pure: the standard library and ossflow's
// fault vocabulary only, so every function, the emulator and tests can use
// it without linking an SDK (the SDK appears only in _test.go files).
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch dep {
		case "github.com/ossflow/ossflow/pkg/osskit/signer", "github.com/ossflow/ossflow/pkg/fault":
		default:
			t.Errorf("pkg/osskit/signer depends on %s; only std and pkg/fault are allowed (pure package)", dep)
		}
	}
}
