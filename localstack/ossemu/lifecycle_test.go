package ossemu_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func expireRule(id, prefix string, days int32) oss.LifecycleRule {
	return oss.LifecycleRule{ID: oss.Ptr(id), Prefix: oss.Ptr(prefix), Status: oss.Ptr("Enabled"),
		Expiration: &oss.LifecycleRuleExpiration{Days: oss.Ptr(days)}}
}

func transitionRule(id, prefix string, days int32, class oss.StorageClassType) oss.LifecycleRule {
	return oss.LifecycleRule{ID: oss.Ptr(id), Prefix: oss.Ptr(prefix), Status: oss.Ptr("Enabled"),
		Transitions: []oss.LifecycleRuleTransition{{Days: oss.Ptr(days), StorageClass: class}}}
}

func TestLifecycleValidation(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "logs")
	c := goodClient(srv)
	ctx := context.Background()
	many := make([]oss.LifecycleRule, 1001)
	for i := range many {
		many[i] = expireRule(fmt.Sprint("r", i), fmt.Sprintf("p%04d/", i), 30)
	}
	noPrefix := expireRule("a", "", 30)
	noPrefix.Prefix = nil
	tests := []struct {
		name    string
		rules   []oss.LifecycleRule
		overlap bool
		wantEC  string // "" = accepted
	}{
		{"disjoint prefixes", []oss.LifecycleRule{expireRule("a", "tmp/", 7), transitionRule("b", "logs/", 30, oss.StorageClassIA)}, false, ""},
		{"same prefix", []oss.LifecycleRule{expireRule("a", "tmp/", 7), transitionRule("b", "tmp/", 30, oss.StorageClassIA)}, false, "0014-00000085"},
		{"overlapping expirations", []oss.LifecycleRule{expireRule("a", "tmp/", 7), expireRule("b", "tmp/x/", 30)}, false, "0014-00000084"},
		{"overlapping expirations allowed", []oss.LifecycleRule{expireRule("a", "tmp/", 7), expireRule("b", "tmp/x/", 30)}, true, ""},
		{"overlapping same class", []oss.LifecycleRule{transitionRule("a", "", 30, oss.StorageClassIA), transitionRule("b", "x/", 60, oss.StorageClassIA)}, false, "0014-00000079"},
		{"1001 rules", many, false, "0014-00000014"},
		{"missing prefix", []oss.LifecycleRule{noPrefix}, false, "0014-00000021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := &oss.PutBucketLifecycleRequest{Bucket: oss.Ptr("logs"),
				LifecycleConfiguration: &oss.LifecycleConfiguration{Rules: tt.rules}}
			if tt.overlap {
				req.AllowSameActionOverlap = oss.Ptr("true")
			}
			_, err := c.PutBucketLifecycle(ctx, req)
			if tt.wantEC == "" {
				if err != nil {
					t.Fatalf("put lifecycle: %v", err)
				}
				got, err := c.GetBucketLifecycle(ctx, &oss.GetBucketLifecycleRequest{Bucket: oss.Ptr("logs")})
				if err != nil || len(got.LifecycleConfiguration.Rules) != len(tt.rules) {
					t.Fatalf("get lifecycle = %+v, %v; want %d rules back", got, err, len(tt.rules))
				}
				return
			}
			var se *oss.ServiceError
			code, status := serviceCode(err)
			if code != "InvalidArgument" || status != 400 || !asServiceError(err, &se) || se.EC != tt.wantEC {
				t.Fatalf("put lifecycle = %s %d (%v); want InvalidArgument 400 EC %s", code, status, err, tt.wantEC)
			}
		})
	}
	if _, err := c.DeleteBucketLifecycle(ctx, &oss.DeleteBucketLifecycleRequest{Bucket: oss.Ptr("logs")}); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetBucketLifecycle(ctx, &oss.GetBucketLifecycleRequest{Bucket: oss.Ptr("logs")})
	if code, status := serviceCode(err); code != "NoSuchLifecycle" || status != 404 {
		t.Errorf("get deleted lifecycle = %s %d; want NoSuchLifecycle 404", code, status)
	}
}

func TestUnimplementedSubresourceIsRefused(t *testing.T) {
	srv := ossemutest.NewServer(t)
	c := goodClient(srv)
	ctx := context.Background()
	_, err := c.PutBucketTags(ctx, &oss.PutBucketTagsRequest{
		Bucket: oss.Ptr("fresh"), Tagging: &oss.Tagging{TagSet: &oss.TagSet{Tags: []oss.Tag{{Key: oss.Ptr("k"), Value: oss.Ptr("v")}}}},
	})
	if code, status := serviceCode(err); code != "NotImplemented" || status != 501 {
		t.Fatalf("put tagging = %s %d; want NotImplemented 501", code, status)
	}
	if _, err := c.GetBucketAcl(ctx, &oss.GetBucketAclRequest{Bucket: oss.Ptr("fresh")}); err == nil {
		t.Errorf("bucket exists after ?tagging PUT; want it not created")
	}
	_, err = c.PutObjectTagging(ctx, &oss.PutObjectTaggingRequest{Bucket: oss.Ptr("fresh"), Key: oss.Ptr("k"),
		Tagging: &oss.Tagging{TagSet: &oss.TagSet{Tags: []oss.Tag{{Key: oss.Ptr("k"), Value: oss.Ptr("v")}}}}})
	if code, status := serviceCode(err); code != "NotImplemented" || status != 501 {
		t.Errorf("put object tagging = %s %d; want NotImplemented 501", code, status)
	}
}
