package cloud

import (
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/stsemu"
	"github.com/ossflow/ossflow/localstack/template"
)

// TestRoleCredentialsFromTheSTSEmulator assumes each function's role at a
// real STS emulator and checks what the credentials may do in OSS: the
// template's bucket, nothing else; and that they are reused until near
// expiry rather than minted per invocation.
func TestRoleCredentialsFromTheSTSEmulator(t *testing.T) {
	tpl := loadReal(t, template.LocalConfig{})
	buckets := Buckets(tpl)
	if len(buckets) != 1 || buckets[0] != DefaultBucket {
		t.Fatalf("Buckets = %v; want [%s]", buckets, DefaultBucket)
	}
	roles := Roles(tpl, buckets, tpl.Vars["stsRoleArn"], tpl.Vars["stsRoleArn"], "")
	if len(roles) != 5 {
		t.Errorf("%d roles; want 5 (four functions and the upload role, repeats and blanks skipped)", len(roles))
	}
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	sts, err := stsemu.New(stsemu.Config{AccountID: tpl.AccountID, Roles: roles, Clock: clock,
		Callers: map[string]stsemu.Caller{DefaultAccessKeyID: {Secret: DefaultAccessKeySecret, Principal: "acs:ram::" + tpl.AccountID + ":user/local-admin"}}})
	if err != nil {
		t.Fatal(err)
	}
	rc := &roleCredentials{sts: sts, tpl: tpl, keyID: DefaultAccessKeyID, secret: DefaultAccessKeySecret, now: clock, cache: map[string]cachedCreds{}}
	c, err := rc.Credentials("thumbnail")
	if err != nil {
		t.Fatalf("thumbnail role credentials: %v", err)
	}
	oc, ok := sts.OSSCredentials(c.AccessKeyID)
	if !ok || oc.SecurityToken != c.SecurityToken {
		t.Fatal("the OSS emulator would not accept the credentials")
	}
	arn := func(b, k string) string { return "acs:oss:" + DefaultRegion + ":" + tpl.AccountID + ":" + b + "/" + k }
	if !oc.Authorize("oss:PutObject", arn(DefaultBucket, "thumbs/a/sm.jpg")) {
		t.Error("thumbnail role may not write its bucket; want allowed")
	}
	if oc.Authorize("oss:PutObject", arn("someone-else", "x")) {
		t.Error("thumbnail role may write another bucket; want refused")
	}
	again, _ := rc.Credentials("ossflow-thumbnail")
	if again.AccessKeyID != c.AccessKeyID {
		t.Error("a second invocation got new credentials; want the cached ones")
	}
	now = now.Add(55 * time.Minute)
	later, _ := rc.Credentials("thumbnail")
	if later.AccessKeyID == c.AccessKeyID {
		t.Error("credentials 5 minutes from expiry were reused; want fresh ones")
	}
	if _, err := rc.Credentials("nope"); err == nil {
		t.Error("credentials for a function not in the template; want an error")
	}
	bad := &roleCredentials{sts: sts, tpl: tpl, keyID: DefaultAccessKeyID, secret: "wrong", now: clock, cache: map[string]cachedCreds{}}
	if _, err := bad.Credentials("thumbnail"); err == nil {
		t.Error("a wrongly signed AssumeRole succeeded; want the STS refusal")
	}
}
