package postpolicy

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps postpolicy pure: the standard library and ossflow's
// fault vocabulary only, so every function, the emulator and tests can use
// it without linking an SDK.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch dep {
		case "github.com/ossflow/ossflow/pkg/osskit/postpolicy", "github.com/ossflow/ossflow/pkg/osskit/signer", "github.com/ossflow/ossflow/pkg/fault":
		default:
			t.Errorf("pkg/osskit/postpolicy depends on %s; only std, pkg/fault and pkg/osskit/signer are allowed (pure package)", dep)
		}
	}
}
