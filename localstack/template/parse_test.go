package template

import (
	"strings"
	"testing"
)

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name      string
		old, new_ string
		wantErr   string
	}{
		{"edition 1", "edition: 3.0.0", "edition: 1.0.0", "want 3.0.0"},
		{"memory not multiple of 64", "memorySize: 128", "memorySize: 130", "memorySize 130"},
		{"memory too small", "memorySize: 128", "memorySize: 64", "want 128..32768"},
		{"memory too big", "memorySize: 128", "memorySize: 32832", "want 128..32768"},
		{"timeout zero", "timeout: 10", "timeout: 0", "timeout 0"},
		{"timeout too long", "timeout: 10", "timeout: 86401", "want 1..86400"},
		{"timeout not a number", "timeout: 10", "timeout: soon", "cannot unmarshal"},
		{"concurrency on go1", "timeout: 10", "timeout: 10\n      instanceConcurrency: 4", "only custom runtimes"},
		{"concurrency over 200", "runtime: go1", "runtime: custom.debian12\n      instanceConcurrency: 201", "want 1..200"},
		{"unknown runtime", "runtime: go1", "runtime: go2", `runtime "go2"`},
		{"no handler", "handler: main", "", "handler is required"},
		{"no region", "region: ${vars.region}", "", "region is required"},
		{"bad function name", "functionName: fn", "functionName: 9fn", "functionName"},
		{"unset env", "runtime: go1", "runtime: go1\n      role: ${env('ROLE_ARN')}", "ROLE_ARN is not set"},
		{"unknown var", "region: ${vars.region}", "region: ${vars.nope}", `no var "nope"`},
		{"unsupported magic", "code: ./dist/fn", "code: ${path('./dist')}", "unsupported magic variable"},
		{"secret from config", "runtime: go1", "runtime: go1\n      role: ${config('AccessKeySecret')}", "only config('AccountID')"},
		{"reserved env", "timeout: 10", "timeout: 10\n      environmentVariables: {FC_X: y}", "FC_ prefix is reserved"},
		{"env key", "timeout: 10", "timeout: 10\n      environmentVariables: {1X: y}", "starts with a letter"},
		{"initializer too long", "timeout: 10", "timeout: 10\n      instanceLifecycleConfig: {initializer: {handler: x, timeout: 301}}", "initializer.timeout 301"},
		{"prestop too long", "timeout: 10", "timeout: 10\n      instanceLifecycleConfig: {preStop: {handler: x, timeout: 91}}", "preStop.timeout 91"},
		{"log begin rule", "timeout: 10", "timeout: 10\n      logConfig: {logBeginRule: Sometimes}", "logBeginRule"},
		{"oss no suffix", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: o, triggerType: oss, sourceArn: 'acs:oss:cn-hangzhou:1:b', invocationRole: r, triggerConfig: {events: [oss:ObjectCreated:PutObject], filter: {key: {prefix: uploads/}}}}", "both prefix and suffix"},
		{"oss bad event", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: o, triggerType: oss, sourceArn: 'acs:oss:cn-hangzhou:1:b', invocationRole: r, triggerConfig: {events: [ObjectCreated:Put], filter: {key: {prefix: '', suffix: ''}}}}", "not an OSS event"},
		{"oss bad arn", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: o, triggerType: oss, sourceArn: 'arn:aws:s3:::b', invocationRole: r, triggerConfig: {events: [oss:ObjectCreated:PutObject], filter: {key: {prefix: '', suffix: ''}}}}", "sourceArn"},
		{"oss other region", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: o, triggerType: oss, sourceArn: 'acs:oss:cn-beijing:1:b', invocationRole: r, triggerConfig: {events: [oss:ObjectCreated:PutObject], filter: {key: {prefix: '', suffix: ''}}}}", "names region cn-beijing"},
		{"oss no role", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: o, triggerType: oss, sourceArn: 'acs:oss:cn-hangzhou:1:b', triggerConfig: {events: [oss:ObjectCreated:PutObject], filter: {key: {prefix: '', suffix: ''}}}}", "invocationRole is required"},
		{"http bad auth", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: h, triggerType: http, triggerConfig: {authType: basic, methods: [GET]}}", "authType"},
		{"http bad method", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: h, triggerType: http, triggerConfig: {authType: anonymous, methods: [FETCH]}}", `"FETCH"`},
		{"timer 5 fields", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: t, triggerType: timer, triggerConfig: {cronExpression: '0 2 * * *'}}", "has 5 fields; want 6"},
		{"timer bad every", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: t, triggerType: timer, triggerConfig: {cronExpression: '@every soon'}}", "@every needs a duration"},
		{"trigger name twice", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: h, triggerType: http, triggerConfig: {authType: anonymous, methods: [GET]}}\n        - {triggerName: h, triggerType: http, triggerConfig: {authType: anonymous, methods: [GET]}}", "used twice"},
		{"unknown trigger type", "timeout: 10", "timeout: 10\n      triggers:\n        - {triggerName: x, triggerType: carrier-pigeon}", "triggerType"},
		{"no resources", "resources:", "other:", "at least one resource"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(minimal, tc.old, tc.new_, 1)
			if src == minimal {
				t.Fatalf("case does not change the template: %q not found", tc.old)
			}
			_, _, err := parse(t, src, Options{})
			if err == nil {
				t.Fatalf("Parse succeeded; want error containing %q", tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error = %q; want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

func TestParseJoinsEveryError(t *testing.T) {
	src := strings.NewReplacer("memorySize: 128", "memorySize: 100", "timeout: 10", "timeout: 0", "handler: main", "").Replace(minimal)
	_, _, err := parse(t, src, Options{})
	for _, want := range []string{"memorySize 100", "timeout 0", "handler is required"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v; want it to contain %q", err, want)
		}
	}
}

func TestParseDefaultsAndTypes(t *testing.T) {
	src := strings.NewReplacer("memorySize: 128\n", "", "timeout: 10\n", "").Replace(minimal)
	tpl, _, err := parse(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := tpl.Functions[0]
	if f.MemoryMB != 512 || f.TimeoutSec != 3 || f.Concurrency != 1 {
		t.Errorf("memory, timeout, concurrency = %d, %d, %d; want fc3 defaults 512, 3, 1", f.MemoryMB, f.TimeoutSec, f.Concurrency)
	}
	if !f.Emulated || f.IsCustom() {
		t.Errorf("go1 function: Emulated = %v, IsCustom = %v; want true, false", f.Emulated, f.IsCustom())
	}
}

func TestParseCustomRuntimeDefaults(t *testing.T) {
	src := strings.Replace(minimal, "runtime: go1", "runtime: custom.debian12\n      instanceConcurrency: 8", 1)
	tpl, _, err := parse(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := tpl.Functions[0]
	if !f.IsCustom() || f.CustomRuntime.Port != 9000 || f.CustomRuntime.Command[0] != "/code/bootstrap" || f.Concurrency != 8 {
		t.Errorf("custom runtime = %+v, concurrency %d; want port 9000, /code/bootstrap, 8", f.CustomRuntime, f.Concurrency)
	}
}

func TestParseWarnsWhatItCannotHonour(t *testing.T) {
	src := strings.Replace(minimal, "timeout: 10", `timeout: 10
      cpu: 0.25
      vpcConfig: auto
      frobnicate: yes
      layers: [acs:fc:cn-hangzhou:official:layers/x/versions/1]
      triggers:
        - {triggerName: h, triggerType: http, triggerConfig: {authType: function, methods: [GET]}}
        - {triggerName: l, triggerType: log, triggerConfig: {}}`, 1)
	src = strings.Replace(src, "edition: 3.0.0", "edition: 3.0.0\nactions: {pre-deploy: [{run: make}]}", 1)
	tpl, ws, err := parse(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fn: cpu:", "fn: vpcConfig:", "frobnicate: unknown fc3 property", "fn: layers:",
		"authType function is not enforced", "log triggers have no local source", "actions: global actions"} {
		if !hasWarning(ws, want) {
			t.Errorf("warnings %v; want one containing %q", ws, want)
		}
	}
	if n := len(tpl.Functions[0].Triggers); n != 1 {
		t.Errorf("%d triggers kept; want 1 (the log trigger is not emulated)", n)
	}
}

func TestParseOtherRuntimeNotEmulated(t *testing.T) {
	src := strings.Replace(minimal, "runtime: go1", "runtime: python3.10", 1)
	tpl, ws, err := parse(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Functions[0].Emulated || !hasWarning(ws, "python3.10 is not emulated") {
		t.Errorf("Emulated = %v, warnings %v; want false and a warning", tpl.Functions[0].Emulated, ws)
	}
}
