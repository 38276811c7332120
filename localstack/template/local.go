package template

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"
)

// DefaultAccountID is the account the local cloud claims when the local
// config names none (the OSS emulator's default owner id).
const DefaultAccountID = "1234567890123456"

// LocalConfig is the small local file that adapts a template to the local
// cloud without editing it, e.g. template.local.yml:
//
//	accountID: "1234567890123456"
//	vars: {bucket: ossflow-local, ossEndpoint: "http://127.0.0.1:9100"}
//	env: {OSSFLOW_STS_UPLOAD_ROLE_ARN: "acs:ram::1234567890123456:role/upload"}
//	endpoints: {oss: "http://127.0.0.1:9100", sts: "http://127.0.0.1:9200"}
//	credentials: {accessKeyId: LTAI-local, accessKeySecret: local-secret}
//	functions:
//	  post-policy:
//	    code: ./dist/post-policy
//	    environment: {OSSFLOW_AUTH_DEV_MODE: "true"}
type LocalConfig struct {
	AccountID string `yaml:"accountID"`
	// Vars replace the template's vars of the same name (before they are
	// resolved, so an overridden var needs none of its env variables).
	Vars map[string]string `yaml:"vars"`
	// Env answers ${env('X')} before the process environment does.
	Env map[string]string `yaml:"env"`
	// Endpoints are the local service URLs, by service name (oss, sts).
	Endpoints map[string]string `yaml:"endpoints"`
	// Credentials are the local cloud's root keys (the emulators accept
	// them). They never reach a function: functions get role credentials.
	Credentials LocalCredentials `yaml:"credentials"`
	// Functions override per function, keyed by resource key.
	Functions map[string]LocalFunction `yaml:"functions"`
}

// LocalCredentials are long-term keys for the local emulators.
type LocalCredentials struct {
	AccessKeyID     string `yaml:"accessKeyId"`
	AccessKeySecret string `yaml:"accessKeySecret"`
}

// String hides the secret, so printing a config cannot leak it.
func (c LocalCredentials) String() string {
	return fmt.Sprintf("{accessKeyId:%s accessKeySecret:[redacted]}", c.AccessKeyID)
}

// LocalFunction overrides one function.
type LocalFunction struct {
	// Code replaces the code directory, relative to the template's directory.
	Code string `yaml:"code"`
	// Environment is merged over the template's environment variables.
	Environment map[string]string `yaml:"environment"`
}

// LoadLocalConfig reads a local config file. A missing file is not an
// error: it yields the zero config. Unknown keys and malformed YAML are
// errors naming the file, so a typo cannot silently drop an override.
func LoadLocalConfig(path string) (LocalConfig, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return LocalConfig{}, nil
	}
	if err != nil {
		return LocalConfig{}, fmt.Errorf("local config %s: %w", path, err)
	}
	return ParseLocalConfig(data, path)
}

// ParseLocalConfig parses local config YAML; name labels errors. Empty
// input is the zero config; malformed YAML and unknown keys are errors.
func ParseLocalConfig(data []byte, name string) (LocalConfig, error) {
	var c LocalConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return LocalConfig{}, fmt.Errorf("local config %s: %w", name, err)
	}
	return c, nil
}
