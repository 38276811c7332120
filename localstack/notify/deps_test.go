package notify_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the queue standard-library only, so any part of the
// local cloud can use it without pulling in an SDK.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/ossflow/ossflow/localstack/notify").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") && dep != "github.com/ossflow/ossflow/localstack/notify" {
			t.Errorf("notify depends on %s; want only the standard library", dep)
		}
	}
}
