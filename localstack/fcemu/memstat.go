package fcemu

import (
	"bytes"
	"os"
	"strconv"
	"sync"
)

// statusFile reads one process's /proc/<pid>/status for its resident set
// (VmRSS) and peak (VmHWM). The file stays open and is re-read from offset
// 0, which makes the kernel render it afresh: this skips the path walk,
// open and close of a fresh read, and every invocation's report reads it.
type statusFile struct {
	mu  sync.Mutex
	f   *os.File // nil once closed or if it never opened
	buf []byte
}

// openStatus opens pid's status file. A process that is already gone, or
// a system without /proc, gives a statusFile whose reads report !ok.
func openStatus(pid int) *statusFile {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return &statusFile{}
	}
	return &statusFile{f: f, buf: make([]byte, 4096)}
}

// read returns VmRSS and VmHWM in kB; ok is false once the process has
// been reaped or the file is closed.
func (s *statusFile) read() (rssKB, hwmKB int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return 0, 0, false
	}
	n, _ := s.f.ReadAt(s.buf, 0) // a whole read ends in io.EOF; n says what arrived
	if n == 0 {
		return 0, 0, false
	}
	return parseStatus(s.buf[:n])
}

// close releases the file; later reads report !ok.
func (s *statusFile) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		_ = s.f.Close()
		s.f = nil
	}
}

// parseStatus finds VmRSS and VmHWM ("VmRSS:\t  1234 kB") in a status
// file's text. ok is false when neither is there (a zombie has no VmRSS).
func parseStatus(b []byte) (rssKB, hwmKB int64, ok bool) {
	var haveRSS, haveHWM bool
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if v, found := bytes.CutPrefix(line, []byte("VmRSS:")); found {
			rssKB, haveRSS = kb(v), true
		} else if v, found := bytes.CutPrefix(line, []byte("VmHWM:")); found {
			hwmKB, haveHWM = kb(v), true
		}
		if haveRSS && haveHWM {
			break
		}
	}
	return rssKB, hwmKB, haveRSS || haveHWM
}

func kb(v []byte) int64 {
	n, _ := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
	return n
}
