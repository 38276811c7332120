// Command crashserver serves the OSS emulator over a data directory on a
// loopback port and prints "READY <url>" once it accepts requests, so
// crash tests can kill -9 a real process mid-write and start another over
// the same directory. It is a test fixture, not the local cloud daemon.
//
// Usage: crashserver -dir DIR -id ID -secret SECRET [-bucket NAME]
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/ossflow/ossflow/localstack/ossemu"
)

func main() {
	dir := flag.String("dir", "", "data directory (required)")
	id := flag.String("id", "", "access key id (required)")
	secret := flag.String("secret", "", "access key secret (required)")
	bucket := flag.String("bucket", "crash", "bucket to create if it does not exist")
	flag.Parse()
	if err := run(*dir, *id, *secret, *bucket); err != nil {
		fmt.Fprintln(os.Stderr, "crashserver:", err)
		os.Exit(1)
	}
}

func run(dir, id, secret, bucket string) error {
	if dir == "" || id == "" || secret == "" {
		return errors.New("-dir, -id and -secret are required")
	}
	emu, err := ossemu.New(ossemu.Config{DataDir: dir, AccessKeys: map[string]string{id: secret}})
	if err != nil {
		return err
	}
	defer emu.Close()
	if err := emu.CreateBucket(bucket, ""); err != nil && ossemu.ErrorCode(err) != "BucketAlreadyExists" {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("READY http://%s\n", ln.Addr())
	return http.Serve(ln, emu)
}
