package stsemu

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	sts "github.com/alibabacloud-go/sts-20150401/v2/client"
	"github.com/alibabacloud-go/tea/tea"
)

// rawCall signs params itself, so tests can break one field at a time.
func rawCall(t *testing.T, u string, params url.Values, secret string) (int, map[string]string) {
	t.Helper()
	params.Set("Signature", Sign(params, http.MethodPost, secret))
	resp, err := http.Post(u+"/?"+params.Encode(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("decode: %v", err)
	}
	out := map[string]string{}
	for k, v := range body {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return resp.StatusCode, out
}

func baseParams(now time.Time, nonce string) url.Values {
	return url.Values{
		"Action": {"AssumeRole"}, "Version": {"2015-04-01"}, "Format": {"JSON"}, "AccessKeyId": {userKey},
		"SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"}, "SignatureNonce": {nonce},
		"Timestamp": {now.UTC().Format("2006-01-02T15:04:05Z")}, "RoleArn": {uploadRole}, "RoleSessionName": {"raw"},
	}
}

func TestRequestChecks(t *testing.T) {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	cfg := testConfig()
	cfg.Clock = func() time.Time { return now }
	_, u := start(t, cfg)
	tests := []struct {
		name   string
		edit   func(url.Values)
		code   string
		status int
	}{
		{"valid", func(url.Values) {}, "", 200},
		{"skewed timestamp", func(p url.Values) { p.Set("Timestamp", now.Add(-16*time.Minute).Format("2006-01-02T15:04:05Z")) }, "InvalidTimeStamp.Expired", 400},
		{"bad timestamp", func(p url.Values) { p.Set("Timestamp", "yesterday") }, "InvalidTimeStamp.Format", 400},
		{"sha256 method", func(p url.Values) { p.Set("SignatureMethod", "HMAC-SHA256") }, "InvalidParameter.SignatureMethod", 400},
		{"other version", func(p url.Values) { p.Set("Version", "2019-01-01") }, "InvalidVersion", 400},
		{"no nonce", func(p url.Values) { p.Del("SignatureNonce") }, "MissingParameter", 400},
		{"other action", func(p url.Values) { p.Set("Action", "DeleteRole") }, "InvalidAction.NotFound", 404},
		{"no role", func(p url.Values) { p.Del("RoleArn") }, "MissingRoleArn", 400},
		{"duration not a number", func(p url.Values) { p.Set("DurationSeconds", "15m") }, "InvalidParameter.DurationSeconds", 400},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := baseParams(now, "nonce-"+tt.name)
			tt.edit(p)
			status, body := rawCall(t, u, p, userSecret)
			if status != tt.status || body["Code"] != tt.code {
				t.Errorf("status = %d, Code = %q; want %d, %q (case %d)", status, body["Code"], tt.status, tt.code, i)
			}
			if tt.code != "" && (body["RequestId"] == "" || body["Message"] == "" || body["HostId"] == "") {
				t.Errorf("error body %v lacks RequestId, HostId or Message", body)
			}
		})
	}
	t.Run("replayed nonce", func(t *testing.T) {
		p := baseParams(now, "nonce-once")
		if status, _ := rawCall(t, u, p, userSecret); status != 200 {
			t.Fatalf("first call status = %d; want 200", status)
		}
		p.Del("Signature")
		if status, body := rawCall(t, u, p, userSecret); body["Code"] != "SignatureNonceUsed" {
			t.Errorf("replay status = %d, Code = %q; want SignatureNonceUsed", status, body["Code"])
		}
	})
	t.Run("tampered parameter", func(t *testing.T) {
		p := baseParams(now, "nonce-tamper")
		p.Set("Signature", Sign(p, http.MethodPost, userSecret))
		p.Set("RoleSessionName", "someone-else")
		resp, err := http.Post(u+"/?"+p.Encode(), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("status = %d; want 400 SignatureDoesNotMatch", resp.StatusCode)
		}
	})
}

// TestSignMatchesTheSDK pins Sign to darabonba-openapi's own RPC signer on
// values that need every escaping rule.
func TestSignMatchesTheSDK(t *testing.T) {
	params := map[string]string{
		"Action": "AssumeRole", "Policy": `{"Version":"1","Statement":[{"Resource":"acs:oss:*:*:b/u 1/~x*"}]}`,
		"RoleSessionName": "a.b@c_d-e", "Timestamp": "2026-11-22T01:00:00Z", "Unicode": "ü文件+=&",
	}
	sdkParams := map[string]*string{}
	values := url.Values{}
	for k, v := range params {
		sdkParams[k] = tea.String(v)
		values.Set(k, v)
	}
	for _, method := range []string{"POST", "GET"} {
		want := tea.StringValue(openapiutil.GetRPCSignature(sdkParams, tea.String(method), tea.String("sec/ret+key=")))
		if got := Sign(values, method, "sec/ret+key="); got != want {
			t.Errorf("Sign(%s) = %s; SDK says %s", method, got, want)
		}
	}
}

func TestDataDirKeepsCredentials(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig()
	cfg.DataDir = dir
	_, u := start(t, cfg)
	resp, err := sdkClient(t, u, userKey, userSecret, "").AssumeRole(&sts.AssumeRoleRequest{
		RoleArn: tea.String(uploadRole), RoleSessionName: tea.String("keep"),
		Policy: tea.String(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"acs:oss:*:*:bkt/k/*"}]}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	again, err := New(cfg)
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	iss, ok := again.Lookup(tea.StringValue(resp.Body.Credentials.AccessKeyId))
	if !ok || iss.SecurityToken != tea.StringValue(resp.Body.Credentials.SecurityToken) {
		t.Fatal("a restarted emulator forgot the credential it issued")
	}
	if !iss.Allows("oss:PutObject", "acs:oss:r:1:bkt/k/x") || iss.Allows("oss:PutObject", "acs:oss:r:1:bkt/j/x") {
		t.Error("the session policy did not survive the restart")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("data dir holds %d entries; want just %s (no temp files)", len(entries), storeFile)
	}
}

func TestConfigErrors(t *testing.T) {
	_, err := New(Config{Roles: []Role{
		{ARN: "role/x", TrustPolicy: trustAll},
		{ARN: uploadRole, TrustPolicy: "{", PermissionPolicies: []string{`{"Version":"2"}`}, MaxSessionDuration: time.Minute},
	}, Callers: map[string]Caller{"k": {}}})
	if err == nil {
		t.Fatal("New accepted a broken config")
	}
	for _, want := range []string{`role "role/x": ARN must be`, "TrustPolicy: policy grammar", "PermissionPolicies[0]", "MaxSessionDuration 1m0s", `caller "k"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("config error %q does not mention %q", err, want)
		}
	}
}

func TestGetCallerIdentity(t *testing.T) {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	cfg := testConfig()
	cfg.Clock = func() time.Time { return now }
	_, u := start(t, cfg)
	p := baseParams(now, "nonce-identity")
	p.Set("Action", "GetCallerIdentity")
	status, body := rawCall(t, u, p, userSecret)
	if status != 200 || body["Arn"] != "acs:ram::1234567890123456:user/fn" || body["IdentityType"] != "RAMUser" || body["AccountId"] != "1234567890123456" {
		t.Errorf("GetCallerIdentity = %d %v; want the RAM user fn", status, body)
	}
}
