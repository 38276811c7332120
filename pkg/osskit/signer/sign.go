package signer

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SignRequest signs r in place with a V4 Authorization header at now. It
// sets x-oss-date, Date, x-oss-content-sha256 (UNSIGNED-PAYLOAD) and, when
// creds carry one, x-oss-security-token. bucket and key are given because
// OSS signs /bucket/key whatever the host style; bucket "" signs a
// service-level request. additionalHeaders names extra headers to sign
// (case-insensitive; names absent from r and default-signed ones are
// dropped, as the official SDK does; "host" means r.Host). It returns an
// *Error with CodeInvalidArgument for missing credentials, region or a
// malformed query, and leaves r untouched then.
func SignRequest(r *http.Request, bucket, key string, creds Credentials, region string, now time.Time, additionalHeaders []string) error {
	if err := checkSignInput(r, bucket, key, creds, region); err != nil {
		return err
	}
	params, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if r.Header == nil {
		r.Header = http.Header{}
	}
	now = now.UTC()
	dateTime := now.Format(dateTimeFormat)
	r.Header.Set("x-oss-date", dateTime)
	r.Header.Set("Date", now.Format(http.TimeFormat))
	if creds.SecurityToken != "" {
		r.Header.Set("x-oss-security-token", creds.SecurityToken)
	}
	r.Header.Set("x-oss-content-sha256", unsignedPayload)

	host := requestHost(r)
	additional := pickAdditional(r.Header, host, additionalHeaders)
	sc := scope(now, region)
	canon := canonicalRequest(r.Method, canonicalURI(bucket, key), canonicalQuery(params, ""),
		canonicalHeaders(r.Header, host, additional), additional, unsignedPayload)
	sig := signingKeys.sign(creds.AccessKeySecret, now, region, stringToSign(dateTime, sc, canon))

	var b strings.Builder
	b.WriteString(Algorithm + " Credential=" + creds.AccessKeyID + "/" + sc)
	if len(additional) > 0 {
		b.WriteString(",AdditionalHeaders=" + strings.Join(additional, ";"))
	}
	b.WriteString(",Signature=" + sig)
	r.Header.Set("Authorization", b.String())
	return nil
}

// PresignURL returns r's URL with V4 query signing valid for expires from
// now: x-oss-signature-version, x-oss-credential, x-oss-date,
// x-oss-expires (whole seconds, 1 s to 7 days), x-oss-additional-headers,
// x-oss-security-token and x-oss-signature. r is not modified. Headers in
// r that are signed (Content-Type, Content-MD5, x-oss-*, and the present
// additionalHeaders) must be sent unchanged by whoever uses the URL. It
// returns an *Error with CodeInvalidArgument for bad input or an expiry
// outside 1 s..7 days.
func PresignURL(r *http.Request, bucket, key string, creds Credentials, region string, now time.Time, expires time.Duration, additionalHeaders []string) (string, error) {
	if err := checkSignInput(r, bucket, key, creds, region); err != nil {
		return "", err
	}
	secs := int64(expires / time.Second)
	if secs < 1 || expires > MaxPresignExpiry {
		return "", newError(CodeInvalidArgument, "presign expiry must be between 1 s and 7 days, got "+expires.String())
	}
	params, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return "", err
	}
	now = now.UTC()
	dateTime := now.Format(dateTimeFormat)
	sc := scope(now, region)
	host := requestHost(r)
	additional := pickAdditional(r.Header, host, additionalHeaders)

	if creds.SecurityToken != "" {
		params = append(params, param{"x-oss-security-token", creds.SecurityToken})
	}
	params = append(params,
		param{"x-oss-signature-version", Algorithm},
		param{"x-oss-date", dateTime},
		param{"x-oss-expires", strconv.FormatInt(secs, 10)},
		param{"x-oss-credential", creds.AccessKeyID + "/" + sc})
	if len(additional) > 0 {
		params = append(params, param{"x-oss-additional-headers", strings.Join(additional, ";")})
	}
	query := canonicalQuery(params, "")
	canon := canonicalRequest(r.Method, canonicalURI(bucket, key), query,
		canonicalHeaders(r.Header, host, additional), additional, payloadHash(r.Header))
	params = append(params, param{"x-oss-signature", signingKeys.sign(creds.AccessKeySecret, now, region, stringToSign(dateTime, sc, canon))})

	u := *r.URL
	u.RawQuery = urlQuery(params)
	u.ForceQuery = false
	return u.String(), nil
}

