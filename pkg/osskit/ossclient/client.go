// Package ossclient is ossflow's only adapter to Alibaba Cloud OSS: it
// implements the osskit interfaces (osskit.Store, VersionLister,
// UploadLister, BucketInspector) on the official Go SDK v2, signing with V4
// and reading credentials afresh for every request. Every error it returns
// is an *osskit.Error matching one of the osskit.Err* kinds.
package ossclient

import (
	"context"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Client talks to OSS. It is safe for concurrent use; build one per
// process at cold start.
type Client struct {
	sdk *oss.Client
}

// Interfaces Client implements.
var (
	_ osskit.Store           = (*Client)(nil)
	_ osskit.VersionLister   = (*Client)(nil)
	_ osskit.UploadLister    = (*Client)(nil)
	_ osskit.BucketInspector = (*Client)(nil)
)

// New builds a Client from cfg after filling defaults and validating it;
// an invalid config returns the joined Validate errors.
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	provider := cfg.Credentials
	sc := oss.NewConfig()
	sc.Region = oss.Ptr(cfg.Region)
	if cfg.Endpoint != "" {
		sc.Endpoint = oss.Ptr(cfg.Endpoint)
	}
	sc.UsePathStyle = oss.Ptr(cfg.UsePathStyle)
	sc.DisableSSL = oss.Ptr(cfg.DisableSSL)
	sc.InsecureSkipVerify = oss.Ptr(cfg.InsecureSkipVerify)
	sc.ConnectTimeout = oss.Ptr(cfg.ConnectTimeout)
	sc.ReadWriteTimeout = oss.Ptr(cfg.ReadWriteTimeout)
	sc.SignatureVersion = oss.Ptr(oss.SignatureVersionV4)
	sc.Retryer = newRetryer(cfg)
	sc.RetryMaxAttempts = oss.Ptr(cfg.MaxAttempts)
	// The SDK calls this before signing every attempt, with the operation's
	// context, so per-invocation credentials reach each request.
	sc.CredentialsProvider = credentials.CredentialsProviderFunc(func(ctx context.Context) (credentials.Credentials, error) {
		c, err := provider.Credentials(ctx)
		if err != nil {
			return credentials.Credentials{}, err
		}
		return credentials.Credentials{AccessKeyID: c.AccessKeyID, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
	})
	return &Client{sdk: oss.NewClient(sc)}, nil
}

// names returns the plain strings for an error, checking that the caller
// passed validated values: a zero Bucket or Key is a bug in the caller.
func names(op string, b osskit.Bucket, k *osskit.Key) (string, string, error) {
	key := ""
	if k != nil {
		key = k.String()
	}
	if b.IsZero() || (k != nil && k.IsZero()) {
		return b.String(), key, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: op, Bucket: b.String(), Key: key,
			Err: errZeroName}
	}
	return b.String(), key, nil
}

type constError string

// Error returns the message.
func (e constError) Error() string { return string(e) }

const errZeroName = constError("bucket or key is unset; build them with osskit.NewBucket / osskit.NewKey")

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
