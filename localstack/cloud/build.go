package cloud

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/ossflow/ossflow/localstack/template"
)

// binary is the executable fcemu starts for f, relative to its code
// directory: the go1 handler, or a custom runtime's /code command.
func binary(f template.Function) string {
	if f.CustomRuntime != nil && len(f.CustomRuntime.Command) > 0 {
		if rel, ok := strings.CutPrefix(f.CustomRuntime.Command[0], "/code/"); ok {
			return rel
		}
	}
	if f.Handler != "" {
		return f.Handler
	}
	return "main"
}

// buildFunctions builds functions/<resource> into each emulated
// function's code directory, as `make build` does (cgo only for custom
// runtimes, which link native libraries), when mode asks for it. Compiler
// output goes to the log's writer as is. The error joins every function that could not be
// built, naming it.
func buildFunctions(ctx context.Context, tpl *template.Template, codeDir func(template.Function) string, mode string, log sayer) error {
	if mode == BuildNever {
		return nil
	}
	var errs []error
	for _, f := range tpl.Functions {
		if !f.Emulated {
			continue
		}
		out := filepath.Join(codeDir(f), binary(f))
		if _, err := os.Stat(out); err == nil && mode == BuildMissing {
			continue
		}
		src := filepath.Join(tpl.Dir, "functions", f.Resource)
		if _, err := os.Stat(filepath.Join(src, "main.go")); err != nil {
			errs = append(errs, fmt.Errorf("build %s: %s is missing and there is no %s/main.go to build it from", f.Resource, out, src))
			continue
		}
		cgo := "0"
		if f.IsCustom() {
			cgo = "1"
		}
		log.say("info", "building %s (CGO_ENABLED=%s) into %s", f.Resource, cgo, out)
		abs, err := filepath.Abs(out)
		if err != nil {
			errs = append(errs, fmt.Errorf("build %s: %w", f.Resource, err))
			continue
		}
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", abs, "./functions/"+f.Resource)
		cmd.Dir = tpl.Dir
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+cgo)
		cmd.Stdout, cmd.Stderr = log.w, log.w
		if err := cmd.Run(); err != nil {
			errs = append(errs, fmt.Errorf("build %s: go build: %w", f.Resource, err))
		}
	}
	return errors.Join(errs...)
}
