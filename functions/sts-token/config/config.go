// Package config loads the sts-token function's configuration from the
// environment once, at cold start, and hands each part to the package
// that uses it. Every problem is reported at once, naming its variable.
//
//	OSSFLOW_REGION               region id, e.g. cn-hangzhou (default $FC_REGION)
//	OSSFLOW_BUCKET               upload bucket (required)
//	OSSFLOW_OSS_ENDPOINT         OSS endpoint URL for clients (default https://oss-<region>.aliyuncs.com)
//	OSSFLOW_UPLOAD_PREFIX        default "uploads": users write under <prefix>/<user>/
//	OSSFLOW_THUMB_PREFIX         default "thumbs": variants under <prefix>/<user>/ (read profile)
//	OSSFLOW_THUMB_BUCKET         bucket of the variants (default the upload bucket)
//	OSSFLOW_STS_ROLE_ARN         role to assume (required)
//	OSSFLOW_STS_ENDPOINT         STS host (default sts-vpc.<region>.aliyuncs.com: FC reaches it without internet)
//	OSSFLOW_STS_PROTOCOL         https (default) or http (local cloud only)
//	OSSFLOW_STS_DURATION         credential lifetime, default 15m, clamped to 15m..role max
//	OSSFLOW_STS_ROLE_MAX_DURATION  the role's MaxSessionDuration, default 1h
//	OSSFLOW_STS_PROFILES         profiles callers may ask for, default "upload" (also: read)
//	OSSFLOW_STS_DEFAULT_PROFILE  default the first of the profiles
//	OSSFLOW_STS_CACHE_SIZE       cached credential sets, default 10000
//	OSSFLOW_STS_REFRESH_BEFORE   replace a cached set when less than this remains, default 5m
//	OSSFLOW_STS_TIMEOUT          one AssumeRole call, default 5s
//	OSSFLOW_STS_RETRY_AFTER      Retry-After on 503, default 2s
package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/httpapi"
	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/functions/sts-token/stsclient"
	"github.com/ossflow/ossflow/pkg/envconfig"
)

// Config is every part of the function's configuration.
type Config struct {
	STS  stsclient.Config
	Mint mint.Config
	HTTP httpapi.Config
}

// Load reads the variables above through lookup (os.LookupEnv in main),
// applies defaults and validates. The error joins every problem, each
// naming its variable.
func Load(lookup func(string) (string, bool)) (Config, error) {
	l := envconfig.New(lookup)
	region := l.String("OSSFLOW_REGION", l.String("FC_REGION", ""))
	if region == "" {
		l.Fail("OSSFLOW_REGION", "required (or FC_REGION)")
	}
	layout := sessionpolicy.Layout{
		Bucket:       l.Required("OSSFLOW_BUCKET"),
		UploadPrefix: strings.Trim(l.String("OSSFLOW_UPLOAD_PREFIX", "uploads"), "/"),
		ThumbPrefix:  strings.Trim(l.String("OSSFLOW_THUMB_PREFIX", "thumbs"), "/"),
		ThumbBucket:  l.String("OSSFLOW_THUMB_BUCKET", ""),
	}
	if layout.Bucket != "" {
		if err := layout.Validate(); err != nil {
			l.Fail("OSSFLOW_BUCKET/OSSFLOW_*_PREFIX", "%v", err)
		}
	}
	var profiles []sessionpolicy.Profile
	for _, p := range l.List("OSSFLOW_STS_PROFILES", []string{string(sessionpolicy.Upload)}) {
		if !sessionpolicy.Known(sessionpolicy.Profile(p)) {
			l.Fail("OSSFLOW_STS_PROFILES", "unknown profile %q (known: upload, read)", p)
			continue
		}
		profiles = append(profiles, sessionpolicy.Profile(p))
	}
	roleMax := l.Duration("OSSFLOW_STS_ROLE_MAX_DURATION", time.Hour, time.Hour, 12*time.Hour)
	c := Config{
		STS: stsclient.Config{
			Endpoint: l.String("OSSFLOW_STS_ENDPOINT", "sts-vpc."+region+".aliyuncs.com"),
			Protocol: l.OneOf("OSSFLOW_STS_PROTOCOL", "https", "https", "http"),
			Region:   region,
			RoleARN:  l.Required("OSSFLOW_STS_ROLE_ARN"),
			Timeout:  l.Duration("OSSFLOW_STS_TIMEOUT", stsclient.DefaultTimeout, 100*time.Millisecond, time.Minute),
		},
		Mint: mint.Config{
			Layout: layout,
			// Any value is accepted and clamped to 15m..role max (issue 7).
			Duration:        l.Duration("OSSFLOW_STS_DURATION", mint.DefaultDuration, time.Second, 12*time.Hour),
			RoleMaxDuration: roleMax,
			RefreshBefore:   l.Duration("OSSFLOW_STS_REFRESH_BEFORE", mint.DefaultRefreshBefore, 0, 12*time.Hour),
			CacheSize:       l.Int("OSSFLOW_STS_CACHE_SIZE", mint.DefaultCacheSize, 1, 1_000_000),
		},
		HTTP: httpapi.Config{
			Profiles:       profiles,
			DefaultProfile: sessionpolicy.Profile(l.String("OSSFLOW_STS_DEFAULT_PROFILE", "")),
			Region:         region,
			Bucket:         layout.Bucket,
			Endpoint:       l.String("OSSFLOW_OSS_ENDPOINT", "https://oss-"+region+".aliyuncs.com"),
			RetryAfter:     l.Duration("OSSFLOW_STS_RETRY_AFTER", 2*time.Second, time.Second, 10*time.Minute),
		},
	}
	c.Mint = c.Mint.WithDefaults()
	if err := c.Mint.Validate(); err != nil && l.Err() == nil {
		l.Fail("OSSFLOW_STS_*", "%v", err)
	}
	if d := c.HTTP.DefaultProfile; d != "" && !containsProfile(profiles, d) {
		l.Fail("OSSFLOW_STS_DEFAULT_PROFILE", "%q is not among OSSFLOW_STS_PROFILES", d)
	}
	if err := l.Err(); err != nil {
		return Config{}, fmt.Errorf("sts-token config: %w", err)
	}
	return c, nil
}

func containsProfile(ps []sessionpolicy.Profile, p sessionpolicy.Profile) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
