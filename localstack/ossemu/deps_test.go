package ossemu_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the emulator free of cloud SDKs: it must check requests
// with our own signer and policy evaluator, never with the client code it
// is meant to test.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/ossflow/ossflow/localstack/ossemu").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if !strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") {
			continue // standard library
		}
		switch {
		case strings.HasPrefix(dep, "github.com/ossflow/ossflow/pkg/"):
		case dep == "github.com/ossflow/ossflow/localstack/ossemu", dep == "github.com/ossflow/ossflow/localstack/notify":
		default:
			t.Errorf("ossemu depends on %s; want only the standard library and ossflow's pure packages", dep)
		}
	}
}
