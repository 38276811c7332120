package postpolicy_test

import (
	"fmt"
	"sort"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

func ExampleBuilder_Sign() {
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	creds := signer.Credentials{AccessKeyID: "LTAI5tExampleKeyId", AccessKeySecret: "example-secret-not-real"}
	form, err := postpolicy.New().
		Bucket("uploads").
		Key("uploads/u1/2026/11/22/k3x9.jpg").
		ContentLengthRange(1, 10<<20).
		ContentType("image/jpeg").
		SuccessActionStatus(201).
		ForbidOverwrite(true).
		Expires(now.Add(10*time.Minute)).
		Sign(creds, "cn-hangzhou", now)
	if err != nil {
		fmt.Println(err)
		return
	}
	var names []string
	for name := range form.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Println(names)
	fmt.Println(form.Expiration)

	// The emulator's side: the browser posts the fields plus the file.
	lookup := func(id string) (string, bool) { return creds.AccessKeySecret, id == creds.AccessKeyID }
	sub := postpolicy.Submission{Bucket: "uploads", Fields: form.Fields, FileSize: 10<<20 + 1}
	_, err = postpolicy.Evaluate(sub, now.Add(time.Minute), lookup)
	fmt.Println(err.(*postpolicy.Error).Code)
	sub.FileSize = 10 << 20
	_, err = postpolicy.Evaluate(sub, now.Add(time.Minute), lookup)
	fmt.Println(err)
	// Output:
	// [Content-Type key policy success_action_status x-oss-credential x-oss-date x-oss-forbid-overwrite x-oss-signature x-oss-signature-version]
	// 2026-11-22 08:10:00 +0000 UTC
	// EntityTooLarge
	// <nil>
}
