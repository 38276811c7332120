package fcemu

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
)

// instance is one running copy of a function.
type instance struct {
	id     string
	fn     *template.Function
	proc   *process
	drv    driver
	custom *customRuntime // set for custom runtimes, which also proxy HTTP
	// Guarded by the pool's mutex:
	active   int       // invocations in flight
	lastUsed time.Time // when the last invocation ended
	retired  bool      // stopped on purpose (idle), not crashed
}

// command returns the binary and arguments an instance runs, and its
// working directory: the handler for go1, customRuntimeConfig.command for
// custom runtimes, where /code (FC's code mount) means the code directory.
func command(f *template.Function, codeDir string) (string, []string) {
	if !f.IsCustom() {
		return filepath.Join(codeDir, f.Handler), nil
	}
	cmd := f.CustomRuntime.Command
	bin := cmd[0]
	switch {
	case bin == "/code" || strings.HasPrefix(bin, "/code/"):
		bin = filepath.Join(codeDir, strings.TrimPrefix(bin, "/code"))
	case !filepath.IsAbs(bin) && strings.ContainsRune(bin, '/'):
		bin = filepath.Join(codeDir, bin)
	}
	args := append(append([]string{}, cmd[1:]...), f.CustomRuntime.Args...)
	return bin, args
}

// startInstance starts, waits for and initializes one instance. Failures
// are *FunctionError, for the invocation that asked for the instance.
func (e *Emulator) startInstance(f *template.Function) (*instance, error) {
	codeDir, err := filepath.Abs(e.cfg.CodeDir(*f))
	if err != nil {
		return nil, &FunctionError{Type: ErrTypeStartFailed, Message: err.Error()}
	}
	bin, args := command(f, codeDir)
	if st, err := os.Stat(bin); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return nil, &FunctionError{Type: ErrTypeStartFailed,
			Message: fmt.Sprintf("no executable %s (build the functions first: make build)", bin)}
	}
	inst := &instance{id: newID("i"), fn: f}
	env := e.baseEnv(f, codeDir, inst.id)
	if e.cfg.Credentials != nil {
		creds, err := e.credentials(f)
		if err != nil {
			return nil, err
		}
		env = append(env, "ALIBABA_CLOUD_ACCESS_KEY_ID="+creds.AccessKeyID,
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET="+creds.AccessKeySecret,
			"ALIBABA_CLOUD_SECURITY_TOKEN="+creds.SecurityToken)
	}
	type attacher interface{ attach(<-chan struct{}) }
	var att attacher
	if f.IsCustom() {
		port, err := freePort()
		if err != nil {
			return nil, &FunctionError{Type: ErrTypeStartFailed, Message: err.Error()}
		}
		inst.custom = newCustomRuntime(f, e.tpl.AccountID, port)
		inst.drv, att = inst.custom, inst.custom
		env = append(env, "FC_CUSTOM_LISTEN_PORT="+strconv.Itoa(port))
	} else {
		api, err := newRuntimeAPI(f, e.tpl.AccountID)
		if err != nil {
			return nil, &FunctionError{Type: ErrTypeStartFailed, Message: err.Error()}
		}
		inst.drv, att = api, api
		env = append(env, "FC_RUNTIME_API="+api.addr)
	}
	proc, err := startProcess(f.Resource, bin, args, codeDir, env, e.logs, f.MemoryMB)
	if err != nil {
		inst.drv.close()
		return nil, &FunctionError{Type: ErrTypeStartFailed, Message: err.Error()}
	}
	inst.proc = proc
	att.attach(proc.done)

	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.StartTimeout)
	defer cancel()
	if err := inst.drv.ready(ctx); err != nil {
		return nil, inst.abort(ErrTypeStartFailed, err)
	}
	if h := f.Initializer; h != nil {
		r := e.lifecycle(inst, kindInitializer, h.TimeoutSec)
		e.logs.summary(f.Resource, "initializer", r)
		if r.Error != nil {
			return nil, inst.abort(ErrTypeInitializer, errors.New(r.Error.Error()))
		}
	}
	return inst, nil
}

// abort kills a half-started instance and explains why.
func (inst *instance) abort(errType string, err error) *FunctionError {
	defer inst.drv.close()
	if errors.Is(err, errGone) {
		<-inst.proc.done
		fe := inst.proc.exitError()
		return &FunctionError{Type: errType, Message: fe.Message}
	}
	inst.proc.kill(errType, err.Error())
	<-inst.proc.done
	return &FunctionError{Type: errType, Message: err.Error()}
}

// lifecycle runs the initializer or pre-stop hook within timeout seconds.
func (e *Emulator) lifecycle(inst *instance, kind, timeout int) Result {
	c := call{id: newID("1"), kind: kind, timeout: timeout}
	if e.cfg.Credentials != nil {
		if creds, err := e.credentials(inst.fn); err == nil {
			c.creds = creds
		}
	}
	r := e.hand(context.Background(), inst, c)
	r.MaxMemoryUsedMB = inst.proc.peakMB()
	return r
}

// stop runs the pre-stop hook, if any, then stops the process.
func (e *Emulator) stopInstance(inst *instance) {
	if h := inst.fn.PreStop; h != nil && inst.proc.alive() {
		e.logs.summary(inst.fn.Resource, "pre-stop", e.lifecycle(inst, kindPreStop, h.TimeoutSec))
	}
	inst.proc.terminate(DefaultStopGrace)
	inst.drv.close()
}

// baseEnv is the environment FC gives an instance, then the function's own.
func (e *Emulator) baseEnv(f *template.Function, codeDir, instanceID string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.TempDir(),
		"FC_FUNCTION_NAME=" + f.Name,
		"FC_FUNCTION_HANDLER=" + f.Handler,
		"FC_FUNCTION_MEMORY_SIZE=" + strconv.Itoa(f.MemoryMB),
		"FC_FUNCTION_VERSION=LATEST",
		"FC_FUNC_CODE_PATH=" + codeDir,
		"FC_REGION=" + f.Region,
		"FC_ACCOUNT_ID=" + e.tpl.AccountID,
		"FC_INSTANCE_ID=" + instanceID,
		"FC_RUNTIME=" + f.Runtime,
		"FC_TIMEOUT=" + strconv.Itoa(f.TimeoutSec),
	}
	for k, v := range f.Environment {
		env = append(env, k+"="+v)
	}
	return env
}
