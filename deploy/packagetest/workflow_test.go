package packagetest

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	On struct {
		Push struct {
			Branches []string `yaml:"branches"`
		} `yaml:"push"`
		WorkflowDispatch struct {
			Inputs map[string]struct {
				Type    string   `yaml:"type"`
				Options []string `yaml:"options"`
				Default any      `yaml:"default"`
			} `yaml:"inputs"`
		} `yaml:"workflow_dispatch"`
	} `yaml:"on"`
	Jobs map[string]job `yaml:"jobs"`
}

type job struct {
	Needs       any               `yaml:"needs"`
	Container   string            `yaml:"container"`
	Environment string            `yaml:"environment"`
	Env         map[string]string `yaml:"env"`
	Steps       []struct {
		Name string            `yaml:"name"`
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		Env  map[string]string `yaml:"env"`
	} `yaml:"steps"`
}

func loadWorkflow(t *testing.T) workflow {
	t.Helper()
	var w workflow
	if err := yaml.Unmarshal(readFile(t, ".github/workflows/deploy.yml"), &w); err != nil {
		t.Fatalf("deploy.yml: %v", err)
	}
	return w
}

// runs returns every run script of j, in order.
func (j job) runs() string {
	var b strings.Builder
	for _, s := range j.Steps {
		b.WriteString(s.Run + "\n")
	}
	return b.String()
}

func TestWorkflowTriggers(t *testing.T) {
	w := loadWorkflow(t)
	if !slices.Contains(w.On.Push.Branches, "main") {
		t.Errorf("push branches = %v; want main", w.On.Push.Branches)
	}
	env, ok := w.On.WorkflowDispatch.Inputs["environment"]
	if !ok || env.Type != "choice" || !slices.Equal(env.Options, []string{"staging", "production"}) || env.Default != "staging" {
		t.Errorf("workflow_dispatch input environment = %+v; want a choice of staging, production defaulting to staging", env)
	}
}

// The workflow tests, packages and deploys in that order, each step using
// make targets, files and tools that exist in the repository, and it gives
// `s` every variable template.yml requires.
func TestWorkflowSteps(t *testing.T) {
	w := loadWorkflow(t)
	test, deploy := w.Jobs["test"], w.Jobs["deploy"]
	if !strings.Contains(test.runs(), "make test") {
		t.Errorf("job test does not run make test")
	}
	if needs, _ := deploy.Needs.(string); needs != "test" {
		t.Errorf("job deploy needs %v; want test, so nothing untested deploys", deploy.Needs)
	}
	if deploy.Environment != "${{ inputs.environment || 'staging' }}" {
		t.Errorf("deploy environment = %q; want the dispatch choice, staging on push", deploy.Environment)
	}
	runs := deploy.runs()
	order := []string{"make package", "s preview -t template.yml", "s config add", "s deploy -t template.yml -y"}
	last := -1
	for _, step := range order {
		i := strings.Index(runs, step)
		if i < 0 || i < last {
			t.Errorf("deploy job: %q missing or out of order (want %v)", step, order)
		}
		last = i
	}

	makefile := string(readFile(t, "Makefile"))
	for _, m := range regexp.MustCompile(`make (\w[\w-]*)`).FindAllStringSubmatch(test.runs()+runs, -1) {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(m[1]) + `:`).MatchString(makefile) {
			t.Errorf("the workflow runs make %s; the Makefile has no such target", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`-t (\S+)`).FindAllStringSubmatch(runs, -1) {
		readFile(t, m[1])
	}
	for _, m := range regexp.MustCompile(`dist/([\w.-]+)\.zip`).FindAllStringSubmatch(runs, -1) {
		if !slices.Contains(append(slices.Clone(allFunctions), "thumbnail-layer"), m[1]) {
			t.Errorf("the workflow uses dist/%s.zip, which make package does not write", m[1])
		}
	}
	if strings.Contains(runs, "tools/node/node_modules/.bin/s ") {
		var pkg struct{ Dependencies map[string]string }
		if err := json.Unmarshal(readFile(t, "tools/node/package.json"), &pkg); err != nil || pkg.Dependencies["@serverless-devs/s"] == "" {
			t.Errorf("the workflow runs tools/node's s, but tools/node/package.json does not pin @serverless-devs/s (%v)", err)
		}
	}

	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(readFile(t, "go.mod"))
	for name, j := range w.Jobs {
		if want := "golang:" + string(goVersion[1]) + "-bookworm"; j.Container != want {
			t.Errorf("job %s container %q; want %s (Debian 12 like custom.debian12, go.mod's Go)", name, j.Container, want)
		}
	}

	// Every ${env('X')} without a default in template.yml must reach s.
	tpl := string(readFile(t, "template.yml"))
	for _, m := range regexp.MustCompile(`\$\{env\('(\w+)'\)\}`).FindAllStringSubmatch(tpl, -1) {
		if v := deploy.Env[m[1]]; v != "${{ vars."+m[1]+" }}" {
			t.Errorf("template.yml requires %s; the deploy job sets it to %q, want ${{ vars.%s }}", m[1], v, m[1])
		}
	}
	// With a default, an unset variable must still reach s as that default.
	for _, m := range regexp.MustCompile(`\$\{env\('(\w+)', *'([^']*)'\)\}`).FindAllStringSubmatch(tpl, -1) {
		if v, want := deploy.Env[m[1]], "${{ vars."+m[1]+" || '"+m[2]+"' }}"; v != want {
			t.Errorf("the deploy job sets %s to %q; want %s (the template's default)", m[1], v, want)
		}
	}
}

// Credentials come only from repository secrets, through env, never inline.
func TestWorkflowCredentials(t *testing.T) {
	w := loadWorkflow(t)
	raw := string(readFile(t, ".github/workflows/deploy.yml"))
	if regexp.MustCompile(`LTAI\w{8,}|STS\.\w{8,}`).MatchString(raw) {
		t.Fatal("deploy.yml contains what looks like an access key id")
	}
	found := false
	for _, s := range w.Jobs["deploy"].Steps {
		if !strings.Contains(s.Run, "s config add") {
			continue
		}
		found = true
		for _, flag := range []string{"AccountID", "AccessKeyID", "AccessKeySecret"} {
			m := regexp.MustCompile(`--` + flag + ` "\$(\w+)"`).FindStringSubmatch(s.Run)
			if m == nil || !strings.HasPrefix(s.Env[m[1]], "${{ secrets.") {
				t.Errorf("s config add --%s is not taken from a secret through env (%v)", flag, m)
			}
		}
	}
	if !found {
		t.Error("no step runs s config add")
	}
	if strings.Contains(raw, "${{ secrets.") && strings.Contains(w.Jobs["deploy"].runs(), "${{ secrets.") {
		t.Error("a run script expands a secret inline; pass it through env")
	}
}
