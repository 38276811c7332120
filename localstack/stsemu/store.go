package stsemu

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ossflow/ossflow/localstack/rampolicy"
)

// Credential is one set of temporary credentials AssumeRole issued.
type Credential struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	Expiration      time.Time
	RoleARN         string
	SessionName     string
	// SessionPolicy is the inline policy JSON AssumeRole was given; "" if none.
	SessionPolicy string
}

// Issued is a Credential with the policies that bound it.
type Issued struct {
	Credential
	RolePolicies    []rampolicy.Policy
	SessionPolicies []rampolicy.Policy
}

// Allows reports whether the credential may perform action on resource:
// the role's permission policies and the session policy must both allow
// it (rampolicy.EvaluateSession). Expiry is not checked here.
func (i Issued) Allows(action, resource string) bool {
	return rampolicy.EvaluateSession(i.RolePolicies, i.SessionPolicies, action, resource).Allowed()
}

// retention is how long an expired credential is kept, so a late request
// with it is told SecurityTokenExpired rather than InvalidAccessKeyId.
const retention = 24 * time.Hour

const storeFile = "sts-credentials.json"

// store keeps issued credentials, in memory and optionally in dir.
type store struct {
	mu    sync.RWMutex
	dir   string
	byKey map[string]Issued
	// nonces remembers SignatureNonce values seen within MaxSkew.
	nonces map[string]time.Time
}

func openStore(dir string, cfg *Config) (*store, error) {
	s := &store{dir: dir, byKey: map[string]Issued{}, nonces: map[string]time.Time{}}
	if dir == "" {
		return s, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(dir, storeFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	var creds []Credential
	if err := json.Unmarshal(raw, &creds); err != nil {
		return nil, fmt.Errorf("%s: %w", storeFile, err)
	}
	for _, c := range creds {
		iss, err := bind(c, cfg)
		if err != nil {
			// The role or its policy changed since: the credential can no
			// longer be judged, so it is forgotten rather than trusted.
			continue
		}
		s.byKey[c.AccessKeyID] = iss
	}
	return s, nil
}

// bind attaches the role's current permission policies and the parsed
// session policy to c.
func bind(c Credential, cfg *Config) (Issued, error) {
	role, ok := cfg.role(c.RoleARN)
	if !ok {
		return Issued{}, fmt.Errorf("role %s no longer exists", c.RoleARN)
	}
	iss := Issued{Credential: c, RolePolicies: role.permissions}
	if c.SessionPolicy != "" {
		p, err := rampolicy.Parse([]byte(c.SessionPolicy))
		if err != nil {
			return Issued{}, err
		}
		iss.SessionPolicies = []rampolicy.Policy{p}
	}
	return iss, nil
}

func (s *store) put(iss Issued, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, old := range s.byKey {
		if now.Sub(old.Expiration) > retention {
			delete(s.byKey, id)
		}
	}
	s.byKey[iss.AccessKeyID] = iss
	if s.dir == "" {
		return nil
	}
	creds := make([]Credential, 0, len(s.byKey))
	for _, c := range s.byKey {
		creds = append(creds, c.Credential)
	}
	out, err := json.Marshal(creds)
	if err != nil {
		return err
	}
	// Write then rename, so a crash never leaves a torn file behind.
	tmp, err := os.CreateTemp(s.dir, storeFile+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(s.dir, storeFile))
}

func (s *store) get(id string) (Issued, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	iss, ok := s.byKey[id]
	return iss, ok
}

// useNonce records nonce and reports whether it was fresh.
func (s *store) useNonce(nonce string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for n, at := range s.nonces {
		if now.Sub(at) > MaxSkew {
			delete(s.nonces, n)
		}
	}
	if _, seen := s.nonces[nonce]; seen {
		return false
	}
	s.nonces[nonce] = now
	return true
}
