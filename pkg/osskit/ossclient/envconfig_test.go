package ossclient

import (
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/envconfig"
)

func TestLoadConfig(t *testing.T) {
	l := envconfig.New(envconfig.FromMap(map[string]string{
		EnvFCRegion: "cn-shanghai", EnvEndpoint: "http://127.0.0.1:9000", EnvPathStyle: "true", EnvMaxAttempts: "5",
	}))
	c := LoadConfig(l)
	if err := l.Err(); err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	if c.Region != "cn-shanghai" || c.Endpoint != "http://127.0.0.1:9000" || !c.UsePathStyle || c.MaxAttempts != 5 ||
		c.ReadWriteTimeout != 30*time.Second {
		t.Errorf("config = %+v", c)
	}
	if _, err := New(c); err != nil {
		t.Errorf("New(loaded config): %v", err)
	}

	l = envconfig.New(envconfig.FromMap(map[string]string{EnvMaxAttempts: "99", EnvPathStyle: "maybe"}))
	LoadConfig(l)
	err := l.Err()
	for _, name := range []string{EnvRegion, EnvMaxAttempts, EnvPathStyle} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not name %s", err, name)
		}
	}
}