// SignPostPolicy returns the x-oss-signature form field for a PostObject
// policy: hex(HMAC-SHA256(SigningKey(secret, now, region), base64Policy)).
// It cannot fail; validating the policy is postpolicy's job. The derived
// key comes from a small per-process cache keyed by a salted hash of the
// secret, the day and the region; the secret itself is never stored.
func SignPostPolicy(base64Policy string, creds Credentials, region string, now time.Time) string {
	return signingKeys.sign(creds.AccessKeySecret, now, region, base64Policy)
}

// Credential returns the x-oss-credential value
// <AccessKeyId>/<YYYYMMDD>/<region>/oss/aliyun_v4_request for now.
func Credential(accessKeyID, region string, now time.Time) string {
	var buf [128]byte
	b := append(buf[:0], accessKeyID...)
	b = append(b, '/')
	return string(appendScope(b, now, region))
}

// DateTime formats now as an x-oss-date value (ISO 8601 basic, UTC).
func DateTime(now time.Time) string {
	var buf [len(dateTimeFormat)]byte
	return string(now.UTC().AppendFormat(buf[:0], dateTimeFormat))
}

func checkSignInput(r *http.Request, bucket, key string, creds Credentials, region string) error {
	switch {
	case r == nil || r.URL == nil:
		return newError(CodeInvalidArgument, "no request to sign")
	case r.Method == "":
		return newError(CodeInvalidArgument, "request has no method")
	case region == "":
		return newError(CodeInvalidArgument, "region is required for V4 signing")
	case strings.ContainsAny(region, "/ "):
		return newError(CodeInvalidArgument, "region must be a plain region id such as cn-hangzhou")
	case bucket == "" && key != "":
		return newError(CodeInvalidArgument, "an object key needs a bucket")
	}
	return creds.valid()
}

// pickAdditional lower-cases, de-duplicates and sorts the additional header
// names, keeping only those present in the request that V4 would not sign
// anyway, exactly as the official SDK does.
func pickAdditional(h http.Header, host string, names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		low := strings.ToLower(strings.TrimSpace(n))
		if low == "" || seen[low] || defaultSigned(low) {
			continue
		}
		seen[low] = true
		if vals, _ := headerValues(h, low, host); strings.Join(vals, "") != "" {
			out = append(out, low)
		}
	}
	sort.Strings(out)
	return out
}

func requestHost(r *http.Request) string {
	if r.Host != "" {
		return r.Host
	}
	if r.URL != nil {
		return r.URL.Host
	}
	return ""
}

// payloadHash is the client's x-oss-content-sha256 or UNSIGNED-PAYLOAD.
func payloadHash(h http.Header) string {
	if v := h.Get("x-oss-content-sha256"); v != "" {
		return v
	}
	return unsignedPayload
}

// urlQuery writes params the way url.Values.Encode does (sorted by name,
// always "name=value") but with %20 for spaces, so our presigned URLs are
// byte-for-byte those of the official SDK.
func urlQuery(params []param) string {
	sorted := append([]param(nil), params...)
	slices.SortStableFunc(sorted, func(a, b param) int { return strings.Compare(a.name, b.name) })
	var buf [1024]byte
	b := buf[:0]
	for i, p := range sorted {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendURIEncode(b, p.name, false)
		b = append(b, '=')
		b = appendURIEncode(b, p.value, false)
	}
	return string(b)
}
