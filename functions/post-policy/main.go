// Command post-policy is the HTTP function that grants a verified caller
// one upload (a PostObject V4 form or a presigned PUT) under a key the
// server chooses, and presigned GETs for the caller's own objects. See
// package grant for what is granted and package httpapi for the API.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/functions/post-policy/httpapi"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/events/serve"
)

func main() { serve.Start("post-policy", setup) }

// setup loads every config at cold start and joins adapters to use cases.
func setup(context.Context) (serve.Handler, error) {
	cfg, cfgErr := grant.LoadConfig(os.LookupEnv)
	authCfg, authErr := callerauth.LoadConfig(os.Getenv)
	corsCfg, corsErr := callerauth.LoadCORSConfig(os.Getenv)
	if err := errors.Join(cfgErr, authErr, corsErr); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	minter, err := grant.NewMinter(cfg, rand.Reader)
	if err != nil {
		return nil, err
	}
	auth, err := callerauth.New(authCfg, callerauth.Deps{})
	if err != nil {
		return nil, err
	}
	cors, err := callerauth.NewCORS(corsCfg)
	if err != nil {
		return nil, err
	}
	h, err := httpapi.New(httpapi.Deps{Auth: auth, Grants: minter, Credentials: httpapi.InvocationCredentials, Clock: time.Now})
	if err != nil {
		return nil, err
	}
	return serve.HTTP(cors.Handler(h)), nil
}
