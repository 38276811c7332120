package stsemu

import "github.com/ossflow/ossflow/localstack/ossemu"

// OSSCredentials adapts Lookup to ossemu.Config.TempCredentials, so the OSS
// emulator accepts exactly the credentials this server issued, until they
// expire, and only for what their role and session policies allow:
//
//	oss, _ := ossemu.New(ossemu.Config{TempCredentials: sts.OSSCredentials, ...})
func (s *Server) OSSCredentials(accessKeyID string) (ossemu.TempCredential, bool) {
	iss, ok := s.Lookup(accessKeyID)
	if !ok {
		return ossemu.TempCredential{}, false
	}
	return ossemu.TempCredential{
		Secret:        iss.AccessKeySecret,
		SecurityToken: iss.SecurityToken,
		Expires:       iss.Expiration,
		Authorize:     iss.Allows,
	}, true
}
