package cloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// EndpointsFile is the name of the file Start writes in Config.DataDir.
const EndpointsFile = "endpoints.json"

// Endpoints is what a script needs to drive the local cloud; Start writes
// it as DataDir/endpoints.json once every service is listening, and
// removes it on Close.
type Endpoints struct {
	// OSS and STS are the emulators' base URLs (path-style OSS addressing).
	OSS string `json:"oss"`
	STS string `json:"sts"`
	// FC is the base of every HTTP trigger: FC + "/<function>/...".
	FC        string   `json:"fc"`
	Region    string   `json:"region"`
	AccountID string   `json:"accountId"`
	Buckets   []string `json:"buckets"`
	// AdminKey is the local root key pair the emulators accept.
	AdminKey AccessKey `json:"adminKey"`
	// Functions maps each function with an HTTP trigger to its URL.
	Functions map[string]string `json:"functions"`
	// Timers maps each timer trigger name to its function.
	Timers map[string]string `json:"timers"`
	// Demo is the demo page's URL.
	Demo string `json:"demo"`
	// Admin is the admin API's base URL (POST Admin+"/fire?trigger=NAME"),
	// answered only with "Authorization: Bearer " + AdminToken.
	Admin      string `json:"admin"`
	AdminToken string `json:"adminToken"`
	// Users are the demo users, each with a bearer token the functions accept.
	Users []DemoUser `json:"users"`
	// PID is the local cloud's process id.
	PID int `json:"pid"`
}

// AccessKey is a long-term key pair.
type AccessKey struct {
	AccessKeyID     string `json:"accessKeyId"`
	AccessKeySecret string `json:"accessKeySecret"`
}

// WriteEndpoints writes e to path atomically (a temp file renamed over
// it), readable by the owner only: it holds keys and tokens.
func WriteEndpoints(path string, e Endpoints) error {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".endpoints-*.json")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// ReadEndpoints reads an endpoints.json. A missing file means the local
// cloud is not running (errors.Is(err, os.ErrNotExist)).
func ReadEndpoints(path string) (Endpoints, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Endpoints{}, fmt.Errorf("read endpoints: %w", err)
	}
	var e Endpoints
	if err := json.Unmarshal(data, &e); err != nil {
		return Endpoints{}, fmt.Errorf("read endpoints %s: %w", path, err)
	}
	return e, nil
}
