package callerauth

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps this package light: it is linked into every HTTP
// function, which build with CGO_ENABLED=0, so it may use the standard
// library, go-jose (the JWT library) and ossflow's pure packages, but no
// cloud SDK.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case dep == "github.com/ossflow/ossflow/pkg/callerauth",
			dep == "github.com/ossflow/ossflow/pkg/fault",
			strings.HasPrefix(dep, "github.com/go-jose/go-jose/v4"):
		default:
			t.Errorf("pkg/callerauth depends on %s; allowed: std, go-jose/v4, pkg/fault", dep)
		}
	}
}
