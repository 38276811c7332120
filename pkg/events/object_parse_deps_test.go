package events

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// TestEventsImportsNoRuntimeSDK keeps pkg/events a pure parsing package:
// it may link the standard library, aws-lambda-go's plain event types and
// the module's own pure packages, never a runtime or cloud SDK. Those belong
// to the one adapter package each (pkg/events/serve for the runtimes), so a
// handler that only parses events does not drag them into its binary.
func TestEventsImportsNoRuntimeSDK(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	allowed := map[string]string{
		"github.com/aws/aws-lambda-go/events":   "plain value types, no runtime",
		"github.com/ossflow/ossflow/pkg/events": "this package",
		"github.com/ossflow/ossflow/pkg/fault":  "pure error kinds",
	}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		if !strings.Contains(first, ".") {
			continue // the standard library, including its vendored packages
		}
		if _, ok := allowed[dep]; !ok {
			t.Errorf("pkg/events depends on %s; only the standard library and %v may be linked here (SDKs go in their adapter package)", dep, sortedDepNames(allowed))
		}
	}
}

func sortedDepNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
