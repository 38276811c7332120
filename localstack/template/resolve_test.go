package template

import (
	"strings"
	"testing"
)

func TestResolveMagicVariables(t *testing.T) {
	env := map[string]string{"REGION": "cn-shanghai", "MEM": "256", "EMPTY": ""}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	src := `edition: 3.0.0
vars:
  region: ${env('REGION')}
  mem: ${env("MEM")}
  bucket: ${env('BUCKET', 'dflt-bucket')}
  prefix: up/
  key: ${vars.prefix}in
resources:
  fn:
    component: fc3
    props:
      region: ${vars.region}
      functionName: fn
      runtime: go1
      code: ./dist/fn
      handler: main
      memorySize: ${vars.mem}
      role: acs:ram::${config('AccountID')}:role/fn
      environmentVariables:
        BUCKET: ${vars.bucket}
        KEY: ${vars.key}
        BOTH: ${vars.region}/${vars.bucket}
        QUOTED: '${vars.mem}'
        EMPTY: ${env('EMPTY', 'unused')}
        FROM_LOCAL: ${env('ONLY_LOCAL')}
`
	tpl, _, err := Parse([]byte(src), Options{LookupEnv: lookup, Local: LocalConfig{
		AccountID: "999", Env: map[string]string{"ONLY_LOCAL": "local-value"}}})
	if err != nil {
		t.Fatal(err)
	}
	f := tpl.Functions[0]
	if f.Region != "cn-shanghai" || f.MemoryMB != 256 || f.Role != "acs:ram::999:role/fn" {
		t.Errorf("region, memory, role = %q, %d, %q; want cn-shanghai, 256, acs:ram::999:role/fn", f.Region, f.MemoryMB, f.Role)
	}
	want := map[string]string{"BUCKET": "dflt-bucket", "KEY": "up/in", "BOTH": "cn-shanghai/dflt-bucket",
		"QUOTED": "256", "EMPTY": "", "FROM_LOCAL": "local-value"}
	for k, v := range want {
		if got := f.Environment[k]; got != v {
			t.Errorf("env %s = %q; want %q", k, got, v)
		}
	}
}

func TestLocalOverrides(t *testing.T) {
	src := strings.Replace(minimal, "timeout: 10", `timeout: 10
      environmentVariables:
        ENDPOINT: ${vars.endpoint}
        KEEP: kept`, 1)
	src = strings.Replace(src, "region: cn-hangzhou", "region: cn-hangzhou\n  endpoint: ${env('NOT_SET_LOCALLY')}", 1)
	local, err := ParseLocalConfig([]byte(`
vars: {endpoint: "http://127.0.0.1:9100"}
functions:
  fn:
    code: ./local/fn
    environment: {EXTRA: "1"}
`), "test")
	if err != nil {
		t.Fatal(err)
	}
	tpl, _, err := parse(t, src, Options{Local: local})
	if err != nil {
		t.Fatalf("Parse: %v (an overridden var must not need its env variable)", err)
	}
	f := tpl.Functions[0]
	if f.Environment["ENDPOINT"] != "http://127.0.0.1:9100" || f.Environment["KEEP"] != "kept" || f.Environment["EXTRA"] != "1" {
		t.Errorf("environment = %v; want the local endpoint, KEEP and EXTRA", f.Environment)
	}
	if f.Code != "./local/fn" {
		t.Errorf("code = %q; want ./local/fn", f.Code)
	}
	if tpl.AccountID != DefaultAccountID {
		t.Errorf("account = %q; want %q", tpl.AccountID, DefaultAccountID)
	}
}

func TestParseLocalConfig(t *testing.T) {
	cases := []struct {
		name, src, wantErr string
	}{
		{"empty", "", ""},
		{"full", "accountID: '1'\nendpoints: {oss: 'http://127.0.0.1:1'}\ncredentials: {accessKeyId: a, accessKeySecret: s}", ""},
		{"typo", "endpoint: {oss: x}", "field endpoint not found"},
		{"not yaml", "vars: [", "local config"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseLocalConfig([]byte(tc.src), "local.yml")
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(c.Credentials.String(), "accessKeySecret:s") {
					t.Errorf("Credentials.String() = %q; leaks the secret", c.Credentials)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error = %v; want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

func TestLoadLocalConfigMissingFile(t *testing.T) {
	c, err := LoadLocalConfig(t.TempDir() + "/none.yml")
	if err != nil || c.AccountID != "" {
		t.Errorf("LoadLocalConfig(missing) = %+v, %v; want zero config, nil", c, err)
	}
}

func TestCallParsing(t *testing.T) {
	cases := []struct {
		in, wantErr string
		args        int
	}{
		{`env('A')`, "", 1},
		{`env( "A" , 'b c' )`, "", 2},
		{`env(A)`, "not a quoted string", 0},
		{`env('A`, "not a function call", 0},
		{`env('A',)`, "trailing", 0},
		{`env('A' 'B')`, "expected ','", 0},
	}
	for _, tc := range cases {
		_, args, err := call(tc.in)
		if tc.wantErr == "" && (err != nil || len(args) != tc.args) {
			t.Errorf("call(%s) = %v, %v; want %d args", tc.in, args, err, tc.args)
		}
		if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
			t.Errorf("call(%s) error = %v; want %q", tc.in, err, tc.wantErr)
		}
	}
}
