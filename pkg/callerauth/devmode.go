package callerauth

import (
	"crypto/subtle"
	"errors"
	"fmt"
)

// Environment that decides whether DevMode may run.
const (
	// EnvLocal must be "1" for DevMode: the local cloud sets it, nothing
	// deployed does.
	EnvLocal = "OSSFLOW_LOCAL"
	// EnvFCRuntimeAPI and EnvFCFunctionName are set by Function Compute in
	// every instance; either one present means "deployed", whatever else
	// says otherwise.
	EnvFCRuntimeAPI   = "FC_RUNTIME_API"
	EnvFCFunctionName = "FC_FUNCTION_NAME"
)

// ErrDevModeRefused matches the error New returns when DevMode is asked for
// outside the local cloud.
var ErrDevModeRefused = errors.New("dev mode refused")

// checkDevMode allows demo users only with both the config flag (the caller
// checked it) and OSSFLOW_LOCAL=1, and never on Function Compute. Two
// independent switches plus a platform check make it impossible to ship a
// deployed function that accepts demo tokens by one wrong setting.
func checkDevMode(lookupEnv func(string) (string, bool)) error {
	for _, name := range []string{EnvFCRuntimeAPI, EnvFCFunctionName} {
		if _, on := lookupEnv(name); on {
			return fmt.Errorf("%w: %s is set, so this is running on Function Compute", ErrDevModeRefused, name)
		}
	}
	if v, _ := lookupEnv(EnvLocal); v != "1" {
		return fmt.Errorf("%w: %s must be 1 (it is %q)", ErrDevModeRefused, EnvLocal, v)
	}
	return nil
}

// devUser is one demo token and the subject it stands for.
type devUser struct {
	token   []byte
	subject string
}

// lookupDev finds the demo user for token. Every entry is compared in
// constant time so response timing does not reveal how much of a demo
// token a guess got right.
func lookupDev(users []devUser, token string) (string, bool) {
	found, subject := 0, ""
	for _, u := range users {
		if subtle.ConstantTimeCompare(u.token, []byte(token)) == 1 {
			found, subject = 1, u.subject
		}
	}
	return subject, found == 1
}
