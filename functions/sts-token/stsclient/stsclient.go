// Package stsclient is the sts-token function's adapter to Alibaba Cloud
// STS: the only package that imports the official STS SDK
// (sts-20150401/v2) and its darabonba-openapi core. It calls AssumeRole
// with the function's own credentials — the per-invocation credentials FC
// hands over (events.InvocationFrom), else credentials-go's default chain
// (ALIBABA_CLOUD_* environment, OIDC, profile, ECS role) — and turns SDK
// errors into three sentinels the use case can act on.
package stsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	sts "github.com/alibabacloud-go/sts-20150401/v2/client"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Sentinels matched with errors.Is on AssumeRole's errors. Each also
// carries a pkg/fault kind.
var (
	// ErrThrottled: STS answered Throttling, Throttling.User or
	// Throttling.Api (kind Unavailable). Retrying at once makes it worse.
	ErrThrottled = errors.New("sts throttled the request")
	// ErrRejected: STS refused the call (4xx: the role, trust policy,
	// session policy or the function's credentials are wrong). Kind Internal:
	// it is a deployment problem, not the caller's.
	ErrRejected = errors.New("sts rejected the request")
	// ErrUnavailable: STS could not be reached, timed out or failed (5xx);
	// kind Unavailable.
	ErrUnavailable = errors.New("sts unavailable")
)

// DefaultTimeout bounds one AssumeRole call, connect and read.
const DefaultTimeout = 5 * time.Second

// Config says which STS endpoint and role to use.
type Config struct {
	// Endpoint is the STS host (and port), e.g. "sts-vpc.cn-hangzhou.aliyuncs.com"
	// or "127.0.0.1:9100" for the local cloud. Required.
	Endpoint string
	// Protocol is "https" (default) or "http" (the local cloud only).
	Protocol string
	// Region is the region id sent with the call, e.g. "cn-hangzhou".
	Region string
	// RoleARN is the role to assume, "acs:ram::<account>:role/<name>". Required.
	RoleARN string
	// Timeout bounds one call; default DefaultTimeout.
	Timeout time.Duration
}

// Request is one AssumeRole call's varying part.
type Request struct {
	SessionName string
	// Policy is the inline session policy JSON; "" means the role's full rights.
	Policy   string
	Duration time.Duration
}

// Credentials are temporary credentials STS issued.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	Expiration      time.Time
}

// Client calls AssumeRole. It is safe for concurrent use.
type Client struct {
	cfg      Config
	fallback credentials.Credential
}

