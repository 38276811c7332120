package ossemu_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

func TestVirtualHostAddressing(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	if err := srv.SeedObject("photos", "dir/a.txt", []byte("vhost")); err != nil {
		t.Fatal(err)
	}
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, host := range []string{"photos.localhost", "photos.127.0.0.1", "PHOTOS.LOCALHOST"} {
		req, err := http.NewRequest("GET", srv.URL+"/dir/a.txt", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host + port
		creds := signer.Credentials{AccessKeyID: srv.AccessKeyID, AccessKeySecret: srv.AccessKeySecret}
		if err := signer.SignRequest(req, "photos", "dir/a.txt", creds, srv.Region, time.Now(), nil); err != nil {
			t.Fatal(err)
		}
		resp := do(t, req)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != "vhost" {
			t.Errorf("GET via host %s = %d %q; want 200 vhost", host, resp.StatusCode, body)
		}
	}
}
