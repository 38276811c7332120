package packagetest

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction with its continuation lines
// joined.
type instruction struct {
	cmd  string // upper case, e.g. "FROM"
	args string
	line int
}

// parseDockerfile splits a Dockerfile into instructions: comments and blank
// lines dropped, lines ending in a backslash joined to the next.
func parseDockerfile(src []byte) []instruction {
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if body, more := strings.CutSuffix(line, `\`); more {
			cur.WriteString(body + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{cmd: strings.ToUpper(cmd), args: strings.Join(strings.Fields(args), " "), line: start})
		cur.Reset()
	}
	return out
}

// The custom-container Dockerfile, checked without a Docker engine: base
// images pinned (a tag that is not "latest", or a digest), Debian 12 like
// custom.debian12, the Go version of go.mod, a non-root user in the final
// stage, port 9000 (FC's default customContainerConfig.port) and the
// thumbnail binary as the entrypoint.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(readFile(t, "deploy/Dockerfile"))
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(readFile(t, "go.mod"))
	if goVersion == nil {
		t.Fatal("go.mod has no go directive")
	}
	pinned := regexp.MustCompile(`^[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$`)
	var froms []string
	final := map[string]string{} // the final stage's last value of each instruction
	for _, in := range ins {
		if in.cmd == "FROM" {
			image := strings.Fields(in.args)[0]
			froms = append(froms, image)
			if !pinned.MatchString(image) || strings.HasSuffix(image, ":latest") {
				t.Errorf("line %d: FROM %s is not pinned by tag or digest", in.line, image)
			}
			final = map[string]string{}
			continue
		}
		final[in.cmd] = in.args
	}
	if len(froms) != 2 {
		t.Fatalf("FROM images = %v; want a build stage and a runtime stage", froms)
	}
	if want := "golang:" + string(goVersion[1]) + "-bookworm"; !strings.HasPrefix(froms[0], want) {
		t.Errorf("build stage %s; want %s (go.mod's Go on Debian 12)", froms[0], want)
	}
	if !regexp.MustCompile(`^debian:(12|bookworm)[\w.-]*(@sha256:[0-9a-f]{64})?$`).MatchString(froms[1]) {
		t.Errorf("runtime stage %s; want a Debian 12 image, like custom.debian12", froms[1])
	}
	if u := final["USER"]; u == "" || u == "root" || u == "0" || strings.HasPrefix(u, "0:") {
		t.Errorf("final USER = %q; want a non-root user", u)
	}
	if final["EXPOSE"] != "9000" || !strings.Contains(final["ENV"], "FC_CUSTOM_LISTEN_PORT=9000") {
		t.Errorf("EXPOSE %q, ENV %q; want port 9000 exposed and FC_CUSTOM_LISTEN_PORT=9000", final["EXPOSE"], final["ENV"])
	}
	if final["ENTRYPOINT"] != `["/code/main"]` || !strings.Contains(final["COPY"], "--from=build /out/main /code/main") {
		t.Errorf("ENTRYPOINT %s, COPY %s; want the thumbnail binary copied to /code/main and run", final["ENTRYPOINT"], final["COPY"])
	}
	if !strings.Contains(final["RUN"], "libvips42") {
		t.Errorf("the runtime stage does not install libvips42")
	}
	build := ""
	for _, in := range ins {
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
			build = in.args
		}
	}
	if !strings.Contains(build, "CGO_ENABLED=1") || !strings.Contains(build, "./functions/thumbnail") || !strings.Contains(build, "-o /out/main") {
		t.Errorf("build step %q; want CGO_ENABLED=1 go build -o /out/main ./functions/thumbnail", build)
	}
}

// The build context leaves out what the image never needs (packages,
// node modules, git history), or every build would upload hundreds of MB.
func TestDockerignore(t *testing.T) {
	lines := strings.Split(string(readFile(t, "deploy/Dockerfile.dockerignore")), "\n")
	for _, want := range []string{".git", "dist", "tools/node/node_modules"} {
		if !slices.Contains(lines, want) {
			t.Errorf("deploy/Dockerfile.dockerignore does not exclude %s", want)
		}
	}
}

func TestParseDockerfile(t *testing.T) {
	got := parseDockerfile([]byte("# c\nFROM a:1 AS b\n\nRUN x \\\n  && y\nUSER 1\n"))
	want := []instruction{{"FROM", "a:1 AS b", 2}, {"RUN", "x && y", 4}, {"USER", "1", 6}}
	if len(got) != len(want) {
		t.Fatalf("parse = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("instruction %d = %+v; want %+v", i, got[i], want[i])
		}
	}
}
