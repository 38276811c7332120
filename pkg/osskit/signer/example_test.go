package signer_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Example credentials: not a real account's.
var creds = signer.Credentials{AccessKeyID: "LTAI5tExampleKeyId", AccessKeySecret: "example-secret-not-real"}

func ExamplePresignURL() {
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	r, _ := http.NewRequest(http.MethodPut, "https://uploads.oss-cn-hangzhou.aliyuncs.com/uploads/u1/a.jpg", nil)
	r.Header.Set("Content-Type", "image/jpeg")
	r.Header.Set("x-oss-forbid-overwrite", "true")
	signed, err := signer.PresignURL(r, "uploads", "uploads/u1/a.jpg", creds, "cn-hangzhou", now, 10*time.Minute, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	u, _ := url.Parse(signed)
	q := u.Query()
	fmt.Println(q.Get("x-oss-signature-version"))
	fmt.Println(q.Get("x-oss-credential"))
	fmt.Println(q.Get("x-oss-date"), q.Get("x-oss-expires"))
	fmt.Println(len(q.Get("x-oss-signature")))

	// The emulator's side: the same URL verifies, and fails once expired.
	back, _ := http.NewRequest(http.MethodPut, signed, nil)
	back.Header = r.Header.Clone()
	lookup := func(id string) (string, bool) { return creds.AccessKeySecret, id == creds.AccessKeyID }
	v, err := signer.Verify(back, "uploads", "uploads/u1/a.jpg", now.Add(time.Minute), lookup)
	fmt.Println(v.AccessKeyID, v.Presigned, err)
	_, err = signer.Verify(back, "uploads", "uploads/u1/a.jpg", now.Add(11*time.Minute), lookup)
	fmt.Println(err.(*signer.Error).Code)
	// Output:
	// OSS4-HMAC-SHA256
	// LTAI5tExampleKeyId/20261122/cn-hangzhou/oss/aliyun_v4_request
	// 20261122T080000Z 600
	// 64
	// LTAI5tExampleKeyId true <nil>
	// AccessDenied
}

func ExampleSignRequest() {
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	r, _ := http.NewRequest(http.MethodGet, "https://uploads.oss-cn-hangzhou.aliyuncs.com/uploads/u1/a.jpg", nil)
	if err := signer.SignRequest(r, "uploads", "uploads/u1/a.jpg", creds, "cn-hangzhou", now, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Header.Get("x-oss-date"))
	fmt.Println(r.Header.Get("x-oss-content-sha256"))
	auth := r.Header.Get("Authorization")
	fmt.Println(auth[:strings.Index(auth, ",")])
	// Output:
	// 20261122T080000Z
	// UNSIGNED-PAYLOAD
	// OSS4-HMAC-SHA256 Credential=LTAI5tExampleKeyId/20261122/cn-hangzhou/oss/aliyun_v4_request
}
