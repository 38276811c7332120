package packagetest

import (
	"archive/zip"
	"debug/elf"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every go1 zip holds exactly one file, the handler the template names,
// executable, and a static linux/amd64 ELF: no program interpreter and no
// shared library, so it runs on go1's unknown glibc.
func TestGo1ZipsHoldOneStaticBinary(t *testing.T) {
	d := dist(t)
	for _, fn := range go1Functions {
		t.Run(fn, func(t *testing.T) {
			handler := templateFunction(t, fn).Handler
			r, err := zip.OpenReader(filepath.Join(d, fn+".zip"))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if len(r.File) != 1 || r.File[0].Name != handler {
				t.Fatalf("entries = %v; want exactly [%s] (the template's handler)", names(r.File), handler)
			}
			if m := r.File[0].Mode(); m.Perm()&0o111 == 0 || !m.IsRegular() {
				t.Errorf("%s mode = %v; want an executable regular file", handler, m)
			}
			dir := t.TempDir()
			unzip(t, filepath.Join(d, fn+".zip"), dir)
			f, err := elf.Open(filepath.Join(dir, handler))
			if err != nil {
				t.Fatalf("%s is not an ELF binary: %v", handler, err)
			}
			defer f.Close()
			if f.Machine != elf.EM_X86_64 || f.Class != elf.ELFCLASS64 {
				t.Errorf("machine = %v %v; want EM_X86_64 ELFCLASS64 (FC go1 is linux/amd64)", f.Machine, f.Class)
			}
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					t.Errorf("%s has a PT_INTERP program header: dynamically linked (CGO_ENABLED=0 expected)", handler)
				}
			}
			if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
				t.Errorf("%s needs shared libraries %v; want none", handler, libs)
			}
		})
	}
}

// Every zip is reproducible: entries in byte order, the fixed mtime, no
// extra fields (uid/gid, extended timestamps) and no directory entries, so
// rebuilding an unchanged tree gives the same bytes.
func TestZipsAreReproducible(t *testing.T) {
	d := dist(t)
	for _, name := range append(append([]string{}, allFunctions...), "thumbnail-layer") {
		t.Run(name, func(t *testing.T) {
			r, err := zip.OpenReader(filepath.Join(d, name+".zip"))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if n := names(r.File); !slices.IsSorted(n) {
				t.Errorf("entries not sorted: %v", n)
			}
			for _, f := range r.File {
				if !f.Modified.Equal(fixedMTime) {
					t.Errorf("%s: mtime %v; want %v", f.Name, f.Modified, fixedMTime)
				}
				if len(f.Extra) != 0 {
					t.Errorf("%s: %d bytes of extra fields; want none", f.Name, len(f.Extra))
				}
				if f.FileInfo().IsDir() {
					t.Errorf("%s: directory entry; want files only", f.Name)
				}
			}
		})
	}
}

// Each function's code in template.yml is something scripts/package
// writes: the code tree (./dist/<fn>) or its zip, holding the handler
// and, for the custom runtime, the command the template starts.
func TestTemplateCodeIsWhatPackageWrites(t *testing.T) {
	d := dist(t)
	for _, f := range loadTemplate(t).Functions {
		rel, ok := strings.CutPrefix(filepath.ToSlash(filepath.Clean(f.Code)), "dist/")
		if !ok {
			t.Errorf("%s: code %q is not under dist/, where make package writes", f.Resource, f.Code)
			continue
		}
		path := filepath.Join(d, rel)
		if strings.HasSuffix(rel, ".zip") {
			dir := t.TempDir()
			unzip(t, path, dir)
			path = dir
		}
		want := []string{f.Handler}
		if f.IsCustom() && len(f.CustomRuntime.Command) > 0 {
			cmd, found := strings.CutPrefix(f.CustomRuntime.Command[0], "/code/")
			if !found {
				t.Errorf("%s: command %q does not start in /code, where FC unpacks the code", f.Resource, f.CustomRuntime.Command[0])
				continue
			}
			want = append(want, cmd)
		}
		for _, w := range want {
			st, err := os.Stat(filepath.Join(path, w))
			if err != nil || st.Mode().Perm()&0o111 == 0 {
				t.Errorf("%s: %s not an executable in %s: %v", f.Resource, w, f.Code, err)
			}
		}
	}
}

// A named function without a main package fails clearly.
func TestPackageRefusesMissingFunction(t *testing.T) {
	out, err := runScript(t, "-o", t.TempDir(), "no-such-fn")
	if err == nil || !strings.Contains(out, "functions/no-such-fn/main.go does not exist") {
		t.Errorf("package no-such-fn: err %v, output %q; want a failure naming functions/no-such-fn/main.go", err, out)
	}
}

func names(fs []*zip.File) []string {
	var n []string
	for _, f := range fs {
		n = append(n, f.Name)
	}
	return n
}
