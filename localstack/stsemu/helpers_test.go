package stsemu

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	sts "github.com/alibabacloud-go/sts-20150401/v2/client"
	"github.com/alibabacloud-go/tea/tea"
)

// Test fixtures, not credentials for any account.
const (
	userKey    = "LTAI5tStsemuUser"
	userSecret = "stsemu-user-secret"
	rootKey    = "LTAI5tStsemuRoot"
	rootSecret = "stsemu-root-secret"
	uploadRole = "acs:ram::1234567890123456:role/ossflow-upload"
	narrowRole = "acs:ram::1234567890123456:role/only-fc"
	trustAll   = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}`
	trustFC    = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["fc.aliyuncs.com"]}}]}`
	rolePolicy = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:bkt","acs:oss:*:*:bkt/*"]}]}`
)

func testConfig() Config {
	return Config{
		Roles: []Role{
			{ARN: uploadRole, MaxSessionDuration: 7200e9, TrustPolicy: trustAll, PermissionPolicies: []string{rolePolicy}},
			{ARN: narrowRole, TrustPolicy: trustFC, PermissionPolicies: []string{rolePolicy}},
		},
		Callers: map[string]Caller{
			userKey: {Secret: userSecret, Principal: "acs:ram::1234567890123456:user/fn"},
			rootKey: {Secret: rootSecret, Principal: "acs:ram::1234567890123456:root"},
		},
	}
}

func start(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return s, hs.URL
}

// sdkClient is the official STS SDK client pointed at the emulator.
func sdkClient(t *testing.T, url, id, secret, token string) *sts.Client {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     tea.String(id),
		AccessKeySecret: tea.String(secret),
		Endpoint:        tea.String(strings.TrimPrefix(url, "http://")),
		Protocol:        tea.String("http"),
		RegionId:        tea.String("cn-hangzhou"),
	}
	if token != "" {
		cfg.SecurityToken = tea.String(token)
	}
	c, err := sts.NewClient(cfg)
	if err != nil {
		t.Fatalf("sts.NewClient: %v", err)
	}
	return c
}

func sdkCode(err error) string {
	var se *tea.SDKError
	if errors.As(err, &se) {
		return tea.StringValue(se.Code)
	}
	return ""
}
