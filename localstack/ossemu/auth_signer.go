package ossemu

import (
	"errors"
	"net/http"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// signerVerify adapts pkg/osskit/signer.Verify to the emulator: the
// signer's *Error already carries the OSS code to answer and a message
// free of secrets, so both pass through unchanged.
func signerVerify(r *http.Request, bucket, key string, now time.Time, lookup func(string) (string, bool)) (identity, *apiError) {
	v, err := signer.Verify(r, bucket, key, now, lookup)
	if errors.Is(err, signer.ErrAnonymous) {
		return identity{}, errUnsigned
	}
	var se *signer.Error
	if errors.As(err, &se) {
		return identity{}, errorf(se.Code, se.Message)
	}
	if err != nil {
		return identity{}, errorf("AccessDenied", "The request signature could not be verified.")
	}
	return identity{AccessKeyID: v.AccessKeyID, SecurityToken: v.SecurityToken, Region: v.Region, Expires: v.Expires}, nil
}
