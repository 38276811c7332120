package fcemu

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// process is one running function binary.
type process struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited and its output is drained
	// exitErr is the Wait error; read only after done is closed.
	exitErr error
	// peakKB is the highest VmHWM seen.
	peakKB atomic.Int64
	status *statusFile
	mu     sync.Mutex
	// reason says why the emulator killed the process ("" if it did not).
	reason, reasonType string
}

// memoryPoll is how often the resident set is read.
const memoryPoll = 50 * time.Millisecond

// startProcess starts bin in dir with env, its stdout and stderr going to
// logs line by line under fn. limitMB > 0 kills it when its resident set
// exceeds that many MB.
func startProcess(fn, bin string, args []string, dir string, env []string, logs *logSink, limitMB int) (*process, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = env
	// Its own process group, so a kill takes any children with it, and
	// Pdeathsig, so no instance outlives an emulator that dies abruptly.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	p := &process{cmd: cmd, done: make(chan struct{}), status: openStatus(cmd.Process.Pid)}
	var drained sync.WaitGroup
	for _, s := range []struct {
		r    io.Reader
		name string
	}{{stdout, "stdout"}, {stderr, "stderr"}} {
		drained.Add(1)
		go func() {
			defer drained.Done()
			sc := bufio.NewScanner(s.r)
			sc.Buffer(make([]byte, 64<<10), 1<<20)
			for sc.Scan() {
				logs.output(fn, s.name, sc.Text())
			}
			_, _ = io.Copy(io.Discard, s.r) // a line over 1 MiB: drain so the child never blocks
		}()
	}
	go p.watchMemory(limitMB)
	go func() {
		drained.Wait()
		p.exitErr = cmd.Wait()
		p.status.close()
		close(p.done)
	}()
	return p, nil
}

// watchMemory polls the resident set until the process exits.
func (p *process) watchMemory(limitMB int) {
	t := time.NewTicker(memoryPoll)
	defer t.Stop()
	for {
		rssKB, hwmKB, ok := p.status.read()
		if ok {
			if hwmKB > p.peakKB.Load() {
				p.peakKB.Store(hwmKB)
			}
			if limitMB > 0 && rssKB > int64(limitMB)<<10 {
				p.kill(ErrTypeMemory, fmt.Sprintf("resident memory %d MB exceeded the function's %d MB", rssKB>>10, limitMB))
			}
		}
		select {
		case <-p.done:
			return
		case <-t.C:
		}
	}
}

// peakMB is the highest resident set so far, in MB (rounded up). It reads
// /proc once more, so a short invocation is not reported by a stale poll.
func (p *process) peakMB() int {
	if _, hwm, ok := p.status.read(); ok && hwm > p.peakKB.Load() {
		p.peakKB.Store(hwm)
	}
	return int((p.peakKB.Load() + 1023) >> 10)
}

// kill stops the process group at once, remembering why for the invocations it fails.
func (p *process) kill(errType, reason string) {
	p.mu.Lock()
	if p.reason == "" {
		p.reason, p.reasonType = reason, errType
	}
	p.mu.Unlock()
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
}

// terminate asks the process group to stop, and kills it after grace.
func (p *process) terminate(grace time.Duration) {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		p.kill(ErrTypeCrashed, "did not stop within the grace period")
		<-p.done
	}
}

// exitError describes why the process is gone; call after done is closed.
func (p *process) exitError() *FunctionError {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.reason != "" {
		return &FunctionError{Type: p.reasonType, Message: p.reason}
	}
	msg := "the instance exited"
	if p.exitErr != nil {
		msg += ": " + p.exitErr.Error()
	}
	return &FunctionError{Type: ErrTypeCrashed, Message: msg}
}

func (p *process) alive() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}
