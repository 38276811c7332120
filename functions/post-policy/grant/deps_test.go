package grant

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps grant pure: the standard library and ossflow's pure
// packages only, so it can be fuzzed and benchmarked with no SDK linked.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	allowed := map[string]bool{}
	for _, p := range []string{"functions/post-policy/grant", "pkg/fault", "pkg/envconfig", "pkg/osskit",
		"pkg/osskit/signer", "pkg/osskit/postpolicy", "pkg/osskit/callback"} {
		allowed["github.com/ossflow/ossflow/"+p] = true
	}
	for _, dep := range strings.Fields(string(out)) {
		if !allowed[dep] {
			t.Errorf("functions/post-policy/grant depends on %s; only the standard library and ossflow's pure packages are allowed", dep)
		}
	}
}
