package template

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// resolver substitutes Serverless Devs magic variables in scalar strings.
type resolver struct {
	vars      map[string]string
	getenv    func(string) (string, bool)
	accountID string
}

// node resolves every scalar under n in place; path names n in errors.
// A plain scalar that is a single expression gets its tag re-resolved,
// so `memorySize: ${vars.mem}` decodes as the number it names, as s does.
func (r *resolver) node(n *yaml.Node, path string) error {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		var errs []error
		for i, c := range n.Content {
			p := path
			if n.Kind == yaml.SequenceNode {
				p = fmt.Sprintf("%s[%d]", path, i)
			}
			errs = append(errs, r.node(c, p))
		}
		return errors.Join(errs...)
	case yaml.MappingNode:
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			errs = append(errs, r.node(n.Content[i+1], join(path, n.Content[i].Value)))
		}
		return errors.Join(errs...)
	case yaml.ScalarNode:
		if !strings.Contains(n.Value, "${") {
			return nil
		}
		whole := strings.HasPrefix(n.Value, "${") && strings.Index(n.Value, "}") == len(n.Value)-1
		v, err := r.str(n.Value)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		n.Value = v
		if whole && n.Style == 0 {
			n.Tag = ""
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// str replaces every ${...} in s.
func (r *resolver) str(s string) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			return "", fmt.Errorf("unterminated ${ in %q", s)
		}
		v, err := r.expr(strings.TrimSpace(s[i+2 : i+j]))
		if err != nil {
			return "", err
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+j+1:]
	}
}

// expr evaluates one magic variable.
func (r *resolver) expr(e string) (string, error) {
	if name, ok := strings.CutPrefix(e, "vars."); ok {
		v, ok := r.vars[name]
		if !ok {
			return "", fmt.Errorf("${%s}: no var %q in vars or the local config", e, name)
		}
		return v, nil
	}
	fn, args, err := call(e)
	if err != nil {
		return "", fmt.Errorf("${%s}: %w", e, err)
	}
	switch {
	case fn == "env" && (len(args) == 1 || len(args) == 2):
		if v, ok := r.getenv(args[0]); ok {
			return v, nil
		}
		if len(args) == 2 {
			return args[1], nil
		}
		return "", fmt.Errorf("${%s}: environment variable %s is not set (set it, give a default, or set env.%s in the local config)", e, args[0], args[0])
	case fn == "config" && len(args) == 1 && args[0] == "AccountID":
		return r.accountID, nil
	case fn == "config":
		// Access keys would land in environment variables or logs: the
		// template must not ask for them, locally or in the cloud.
		return "", fmt.Errorf("${%s}: only config('AccountID') is supported; keys do not belong in the template", e)
	}
	return "", fmt.Errorf("${%s}: unsupported magic variable (supported: vars.x, env('X'), env('X','default'), config('AccountID'))", e)
}

// call parses name('a', "b") into its name and string arguments.
func call(e string) (string, []string, error) {
	open := strings.IndexByte(e, '(')
	if open <= 0 || !strings.HasSuffix(e, ")") {
		return "", nil, errors.New("not a function call")
	}
	name, rest := e[:open], strings.TrimSpace(e[open+1:len(e)-1])
	var args []string
	for rest != "" {
		q := rest[0]
		if q != '\'' && q != '"' {
			return "", nil, fmt.Errorf("argument %d is not a quoted string", len(args)+1)
		}
		end := strings.IndexByte(rest[1:], q)
		if end < 0 {
			return "", nil, fmt.Errorf("argument %d is not terminated", len(args)+1)
		}
		args = append(args, rest[1:1+end])
		rest = strings.TrimSpace(rest[end+2:])
		if rest == "" {
			break
		}
		if rest[0] != ',' {
			return "", nil, fmt.Errorf("expected ',' after argument %d", len(args))
		}
		rest = strings.TrimSpace(rest[1:])
		if rest == "" {
			return "", nil, errors.New("trailing ','")
		}
	}
	return name, args, nil
}
