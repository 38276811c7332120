package callback

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
)

// Body types OSS accepts for callbackBodyType.
const (
	BodyTypeForm = "application/x-www-form-urlencoded" // the OSS default
	BodyTypeJSON = "application/json"
)

// Callback describes the request OSS sends after an upload succeeds.
type Callback struct {
	// URL is callbackUrl: one to five http(s) URLs separated by ";", tried in
	// order. Non-ASCII characters must already be percent-encoded.
	URL string
	// Host is callbackHost, the Host header OSS sends; empty means the
	// URL's host.
	Host string
	// Body is callbackBody, a template using ${var} system variables and
	// ${x:name} custom variables.
	Body string
	// BodyType is callbackBodyType: BodyTypeForm, BodyTypeJSON or empty
	// (OSS then uses BodyTypeForm).
	BodyType string
	// SNI is callbackSNI: whether OSS sends SNI when calling an https URL.
	SNI bool
	// Vars are the custom variables sent in callback-var. Names start with
	// "x:" and are lower-case.
	Vars map[string]string
	// FormVars names x: variables the uploader sends as PostObject form
	// fields rather than in Vars; they may appear in Body. Not encoded.
	FormVars []string
}

// wire is the callback JSON as OSS documents it. The field order matches the
// documentation so encoded parameters are easy to compare by eye.
type wire struct {
	URL      string `json:"callbackUrl"`
	Host     string `json:"callbackHost,omitempty"`
	Body     string `json:"callbackBody"`
	SNI      bool   `json:"callbackSNI,omitempty"`
	BodyType string `json:"callbackBodyType,omitempty"`
}

// Encode validates c and returns the base64 "callback" parameter and, when c
// has Vars, the base64 "callback-var" parameter (else ""). Pass them as the
// x-oss-callback / x-oss-callback-var headers, or as the callback form field
// (with each var as its own form field) in PostObject. Errors are *Error with
// ReasonInvalidCallback naming the rule broken.
func (c Callback) Encode() (callback, callbackVar string, err error) {
	if err := c.Validate(); err != nil {
		return "", "", err
	}
	js, err := marshal(wire{URL: c.URL, Host: c.Host, Body: c.Body, SNI: c.SNI, BodyType: c.BodyType})
	if err != nil {
		return "", "", newErr(ReasonInvalidCallback, err, "encode callback")
	}
	callback = base64.StdEncoding.EncodeToString(js)
	if len(c.Vars) == 0 {
		return callback, "", nil
	}
	js, err = marshal(c.Vars)
	if err != nil {
		return "", "", newErr(ReasonInvalidCallback, err, "encode callback-var")
	}
	return callback, base64.StdEncoding.EncodeToString(js), nil
}

// marshal encodes without HTML escaping: OSS accepts either, but "&" beats
// "\u0026" when someone decodes the parameter to debug it.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Decode parses base64 "callback" and optional "callback-var" parameters, as
// an OSS emulator receives them, and validates the result like Encode does.
// Every ${x:name} in the body must then be in callback-var. Errors are
// *Error with ReasonInvalidCallback.
func Decode(callback, callbackVar string) (Callback, error) {
	var w wire
	if err := decodeParam("callback", callback, &w); err != nil {
		return Callback{}, err
	}
	c := Callback{URL: w.URL, Host: w.Host, Body: w.Body, SNI: w.SNI, BodyType: w.BodyType}
	if callbackVar != "" {
		if err := decodeParam("callback-var", callbackVar, &c.Vars); err != nil {
			return Callback{}, err
		}
	}
	if err := c.Validate(); err != nil {
		return Callback{}, err
	}
	return c, nil
}

func decodeParam(name, param string, v any) error {
	// OSS limits request headers; 64 KiB is far above any sane callback.
	const maxParam = 64 << 10
	if len(param) > maxParam {
		return newErr(ReasonInvalidCallback, nil, "%s parameter longer than %d bytes", name, maxParam)
	}
	raw, err := base64.StdEncoding.DecodeString(param)
	if err != nil {
		return newErr(ReasonInvalidCallback, err, "%s parameter is not base64", name)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return newErr(ReasonInvalidCallback, err, "%s parameter is not the documented JSON", name)
	}
	return nil
}
