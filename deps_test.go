package ossflow_test

// The dependency-direction test: pure packages import only the standard
// library (and other pure packages of ours), each SDK is imported by exactly
// one adapter package, and nothing but the thumbnail function links cgo.
// It reads the real graph with `go list -deps`; test files are not part of
// that graph, so cross-check tests may import SDKs freely.

import (
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/ossflow/ossflow/"

// purePackages may import only the standard library, other pure packages of
// ours, and the few non-SDK libraries listed with them.
var purePackages = map[string][]string{
	"pkg/fault":                         nil,
	"pkg/envconfig":                     nil,
	"pkg/events":                        {"github.com/aws/aws-lambda-go/events"},
	"pkg/osskit":                        nil,
	"pkg/osskit/signer":                 nil,
	"pkg/osskit/postpolicy":             nil,
	"pkg/osskit/callback":               nil,
	"functions/thumbnail/style":         nil,
	"functions/thumbnail/plan":          nil,
	"functions/post-policy/grant":       nil,
	"localstack/rampolicy":              nil,
	"functions/sts-token/sessionpolicy": nil,
}

// sdkOwners names, for each SDK, the only packages allowed to import it.
var sdkOwners = map[string][]string{
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2": {"pkg/osskit/ossclient"},
	"github.com/alibabacloud-go/sts-20150401":      {"functions/sts-token/stsclient"},
	"github.com/alibabacloud-go/darabonba-openapi": {"functions/sts-token/stsclient"},
	"github.com/h2non/bimg":                        {"functions/thumbnail/vipsrender"},
	"github.com/aliyun/fc-runtime-go-sdk":          {"pkg/events/serve"},
	"github.com/aws/aws-lambda-go/lambda":          {"pkg/events/serve"},
}

// cgoAllowed is the only tree that may link cgo (libvips).
const cgoAllowed = "functions/thumbnail"

type pkgInfo struct {
	path     string
	standard bool
	cgo      bool
	imports  []string
	deps     []string
}

func TestDependencyDirection(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f",
		`{{.ImportPath}}|{{.Standard}}|{{len .CgoFiles}}|{{join .Imports ","}}|{{join .Deps ","}}`, "./...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkgInfo
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 5 {
			t.Fatalf("unexpected go list line %q", line)
		}
		pkgs = append(pkgs, pkgInfo{path: f[0], standard: f[1] == "true", cgo: f[2] != "0",
			imports: splitList(f[3]), deps: splitList(f[4])})
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list returned %d packages; the check would prove nothing", len(pkgs))
	}
	for _, problem := range checkDeps(pkgs) {
		t.Error(problem)
	}
}

// TestDependencyRulesCatchViolations feeds the checker a graph with each
// kind of violation, so a rule that silently stopped working fails here.
func TestDependencyRulesCatchViolations(t *testing.T) {
	m := func(p string) string { return module + p }
	pkgs := []pkgInfo{
		{path: m("pkg/osskit/signer"), imports: []string{"crypto/hmac", "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"},
			deps: []string{"crypto/hmac", "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"}},
		{path: m("functions/sts-token"), imports: []string{m("pkg/events/serve")},
			deps: []string{m("pkg/events/serve"), "github.com/h2non/bimg"}},
		{path: m("pkg/events/serve"), imports: []string{"github.com/aliyun/fc-runtime-go-sdk/fc"}},
		{path: "github.com/h2non/bimg", cgo: true},
		{path: "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"},
		{path: "crypto/hmac", standard: true},
	}
	got := strings.Join(checkDeps(pkgs), "\n")
	for _, want := range []string{
		"pkg/osskit/signer is pure but depends on github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss",
		"pkg/osskit/signer imports github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss; only pkg/osskit/ossclient may",
		"functions/sts-token links cgo through github.com/h2non/bimg",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("checker missed %q; it said:\n%s", want, got)
		}
	}
	if strings.Contains(got, "pkg/events/serve imports") {
		t.Errorf("checker flagged the allowed owner pkg/events/serve:\n%s", got)
	}
}

func checkDeps(pkgs []pkgInfo) []string {
	byPath := map[string]pkgInfo{}
	for _, p := range pkgs {
		byPath[p.path] = p
	}
	var problems []string
	for _, p := range pkgs {
		rel, ours := strings.CutPrefix(p.path, module)
		if !ours {
			continue
		}
		if allowed, pure := purePackages[rel]; pure {
			for _, d := range p.deps {
				if !allowedInPure(d, byPath[d], allowed) {
					problems = append(problems, fmt.Sprintf("%s is pure but depends on %s: pure packages use only the standard library", rel, d))
				}
			}
		}
		for _, imp := range p.imports {
			for sdk, owners := range sdkOwners {
				if (imp == sdk || strings.HasPrefix(imp, sdk+"/")) && !contains(owners, rel) {
					problems = append(problems, fmt.Sprintf("%s imports %s; only %s may (one adapter per SDK)", rel, imp, strings.Join(owners, ", ")))
				}
			}
		}
		if rel == cgoAllowed || strings.HasPrefix(rel, cgoAllowed+"/") {
			continue
		}
		for _, d := range p.deps {
			if di := byPath[d]; di.cgo && !di.standard {
				problems = append(problems, fmt.Sprintf("%s links cgo through %s; only %s may use cgo (it ships libvips)", rel, d, cgoAllowed))
			}
		}
	}
	sort.Strings(problems)
	return problems
}

func allowedInPure(dep string, info pkgInfo, allowed []string) bool {
	if info.standard {
		return true
	}
	if rel, ours := strings.CutPrefix(dep, module); ours {
		_, pure := purePackages[rel]
		return pure
	}
	for _, a := range allowed {
		if dep == a || strings.HasPrefix(dep, a+"/") {
			return true
		}
	}
	return false
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
