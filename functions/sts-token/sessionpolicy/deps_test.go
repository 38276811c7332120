package sessionpolicy_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the policy builder pure (standard library only), so what
// it grants can be read and tested without any SDK in the way.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/ossflow/ossflow/functions/sts-token/sessionpolicy").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") && dep != "github.com/ossflow/ossflow/functions/sts-token/sessionpolicy" {
			t.Errorf("sessionpolicy depends on %s; want only the standard library", dep)
		}
	}
}
