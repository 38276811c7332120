package cloud

import (
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		want []string // substrings of the error; none means valid
	}{
		{"defaults", Config{Template: "template.yml"}, nil},
		{"random ports", Config{Template: "t.yml", Ports: Ports{FC: -1, OSS: -1, STS: -1, Demo: -1}}, nil},
		{"no template", Config{}, []string{"Template: required"}},
		{"bad build mode", Config{Template: "t.yml", Build: "sometimes"}, []string{`Build: "sometimes"`}},
		{"public host", Config{Template: "t.yml", Host: "0.0.0.0"}, []string{"Host", "not a loopback"}},
		{"bad port", Config{Template: "t.yml", Ports: Ports{OSS: 70000}}, []string{"Ports.OSS: 70000"}},
		{"all at once", Config{Build: "x", Host: "10.0.0.1"}, []string{"Template", "Build", "Host"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.cfg.Validate()
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil; want an error naming %v", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q; want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestWithDefaultsPorts(t *testing.T) {
	got := Config{Ports: Ports{FC: -1, OSS: 0, STS: 9999, Demo: -1}}.withDefaults().Ports
	want := Ports{FC: 0, OSS: DefaultOSSPort, STS: 9999, Demo: 0}
	if got != want {
		t.Errorf("ports = %+v; want %+v (-1 becomes 0 for the kernel to pick, 0 the default)", got, want)
	}
}
