package ossclient

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/osstest"
)

var bucketSeq atomic.Int32

// TestConformance runs the osskit behaviour suite with this client talking
// to the OSS emulator, which verifies every V4 signature the SDK produces.
func TestConformance(t *testing.T) {
	emu := ossemutest.NewServer(t)
	osstest.Run(t, func(t *testing.T) (osskit.Store, string) {
		name := fmt.Sprintf("conformance-%d", bucketSeq.Add(1))
		emu.MustBucket(t, name)
		c, err := New(Config{
			Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
			Credentials: StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret},
		})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		return c, name
	})
}
