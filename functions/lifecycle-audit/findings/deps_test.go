package findings

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps findings pure: the standard library and the audit's own pure
// packages only, so no SDK or runtime is linked into its tests or users.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch dep {
		case "github.com/ossflow/ossflow/pkg/osskit", "github.com/ossflow/ossflow/pkg/fault",
			"github.com/ossflow/ossflow/functions/lifecycle-audit/rules",
			"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory",
			"github.com/ossflow/ossflow/functions/lifecycle-audit/findings",
			"github.com/ossflow/ossflow/functions/lifecycle-audit/report":
		default:
			t.Errorf("findings depends on %s; it must stay pure (standard library and module-internal pure packages)", dep)
		}
	}
}
