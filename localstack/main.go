// Command localstack runs ossflow's local cloud: the OSS and STS
// emulators, the four functions from template.yml under the FC emulator,
// and the demo upload page, on loopback. See package cloud.
//
//	go run ./localstack [-template template.yml] [-data .localstack] [-json] [-fc-port 9000] ...
//	go run ./localstack fire nightly     # fire a timer trigger now (or: fire lifecycle-audit)
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ossflow/ossflow/localstack/cloud"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "fire" {
		os.Exit(fire(os.Args[2:]))
	}
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("localstack", flag.ExitOnError)
	var c cloud.Config
	fs.StringVar(&c.Template, "template", "template.yml", "the fc3 template to run")
	fs.StringVar(&c.LocalConfig, "config", ".localstack/config.yml", "local overrides (copy localstack/config.example.yml); missing is fine")
	fs.StringVar(&c.DataDir, "data", ".localstack", "data directory (objects, credentials, endpoints.json)")
	fs.StringVar(&c.Dist, "dist", "", "directory of built functions (<dist>/<fn>/main); default: each function's code path")
	fs.StringVar(&c.Build, "build", cloud.BuildMissing, "build function binaries: missing, always or never")
	fs.BoolVar(&c.JSONLogs, "json", false, "raw JSON log lines instead of the pretty form")
	fs.IntVar(&c.Ports.FC, "fc-port", cloud.DefaultFCPort, "HTTP triggers port (-1: any free port)")
	fs.IntVar(&c.Ports.OSS, "oss-port", cloud.DefaultOSSPort, "OSS emulator port (-1: any free port)")
	fs.IntVar(&c.Ports.STS, "sts-port", cloud.DefaultSTSPort, "STS emulator port (-1: any free port)")
	fs.IntVar(&c.Ports.Demo, "demo-port", cloud.DefaultDemoPort, "demo page and admin API port (-1: any free port)")
	fs.Parse(args)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	lc, err := cloud.Start(ctx, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "localstack:", err)
		return 1
	}
	fmt.Fprint(os.Stderr, lc.Banner())
	code := 0
	select {
	case <-ctx.Done():
		fmt.Fprintln(os.Stderr, "localstack: stopping")
	case err := <-lc.Failed():
		fmt.Fprintln(os.Stderr, "localstack:", err)
		code = 1
	}
	closeCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := lc.Close(closeCtx); err != nil {
		fmt.Fprintln(os.Stderr, "localstack: stop:", err)
		return 1
	}
	fmt.Fprintln(os.Stderr, "localstack: stopped")
	return code
}

func fire(args []string) int {
	fs := flag.NewFlagSet("localstack fire", flag.ExitOnError)
	data := fs.String("data", ".localstack", "data directory of the running local cloud")
	payload := fs.String("payload", "", "send this payload instead of the template's (e.g. '{\"buckets\":[\"b\"]}')")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./localstack fire [-data DIR] [-payload JSON] <timer trigger or function>")
	}
	fs.Parse(args)
	if fs.NArg() > 1 { // flags after the name: fire nightly -payload '{}'
		name := fs.Arg(0)
		fs.Parse(fs.Args()[1:])
		fs.Parse(append(fs.Args(), name))
	}
	var p *string
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "payload" {
			p = payload
		}
	})
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	e, err := cloud.ReadEndpoints(filepath.Join(*data, cloud.EndpointsFile))
	if err != nil {
		fmt.Fprintln(os.Stderr, "localstack fire: is the local cloud running?", err)
		return 1
	}
	r, err := cloud.Fire(context.Background(), e, fs.Arg(0), p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "localstack fire:", err)
		return 1
	}
	fmt.Printf("fired %s: request %s, %d ms", fs.Arg(0), r.RequestID, r.DurationMS)
	if r.Error != "" {
		fmt.Printf(", failed: %s\n", r.Error)
		return 1
	}
	fmt.Println(", ok; the report is at", e.Demo+"report")
	return 0
}
