package cloud

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ossflow/ossflow/localstack/fcemu"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/stsemu"
	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Cloud is a running local cloud. Build it with Start; stop it with Close.
type Cloud struct {
	cfg       Config
	tpl       *template.Template
	oss       *ossemu.Server
	emu       *fcemu.Emulator
	servers   []*http.Server
	endpoints Endpoints
	path      string // endpoints.json
	serveErr  chan error
	closeOnce sync.Once
	closeErr  error
}

// Start brings the local cloud up (see the package doc) and returns once
// every service answers and endpoints.json is written. It fails, having
// released everything it took, for a bad Config, a port in use, a
// template that does not resolve (every problem listed), a function that
// cannot be built, or storage that cannot be opened.
func Start(ctx context.Context, cfg Config) (*Cloud, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	c := &Cloud{cfg: cfg, serveErr: make(chan error, 4), path: filepath.Join(cfg.DataDir, EndpointsFile)}
	ls, err := listenAll(cfg.Host, cfg.Ports)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			for _, l := range ls {
				l.Close()
			}
			c.Close(context.Background())
		}
	}()
	url := func(i int) string { return "http://" + ls[i].Addr().String() }
	fcURL, ossURL, stsURL, demoURL := url(0), url(1), url(2), url(3)
	origins := []string{demoURL, "http://localhost:" + portOf(ls[3])}

	user, err := template.LoadLocalConfig(cfg.LocalConfig)
	if err != nil {
		return nil, err
	}
	secret, err := newHS256Secret()
	if err != nil {
		return nil, err
	}
	st := Site{OSS: ossURL, STS: stsURL, DemoOrigins: origins, Issuer: demoURL, Audience: DemoAudience,
		HS256Secret: secret, AccountID: orDefault(user.AccountID, template.DefaultAccountID),
		Bucket: orDefault(user.Vars["bucket"], DefaultBucket)}
	local := Merge(Defaults(st), user)
	tpl, warns, err := template.Load(cfg.Template, template.Options{Local: local})
	log := sayer{w: cfg.Logs, json: cfg.JSONLogs}
	for _, w := range warns {
		log.say("warn", "template: %s", w)
	}
	if err != nil {
		return nil, err
	}
	c.tpl = tpl
	codeDir := func(f template.Function) string { return filepath.Join(tpl.Dir, f.Code) }
	if cfg.Dist != "" {
		codeDir = func(f template.Function) string { return filepath.Join(cfg.Dist, f.Resource) }
	}
	if err := buildFunctions(ctx, tpl, codeDir, cfg.Build, log); err != nil {
		return nil, err
	}

	admin := local.Credentials
	buckets := Buckets(tpl)
	sts, err := stsemu.New(stsemu.Config{AccountID: tpl.AccountID, DataDir: filepath.Join(cfg.DataDir, "sts"),
		Roles: Roles(tpl, buckets, tpl.Vars["stsRoleArn"]),
		Callers: map[string]stsemu.Caller{admin.AccessKeyID: {Secret: admin.AccessKeySecret,
			Principal: "acs:ram::" + tpl.AccountID + ":user/local-admin"}}})
	if err != nil {
		return nil, err
	}
	rc := &roleCredentials{sts: sts, tpl: tpl, keyID: admin.AccessKeyID, secret: admin.AccessKeySecret,
		now: time.Now, cache: map[string]cachedCreds{}}
	c.emu, err = fcemu.New(fcemu.Config{Template: tpl, CodeDir: codeDir, Credentials: rc.Credentials,
		Logs: cfg.Logs, JSONLogs: cfg.JSONLogs, DeadLetterDir: filepath.Join(cfg.DataDir, "deadletter")})
	if err != nil {
		return nil, err
	}
	region := orDefault(tpl.Vars["region"], DefaultRegion)
	c.oss, err = ossemu.New(ossemu.Config{DataDir: filepath.Join(cfg.DataDir, "data"), Region: region,
		AccountID: tpl.AccountID, AccessKeys: map[string]string{admin.AccessKeyID: admin.AccessKeySecret},
		TempCredentials: sts.OSSCredentials, Notifications: notificationRules(tpl), Sink: fcSink{c.emu},
		OnNotifyError: notifyErrors(log)})
	if err != nil {
		return nil, err
	}
	oa := ossAdmin{oss: c.oss, base: ossURL, region: region, now: time.Now,
		creds: signer.Credentials{AccessKeyID: admin.AccessKeyID, AccessKeySecret: admin.AccessKeySecret}}
	for _, b := range buckets {
		if err := oa.ensureBucket(b, origins); err != nil {
			return nil, fmt.Errorf("bucket %s: %w", b, err)
		}
	}
	users, err := demoUsers(secret, demoURL, cfg.Now(), cfg.TokenTTL)
	if err != nil {
		return nil, err
	}
	s := newSite(tpl, oa, c.emu, users, cfg.NodeModules, ossURL, fcURL)
	c.endpoints = Endpoints{OSS: ossURL, STS: stsURL, FC: fcURL, Region: region, AccountID: tpl.AccountID,
		Buckets: buckets, AdminKey: AccessKey(admin), Functions: s.page.Functions, Timers: s.timers,
		Demo: demoURL + "/demo/", Admin: demoURL + "/admin", AdminToken: s.adminToken, Users: users, PID: os.Getpid()}

	handlers := []http.Handler{c.emu.HTTPHandler(), c.oss, sts, s.handler()}
	for i, h := range handlers {
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		c.servers = append(c.servers, srv)
		go func(l net.Listener) {
			if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
				c.serveErr <- fmt.Errorf("serve %s: %w", l.Addr(), err)
			}
		}(ls[i])
	}
	if err := WriteEndpoints(c.path, c.endpoints); err != nil {
		return nil, err
	}
	ok = true
	return c, nil
}

