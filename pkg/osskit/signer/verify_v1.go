package signer

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// v1SubResources are the query parameters V1 signs in the canonicalized
// resource: the union of the lists in the official Go SDKs (v1
// aliyun-oss-go-sdk oss/conn.go signKeyList, v2 oss/signer/v1.go
// requiredSignedParametersMap), so whichever SDK signed, we agree. Any
// x-oss-* parameter is signed too (v2 SDK rule).
var v1SubResources = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`acl uploads location cors logging website referer lifecycle delete
		append tagging objectMeta uploadId partNumber security-token position img style styleName
		replication replicationProgress replicationLocation cname bucketInfo comp qos live status vod
		startTime endTime symlink response-content-type response-content-language response-expires
		response-cache-control response-content-disposition response-content-encoding udf udfName
		udfImage udfId udfImageDesc udfApplication udfApplicationLog restore callback callback-var
		qosInfo policy stat encryption versions versioning versionId requestPayment sequential
		inventory inventoryId continuation-token asyncFetch worm wormId wormExtend withHashContext
		regionList cloudboxes resourceGroup`) {
		v1SubResources[k] = true
	}
}

// v1StringToSign is VERB, Content-MD5, Content-Type, date (the Date header,
// or Expires for a presigned URL), canonicalized x-oss-* headers and the
// canonicalized resource /bucket/key?subresources, newline separated.
func v1StringToSign(r *http.Request, params []param, bucket, key, date string) string {
	var b strings.Builder
	b.WriteString(r.Method + "\n" + r.Header.Get("Content-MD5") + "\n" + r.Header.Get("Content-Type") + "\n" + date + "\n")
	var names []string
	seen := map[string]bool{}
	for k := range r.Header {
		low := strings.ToLower(k)
		if strings.HasPrefix(low, "x-oss-") && !seen[low] {
			seen[low] = true
			names = append(names, low)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		vals, _ := headerValues(r.Header, n, "")
		b.WriteString(n + ":" + strings.Join(vals, ",") + "\n")
	}
	b.WriteString("/")
	if bucket != "" {
		b.WriteString(bucket + "/" + key)
	}
	var sub []param
	for _, p := range params {
		if v1SubResources[p.name] || strings.HasPrefix(p.name, "x-oss-") {
			sub = append(sub, p)
		}
	}
	sort.SliceStable(sub, func(i, j int) bool { return sub[i].name < sub[j].name })
	for i, p := range sub {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(p.name)
		if p.value != "" {
			b.WriteString("=" + p.value)
		}
	}
	return b.String()
}

// checkV1 compares base64(HMAC-SHA1(secret, stringToSign)) with sig.
func checkV1(accessKeyID, sig, toSign string, lookup func(string) (string, bool)) error {
	secret, ok := lookup(accessKeyID)
	if !ok {
		return newError(CodeInvalidAccessKeyID, "the access key id does not exist")
	}
	h := hmac.New(sha1.New, []byte(secret))
	h.Write([]byte(toSign))
	got, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, h.Sum(nil)) {
		return newError(CodeSignatureDoesNotMatch, "the request signature we calculated does not match the signature you provided; check your key and signing method")
	}
	return nil
}

// verifyV1Header checks "Authorization: OSS <ak>:<base64 signature>".
func verifyV1Header(r *http.Request, params []param, bucket, key, auth string, now time.Time, lookup func(string) (string, bool)) (Verified, error) {
	ak, sig, ok := strings.Cut(strings.TrimPrefix(auth, "OSS "), ":")
	if !ok || ak == "" || sig == "" {
		return Verified{}, newError(CodeInvalidArgument, "V1 Authorization header must be OSS <AccessKeyId>:<Signature>")
	}
	// Browsers cannot set Date, so V1 lets x-oss-date stand in for it.
	date := r.Header.Get("Date")
	if date == "" {
		date = r.Header.Get("x-oss-date")
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return Verified{}, newError(CodeInvalidArgument, "V1 header signing needs a valid Date or x-oss-date header")
	}
	if d := now.Sub(t); d > MaxSkew || d < -MaxSkew {
		return Verified{}, newError(CodeRequestTimeTooSkewed, "the difference between the request time and the server's time is more than 15 minutes")
	}
	if err := checkV1(ak, sig, v1StringToSign(r, params, bucket, key, date), lookup); err != nil {
		return Verified{}, err
	}
	return Verified{AccessKeyID: ak, SecurityToken: r.Header.Get("x-oss-security-token"), Version: VersionV1}, nil
}

// verifyV1Query checks ?OSSAccessKeyId=&Expires=<unix>&Signature=.
func verifyV1Query(r *http.Request, params []param, bucket, key string, now time.Time, lookup func(string) (string, bool)) (Verified, error) {
	var got [3]string
	for i, name := range []string{"OSSAccessKeyId", "Expires", "Signature"} {
		v, ok, err := oneParam(params, name)
		if err != nil {
			return Verified{}, err
		}
		if !ok || v == "" {
			return Verified{}, newError(CodeInvalidArgument, "V1 presigned URL needs OSSAccessKeyId, Expires and Signature")
		}
		got[i] = v
	}
	secs, err := strconv.ParseInt(got[1], 10, 64)
	if err != nil || secs < 0 {
		return Verified{}, newError(CodeInvalidArgument, "Expires must be a Unix time in seconds")
	}
	expires := time.Unix(secs, 0).UTC()
	if now.After(expires) {
		return Verified{}, newError(CodeAccessDenied, "Request has expired.")
	}
	if err := checkV1(got[0], got[2], v1StringToSign(r, params, bucket, key, got[1]), lookup); err != nil {
		return Verified{}, err
	}
	token, _, err := oneParam(params, "security-token")
	if err != nil {
		return Verified{}, err
	}
	return Verified{AccessKeyID: got[0], SecurityToken: token, Version: VersionV1, Presigned: true, Expires: expires}, nil
}
