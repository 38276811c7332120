package cloud

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

// Default loopback ports, one per service; Config.Ports overrides them.
const (
	DefaultFCPort   = 9000
	DefaultOSSPort  = 9100
	DefaultSTSPort  = 9200
	DefaultDemoPort = 9300
)

// Build modes: when Start builds a function's binary.
const (
	BuildMissing = "missing" // only when <code>/main does not exist (default)
	BuildAlways  = "always"  // rebuild every function at start
	BuildNever   = "never"   // fail at first invocation if a binary is missing
)

// Ports are the listening ports; -1 means "pick a free one" (tests), 0 the
// default.
type Ports struct {
	FC, OSS, STS, Demo int
}

// Config configures Start. Template is required; every other field has a
// working default.
type Config struct {
	// Template is the path of template.yml; code paths resolve against its
	// directory, which is also where functions/<name> are built from.
	Template string
	// LocalConfig is the local overrides file (template.LocalConfig YAML),
	// laid over Defaults. A missing file is not an error.
	LocalConfig string
	// DataDir holds everything the local cloud keeps: data/ (objects),
	// sts/ (issued credentials), deadletter/ and endpoints.json.
	// Default ".localstack".
	DataDir string
	// Dist, when set, replaces every function's code directory with
	// <Dist>/<resource>, so tests can build into a temporary directory.
	Dist string
	// Build is BuildMissing, BuildAlways or BuildNever. Default BuildMissing.
	Build string
	// Host is the loopback address every service listens on. Default 127.0.0.1.
	Host  string
	Ports Ports
	// NodeModules is where the ali-oss browser bundle is served from
	// (ali-oss/dist/aliyun-oss-sdk.min.js). Default tools/node/node_modules
	// beside the template; the page falls back to POST policies without it.
	NodeModules string
	// Logs receives function logs and the local cloud's own lines. Default os.Stderr.
	Logs io.Writer
	// JSONLogs writes raw JSON lines instead of the pretty form.
	JSONLogs bool
	// TokenTTL is how long the demo users' bearer tokens stay valid. Default 24h.
	TokenTTL time.Duration
	// Now is read once at start to stamp tokens. Default time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.DataDir == "" {
		c.DataDir = ".localstack"
	}
	if c.Build == "" {
		c.Build = BuildMissing
	}
	if c.Host == "" {
		c.Host = "127.0.0.1"
	}
	for _, p := range []struct {
		port *int
		def  int
	}{{&c.Ports.FC, DefaultFCPort}, {&c.Ports.OSS, DefaultOSSPort}, {&c.Ports.STS, DefaultSTSPort}, {&c.Ports.Demo, DefaultDemoPort}} {
		switch *p.port {
		case 0:
			*p.port = p.def
		case -1:
			*p.port = 0
		}
	}
	if c.Logs == nil {
		c.Logs = os.Stderr
	}
	if c.TokenTTL == 0 {
		c.TokenTTL = 24 * time.Hour
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Validate reports every problem with c at once, each naming its field.
func (c Config) Validate() error {
	var errs []error
	if c.Template == "" {
		errs = append(errs, errors.New("cloud config: Template: required"))
	}
	switch c.Build {
	case "", BuildMissing, BuildAlways, BuildNever:
	default:
		errs = append(errs, fmt.Errorf("cloud config: Build: %q; want missing, always or never", c.Build))
	}
	if c.Host != "" {
		if ip := net.ParseIP(c.Host); ip == nil || !ip.IsLoopback() {
			errs = append(errs, fmt.Errorf("cloud config: Host: %q is not a loopback IP address; the local cloud accepts well-known keys and must not be reachable from the network", c.Host))
		}
	}
	for name, p := range map[string]int{"FC": c.Ports.FC, "OSS": c.Ports.OSS, "STS": c.Ports.STS, "Demo": c.Ports.Demo} {
		if p < -1 || p > 65535 {
			errs = append(errs, fmt.Errorf("cloud config: Ports.%s: %d is not a port (0 default, -1 any free port)", name, p))
		}
	}
	if c.TokenTTL < 0 {
		errs = append(errs, errors.New("cloud config: TokenTTL: must not be negative"))
	}
	return errors.Join(errs...)
}
