package template

import (
	"fmt"
	"maps"

	"gopkg.in/yaml.v3"
)

// rawProps is an fc3 resource's props as the YAML spells them.
type rawProps struct {
	Region               string            `yaml:"region"`
	FunctionName         string            `yaml:"functionName"`
	Runtime              string            `yaml:"runtime"`
	Code                 yaml.Node         `yaml:"code"`
	Handler              string            `yaml:"handler"`
	MemorySize           *int              `yaml:"memorySize"`
	Timeout              *int              `yaml:"timeout"`
	InstanceConcurrency  *int              `yaml:"instanceConcurrency"`
	Role                 string            `yaml:"role"`
	Layers               []string          `yaml:"layers"`
	EnvironmentVariables map[string]string `yaml:"environmentVariables"`
	LogConfig            yaml.Node         `yaml:"logConfig"`
	CustomRuntimeConfig  *struct {
		Command []string `yaml:"command"`
		Args    []string `yaml:"args"`
		Port    int      `yaml:"port"`
	} `yaml:"customRuntimeConfig"`
	InstanceLifecycleConfig struct {
		Initializer *rawHook `yaml:"initializer"`
		PreStop     *rawHook `yaml:"preStop"`
	} `yaml:"instanceLifecycleConfig"`
	Triggers []rawTrigger `yaml:"triggers"`
}

type rawHook struct {
	Handler string `yaml:"handler"`
	Timeout *int   `yaml:"timeout"`
}

type rawTrigger struct {
	TriggerName    string    `yaml:"triggerName"`
	TriggerType    string    `yaml:"triggerType"`
	Qualifier      string    `yaml:"qualifier"`
	SourceArn      string    `yaml:"sourceArn"`
	InvocationRole string    `yaml:"invocationRole"`
	Description    string    `yaml:"description"`
	TriggerConfig  yaml.Node `yaml:"triggerConfig"`
}

// honoured props are run locally as the cloud would run them.
var honoured = map[string]bool{
	"region": true, "functionName": true, "runtime": true, "code": true, "handler": true,
	"memorySize": true, "timeout": true, "instanceConcurrency": true, "role": true,
	"environmentVariables": true, "customRuntimeConfig": true, "instanceLifecycleConfig": true,
	"triggers": true, "logConfig": true, "layers": true, "description": true,
}

// notEmulated props are valid fc3 but mean nothing on this machine.
var notEmulated = map[string]string{
	"cpu":                   "CPU shares are not enforced locally",
	"diskSize":              "the disk size is not enforced locally",
	"gpuConfig":             "GPUs are not emulated",
	"vpcConfig":             "functions run on the host network, no VPC",
	"nasConfig":             "NAS mounts are not emulated",
	"ossMountConfig":        "OSS mounts are not emulated",
	"internetAccess":        "functions always have the host's network",
	"tags":                  "tags have no local effect",
	"customContainerConfig": "custom containers need Docker, which this machine lacks",
	"tracingConfig":         "tracing is not emulated",
	"sessionAffinity":       "session affinity is not emulated",
	"provisionConfig":       "provisioned instances are not emulated; instances start on demand",
	"concurrencyConfig":     "reserved concurrency is not enforced locally",
	"asyncInvokeConfig":     "async invocation uses FC's defaults locally (3 attempts, then a dead-letter record)",
	"vpcBinding":            "VPC bindings are not emulated",
	"endpoint":              "a custom FC endpoint has no local meaning",
	"supplement":            "supplement has no local meaning",
}

