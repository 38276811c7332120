package ossclient

import (
	"context"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// emuPair returns our client and a bare SDK client (to set up state our
// interfaces do not write) on a fresh emulator with bucket "inspect".
func emuPair(t *testing.T) (*Client, *oss.Client) {
	t.Helper()
	emu := ossemutest.NewServer(t)
	emu.MustBucket(t, "inspect")
	c, err := New(Config{Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
		Credentials: StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := oss.NewConfig()
	cfg.Region, cfg.Endpoint, cfg.UsePathStyle = oss.Ptr(emu.Region), oss.Ptr(emu.URL), oss.Ptr(true)
	cfg.CredentialsProvider = credentials.NewStaticCredentialsProvider(emu.AccessKeyID, emu.AccessKeySecret)
	return c, oss.NewClient(cfg)
}

func TestEmulatorLifecycleRoundTrip(t *testing.T) {
	c, sdk := emuPair(t)
	ctx := context.Background()
	b := mustBucket(t, "inspect")
	rules, err := c.GetBucketLifecycle(ctx, b)
	if err != nil || rules != nil {
		t.Fatalf("fresh bucket: rules %v, err %v; want none, nil", rules, err)
	}
	_, err = sdk.PutBucketLifecycle(ctx, &oss.PutBucketLifecycleRequest{Bucket: oss.Ptr("inspect"),
		LifecycleConfiguration: &oss.LifecycleConfiguration{Rules: []oss.LifecycleRule{{
			ID: oss.Ptr("mpu"), Prefix: oss.Ptr("uploads/"), Status: oss.Ptr("Enabled"),
			AbortMultipartUpload: &oss.LifecycleRuleAbortMultipartUpload{Days: oss.Ptr(int32(7))},
			Transitions:          []oss.LifecycleRuleTransition{{Days: oss.Ptr(int32(30)), StorageClass: oss.StorageClassIA}},
		}}}})
	if err != nil {
		t.Fatalf("PutBucketLifecycle (setup): %v", err)
	}
	rules, err = c.GetBucketLifecycle(ctx, b)
	if err != nil || len(rules) != 1 {
		t.Fatalf("GetBucketLifecycle = %v, %v; want one rule", rules, err)
	}
	r := rules[0]
	if r.ID != "mpu" || !r.Enabled() || r.Prefix != "uploads/" || r.AbortMultipartUpload == nil || r.AbortMultipartUpload.Days != 7 ||
		len(r.Transitions) != 1 || r.Transitions[0].StorageClass != osskit.IA || r.Transitions[0].Days != 30 {
		t.Errorf("rule = %+v; want the rule that was put", r)
	}
}

func TestEmulatorListMultipartUploads(t *testing.T) {
	c, sdk := emuPair(t)
	ctx := context.Background()
	want := map[string]string{}
	for _, k := range []string{"big/a.bin", "big/b.bin", "big/c.bin"} {
		res, err := sdk.InitiateMultipartUpload(ctx, &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr("inspect"), Key: oss.Ptr(k)})
		if err != nil {
			t.Fatalf("InitiateMultipartUpload (setup): %v", err)
		}
		want[k] = oss.ToString(res.UploadId)
	}
	got := map[string]string{}
	opts := osskit.UploadListOptions{Prefix: "big/", MaxUploads: 2}
	for pages := 1; ; pages++ {
		page, err := c.ListMultipartUploads(ctx, mustBucket(t, "inspect"), opts)
		if err != nil {
			t.Fatalf("ListMultipartUploads page %d: %v", pages, err)
		}
		for _, u := range page.Uploads {
			if u.Initiated.IsZero() {
				t.Errorf("upload %s has no initiation time", u.Key)
			}
			got[u.Key] = u.UploadID
		}
		if !page.IsTruncated {
			if pages < 2 {
				t.Errorf("three uploads at two per page came in %d page(s)", pages)
			}
			break
		}
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		opts.KeyMarker, opts.UploadIDMarker = page.NextKeyMarker, page.NextUploadIDMarker
	}
	if len(got) != len(want) {
		t.Fatalf("listed %v; want %v", got, want)
	}
	for k, id := range want {
		if got[k] != id {
			t.Errorf("upload %s = %q; want %q", k, got[k], id)
		}
	}
}
