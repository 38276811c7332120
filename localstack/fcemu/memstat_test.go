package fcemu

import (
	"os"
	"testing"
)

func TestParseStatus(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		rss, hwm int64
		ok       bool
	}{
		{"both", "Name:\tmain\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\nThreads:\t5\n", 10240, 20480, true},
		{"no trailing newline", "VmRSS:\t 7 kB\nVmHWM:\t 9 kB", 7, 9, true},
		{"zombie has neither", "Name:\tmain\nState:\tZ (zombie)\n", 0, 0, false},
		{"empty", "", 0, 0, false},
	} {
		rss, hwm, ok := parseStatus([]byte(tc.in))
		if rss != tc.rss || hwm != tc.hwm || ok != tc.ok {
			t.Errorf("%s: parseStatus = %d, %d, %v; want %d, %d, %v", tc.name, rss, hwm, ok, tc.rss, tc.hwm, tc.ok)
		}
	}
}

// TestStatusFileRereads checks the kept-open file is rendered afresh on
// every read: the peak it reports follows the process as memory grows.
func TestStatusFileRereads(t *testing.T) {
	s := openStatus(os.Getpid())
	_, before, ok := s.read()
	if !ok || before <= 0 {
		t.Fatalf("read = hwm %d, ok %v; want a positive peak", before, ok)
	}
	hold := make([]byte, 64<<20)
	for i := 0; i < len(hold); i += 4096 {
		hold[i] = 1
	}
	_, after, ok := s.read()
	if !ok || after < before+32<<10 {
		t.Errorf("peak after touching 64 MB = %d kB (before %d kB); want it at least 32 MB higher", after, before)
	}
	s.close()
	if _, _, ok := s.read(); ok {
		t.Errorf("read after close reported ok")
	}
	_ = hold[len(hold)-1]
}

func TestStatusFileOfMissingProcess(t *testing.T) {
	if _, _, ok := openStatus(-1).read(); ok {
		t.Errorf("read of a process that does not exist reported ok")
	}
}
