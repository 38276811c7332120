package audit

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
)

// The recommended lifecycle XML is accepted as is by PutBucketLifecycle
// (the emulator applies OSS's validation and overlap checks), and a second
// audit finds the missing abort-MPU rule fixed.
func TestRecommendedLifecycleApplies(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	a := newAuditor(t, e, nil)
	rs, err := a.Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	x := []byte(rs[0].RecommendedLifecycle)
	rec, err := rules.ParseXML(x)
	if err != nil || len(rec) != 5 || rec[4].ID != findings.RecommendedRuleID || rec[4].AbortMultipartUpload == nil {
		t.Fatalf("recommended = %+v, %v; want the 4 rules plus %s with abort-MPU\n%s", rec, err, findings.RecommendedRuleID, x)
	}
	sum := md5.Sum(x)
	_, err = e.sdk.InvokeOperation(context.Background(), &oss.OperationInput{
		OpName: "PutBucketLifecycle", Method: "PUT", Bucket: oss.Ptr("audit-data"),
		Parameters: map[string]string{"lifecycle": ""},
		Headers:    map[string]string{"Content-Type": "application/xml", "Content-MD5": base64.StdEncoding.EncodeToString(sum[:])},
		Body:       bytes.NewReader(x),
	})
	if err != nil {
		t.Fatalf("PutBucketLifecycle(recommended) = %v", err)
	}
	rs, err = a.Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rs[0].Findings {
		if f.Code == findings.NoAbortMPU {
			t.Errorf("after applying the recommendation: %s still reported", f.Code)
		}
	}
	if rs[0].Uploads.Aborted != 2 {
		t.Errorf("uploads an abort rule covers = %d; want 2", rs[0].Uploads.Aborted)
	}
}
