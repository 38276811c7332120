package ossflow_test

// The dependency-direction test, the one place these rules live: pure
// packages import only the standard library and the packages listed for
// them, a few other packages are kept from named parts of the graph, each
// SDK is imported by exactly one adapter package, and nothing but the
// thumbnail function links cgo.
// It reads the real graph with `go list -deps`; test files are not part of
// that graph, so cross-check tests may import SDKs freely.

import (
	"fmt"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/ossflow/ossflow/"

// purePackages names every pure package and the only non-standard packages
// it may depend on, directly or not: ours by path relative to the module,
// others by import path. An entry matches exactly (so "pkg/osskit" does not
// admit pkg/osskit/ossclient) unless it ends in "/...", which admits the
// path and everything below it. The lists are exact so that a pure package
// cannot quietly grow a dependency on another of ours, e.g. the signer on
// osskit.
var purePackages = map[string][]string{
	"pkg/fault":     nil,
	"pkg/envconfig": nil,
	// events normalises AWS payloads too; their types are plain structs.
	"pkg/events": {"pkg/fault", "github.com/aws/aws-lambda-go/events"},
	// osskit is imported by every function: an SDK here would reach them all.
	"pkg/osskit":            {"pkg/fault"},
	"pkg/osskit/signer":     {"pkg/fault"},
	"pkg/osskit/postpolicy": {"pkg/fault", "pkg/osskit/signer"},
	"pkg/osskit/callback":   {"pkg/fault"},
	// callerauth is linked into every HTTP function (CGO_ENABLED=0); go-jose
	// is its JWT library, not a cloud SDK.
	"pkg/callerauth":            {"pkg/fault", "github.com/go-jose/go-jose/v4/..."},
	"functions/thumbnail/style": {"pkg/fault"},
	"functions/thumbnail/plan":  {"pkg/fault", "functions/thumbnail/style"},
	// config must load and validate without libvips.
	"functions/thumbnail/config": {"pkg/fault", "pkg/envconfig", "pkg/osskit",
		"functions/thumbnail/style", "functions/thumbnail/plan"},
	"functions/post-policy/grant": {"pkg/fault", "pkg/envconfig", "pkg/osskit",
		"pkg/osskit/signer", "pkg/osskit/postpolicy", "pkg/osskit/callback"},
	"functions/sts-token/sessionpolicy":   nil,
	"functions/lifecycle-audit/rules":     {"pkg/fault", "pkg/osskit"},
	"functions/lifecycle-audit/inventory": {"pkg/fault", "pkg/osskit", "functions/lifecycle-audit/rules"},
	"functions/lifecycle-audit/findings": {"pkg/fault", "pkg/osskit", "functions/lifecycle-audit/rules",
		"functions/lifecycle-audit/inventory"},
	"functions/lifecycle-audit/report": {"pkg/fault", "pkg/osskit", "functions/lifecycle-audit/rules",
		"functions/lifecycle-audit/inventory", "functions/lifecycle-audit/findings"},
	// Test support, imported by pure packages' tests.
	"internal/nodetest":    nil,
	"internal/testimage":   nil,
	"localstack/rampolicy": nil,
	"localstack/notify":    nil,
	// The emulator checks requests with our own signer and policy code,
	// never with the client code it exists to test.
	"localstack/ossemu": {"pkg/fault", "pkg/osskit/signer", "pkg/osskit/postpolicy", "pkg/osskit/callback",
		"localstack/notify", "pkg/events", "github.com/aws/aws-lambda-go/events"},
}

// forbidden names, for packages that are not pure, import-path prefixes they
// must not depend on, directly or not.
var forbidden = map[string][]string{
	// The thumbnail use case reaches OSS and libvips only through the Store
	// and Renderer interfaces main fills in.
	"functions/thumbnail/pipeline": {module + "functions/thumbnail/vipsrender", "github.com/h2non/bimg",
		module + "pkg/osskit/ossclient", "github.com/aliyun/alibabacloud-oss-go-sdk-v2", module + "localstack",
		"github.com/aliyun/fc-runtime-go-sdk"},
}

// sdkOwners names, for each SDK, the only packages allowed to import it.
var sdkOwners = map[string][]string{
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2": {"pkg/osskit/ossclient"},
	"github.com/alibabacloud-go/sts-20150401":      {"functions/sts-token/stsclient"},
	"github.com/alibabacloud-go/darabonba-openapi": {"functions/sts-token/stsclient"},
	"github.com/alibabacloud-go/tea":               {"functions/sts-token/stsclient"},
	"github.com/alibabacloud-go/tea-utils":         {"functions/sts-token/stsclient"},
	"github.com/aliyun/credentials-go":             {"functions/sts-token/stsclient"},
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
	// A misspelt or moved package would otherwise switch its rule off silently.
	listed := map[string]bool{}
	for _, p := range pkgs {
		listed[strings.TrimPrefix(p.path, module)] = true
	}
	for _, table := range []map[string][]string{purePackages, forbidden} {
		for rel := range table {
			if !listed[rel] {
				t.Errorf("rule for %s names no package in the module; fix the table", rel)
			}
		}
	}
}

// TestDependencyRulesCatchViolations feeds the checker a graph with each
// kind of violation, so a rule that silently stopped working fails here.
func TestDependencyRulesCatchViolations(t *testing.T) {
	m := func(p string) string { return module + p }
	pkgs := []pkgInfo{
		{path: m("pkg/osskit/signer"), imports: []string{"crypto/hmac", "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"},
			deps: []string{"crypto/hmac", "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss", m("pkg/fault"), m("pkg/osskit")}},
		{path: m("functions/sts-token"), imports: []string{m("pkg/events/serve")},
			deps: []string{m("pkg/events/serve"), "github.com/h2non/bimg"}},
		{path: m("pkg/events/serve"), imports: []string{"github.com/aliyun/fc-runtime-go-sdk/fc"}},
		// Listing pkg/osskit must not admit its SDK adapter below it.
		{path: m("functions/lifecycle-audit/rules"), imports: []string{m("pkg/osskit/ossclient")},
			deps: []string{m("pkg/osskit"), m("pkg/osskit/ossclient")}},
		// A "/..." allowance admits the library's own subpackages; a plain
		// one admits only itself.
		{path: m("pkg/callerauth"), deps: []string{"github.com/go-jose/go-jose/v4", "github.com/go-jose/go-jose/v4/jwt"}},
		{path: m("pkg/events"), deps: []string{"github.com/aws/aws-lambda-go/events", "github.com/aws/aws-lambda-go/events/test"}},
		{path: m("functions/thumbnail/pipeline"), imports: []string{m("functions/thumbnail/vipsrender")},
			deps: []string{m("functions/thumbnail/vipsrender"), "github.com/rs/zerolog", m("localstack/ossemu")}},
		{path: "github.com/h2non/bimg", cgo: true},
		{path: "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"},
		{path: "crypto/hmac", standard: true},
	}
	got := strings.Join(checkDeps(pkgs), "\n")
	for _, want := range []string{
		"pkg/osskit/signer is pure but depends on github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss",
		"pkg/osskit/signer is pure but depends on " + m("pkg/osskit") + ":",
		"functions/lifecycle-audit/rules is pure but depends on " + m("pkg/osskit/ossclient") + ":",
		"pkg/osskit/signer imports github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss; only pkg/osskit/ossclient may",
		"functions/sts-token links cgo through github.com/h2non/bimg",
		"pkg/events is pure but depends on github.com/aws/aws-lambda-go/events/test:",
		"functions/thumbnail/pipeline depends on " + m("functions/thumbnail/vipsrender") + "; it must not reach",
		"functions/thumbnail/pipeline depends on " + m("localstack/ossemu") + "; it must not reach " + m("localstack"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("checker missed %q; it said:\n%s", want, got)
		}
	}
	for _, wrong := range []string{
		"pkg/events/serve imports",
		"depends on " + m("pkg/fault") + ":",
		"depends on github.com/go-jose",
		"depends on github.com/aws/aws-lambda-go/events:",
		"depends on github.com/rs/zerolog",
	} {
		if strings.Contains(got, wrong) {
			t.Errorf("checker flagged an allowed edge (%q):\n%s", wrong, got)
		}
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
					problems = append(problems, fmt.Sprintf("%s is pure but depends on %s: pure packages use only the standard library and the packages listed for them", rel, d))
				}
			}
		}
		for _, d := range p.deps {
			for _, ban := range forbidden[rel] {
				if d == ban || strings.HasPrefix(d, ban+"/") {
					problems = append(problems, fmt.Sprintf("%s depends on %s; it must not reach %s", rel, d, ban))
				}
			}
		}
		for _, imp := range p.imports {
			for sdk, owners := range sdkOwners {
				if (imp == sdk || strings.HasPrefix(imp, sdk+"/")) && !slices.Contains(owners, rel) {
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
	name := strings.TrimPrefix(dep, module)
	for _, a := range allowed {
		if tree, ok := strings.CutSuffix(a, "/..."); ok && (name == tree || strings.HasPrefix(name, tree+"/")) || name == a {
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
