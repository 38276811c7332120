// Command sts-token is the HTTP function that gives a verified caller
// temporary OSS credentials scoped to their own prefix (STS AssumeRole with
// an inline session policy). See package httpapi for the API, mint for
// caching, sessionpolicy for what is granted and config for the settings.
package main

import (
	"context"
	"os"

	"github.com/ossflow/ossflow/functions/sts-token/config"
	"github.com/ossflow/ossflow/functions/sts-token/httpapi"
	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/stsclient"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/events/serve"
)

func main() { serve.Start("sts-token", setup) }

// setup loads every config at cold start and joins adapters to use cases.
func setup(context.Context) (serve.Handler, error) {
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		return nil, err
	}
	authCfg, err := callerauth.LoadConfig(os.Getenv)
	if err != nil {
		return nil, err
	}
	auth, err := callerauth.New(authCfg, callerauth.Deps{})
	if err != nil {
		return nil, err
	}
	corsCfg, err := callerauth.LoadCORSConfig(os.Getenv)
	if err != nil {
		return nil, err
	}
	cors, err := callerauth.NewCORS(corsCfg)
	if err != nil {
		return nil, err
	}
	sts, err := stsclient.New(cfg.STS)
	if err != nil {
		return nil, err
	}
	minter, err := mint.New(cfg.Mint, mint.AssumeFunc(func(ctx context.Context, r mint.Request) (mint.Credentials, error) {
		c, err := sts.AssumeRole(ctx, stsclient.Request(r))
		return mint.Credentials(c), err
	}))
	if err != nil {
		return nil, err
	}
	h, err := httpapi.New(cfg.HTTP, auth, minter)
	if err != nil {
		return nil, err
	}
	return serve.HTTP(cors.Handler(h)), nil
}
