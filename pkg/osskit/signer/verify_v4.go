package signer

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// verifyV4Header checks "OSS4-HMAC-SHA256 Credential=...,AdditionalHeaders=...,Signature=...".
func verifyV4Header(r *http.Request, params []param, bucket, key, auth string, now time.Time, lookup func(string) (string, bool)) (Verified, error) {
	var v v4Check
	var credential string
	seen := map[string]bool{}
	for _, field := range strings.Split(strings.TrimPrefix(auth, Algorithm+" "), ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok || seen[name] {
			return Verified{}, newError(CodeInvalidArgument, "malformed V4 Authorization header")
		}
		seen[name] = true
		switch name {
		case "Credential":
			credential = value
		case "AdditionalHeaders":
			names, err := parseAdditional(value)
			if err != nil {
				return Verified{}, err
			}
			v.additional = names
		case "Signature":
			v.signature = value
		default:
			return Verified{}, newError(CodeInvalidArgument, "unknown field "+quoteName(name)+" in V4 Authorization header")
		}
	}
	if credential == "" || v.signature == "" {
		return Verified{}, newError(CodeInvalidArgument, "V4 Authorization header needs Credential and Signature")
	}
	if err := parseCredential(credential, &v); err != nil {
		return Verified{}, err
	}
	date := r.Header.Get("x-oss-date")
	if date == "" {
		return Verified{}, newError(CodeInvalidArgument, "V4 header signing needs an x-oss-date header")
	}
	t, err := parseDateTime(date, &v)
	if err != nil {
		return Verified{}, err
	}
	if d := now.Sub(t); d > MaxSkew || d < -MaxSkew {
		return Verified{}, newError(CodeRequestTimeTooSkewed, "the difference between the request time and the server's time is more than 15 minutes")
	}
	if err := checkV4(r, v, r.Method, canonicalURI(bucket, key), canonicalQuery(params, ""), lookup); err != nil {
		return Verified{}, err
	}
	return Verified{
		AccessKeyID:   v.accessKeyID,
		SecurityToken: r.Header.Get("x-oss-security-token"),
		Version:       VersionV4,
		Region:        v.region,
	}, nil
}

// verifyV4Query checks a V4 presigned URL.
func verifyV4Query(r *http.Request, params []param, bucket, key string, now time.Time, lookup func(string) (string, bool)) (Verified, error) {
	get := map[string]string{}
	for _, name := range []string{"x-oss-signature-version", "x-oss-credential", "x-oss-date", "x-oss-expires", "x-oss-signature", "x-oss-additional-headers", "x-oss-security-token"} {
		val, ok, err := oneParam(params, name)
		if err != nil {
			return Verified{}, err
		}
		if !ok && name != "x-oss-additional-headers" && name != "x-oss-security-token" {
			return Verified{}, newError(CodeInvalidArgument, "V4 presigned URL is missing "+name)
		}
		get[name] = val
	}
	if get["x-oss-signature-version"] != Algorithm {
		return Verified{}, newError(CodeInvalidArgument, "x-oss-signature-version must be "+Algorithm)
	}
	v := v4Check{signature: get["x-oss-signature"]}
	if err := parseCredential(get["x-oss-credential"], &v); err != nil {
		return Verified{}, err
	}
	t, err := parseDateTime(get["x-oss-date"], &v)
	if err != nil {
		return Verified{}, err
	}
	secs, err := strconv.ParseInt(get["x-oss-expires"], 10, 64)
	if err != nil || secs < 1 || secs > int64(MaxPresignExpiry/time.Second) {
		return Verified{}, newError(CodeInvalidArgument, "x-oss-expires must be whole seconds from 1 to 604800 (7 days)")
	}
	if v.additional, err = parseAdditional(get["x-oss-additional-headers"]); err != nil {
		return Verified{}, err
	}
	expires := t.Add(time.Duration(secs) * time.Second)
	if t.Sub(now) > MaxSkew {
		return Verified{}, newError(CodeRequestTimeTooSkewed, "the presigned URL's x-oss-date is more than 15 minutes in the future")
	}
	if now.After(expires) {
		return Verified{}, newError(CodeAccessDenied, "Request has expired.")
	}
	if err := checkV4(r, v, r.Method, canonicalURI(bucket, key), canonicalQuery(params, "x-oss-signature"), lookup); err != nil {
		return Verified{}, err
	}
	return Verified{
		AccessKeyID:   v.accessKeyID,
		SecurityToken: get["x-oss-security-token"],
		Version:       VersionV4,
		Region:        v.region,
		Presigned:     true,
		Expires:       expires,
	}, nil
}