// Endpoints returns what Start wrote to endpoints.json.
func (c *Cloud) Endpoints() Endpoints { return c.endpoints }

// EndpointsPath is where endpoints.json was written.
func (c *Cloud) EndpointsPath() string { return c.path }

// Failed delivers an error if a server stops unexpectedly.
func (c *Cloud) Failed() <-chan error { return c.serveErr }

// Close stops the servers, then the OSS emulator's notification delivery,
// then every function instance, and removes endpoints.json. It
// returns when every child process has exited, or the first error (ctx
// ending first included). Calling it again returns the same result.
func (c *Cloud) Close(ctx context.Context) error {
	c.closeOnce.Do(func() {
		var errs []error
		for _, srv := range c.servers {
			if err := srv.Shutdown(ctx); err != nil {
				srv.Close()
			}
		}
		// Notification delivery stops first: what it has not handed to FC
		// stays queued on disk for the next start.
		if c.oss != nil {
			errs = append(errs, c.oss.Close())
		}
		if c.emu != nil {
			errs = append(errs, c.emu.Close(ctx))
		}
		if c.endpoints.PID != 0 {
			if err := os.Remove(c.path); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
		c.closeErr = errors.Join(errs...)
	})
	return c.closeErr
}

// listenAll listens on the FC, OSS, STS and demo ports, in that order.
func listenAll(host string, p Ports) ([]net.Listener, error) {
	var ls []net.Listener
	for _, s := range []struct {
		name string
		port int
	}{{"FC", p.FC}, {"OSS", p.OSS}, {"STS", p.STS}, {"demo", p.Demo}} {
		l, err := net.Listen("tcp", net.JoinHostPort(host, fmt.Sprint(s.port)))
		if err != nil {
			for _, o := range ls {
				o.Close()
			}
			return nil, fmt.Errorf("%s port %d: %w (is another local cloud running? each port has a flag)", s.name, s.port, err)
		}
		ls = append(ls, l)
	}
	return ls, nil
}

func portOf(l net.Listener) string {
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
