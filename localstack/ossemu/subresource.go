package ossemu

import (
	"net/url"
	"strings"
)

// Sub-resources the emulator implements, per level. A request naming any
// other sub-resource (?versioning, ?tagging, ?symlink, ...) is answered
// NotImplemented instead of being mistaken for a plain object or bucket
// call — a PUT /?versioning must not create a bucket.
var (
	bucketSubresources = []string{"acl", "location", "uploads", "delete", "lifecycle", "stat", "versioning", "versions", "inventory", "cors"}
	objectSubresources = []string{"uploads", "uploadId", "partNumber", "objectMeta", "acl"}
)

// plainParams are query parameters that select nothing: listing and paging
// options and the signature fields of presigned URLs.
var plainParams = map[string]bool{
	"list-type": true, "prefix": true, "delimiter": true, "marker": true, "max-keys": true,
	"start-after": true, "continuation-token": true, "fetch-owner": true, "encoding-type": true,
	"key-marker": true, "upload-id-marker": true, "max-uploads": true, "max-parts": true,
	"part-number-marker":      true,
	"version-id-marker":       true,
	"versionId":               true,
	"x-oss-signature-version": true, "x-oss-credential": true, "x-oss-date": true, "x-oss-expires": true,
	"x-oss-additional-headers": true, "x-oss-security-token": true, "x-oss-signature": true,
	"OSSAccessKeyId": true, "Expires": true, "Signature": true, "security-token": true,
}

// subresource returns the implemented sub-resource q names ("" for none),
// or an error naming one the emulator does not implement.
func subresource(q url.Values, bucketLevel bool) (string, *apiError) {
	known := objectSubresources
	if bucketLevel {
		known = bucketSubresources
	}
	found := ""
	for name := range q {
		switch {
		case plainParams[name] || strings.HasPrefix(name, "response-"):
		case contains(known, name):
			if found == "" || name == "uploadId" {
				found = name
			}
		default:
			return "", errorf("NotImplemented", "The emulator does not implement the "+name+" sub-resource.").
				with("ArgumentName", name)
		}
	}
	return found, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
