package callerauth

import (
	"errors"
	"strings"
)

// configEnv maps Config and CORSConfig field names, as Validate reports
// them, to the environment variables LoadConfig and LoadCORSConfig read, so
// a misconfigured deployment is told which variable to fix.
var configEnv = map[string]string{
	"Issuer": EnvIssuer, "Audiences": EnvAudiences, "Leeway": EnvLeeway, "IdentityClaim": EnvIdentityClaim,
	"JWKSURL": EnvJWKSURL, "JWKSFile": EnvJWKSFile, "HS256Secret": EnvHS256Secret,
	"JWKSRefreshMinimum": EnvJWKSRefreshMinimum, "JWKSMaxAge": EnvJWKSMaxAge,
	"TokenCacheSize": EnvTokenCacheSize, "TokenCacheTTL": EnvTokenCacheTTL,
	"TrustFCJWT": EnvTrustFCJWT, "DevMode": EnvDevMode, "DevUsers": EnvDevUsers,
	"AllowedOrigins": EnvCORSOrigins, "AllowedMethods": EnvCORSMethods, "AllowedHeaders": EnvCORSHeaders,
	"ExposedHeaders": EnvCORSExpose, "AllowCredentials": EnvCORSCredentials, "MaxAge": EnvCORSMaxAge,
	"key source": EnvJWKSURL + ", " + EnvJWKSFile + " or " + EnvHS256Secret,
}

// withEnvNames rewrites each line of a Validate error that starts with a
// field name ("Issuer: required") to lead with its variable
// ("OSSFLOW_AUTH_ISSUER (Issuer): required").
func withEnvNames(err error) error {
	if err == nil {
		return nil
	}
	lines := strings.Split(err.Error(), "\n")
	out := make([]error, 0, len(lines))
	for _, line := range lines {
		for field, env := range configEnv {
			if rest, ok := strings.CutPrefix(line, field); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "[")) {
				line = env + " (" + field + ")" + rest
				break
			}
		}
		out = append(out, errors.New(line))
	}
	return errors.Join(out...)
}
