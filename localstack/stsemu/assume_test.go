package stsemu

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sts "github.com/alibabacloud-go/sts-20150401/v2/client"
	"github.com/alibabacloud-go/tea/tea"
)

func TestAssumeRoleWithTheOfficialSDK(t *testing.T) {
	s, u := start(t, testConfig())
	policy := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"acs:oss:*:*:bkt/uploads/u1/*"}]}`
	before := time.Now().UTC()
	resp, err := sdkClient(t, u, userKey, userSecret, "").AssumeRole(&sts.AssumeRoleRequest{
		RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("u1@example.com"),
		DurationSeconds: tea.Int64(900), Policy: tea.String(policy),
	})
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	c := resp.Body.Credentials
	if !strings.HasPrefix(tea.StringValue(c.AccessKeyId), "STS.") || tea.StringValue(c.AccessKeySecret) == "" || tea.StringValue(c.SecurityToken) == "" {
		t.Fatalf("credentials = %+v; want an STS. key, a secret and a token", c)
	}
	exp, err := time.Parse("2006-01-02T15:04:05Z", tea.StringValue(c.Expiration))
	if err != nil {
		t.Fatalf("Expiration %q: %v", tea.StringValue(c.Expiration), err)
	}
	if d := exp.Sub(before); d < 899*time.Second || d > 901*time.Second+time.Minute {
		t.Errorf("Expiration is %v after the call; want 900s", d)
	}
	if got := tea.StringValue(resp.Body.AssumedRoleUser.Arn); got != "acs:ram::1234567890123456:assumed-role/ossflow-upload/u1@example.com" {
		t.Errorf("AssumedRoleUser.Arn = %q", got)
	}
	iss, ok := s.Lookup(tea.StringValue(c.AccessKeyId))
	if !ok {
		t.Fatal("Lookup: issued credential not found")
	}
	if iss.SecurityToken != tea.StringValue(c.SecurityToken) || iss.AccessKeySecret != tea.StringValue(c.AccessKeySecret) {
		t.Error("Lookup returned other key material than AssumeRole issued")
	}
	for _, tc := range []struct {
		action, key string
		want        bool
	}{
		{"oss:PutObject", "uploads/u1/a.jpg", true},
		{"oss:PutObject", "uploads/u2/a.jpg", false},
		{"oss:GetObject", "uploads/u1/a.jpg", false},
	} {
		if got := iss.Allows(tc.action, "acs:oss:cn-hangzhou:1234567890123456:bkt/"+tc.key); got != tc.want {
			t.Errorf("Allows(%s, %s) = %v; want %v", tc.action, tc.key, got, tc.want)
		}
	}
}

func TestAssumeRoleDefaultsToTheRolesRights(t *testing.T) {
	s, u := start(t, testConfig())
	resp, err := sdkClient(t, u, userKey, userSecret, "").AssumeRole(&sts.AssumeRoleRequest{
		RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("plain"),
	})
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	iss, _ := s.Lookup(tea.StringValue(resp.Body.Credentials.AccessKeyId))
	if got := iss.Expiration.Sub(time.Now()); got < 3500*time.Second || got > 3700*time.Second {
		t.Errorf("default lifetime %v; want 3600s", got)
	}
	if !iss.Allows("oss:GetObject", "acs:oss:cn-hangzhou:1:bkt/any") {
		t.Error("without a session policy the role's permissions must apply")
	}
	if iss.Allows("oss:GetObject", "acs:oss:cn-hangzhou:1:other/any") {
		t.Error("the role's permissions must still bound the session")
	}
}

func TestAssumeRoleErrors(t *testing.T) {
	long := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/` + strings.Repeat("a", 2048) + `"}]}`
	tests := []struct {
		name     string
		key      string
		secret   string
		req      sts.AssumeRoleRequest
		wantCode string
		status   int
	}{
		{"unknown key", "LTAI5tNobody", "x", sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1")}, "InvalidAccessKeyId.NotFound", 404},
		{"wrong secret", userKey, "not-the-secret", sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1")}, "SignatureDoesNotMatch", 400},
		{"root account", rootKey, rootSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1")}, "NoPermission", 403},
		{"not trusted", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(narrowRole), RoleSessionName: tea.String("s1")}, "NoPermission", 403},
		{"unknown role", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String("acs:ram::1234567890123456:role/nope"), RoleSessionName: tea.String("s1")}, "EntityNotExist.Role", 404},
		{"malformed role", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String("role/ossflow-upload"), RoleSessionName: tea.String("s1")}, "InvalidParameter.RoleArn", 400},
		{"session name too short", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("a")}, "InvalidParameter.RoleSessionName", 400},
		{"session name too long", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String(strings.Repeat("a", 65))}, "InvalidParameter.RoleSessionName", 400},
		{"session name with slash", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("u/1")}, "InvalidParameter.RoleSessionName", 400},
		{"duration too short", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1"), DurationSeconds: tea.Int64(899)}, "InvalidParameter.DurationSeconds", 400},
		{"duration above role max", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1"), DurationSeconds: tea.Int64(7201)}, "InvalidParameter.DurationSeconds", 400},
		{"policy grammar", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1"), Policy: tea.String(`{"Version":"1","Statement":[{"Effect":"allow"}]}`)}, "InvalidParameter.PolicyGrammar", 400},
		{"policy not JSON", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1"), Policy: tea.String(`oss:*`)}, "InvalidParameter.PolicyGrammar", 400},
		{"policy too long", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1"), Policy: tea.String(long)}, "InvalidParameter.PolicyGrammar", 400},
		{"policy with principal", userKey, userSecret, sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1"), Policy: tea.String(trustAll)}, "InvalidParameter.PolicyGrammar", 400},
	}
	_, u := start(t, testConfig())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			_, err := sdkClient(t, u, tt.key, tt.secret, "").AssumeRole(&req)
			if got := sdkCode(err); got != tt.wantCode {
				t.Fatalf("code = %q (%v); want %q", got, err, tt.wantCode)
			}
			if got := statusOf(err); got != tt.status {
				t.Errorf("status = %d; want %d", got, tt.status)
			}
		})
	}
}

func statusOf(err error) int {
	var se *tea.SDKError
	if e, ok := err.(*tea.SDKError); ok {
		se = e
	}
	if se == nil {
		return 0
	}
	return tea.IntValue(se.StatusCode)
}

func TestThrottle(t *testing.T) {
	var on atomic.Bool
	cfg := testConfig()
	cfg.Throttle = on.Load
	_, u := start(t, cfg)
	c := sdkClient(t, u, userKey, userSecret, "")
	req := &sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("s1")}
	on.Store(true)
	if _, err := c.AssumeRole(req); sdkCode(err) != "Throttling.User" {
		t.Fatalf("throttled AssumeRole error = %v; want Throttling.User", err)
	}
	on.Store(false)
	if _, err := c.AssumeRole(req); err != nil {
		t.Fatalf("AssumeRole after throttling ends: %v", err)
	}
}

// TestRoleChaining: credentials this server issued can call it again, with
// their token, until they expire.
func TestRoleChaining(t *testing.T) {
	_, u := start(t, testConfig())
	first, err := sdkClient(t, u, userKey, userSecret, "").AssumeRole(&sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("fc")})
	if err != nil {
		t.Fatal(err)
	}
	c := first.Body.Credentials
	_, err = sdkClient(t, u, *c.AccessKeyId, *c.AccessKeySecret, "").AssumeRole(&sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("u1")})
	if sdkCode(err) != "MissingSecurityToken" {
		t.Errorf("without token: %v; want MissingSecurityToken", err)
	}
	if _, err := sdkClient(t, u, *c.AccessKeyId, *c.AccessKeySecret, *c.SecurityToken).AssumeRole(&sts.AssumeRoleRequest{RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("u1")}); err != nil {
		t.Errorf("with token: %v", err)
	}
}