// resource turns one resources.<key> entry into a Function.
func (l *loader) resource(key string, n *yaml.Node) {
	var res struct {
		Component string    `yaml:"component"`
		Actions   yaml.Node `yaml:"actions"`
		Props     yaml.Node `yaml:"props"`
	}
	if err := n.Decode(&res); err != nil {
		l.fail(fmt.Errorf("resources.%s: %w", key, err))
		return
	}
	if res.Component != "fc3" {
		l.warn(key, "component", fmt.Sprintf("component %q is not fc3; the resource is not run locally", res.Component))
		return
	}
	if res.Actions.Kind != 0 {
		l.warn(key, "actions", "resource actions are not run locally; build with make build")
	}
	if res.Props.Kind != yaml.MappingNode {
		l.fail(fmt.Errorf("resources.%s.props: must be a mapping", key))
		return
	}
	if err := l.r.node(&res.Props, "resources."+key+".props"); err != nil {
		l.fail(err)
		return
	}
	for i := 0; i+1 < len(res.Props.Content); i += 2 {
		k := res.Props.Content[i].Value
		if why, ok := notEmulated[k]; ok {
			l.warn(key, k, why)
		} else if !honoured[k] {
			l.warn(key, k, "unknown fc3 property, ignored")
		}
	}
	var p rawProps
	if err := res.Props.Decode(&p); err != nil {
		l.fail(fmt.Errorf("resources.%s.props: %w", key, err))
		return
	}
	f := Function{
		Resource: key, Name: p.FunctionName, Region: p.Region, Runtime: p.Runtime,
		Handler: p.Handler, Role: p.Role, Layers: p.Layers,
		MemoryMB: deref(p.MemorySize, 512), TimeoutSec: deref(p.Timeout, 3),
		Concurrency: deref(p.InstanceConcurrency, 1),
		Environment: map[string]string{},
	}
	maps.Copy(f.Environment, p.EnvironmentVariables)
	switch p.Code.Kind {
	case yaml.ScalarNode:
		f.Code = p.Code.Value
	case yaml.MappingNode:
		var c struct {
			Src string `yaml:"src"`
		}
		_ = p.Code.Decode(&c)
		f.Code = c.Src
		if f.Code == "" {
			l.warn(key, "code", "code in OSS (ossBucketName/ossObjectName) cannot be run locally; set functions."+key+".code in the local config")
		}
	}
	l.logConfig(key, &f, p.LogConfig)
	if c := p.CustomRuntimeConfig; c != nil {
		f.CustomRuntime = &CustomRuntime{Command: c.Command, Args: c.Args, Port: c.Port}
	}
	if h := p.InstanceLifecycleConfig.Initializer; h != nil {
		f.Initializer = &Hook{Handler: h.Handler, TimeoutSec: deref(h.Timeout, 3)}
	}
	if h := p.InstanceLifecycleConfig.PreStop; h != nil {
		f.PreStop = &Hook{Handler: h.Handler, TimeoutSec: deref(h.Timeout, 3)}
	}
	if o, ok := l.opts.Local.Functions[key]; ok {
		if o.Code != "" {
			f.Code = o.Code
		}
		maps.Copy(f.Environment, o.Environment)
	}
	for i, rt := range p.Triggers {
		if tr, ok := l.trigger(key, i, rt, f.Region); ok {
			f.Triggers = append(f.Triggers, tr)
		}
	}
	l.validate(&f)
	l.t.Functions = append(l.t.Functions, f)
}

func (l *loader) logConfig(key string, f *Function, n yaml.Node) {
	switch n.Kind {
	case 0:
		return
	case yaml.ScalarNode:
		if n.Value == "auto" {
			f.LogBeginRule = "None"
			return
		}
		l.fail(fmt.Errorf("%s: logConfig: %q; want auto or a mapping", key, n.Value))
	case yaml.MappingNode:
		var c struct {
			LogBeginRule string `yaml:"logBeginRule"`
		}
		if err := n.Decode(&c); err != nil {
			l.fail(fmt.Errorf("%s: logConfig: %w", key, err))
			return
		}
		f.LogBeginRule = c.LogBeginRule
		if f.LogBeginRule == "" {
			f.LogBeginRule = "None"
		}
		l.warn(key, "logConfig", "logs go to this terminal, not to a log project")
	}
}

func deref(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
