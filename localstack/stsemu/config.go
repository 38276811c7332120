package stsemu

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ossflow/ossflow/localstack/rampolicy"
)

// Limits STS documents for AssumeRole (sts-20150401 client docstrings; RAM
// "specify the maximum session duration" doc).
const (
	MinDuration        = 900 * time.Second
	DefaultDuration    = 3600 * time.Second
	DefaultMaxDuration = 3600 * time.Second
	MaxMaxDuration     = 43200 * time.Second
	MaxPolicyLength    = 2048
	// MaxSkew is how far a request's Timestamp may be from the clock, and
	// how long a SignatureNonce is remembered.
	MaxSkew = 15 * time.Minute
)

// Role is a RAM role callers may assume.
type Role struct {
	// ARN is "acs:ram::<account id>:role/<name>".
	ARN string
	// MaxSessionDuration bounds DurationSeconds; 3600s to 43200s, default 3600s.
	MaxSessionDuration time.Duration
	// TrustPolicy is the role's trust policy JSON: who may assume it.
	TrustPolicy string
	// PermissionPolicies are the JSON permission policies attached to the role.
	PermissionPolicies []string

	trust       rampolicy.Policy
	permissions []rampolicy.Policy
	name        string
}

// Caller is a long-term access key that may call STS.
type Caller struct {
	Secret string
	// Principal is the key owner's ARN, e.g. "acs:ram::<account>:user/<name>";
	// "acs:ram::<account>:root" is the root account, which STS refuses.
	Principal string
}

// Config configures a Server.
type Config struct {
	// AccountID is the account the roles live in. Default "1234567890123456".
	AccountID string
	Roles     []Role
	// Callers maps access key ids to their owners.
	Callers map[string]Caller
	// DataDir keeps issued credentials across restarts; "" keeps them in memory.
	DataDir string
	// Clock returns the current time. Default time.Now.
	Clock func() time.Time
	// Throttle, when it returns true for a request, makes AssumeRole answer
	// Throttling.User, as STS does above 100 requests/s per account.
	Throttle func() bool
}

var roleARN = regexp.MustCompile(`^acs:ram::([0-9]+):role/([A-Za-z0-9.@_-]{1,64})$`)

func (c Config) withDefaults() Config {
	if c.AccountID == "" {
		c.AccountID = "1234567890123456"
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	roles := make([]Role, len(c.Roles))
	copy(roles, c.Roles)
	for i := range roles {
		if roles[i].MaxSessionDuration == 0 {
			roles[i].MaxSessionDuration = DefaultMaxDuration
		}
	}
	c.Roles = roles
	return c
}

// validate checks every role and caller, parsing the policies into c, and
// joins every problem, naming the role or key.
func (c *Config) validate() error {
	var errs []error
	seen := map[string]bool{}
	for i := range c.Roles {
		r := &c.Roles[i]
		m := roleARN.FindStringSubmatch(r.ARN)
		if m == nil {
			errs = append(errs, fmt.Errorf("stsemu config: role %q: ARN must be acs:ram::<account>:role/<name>", r.ARN))
			continue
		}
		if seen[strings.ToLower(r.ARN)] {
			errs = append(errs, fmt.Errorf("stsemu config: role %q: listed twice", r.ARN))
		}
		seen[strings.ToLower(r.ARN)] = true
		r.name = m[2]
		if r.MaxSessionDuration < DefaultMaxDuration || r.MaxSessionDuration > MaxMaxDuration {
			errs = append(errs, fmt.Errorf("stsemu config: role %s: MaxSessionDuration %v is outside 1h..12h", r.ARN, r.MaxSessionDuration))
		}
		var err error
		if r.trust, err = rampolicy.Parse([]byte(r.TrustPolicy)); err != nil {
			errs = append(errs, fmt.Errorf("stsemu config: role %s: TrustPolicy: %w", r.ARN, err))
		}
		r.permissions = nil
		for j, doc := range r.PermissionPolicies {
			p, err := rampolicy.Parse([]byte(doc))
			if err != nil {
				errs = append(errs, fmt.Errorf("stsemu config: role %s: PermissionPolicies[%d]: %w", r.ARN, j, err))
				continue
			}
			r.permissions = append(r.permissions, p)
		}
	}
	for id, caller := range c.Callers {
		if id == "" || caller.Secret == "" || caller.Principal == "" {
			errs = append(errs, fmt.Errorf("stsemu config: caller %q: id, secret and principal are required", id))
		}
	}
	return errors.Join(errs...)
}

func (c *Config) role(arn string) (*Role, bool) {
	for i := range c.Roles {
		// RAM resource names are case-insensitive in role names.
		if strings.EqualFold(c.Roles[i].ARN, arn) {
			return &c.Roles[i], true
		}
	}
	return nil, false
}
