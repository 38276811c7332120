package packagetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// sPreview runs the pinned Serverless Devs CLI's `s preview -t
// template.yml` with env and returns its output without colours. `s
// preview` resolves vars, env() and the YAML itself without downloading
// the fc3 component, so it runs offline; HOME is a fresh directory with
// telemetry off so nothing is sent anywhere or left behind.
func sPreview(t *testing.T, env map[string]string) (string, error) {
	t.Helper()
	s := filepath.Join(root, "tools", "node", "node_modules", ".bin", "s")
	if _, err := os.Stat(s); err != nil {
		t.Fatalf("%v: run make bootstrap (tools/node pins @serverless-devs/s)", err)
	}
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".s"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".s", "set-config.yml"), []byte("analysis: disable\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s, "preview", "-t", "template.yml")
	cmd.Dir = root
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "serverless_devs_daemon_enable=false", "NO_COLOR=1"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(string(out), ""), err
}

// `s preview` accepts template.yml with the deployer's environment and
// shows every function with the values filled in.
func TestSPreviewResolvesTemplate(t *testing.T) {
	out, err := sPreview(t, deployEnv)
	if err != nil {
		t.Fatalf("s preview: %v\n%s", err, out)
	}
	for _, f := range loadTemplate(t).Functions {
		if !regexp.MustCompile(`functionName:\s+` + regexp.QuoteMeta(f.Name) + `\s`).MatchString(out) {
			t.Errorf("s preview does not show function %s:\n%s", f.Name, out)
		}
	}
	if !regexp.MustCompile(`OSSFLOW_UPLOAD_BUCKET:\s+` + testBucket).MatchString(out) {
		t.Errorf("s preview did not resolve the bucket into the functions' environment:\n%s", out)
	}
}

// A missing required variable stops `s preview` (and so the deploy job)
// with the variable's name.
func TestSPreviewRefusesMissingVariable(t *testing.T) {
	env := map[string]string{}
	for k, v := range deployEnv {
		if k != "OSSFLOW_BUCKET" {
			env[k] = v
		}
	}
	out, err := sPreview(t, env)
	if err == nil || !strings.Contains(out, "OSSFLOW_BUCKET") {
		t.Errorf("s preview without OSSFLOW_BUCKET: err %v; want a failure naming it:\n%s", err, out)
	}
}
