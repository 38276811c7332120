package stsemu

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ossflow/ossflow/localstack/rampolicy"
)

var sessionName = regexp.MustCompile(`^[A-Za-z0-9.@_-]{2,64}$`)

type assumedRoleUser struct {
	Arn           string `json:"Arn"`
	AssumedRoleID string `json:"AssumedRoleId"`
}

type credentialsOut struct {
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string `json:"AccessKeySecret"`
	SecurityToken   string `json:"SecurityToken"`
	Expiration      string `json:"Expiration"`
}

type assumeRoleResponse struct {
	RequestID       string          `json:"RequestId"`
	AssumedRoleUser assumedRoleUser `json:"AssumedRoleUser"`
	Credentials     credentialsOut  `json:"Credentials"`
}

// assumeRole runs AssumeRole for an authenticated principal, checking the
// parameters in the order STS reports them.
func (s *Server) assumeRole(p url.Values, principal, requestID string, now time.Time) (any, *stsError) {
	if s.cfg.Throttle != nil && s.cfg.Throttle() {
		return nil, errf(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
	}
	arn := p.Get("RoleArn")
	if arn == "" {
		return nil, errf(http.StatusBadRequest, "MissingRoleArn", "RoleArn is mandatory for this action.")
	}
	name := p.Get("RoleSessionName")
	if name == "" {
		return nil, errf(http.StatusBadRequest, "MissingRoleSessionName", "RoleSessionName is mandatory for this action.")
	}
	if !sessionName.MatchString(name) {
		return nil, errf(http.StatusBadRequest, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed: 2-64 characters of letters, digits and . @ - _ are allowed.")
	}
	if roleARN.FindString(arn) == "" {
		return nil, errf(http.StatusBadRequest, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.")
	}
	role, ok := s.cfg.role(arn)
	if !ok {
		return nil, errf(http.StatusNotFound, "EntityNotExist.Role", "The role not exists: "+arn+".")
	}
	if strings.HasSuffix(principal, ":root") {
		return nil, errf(http.StatusForbidden, "NoPermission", "Roles may not be assumed by root accounts.")
	}
	if !rampolicy.Trusts(role.trust, principal, "sts:AssumeRole") {
		return nil, errf(http.StatusForbidden, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM.")
	}
	duration := DefaultDuration
	if raw := p.Get("DurationSeconds"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < int(MinDuration/time.Second) || n > int(role.MaxSessionDuration/time.Second) {
			return nil, errf(http.StatusBadRequest, "InvalidParameter.DurationSeconds",
				"The Min/Max value of DurationSeconds is 15min/"+strconv.Itoa(int(role.MaxSessionDuration/time.Second))+"s.")
		}
		duration = time.Duration(n) * time.Second
	}
	if duration > role.MaxSessionDuration {
		duration = role.MaxSessionDuration
	}
	policy := p.Get("Policy")
	if policy != "" {
		if n := utf8.RuneCountInString(policy); n > MaxPolicyLength {
			return nil, errf(http.StatusBadRequest, "InvalidParameter.PolicyGrammar",
				"The policy is "+strconv.Itoa(n)+" characters long; the maximum is "+strconv.Itoa(MaxPolicyLength)+".")
		}
		parsed, err := rampolicy.Parse([]byte(policy))
		if err == nil && hasPrincipal(parsed) {
			err = &rampolicy.GrammarError{Reason: "a session policy cannot name a Principal"}
		}
		if err != nil {
			return nil, errf(http.StatusBadRequest, "InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check: "+err.Error())
		}
	}
	cred := Credential{
		AccessKeyID:     "STS." + randomText(18),
		AccessKeySecret: randomText(30),
		SecurityToken:   "CAIS" + randomText(180),
		Expiration:      now.Add(duration).Truncate(time.Second),
		RoleARN:         role.ARN,
		SessionName:     name,
		SessionPolicy:   policy,
	}
	iss, err := bind(cred, &s.cfg)
	if err == nil {
		err = s.store.put(iss, now)
	}
	if err != nil {
		return nil, errf(http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
	}
	return assumeRoleResponse{
		RequestID: requestID,
		AssumedRoleUser: assumedRoleUser{
			Arn:           "acs:ram::" + s.cfg.AccountID + ":assumed-role/" + role.name + "/" + name,
			AssumedRoleID: roleID(role.ARN) + ":" + name,
		},
		Credentials: credentialsOut{
			AccessKeyID:     cred.AccessKeyID,
			AccessKeySecret: cred.AccessKeySecret,
			SecurityToken:   cred.SecurityToken,
			Expiration:      cred.Expiration.UTC().Format("2006-01-02T15:04:05Z"),
		},
	}, nil
}

func hasPrincipal(p rampolicy.Policy) bool {
	for _, st := range p.Statements {
		if st.Principals != nil {
			return true
		}
	}
	return false
}

// roleID is a stable numeric id for a role, as RAM shows in AssumedRoleId.
func roleID(arn string) string {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(arn); i++ {
		h ^= uint64(arn[i])
		h *= 1099511628211
	}
	return strconv.FormatUint(h%1e18+1e18, 10)[1:]
}

// randomText returns n bytes of randomness as unpadded URL-safe base64
// (letters, digits, "-" and "_"), the characters STS keys are made of.
func randomText(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
