package pipeline

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the use case free of cgo and of SDKs: it talks to OSS and
// libvips only through the Store and Renderer interfaces main fills in.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	banned := []string{"vipsrender", "h2non/bimg", "ossclient", "alibabacloud-oss-go-sdk", "localstack", "fc-runtime-go-sdk"}
	for _, p := range strings.Fields(string(out)) {
		for _, b := range banned {
			if strings.Contains(p, b) {
				t.Errorf("pipeline imports %s; it must reach OSS and libvips only through its Store and Renderer interfaces", p)
			}
		}
	}
}
