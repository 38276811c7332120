package httpapi

import (
	"context"
	"errors"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// InvocationCredentials signs with the credentials of the current
// invocation (events.InvocationFrom): on Function Compute the function
// role's STS credentials, handed fresh with every call, so forms carry
// x-oss-security-token; elsewhere the ALIBABA_CLOUD_* environment. Error:
// fault.Internal when the invocation carries no usable key pair, a
// deployment mistake the caller cannot fix.
func InvocationCredentials(ctx context.Context) (signer.Credentials, error) {
	inv, ok := events.InvocationFrom(ctx)
	if !ok || !inv.Credentials.Valid() {
		return signer.Credentials{}, fault.Wrap(fault.Internal, "",
			errors.New("no signing credentials: the invocation has none and ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET are unset"))
	}
	c := inv.Credentials
	return signer.Credentials{AccessKeyID: c.AccessKeyID, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
}
