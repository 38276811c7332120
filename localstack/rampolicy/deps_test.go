package rampolicy

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the evaluator pure: the emulators judge requests with it,
// so it must not lean on any cloud SDK or third-party code.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/ossflow/ossflow/localstack/rampolicy").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") && dep != "github.com/ossflow/ossflow/localstack/rampolicy" {
			t.Errorf("rampolicy depends on %s; want only the standard library", dep)
		}
	}
}
