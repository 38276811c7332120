package ossemu

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"net/http"
)

// codeStatus is the HTTP status OSS answers with for each error code it
// documents; one table so a code can never travel with the wrong status.
var codeStatus = map[string]int{
	"AccessDenied":                  http.StatusForbidden,
	"SignatureDoesNotMatch":         http.StatusForbidden,
	"InvalidAccessKeyId":            http.StatusForbidden,
	"RequestTimeTooSkewed":          http.StatusForbidden,
	"SecurityTokenExpired":          http.StatusForbidden,
	"InvalidSecurityToken":          http.StatusForbidden,
	"InvalidObjectState":            http.StatusForbidden,
	"NoSuchBucket":                  http.StatusNotFound,
	"NoSuchKey":                     http.StatusNotFound,
	"NoSuchUpload":                  http.StatusNotFound,
	"NoSuchLifecycle":               http.StatusNotFound,
	"NoSuchInventory":               http.StatusNotFound,
	"NoSuchCORSConfiguration":       http.StatusNotFound,
	"NoSuchVersion":                 http.StatusNotFound,
	"AccessForbidden":               http.StatusForbidden,
	"BucketAlreadyExists":           http.StatusConflict,
	"BucketNotEmpty":                http.StatusConflict,
	"FileAlreadyExists":             http.StatusConflict,
	"EntityTooLarge":                http.StatusBadRequest,
	"EntityTooSmall":                http.StatusBadRequest,
	"InvalidDigest":                 http.StatusBadRequest,
	"IncompleteBody":                http.StatusBadRequest,
	"InvalidArgument":               http.StatusBadRequest,
	"InvalidBucketName":             http.StatusBadRequest,
	"InvalidObjectName":             http.StatusBadRequest,
	"InvalidPart":                   http.StatusBadRequest,
	"InvalidPartOrder":              http.StatusBadRequest,
	"InvalidPolicyDocument":         http.StatusBadRequest,
	"MalformedXML":                  http.StatusBadRequest,
	"MalformedPOSTRequest":          http.StatusBadRequest,
	"MissingContentLength":          http.StatusLengthRequired,
	"MissingArgument":               http.StatusBadRequest,
	"InvalidEncryptionAlgorithm":    http.StatusBadRequest,
	"TooManyBuckets":                http.StatusBadRequest,
	"PreconditionFailed":            http.StatusPreconditionFailed,
	"InvalidRange":                  http.StatusRequestedRangeNotSatisfiable,
	"MethodNotAllowed":              http.StatusMethodNotAllowed,
	"NotImplemented":                http.StatusNotImplemented,
	"InternalError":                 http.StatusInternalServerError,
	"ServiceUnavailable":            http.StatusServiceUnavailable,
	"RequestTimeout":                http.StatusBadRequest,
	"CallbackFailed":                http.StatusNonAuthoritativeInfo,
	"InvalidTargetBucketForLogging": http.StatusBadRequest,
}

// apiError is an OSS error response. Message and the extra fields are
// public: they must never hold a secret, a token or a signature.
type apiError struct {
	Code    string
	Message string
	// EC is OSS's detailed error code (e.g. 0017-00000503), set only where
	// the OSS docs name one for the case.
	EC string
	// Extra are the case-specific elements OSS adds (Key, BucketName,
	// Condition, ...), in order.
	Extra []xmlField
}

type xmlField struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func (e *apiError) status() int {
	if s, ok := codeStatus[e.Code]; ok {
		return s
	}
	return http.StatusBadRequest
}

func (e *apiError) with(name, value string) *apiError {
	e.Extra = append(e.Extra, xmlField{XMLName: xml.Name{Local: name}, Value: value})
	return e
}

func errorf(code, message string) *apiError { return &apiError{Code: code, Message: message} }

func errNoSuchBucket(bucket string) *apiError {
	return errorf("NoSuchBucket", "The specified bucket does not exist.").with("BucketName", bucket)
}

func errNoSuchKey(key string) *apiError {
	return errorf("NoSuchKey", "The specified key does not exist.").with("Key", key)
}

func errInternal() *apiError {
	return errorf("InternalError", "We encountered an internal error. Please try again.")
}

type errorBody struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	RequestID string   `xml:"RequestId"`
	HostID    string   `xml:"HostId"`
	Extra     []xmlField
	EC        string `xml:"EC,omitempty"`
}

// errorDocument renders e as OSS's XML error document for rq.
func errorDocument(rq *request, e *apiError) ([]byte, error) {
	return renderError(rq.w.Header().Get("x-oss-request-id"), rq.r.Host, e)
}

func renderError(requestID, host string, e *apiError) ([]byte, error) {
	out, err := xml.MarshalIndent(errorBody{
		Code: e.Code, Message: e.Message, RequestID: requestID, HostID: host, Extra: e.Extra, EC: e.EC,
	}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// writeError answers with OSS's error document. HEAD responses carry no body,
// so, as OSS does, the document travels base64-encoded in x-oss-err, which
// is where the official SDK looks for it.
func writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	out, err := renderError(w.Header().Get("x-oss-request-id"), r.Host, e)
	if err != nil {
		// Only strings are marshalled, so this cannot happen; answer plainly anyway.
		out = []byte("<Error><Code>InternalError</Code></Error>")
	}
	h := w.Header()
	h.Set("Content-Type", "application/xml")
	if e.EC != "" {
		h.Set("x-oss-ec", e.EC)
	}
	if r.Method == http.MethodHead {
		h.Set("x-oss-err", base64.StdEncoding.EncodeToString(out))
		w.WriteHeader(e.status())
		return
	}
	h.Set("Content-Length", itoa(int64(len(out))))
	w.WriteHeader(e.status())
	_, _ = w.Write(out)
}

// ErrorCode returns the OSS error code (e.g. "NoSuchBucket") carried by an
// error from CreateBucket or SeedObject, or "" when err carries none.
func ErrorCode(err error) string {
	var e *apiError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
