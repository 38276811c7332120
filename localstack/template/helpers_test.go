package template

import (
	"strings"
	"testing"
)

// minimal is a valid one-function template; cases edit it with replace.
const minimal = `edition: 3.0.0
name: t
vars:
  region: cn-hangzhou
resources:
  fn:
    component: fc3
    props:
      region: ${vars.region}
      functionName: fn
      runtime: go1
      code: ./dist/fn
      handler: main
      memorySize: 128
      timeout: 10
`

func noEnv(string) (string, bool) { return "", false }

func parse(t *testing.T, src string, opts Options) (*Template, []Warning, error) {
	t.Helper()
	if opts.LookupEnv == nil {
		opts.LookupEnv = noEnv
	}
	return Parse([]byte(src), opts)
}

func hasWarning(ws []Warning, sub string) bool {
	for _, w := range ws {
		if strings.Contains(w.String(), sub) {
			return true
		}
	}
	return false
}
