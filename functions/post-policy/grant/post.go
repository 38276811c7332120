package grant

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Form field names the policy pins for the original name and the status.
const (
	MetaOriginalName = "x-oss-meta-original-name"
	successStatus    = http.StatusCreated
)

// Post grants a PostObject V4 form: bucket, exact key, content-length-range
// [1, MaxSize], the allowlisted Content-Type pinned, success_action_status
// 201, x-oss-forbid-overwrite true, the original name as metadata, the V4
// fields (with x-oss-security-token for STS credentials) and, when
// configured, the upload callback with the caller in x:user. The form
// expires PostExpiry after now. Errors: see Upload.
func (m *Minter) Post(user string, req Request, creds signer.Credentials, now time.Time) (Grant, error) {
	up, err := m.prepare(user, req, now)
	if err != nil {
		return Grant{}, err
	}
	form, err := postpolicy.New().
		Bucket(m.cfg.Bucket).
		Key(up.key.String()).
		ContentLengthRange(1, m.cfg.MaxSize).
		ContentType(up.contentType).
		SuccessActionStatus(successStatus).
		ForbidOverwrite(true).
		Meta(MetaOriginalName, up.name).
		MaxLifetime(MaxUploadExpiry).
		Expires(now.Add(m.cfg.PostExpiry)).
		Sign(creds, m.cfg.Region, now)
	if err != nil {
		return Grant{}, fault.Wrap(fault.Internal, "", fmt.Errorf("sign post policy for %s: %w", up.key, err))
	}
	if m.callback != "" {
		if err := m.attachCallback(form, user, creds, now); err != nil {
			return Grant{}, fault.Wrap(fault.Internal, "", fmt.Errorf("attach callback for %s: %w", up.key, err))
		}
	}
	return Grant{
		Method: http.MethodPost, URL: m.bucketURL().String(), Fields: form.Fields,
		Key: up.key.String(), ExpiresAt: form.Expiration, MaxSize: m.cfg.MaxSize,
	}, nil
}

// attachCallback adds the callback and x:user fields to a signed form,
// pinned by eq conditions, and signs the policy again. postpolicy.Builder
// has no callback condition, and a form field no condition covers is
// refused ("Extra input fields"), so the policy is extended here through
// postpolicy's own Parse and MarshalJSON rather than written by hand.
func (m *Minter) attachCallback(form postpolicy.Form, user string, creds signer.Credentials, now time.Time) error {
	p, err := postpolicy.Parse(form.Fields["policy"])
	if err != nil {
		return err
	}
	p.Conditions = append(p.Conditions,
		postpolicy.Condition{Op: postpolicy.OpEq, Field: "callback", Values: []string{m.callback}},
		postpolicy.Condition{Op: postpolicy.OpEq, Field: userVar, Values: []string{user}})
	doc, err := p.MarshalJSON()
	if err != nil {
		return err
	}
	policy := base64.StdEncoding.EncodeToString(doc)
	form.Fields["policy"] = policy
	form.Fields["x-oss-signature"] = signer.SignPostPolicy(policy, creds, m.cfg.Region, now)
	form.Fields["callback"] = m.callback
	form.Fields[userVar] = user
	return nil
}
