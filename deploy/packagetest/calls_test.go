package packagetest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// callActions maps a call the functions' code makes to the RAM actions it
// needs. Keep it in step with the code: a new kind of call that is not in
// this table is not seen by TestPolicyActionsMatchCode. Sources: the OSS
// API-to-action table (https://www.alibabacloud.com/help/en/oss/user-guide/authorization-syntax-and-elements:
// HeadObject is authorised as oss:GetObject; ListBucketInventory as
// oss:GetBucketInventory, per its API page) and the STS AssumeRole page.
var callActions = map[string][]string{
	"HeadObject":          {"oss:GetObject"},
	"GetObject":           {"oss:GetObject"},
	"GetObjectMeta":       {"oss:GetObject"},
	"PutObject":           {"oss:PutObject"},
	"CopyObject":          {"oss:GetObject", "oss:PutObject"},
	"DeleteObject":        {"oss:DeleteObject"},
	"DeleteObjects":       {"oss:DeleteObject"},
	"ListObjects":         {"oss:ListObjects"},
	"ListObjectVersions":  {"oss:ListObjectVersions"},
	"GetBucketLifecycle":  {"oss:GetBucketLifecycle"},
	"GetBucketVersioning": {"oss:GetBucketVersioning"},
	"GetBucketStat":       {"oss:GetBucketStat"},
	"GetBucketInfo":       {"oss:GetBucketInfo"},
	"ListBucketInventory": {"oss:GetBucketInventory"},
	"AssumeRole":          {"sts:AssumeRole"},
	// post-policy calls no OSS API itself: it signs requests its callers
	// send with the function role's keys, so it needs what it signs. A
	// PostObject form is authorised as oss:PutObject.
	"SignPostPolicy": {"oss:PutObject"},
}

// presignMethods maps the HTTP method of a presigned URL (the first
// argument of a call named presign/PresignURL, when it is a constant) to
// the action the URL exercises.
var presignMethods = map[string]string{"MethodGet": "oss:GetObject", "MethodHead": "oss:GetObject", "MethodPut": "oss:PutObject"}

// codeActions scans the non-test Go files under functions/<fn> and returns
// each RAM action with the first call that needs it.
func codeActions(t *testing.T, fn string) map[string]string {
	t.Helper()
	found := map[string]string{}
	fset := token.NewFileSet()
	dir := filepath.Join(root, "functions", fn)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == "testdata" {
			return cmpSkip(err, d)
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := calleeName(call.Fun)
			where := fset.Position(call.Pos()).String()
			where = strings.TrimPrefix(where, root+string(filepath.Separator))
			add := func(a string) {
				if _, seen := found[a]; !seen {
					found[a] = name + " at " + where
				}
			}
			for _, a := range callActions[name] {
				add(a)
			}
			if (name == "presign" || name == "PresignURL") && len(call.Args) > 0 {
				if sel, ok := call.Args[0].(*ast.SelectorExpr); ok && presignMethods[sel.Sel.Name] != "" {
					add(presignMethods[sel.Sel.Name])
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func cmpSkip(err error, d fs.DirEntry) error {
	if err != nil {
		return err
	}
	if d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

func calleeName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	}
	return ""
}

// Each function's RAM policy grants exactly the actions its code calls:
// nothing missing (the call would be denied in production) and nothing
// extra (least privilege).
func TestPolicyActionsMatchCode(t *testing.T) {
	for _, fn := range allFunctions {
		t.Run(fn, func(t *testing.T) {
			code := codeActions(t, fn)
			granted := map[string]bool{}
			for _, st := range policy(t, fn).Statements {
				for _, a := range st.Actions {
					granted[a] = true
				}
			}
			for _, a := range slices.Sorted(maps.Keys(code)) {
				if !granted[a] {
					t.Errorf("the code needs %s (%s); deploy/ram/%s.json does not grant it", a, code[a], fn)
				}
			}
			for _, a := range slices.Sorted(maps.Keys(granted)) {
				if _, used := code[a]; !used {
					t.Errorf("deploy/ram/%s.json grants %s, which no call in functions/%s needs", fn, a, fn)
				}
			}
		})
	}
}
