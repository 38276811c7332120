package ossemu

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ossflow/ossflow/localstack/notify"
)

// DefaultMaxObjectSize is OSS's limit for a single PutObject or PostObject (5 GiB).
const DefaultMaxObjectSize int64 = 5 << 30

// TempCredential is a temporary (STS) credential the emulator accepts next to
// its long-term keys.
type TempCredential struct {
	Secret        string
	SecurityToken string
	Expires       time.Time
	// Authorize, when set, decides whether the credential may perform a RAM
	// action (e.g. "oss:PutObject") on a resource
	// ("acs:oss:<region>:<account>:<bucket>/<key>"): the session policy
	// intersected with the role's. A refusal is answered 403 AccessDenied.
	// Nil leaves the credential unrestricted.
	Authorize func(action, resource string) bool
}

// Config configures a Server. The zero value plus at least one access key is
// usable: in-memory storage, region cn-hangzhou, the wall clock.
type Config struct {
	// DataDir is where buckets and objects persist; "" keeps them in memory.
	DataDir string
	// Region is the region the emulator claims to be; V4 signatures must be
	// scoped to it. Default "cn-hangzhou".
	Region string
	// AccessKeys maps long-term access key ids to their secrets.
	AccessKeys map[string]string
	// TempCredentials looks up a temporary (STS) access key id. A request
	// signed with one must carry its security token and arrive before it
	// expires. Nil means no temporary credentials exist.
	TempCredentials func(accessKeyID string) (TempCredential, bool)
	// Clock returns the current time; tests pin it. Default time.Now.
	Clock func() time.Time
	// MaxObjectSize is the largest object body accepted; larger bodies get
	// 400 EntityTooLarge. Default DefaultMaxObjectSize.
	MaxObjectSize int64
	// VirtualHostSuffixes are the host names under which "<bucket>.<suffix>"
	// addresses a bucket virtual-host style. Default {"localhost"}. A host of
	// the form "<bucket>.<IP address>" is always virtual-host style.
	VirtualHostSuffixes []string
	// OnEvent is called, on the request's goroutine before the response is
	// written, after every successful object creation or removal, so a
	// client that sees the response knows its notification was delivered.
	// It must not block for long. Nil disables notifications.
	OnEvent func(Event)
	// Notifications are bucket event rules. An event that matches a rule
	// is queued (durably under DataDir/notify when DataDir is set) before
	// the response is written, then delivered to Sink at least once,
	// retried with backoff while Sink fails, and after a restart over the
	// same DataDir. OnEvent still sees every event, rules or not.
	Notifications []NotificationRule
	// Sink receives the notifications; required when Notifications is set.
	Sink Sink
	// NotifyRetry is Sink's retry policy; zero fields take notify's
	// defaults (200ms doubling to 1m, for ever).
	NotifyRetry notify.Retry
	// OnNotifyError, if set, is told when a notification could not be
	// queued or was given up after NotifyRetry.MaxAttempts.
	OnNotifyError func(n Notification, err error)
	// CallbackKey signs upload callbacks (RSA, MD5 PKCS#1 v1.5 as OSS
	// does). Nil means a 2048-bit key generated on first use.
	CallbackKey *rsa.PrivateKey
	// CallbackKeyURL is announced in x-oss-pub-key-url. Default
	// "http://<request host>" + CallbackKeyPath, served by the emulator.
	CallbackKeyURL string
	// CallbackClient sends upload callbacks. Default: a client with OSS's
	// 5-second callback timeout.
	CallbackClient *http.Client
	// OnRequest is called once per answered request with what an access
	// log needs (never headers or query, which carry signatures). Nil
	// disables it.
	OnRequest func(Access)
	// AdminKey guards the admin endpoints under AdminPathPrefix (fault
	// injection, bucket creation, seeding aged objects): calls present it
	// as "Authorization: Bearer <AdminKey>". "" disables them (403).
	AdminKey string
	// AccountID is the owner id shown in listings and bucket ARNs. Default
	// "1234567890123456".
	AccountID string
}

func (c Config) withDefaults() Config {
	if c.Region == "" {
		c.Region = "cn-hangzhou"
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.MaxObjectSize == 0 {
		c.MaxObjectSize = DefaultMaxObjectSize
	}
	if c.VirtualHostSuffixes == nil {
		c.VirtualHostSuffixes = []string{"localhost"}
	}
	if c.CallbackClient == nil {
		c.CallbackClient = &http.Client{Timeout: 5 * time.Second}
	}
	if c.AccountID == "" {
		c.AccountID = "1234567890123456"
	}
	return c
}

// Validate reports every problem with c at once (errors.Join), naming the
// field. It is called by New after defaults are applied.
func (c Config) Validate() error {
	var errs []error
	if len(c.AccessKeys) == 0 && c.TempCredentials == nil {
		errs = append(errs, errors.New("ossemu config: AccessKeys: at least one access key is required"))
	}
	for id, secret := range c.AccessKeys {
		if id == "" || secret == "" {
			errs = append(errs, fmt.Errorf("ossemu config: AccessKeys: key %q has an empty id or secret", id))
		}
	}
	if c.MaxObjectSize < 0 {
		errs = append(errs, fmt.Errorf("ossemu config: MaxObjectSize: %d is negative", c.MaxObjectSize))
	}
	if strings.ContainsAny(c.Region, "/ \n") {
		errs = append(errs, fmt.Errorf("ossemu config: Region: %q is not a region id", c.Region))
	}
	errs = append(errs, validateRules(c.Notifications, c.Sink)...)
	if err := c.NotifyRetry.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("ossemu config: NotifyRetry: %w", err))
	}
	return errors.Join(errs...)
}
