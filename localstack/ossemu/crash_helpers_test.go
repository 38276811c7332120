package ossemu_test

import (
	"bufio"
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

// crashProc is a crashserver process serving a data directory.
type crashProc struct {
	cmd *exec.Cmd
	url string
	c   *oss.Client
}

func buildCrashServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "crashserver")
	out, err := exec.Command("go", "build", "-o", bin, "./internal/crashserver").CombinedOutput()
	if err != nil {
		t.Fatalf("build crashserver: %v\n%s", err, out)
	}
	return bin
}

func startCrashServer(t *testing.T, bin, dir string) *crashProc {
	t.Helper()
	cmd := exec.Command(bin, "-dir", dir, "-id", ossemutest.AccessKeyID, "-secret", ossemutest.AccessKeySecret)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "READY ")
	if err != nil || !ok {
		t.Fatalf("crashserver did not start: %q %v", line, err)
	}
	c := oss.NewClient(oss.LoadDefaultConfig().
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider(ossemutest.AccessKeyID, ossemutest.AccessKeySecret)).
		WithRegion(ossemutest.Region).WithEndpoint(url).WithUsePathStyle(true).WithRetryMaxAttempts(1))
	return &crashProc{cmd: cmd, url: url, c: c}
}

// kill9 ends the process with SIGKILL: no deferred cleanup runs.
func (p *crashProc) kill9(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
}

// streamPut starts a presigned PUT of size bytes whose body the caller
// feeds through the returned writer; the result arrives on done.
func (p *crashProc) streamPut(t *testing.T, presigned *oss.PresignResult, size int64) (*io.PipeWriter, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	req, err := http.NewRequest(presigned.Method, presigned.URL, pr)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	for k, v := range presigned.SignedHeaders {
		req.Header.Set(k, v)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode >= 300 {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
		}
		_ = pr.CloseWithError(io.ErrClosedPipe)
		done <- err
	}()
	return pw, done
}

// waitTemp waits until the data dir's tmp/ holds n files of at least min
// bytes: the server is mid-write.
func waitTemp(t *testing.T, dir string, n int, min int64) {
	t.Helper()
	for range 1000 {
		ents, _ := os.ReadDir(filepath.Join(dir, "tmp"))
		big := 0
		for _, e := range ents {
			if info, err := e.Info(); err == nil && info.Size() >= min {
				big++
			}
		}
		if big >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the server never had %d writes of %d bytes in flight", n, min)
}

func tempInFlight(dir string) bool {
	ents, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	return len(ents) > 0
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)})
	b := make([]byte, n)
	_, _ = r.Read(b)
	return b
}

// checkIntact GETs every key in want and compares MD5s; want[k] == "" means
// the key must not exist.
func checkIntact(t *testing.T, c *oss.Client, bucket string, want map[string]string) {
	t.Helper()
	for key, sum := range want {
		res, err := c.GetObject(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key)})
		if sum == "" {
			if code, _ := serviceCode(err); code != "NoSuchKey" {
				t.Errorf("%s: get = %v; want NoSuchKey (an interrupted write must leave nothing)", key, err)
			}
			if err == nil {
				res.Body.Close()
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: get: %v", key, err)
			continue
		}
		h := md5.New()
		_, err = io.Copy(h, res.Body)
		res.Body.Close()
		if got := fmt.Sprintf("%x", h.Sum(nil)); err != nil || got != sum {
			t.Errorf("%s: md5 = %s (%v); want %s", key, got, err, sum)
		}
	}
}

func md5hex(b []byte) string { return fmt.Sprintf("%x", md5.Sum(b)) }
