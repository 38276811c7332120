package events

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Object key limits. A key longer than the store allows, or one that is not
// text, cannot name a real object, so an event carrying one is malformed
// rather than something a handler should try to fetch.
//
// OSS: UTF-8, 1-1023 bytes
// (https://help.aliyun.com/en/oss/user-guide/object-overview, "Naming rules").
// S3: UTF-8, up to 1024 bytes
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
const (
	maxOSSKeyBytes = 1023
	maxS3KeyBytes  = 1024
)

// Key encoding differs per platform, and getting it wrong fetches the wrong
// object (or none):
//
//   - S3 URL-encodes keys in notifications, form-style: "red flower.jpg"
//     arrives as "red+flower.jpg"; AWS's event message structure page says
//     the key value is URL encoded
//     (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
//     aws-lambda-go decodes it into S3Object.URLDecodedKey with
//     url.QueryUnescape, which ParseS3 uses.
//   - OSS documents no encoding for oss.object.key. The FC trigger docs
//     (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/overview-of-oss-trigger,
//     which defers the format to the OSS event notification docs), the FC Go
//     SDK's sample (fc-runtime-go-sdk events/README_OSS.md, key "image/a.jpg")
//     and Alibaba's own trigger handler
//     (aliyun/serverless-aliyun-function-compute test/project/src/ossTriggerHandler.js,
//     which passes oss.object.key straight to GetObject) all treat the key as
//     the object's name. ParseFCOSS therefore keeps it verbatim: decoding a
//     verbatim key would corrupt every key containing '%' or '+'.

// checkObjectKey reports a key that cannot name an object on a store whose
// keys are at most max bytes.
func checkObjectKey(format, field, key string, max int) error {
	if key == "" {
		return malformed(format, field, "is missing; want the object key")
	}
	if len(key) > max {
		return malformed(format, field, "is %d bytes; object keys are at most %d", len(key), max)
	}
	if problem := textProblem(key); problem != "" {
		return malformed(format, field, "%s", problem)
	}
	return nil
}

// textProblem says why s is not printable UTF-8 text, or returns "".
// Control characters (NUL, newline, C1 codes) are refused: no uploader puts
// them in a name on purpose, and they break logs, paths and headers.
func textProblem(s string) string {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Sprintf("is not valid UTF-8 at byte %d", i)
			}
		}
		if unicode.IsControl(r) {
			return fmt.Sprintf("contains control character %U at byte %d", r, i)
		}
	}
	return ""
}

// checkOSSBucket applies OSS bucket naming: 3-63 lower-case letters, digits
// and hyphens, starting and ending with a letter or digit
// (https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions).
func checkOSSBucket(format, field, name string) error {
	return checkBucketName(format, field, name, 63, func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
	})
}

// checkS3Bucket applies S3's legacy bucket naming, the loosest S3 still
// serves: up to 255 letters (either case), digits, periods, hyphens and
// underscores (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
func checkS3Bucket(format, field, name string) error {
	return checkBucketName(format, field, name, 255, func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_'
	})
}

func checkBucketName(format, field, name string, max int, allowed func(byte) bool) error {
	if name == "" {
		return malformed(format, field, "is missing; want the bucket name")
	}
	if len(name) < 3 || len(name) > max {
		return malformed(format, field, "%s is %d bytes; bucket names are 3 to %d", shortQuote(name), len(name), max)
	}
	for i := 0; i < len(name); i++ {
		if !allowed(name[i]) {
			return malformed(format, field, "%s has %q at byte %d, not allowed in a bucket name", shortQuote(name), name[i], i)
		}
	}
	if name[0] == '-' || name[len(name)-1] == '-' {
		return malformed(format, field, "%s starts or ends with a hyphen", shortQuote(name))
	}
	return nil
}