// New checks cfg and prepares credentials-go's default credential chain
// for calls whose context carries no invocation credentials. Errors name
// the missing or invalid field.
func New(cfg Config) (*Client, error) {
	var errs []error
	if cfg.Endpoint == "" {
		errs = append(errs, errors.New("stsclient: Endpoint is required"))
	}
	if cfg.RoleARN == "" {
		errs = append(errs, errors.New("stsclient: RoleARN is required"))
	}
	switch cfg.Protocol {
	case "":
		cfg.Protocol = "https"
	case "http", "https":
	default:
		errs = append(errs, fmt.Errorf("stsclient: Protocol %q is not http or https", cfg.Protocol))
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// The default chain resolves lazily, on the first call that needs it,
	// so an FC instance whose invocations always carry credentials never
	// probes the metadata service.
	fallback, err := credentials.NewCredential(nil)
	if err != nil {
		return nil, fmt.Errorf("stsclient: default credentials: %w", err)
	}
	return &Client{cfg: cfg, fallback: fallback}, nil
}

// credential picks the invocation's credentials when the runtime gave
// some, else the default chain.
func (c *Client) credential(ctx context.Context) (credentials.Credential, error) {
	inv, ok := events.InvocationFrom(ctx)
	if !ok || !inv.Credentials.Valid() {
		return c.fallback, nil
	}
	cc := &credentials.Config{
		Type:            tea.String("access_key"),
		AccessKeyId:     tea.String(inv.Credentials.AccessKeyID),
		AccessKeySecret: tea.String(inv.Credentials.AccessKeySecret),
	}
	if inv.Credentials.SecurityToken != "" {
		cc.Type = tea.String("sts")
		cc.SecurityToken = tea.String(inv.Credentials.SecurityToken)
	}
	return credentials.NewCredential(cc)
}

// AssumeRole asks STS for credentials on the configured role. Errors match
// ErrThrottled, ErrRejected or ErrUnavailable and name the role and
// session; they carry STS's error code and message but never key material.
func (c *Client) AssumeRole(ctx context.Context, req Request) (Credentials, error) {
	cred, err := c.credential(ctx)
	if err != nil {
		return Credentials{}, fault.Wrap(fault.Internal, "", fmt.Errorf("assume role %s as %s: function credentials: %w", c.cfg.RoleARN, req.SessionName, err))
	}
	client, err := sts.NewClient(&openapi.Config{
		Credential: cred,
		Endpoint:   tea.String(c.cfg.Endpoint),
		Protocol:   tea.String(c.cfg.Protocol),
		RegionId:   tea.String(c.cfg.Region),
	})
	if err != nil {
		return Credentials{}, fault.Wrap(fault.Internal, "", fmt.Errorf("assume role %s: sts client: %w", c.cfg.RoleARN, err))
	}
	timeout := c.cfg.Timeout
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = time.Until(dl)
	}
	if err := ctx.Err(); err != nil || timeout <= 0 {
		return Credentials{}, fault.Wrap(fault.Unavailable, "", fmt.Errorf("assume role %s as %s: %w: no time left", c.cfg.RoleARN, req.SessionName, ErrUnavailable))
	}
	ms := int(timeout / time.Millisecond)
	in := &sts.AssumeRoleRequest{
		RoleArn:         tea.String(c.cfg.RoleARN),
		RoleSessionName: tea.String(req.SessionName),
	}
	if req.Duration > 0 {
		in.DurationSeconds = tea.Int64(int64(req.Duration / time.Second))
	}
	if req.Policy != "" {
		in.Policy = tea.String(req.Policy)
	}
	resp, err := client.AssumeRoleWithOptions(in, &util.RuntimeOptions{
		Autoretry: tea.Bool(false), ReadTimeout: tea.Int(ms), ConnectTimeout: tea.Int(ms),
	})
	if err != nil {
		return Credentials{}, classify(fmt.Sprintf("assume role %s as %s", c.cfg.RoleARN, req.SessionName), err)
	}
	return convert(resp)
}

func convert(resp *sts.AssumeRoleResponse) (Credentials, error) {
	if resp == nil || resp.Body == nil || resp.Body.Credentials == nil {
		return Credentials{}, fault.Wrap(fault.Internal, "", fmt.Errorf("assume role: %w: response without credentials", ErrRejected))
	}
	c := resp.Body.Credentials
	out := Credentials{
		AccessKeyID:     tea.StringValue(c.AccessKeyId),
		AccessKeySecret: tea.StringValue(c.AccessKeySecret),
		SecurityToken:   tea.StringValue(c.SecurityToken),
	}
	exp, err := time.Parse(time.RFC3339, tea.StringValue(c.Expiration))
	if err != nil || out.AccessKeyID == "" || out.AccessKeySecret == "" || out.SecurityToken == "" {
		return Credentials{}, fault.Wrap(fault.Internal, "", fmt.Errorf("assume role: %w: incomplete credentials or expiration %q", ErrRejected, tea.StringValue(c.Expiration)))
	}
	out.Expiration = exp.UTC()
	return out, nil
}

// classify maps an SDK error to a sentinel and a fault kind.
func classify(op string, err error) error {
	var se *tea.SDKError
	if !errors.As(err, &se) {
		// Transport failures (refused, reset, timeout) arrive as plain errors.
		return fault.Wrap(fault.Unavailable, "", fmt.Errorf("%s: %w: %v", op, ErrUnavailable, err))
	}
	code, status := tea.StringValue(se.Code), tea.IntValue(se.StatusCode)
	switch {
	case code == "Throttling" || code == "Throttling.User" || code == "Throttling.Api":
		return fault.Wrap(fault.Unavailable, "", fmt.Errorf("%s: %w: %s", op, ErrThrottled, code))
	case status >= 400 && status < 500:
		return fault.Wrap(fault.Internal, "", fmt.Errorf("%s: %w: %s (HTTP %d): %s", op, ErrRejected, code, status, tea.StringValue(se.Message)))
	default:
		return fault.Wrap(fault.Unavailable, "", fmt.Errorf("%s: %w: %s (HTTP %d): %v", op, ErrUnavailable, code, status, err))
	}
}
