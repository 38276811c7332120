package config

import (
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/envconfig"
)

func TestLoadDefaults(t *testing.T) {
	c, err := Load(envconfig.FromMap(map[string]string{
		"FC_REGION": "cn-shanghai", "OSSFLOW_BUCKET": "ossflow-uploads",
		"OSSFLOW_STS_ROLE_ARN": "acs:ram::1234567890123456:role/ossflow-upload",
	}))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"STS endpoint", c.STS.Endpoint, "sts-vpc.cn-shanghai.aliyuncs.com"},
		{"STS protocol", c.STS.Protocol, "https"},
		{"OSS endpoint", c.HTTP.Endpoint, "https://oss-cn-shanghai.aliyuncs.com"},
		{"upload prefix", c.Mint.Layout.UploadPrefix, "uploads"},
		{"thumb prefix", c.Mint.Layout.ThumbPrefix, "thumbs"},
		{"profiles", string(c.HTTP.Profiles[0]), "upload"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q; want %q", ch.name, ch.got, ch.want)
		}
	}
	if c.Mint.Duration != 15*time.Minute || c.Mint.RoleMaxDuration != time.Hour {
		t.Errorf("durations %v / %v; want 15m / 1h", c.Mint.Duration, c.Mint.RoleMaxDuration)
	}
}

func TestLoadClampsDuration(t *testing.T) {
	base := map[string]string{"OSSFLOW_REGION": "cn-hangzhou", "OSSFLOW_BUCKET": "bkt", "OSSFLOW_STS_ROLE_ARN": "acs:ram::1:role/r"}
	for _, tt := range []struct{ asked, roleMax, want string }{{"1m", "", "15m0s"}, {"3h", "", "1h0m0s"}, {"3h", "6h", "3h0m0s"}} {
		env := map[string]string{"OSSFLOW_STS_DURATION": tt.asked, "OSSFLOW_STS_ROLE_MAX_DURATION": tt.roleMax}
		for k, v := range base {
			env[k] = v
		}
		c, err := Load(envconfig.FromMap(env))
		if err != nil {
			t.Fatal(err)
		}
		if c.Mint.Duration.String() != tt.want {
			t.Errorf("duration %s with role max %q = %v; want %s", tt.asked, tt.roleMax, c.Mint.Duration, tt.want)
		}
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	_, err := Load(envconfig.FromMap(map[string]string{
		"OSSFLOW_BUCKET": "Bad_Bucket", "OSSFLOW_STS_PROFILES": "upload,admin", "OSSFLOW_STS_PROTOCOL": "ftp",
		"OSSFLOW_STS_DEFAULT_PROFILE": "read", "OSSFLOW_STS_CACHE_SIZE": "0",
	}))
	if err == nil {
		t.Fatal("Load accepted a broken environment")
	}
	for _, want := range []string{"OSSFLOW_REGION", "OSSFLOW_STS_ROLE_ARN", `Bucket "Bad_Bucket"`, `unknown profile "admin"`,
		"OSSFLOW_STS_PROTOCOL", "OSSFLOW_STS_DEFAULT_PROFILE", "OSSFLOW_STS_CACHE_SIZE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}
