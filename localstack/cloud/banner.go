package cloud

import (
	"fmt"
	"sort"
	"strings"
)

// Banner is what the daemon prints once the local cloud is up: every URL,
// the local root key (well known and loopback only), a demo user's token
// and the commands to try, so nobody has to read endpoints.json first.
func (c *Cloud) Banner() string {
	e := c.endpoints
	var b strings.Builder
	fmt.Fprintf(&b, "\nossflow local cloud is up (template %s)\n\n", c.cfg.Template)
	fmt.Fprintf(&b, "  demo page    %s\n", e.Demo)
	fmt.Fprintf(&b, "  OSS          %s   region %s, buckets %s (path-style)\n", e.OSS, e.Region, strings.Join(e.Buckets, ", "))
	fmt.Fprintf(&b, "  STS          %s\n", e.STS)
	names := make([]string, 0, len(e.Functions))
	for n := range e.Functions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-12s %s\n", n, e.Functions[n])
	}
	for trig, fn := range e.Timers {
		fmt.Fprintf(&b, "  timer        %s -> %s   fire now: go run ./localstack fire %s\n", trig, fn, trig)
	}
	fmt.Fprintf(&b, "\n  admin key    %s / %s   (OSS and STS emulators only)\n", e.AdminKey.AccessKeyID, e.AdminKey.AccessKeySecret)
	if len(e.Users) > 0 {
		u := e.Users[0]
		fmt.Fprintf(&b, "  demo users   %s (tokens in %s)\n", userNames(e.Users), c.path)
		if url, ok := e.Functions["post-policy"]; ok {
			fmt.Fprintf(&b, "\n  try: curl -s -H 'Authorization: Bearer %s' \\\n         -d '{\"filename\":\"cat.jpg\",\"contentType\":\"image/jpeg\",\"size\":1000}' %s\n", u.Token, url)
		}
	}
	b.WriteString("\n  Ctrl-C stops everything.\n\n")
	return b.String()
}

func userNames(us []DemoUser) string {
	n := make([]string, len(us))
	for i, u := range us {
		n[i] = u.Name
	}
	return strings.Join(n, ", ")
}
