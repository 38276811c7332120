package template

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// Options adapt loading to the local cloud.
type Options struct {
	// Local holds the local overrides (see LocalConfig).
	Local LocalConfig
	// LookupEnv answers ${env('X')} after Local.Env; default os.LookupEnv.
	LookupEnv func(string) (string, bool)
}

// Load reads, resolves and validates the template at path. See Parse.
func Load(path string, opts Options) (*Template, []Warning, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("template %s: %w", path, err)
	}
	t, warns, err := Parse(data, opts)
	if err != nil {
		return nil, warns, fmt.Errorf("template %s: %w", path, err)
	}
	t.Dir = filepath.Dir(path)
	return t, warns, nil
}

// Parse resolves and validates template YAML. The error joins every
// problem found (unresolvable variables, values out of fc3's ranges,
// malformed triggers), each naming its place, so one run shows them all;
// it is nil only if every function can run. Warnings list what the local
// cloud cannot honour; they are returned with or without an error.
func Parse(data []byte, opts Options) (*Template, []Warning, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("yaml: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, errors.New("yaml: the template is not a mapping")
	}
	top := doc.Content[0]
	l := &loader{opts: opts, t: &Template{AccountID: opts.Local.AccountID, Vars: map[string]string{}}}
	if l.t.AccountID == "" {
		l.t.AccountID = DefaultAccountID
	}
	if l.opts.LookupEnv == nil {
		l.opts.LookupEnv = os.LookupEnv
	}
	l.r = &resolver{vars: l.t.Vars, accountID: l.t.AccountID, getenv: l.getenv}

	var resources *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		switch k {
		case "edition":
			if v.Value != "3.0.0" {
				l.fail(fmt.Errorf("edition: %q; want 3.0.0 (Serverless Devs 3 with resources:)", v.Value))
			}
		case "name":
			l.t.Name = v.Value
		case "access":
		case "vars":
			l.vars(v)
		case "resources":
			resources = v
		case "actions":
			l.warn("", "actions", "global actions are not run locally; build with make build")
		default:
			l.warn("", k, "unknown top-level key, ignored")
		}
	}
	for k, v := range opts.Local.Vars {
		l.t.Vars[k] = v
	}
	if resources == nil || resources.Kind != yaml.MappingNode || len(resources.Content) == 0 {
		l.fail(errors.New("resources: at least one resource is required"))
	} else {
		for i := 0; i+1 < len(resources.Content); i += 2 {
			l.resource(resources.Content[i].Value, resources.Content[i+1])
		}
	}
	if err := errors.Join(l.errs...); err != nil {
		return nil, l.warns, err
	}
	return l.t, l.warns, nil
}

type loader struct {
	opts  Options
	t     *Template
	r     *resolver
	errs  []error
	warns []Warning
}

func (l *loader) fail(err error) {
	if err != nil {
		l.errs = append(l.errs, err)
	}
}

func (l *loader) warn(fn, field, msg string) {
	l.warns = append(l.warns, Warning{Function: fn, Field: field, Message: msg})
}

func (l *loader) getenv(k string) (string, bool) {
	if v, ok := l.opts.Local.Env[k]; ok {
		return v, true
	}
	return l.opts.LookupEnv(k)
}

// vars resolves vars in file order, so a var may use the ones before it.
// A var the local config overrides is not resolved at all: its env
// variables need not exist locally.
func (l *loader) vars(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		l.fail(errors.New("vars: must be a mapping"))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if o, ok := l.opts.Local.Vars[k]; ok {
			l.t.Vars[k] = o
			continue
		}
		if v.Kind != yaml.ScalarNode {
			l.fail(fmt.Errorf("vars.%s: only scalar vars are supported", k))
			continue
		}
		if err := l.r.node(v, "vars."+k); err != nil {
			l.fail(err)
			continue
		}
		l.t.Vars[k] = v.Value
	}
}
