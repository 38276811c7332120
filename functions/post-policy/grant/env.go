package grant

import (
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

// Environment variables read by LoadConfig.
const (
	EnvBucket           = "OSSFLOW_UPLOAD_BUCKET"
	EnvRegion           = "OSS_REGION"
	EnvFCRegion         = "FC_REGION" // set by Function Compute; used when OSS_REGION is not
	EnvEndpoint         = "OSSFLOW_UPLOAD_ENDPOINT"
	EnvPathStyle        = "OSSFLOW_UPLOAD_PATH_STYLE"
	EnvUploadPrefix     = "OSSFLOW_UPLOAD_PREFIX"
	EnvVariantPrefixes  = "OSSFLOW_VARIANT_PREFIXES"     // comma-separated
	EnvContentTypes     = "OSSFLOW_UPLOAD_CONTENT_TYPES" // comma-separated, type or type=ext
	EnvMaxSize          = "OSSFLOW_UPLOAD_MAX_SIZE"      // bytes, or 10MiB
	EnvPostExpiry       = "OSSFLOW_POST_EXPIRY"          // Go duration
	EnvPutExpiry        = "OSSFLOW_PUT_EXPIRY"           // Go duration
	EnvGetExpiry        = "OSSFLOW_GET_EXPIRY"           // Go duration
	EnvCallbackURL      = "OSSFLOW_UPLOAD_CALLBACK_URL"  // enables the callback
	EnvCallbackBody     = "OSSFLOW_UPLOAD_CALLBACK_BODY" // template, may use ${x:user}
	EnvCallbackBodyType = "OSSFLOW_UPLOAD_CALLBACK_TYPE" // form (default) or json
	EnvCallbackHost     = "OSSFLOW_UPLOAD_CALLBACK_HOST" // optional Host header
)

// LoadConfig reads a Config from the environment through lookup
// (os.LookupEnv in main, envconfig.FromMap in tests), applies defaults and
// validates it. The error joins every problem, each naming its variable or
// Config field.
func LoadConfig(lookup func(string) (string, bool)) (Config, error) {
	l := envconfig.New(lookup)
	c := Config{
		Bucket:          l.Required(EnvBucket),
		Region:          l.String(EnvRegion, l.String(EnvFCRegion, "")),
		Endpoint:        l.String(EnvEndpoint, ""),
		PathStyle:       l.Bool(EnvPathStyle, false),
		UploadPrefix:    l.String(EnvUploadPrefix, DefaultUploadPrefix),
		VariantPrefixes: l.List(EnvVariantPrefixes, DefaultVariantPrefixes),
		MaxSize:         l.Bytes(EnvMaxSize, DefaultMaxSize, 1, MaxMaxSize),
		PostExpiry:      l.Duration(EnvPostExpiry, DefaultPostExpiry, MinExpiry, MaxUploadExpiry),
		PutExpiry:       l.Duration(EnvPutExpiry, DefaultPutExpiry, MinExpiry, MaxUploadExpiry),
		GetExpiry:       l.Duration(EnvGetExpiry, DefaultGetExpiry, MinExpiry, MaxGetExpiry),
	}
	if c.Region == "" {
		l.Fail(EnvRegion, "required (or %s, which Function Compute sets)", EnvFCRegion)
	}
	for _, entry := range l.List(EnvContentTypes, nil) {
		ct, err := ParseContentType(entry)
		if err != nil {
			l.Fail(EnvContentTypes, "%v", err)
			continue
		}
		c.ContentTypes = append(c.ContentTypes, ct)
	}
	if u := l.String(EnvCallbackURL, ""); u != "" {
		bodyType := map[string]string{"form": callback.BodyTypeForm, "json": callback.BodyTypeJSON}[l.OneOf(EnvCallbackBodyType, "form", "form", "json")]
		c.Callback = &callback.Callback{URL: u, Host: l.String(EnvCallbackHost, ""),
			Body: l.Required(EnvCallbackBody), BodyType: bodyType}
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		l.Fail("config", "%v", err)
	}
	if err := l.Err(); err != nil {
		return Config{}, err
	}
	return c, nil
}
