package ossemu

import (
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"
)

// FaultKind is what an injected fault does to a request.
type FaultKind string

// Fault kinds. None of them runs the operation.
const (
	// FaultUnavailable answers 503 ServiceUnavailable at once.
	FaultUnavailable FaultKind = "unavailable"
	// FaultTimeout holds the request for Delay (or until the client gives
	// up) and then drops the connection without an answer.
	FaultTimeout FaultKind = "timeout"
	// FaultStall holds the request for Delay and then serves it normally:
	// a slow, not a failed, call. (It is the one kind that does run the
	// operation, late.)
	FaultStall FaultKind = "stall"
)

// FaultRule makes a share of one operation's requests fail.
type FaultRule struct {
	// Operation is an OSS API name ("PutObject", "GetObject",
	// "HeadObject", "UploadPart", "ListObjects", ...; see OperationOf),
	// or "*" for every operation.
	Operation string    `json:"operation"`
	Kind      FaultKind `json:"kind"`
	// Rate is the share of requests hit, 0 to 1.
	Rate float64 `json:"rate"`
	// Delay is how long timeout and stall faults hold a request; default
	// 30s for timeout, 2s for stall.
	Delay Duration `json:"delay,omitempty"`
}

// FaultPlan is the set of faults in force. The n-th request of an
// operation is hit or not as a pure function of Seed, the operation and n,
// so a plan replays the same failures run after run.
type FaultPlan struct {
	Seed  uint64      `json:"seed"`
	Rules []FaultRule `json:"rules"`
}

// Duration is a time.Duration that reads and writes JSON as "1.5s".
type Duration time.Duration

// MarshalJSON writes d as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Duration(d).String() + `"`), nil
}

// UnmarshalJSON reads a Go duration string such as "250ms"; anything
// else is an error.
func (d *Duration) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("duration %s: want a string such as \"250ms\"", b)
	}
	v, err := time.ParseDuration(string(b[1 : len(b)-1]))
	if err != nil {
		return fmt.Errorf("duration %s: %w", b, err)
	}
	*d = Duration(v)
	return nil
}

// Validate reports every problem with p at once, naming the rule.
func (p FaultPlan) Validate() error {
	var errs []error
	sum := map[string]float64{}
	for i, r := range p.Rules {
		name := fmt.Sprintf("fault rule %d (%s %s)", i, r.Operation, r.Kind)
		if r.Operation == "" {
			errs = append(errs, fmt.Errorf("%s: operation is required (an OSS API name or *)", name))
		}
		switch r.Kind {
		case FaultUnavailable, FaultTimeout, FaultStall:
		default:
			errs = append(errs, fmt.Errorf("%s: kind must be unavailable, timeout or stall", name))
		}
		if !(r.Rate >= 0 && r.Rate <= 1) {
			errs = append(errs, fmt.Errorf("%s: rate %v is not between 0 and 1", name, r.Rate))
		}
		if r.Delay < 0 {
			errs = append(errs, fmt.Errorf("%s: delay is negative", name))
		}
		sum[r.Operation] += r.Rate
	}
	for op, s := range sum {
		if op != "*" && s+sum["*"] > 1 {
			errs = append(errs, fmt.Errorf("fault rules for %s: rates add up to %v, more than 1", op, s+sum["*"]))
		}
	}
	if sum["*"] > 1 {
		errs = append(errs, fmt.Errorf("fault rules for *: rates add up to %v, more than 1", sum["*"]))
	}
	return errors.Join(errs...)
}

// faults is the plan in force and how many requests of each operation it
// has seen.
type faults struct {
	mu    sync.Mutex
	plan  FaultPlan
	count map[string]uint64
}

// SetFaults replaces the fault plan and restarts its per-operation
// counters; an empty plan turns injection off. It returns the plan's
// validation error and leaves the old plan in force if there is one.
func (s *Server) SetFaults(p FaultPlan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	p.Rules = append([]FaultRule(nil), p.Rules...)
	s.faults.plan, s.faults.count = p, map[string]uint64{}
	return nil
}

// Faults returns the fault plan in force.
func (s *Server) Faults() FaultPlan {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	p := s.faults.plan
	p.Rules = append([]FaultRule(nil), p.Rules...)
	return p
}

// draw decides the fault, if any, for the next request of op.
func (f *faults) draw(op string) (FaultRule, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.plan.Rules) == 0 || op == "" {
		return FaultRule{}, false
	}
	n := f.count[op]
	f.count[op] = n + 1
	h := fnv.New64a()
	_, _ = h.Write([]byte(op))
	u := float64(splitmix64(f.plan.Seed^h.Sum64()+n*0x9E3779B97F4A7C15)>>11) / (1 << 53)
	acc := 0.0
	for _, r := range f.plan.Rules {
		if r.Operation != op && r.Operation != "*" {
			continue
		}
		acc += r.Rate
		if u < acc {
			return r, true
		}
	}
	return FaultRule{}, false
}

// splitmix64 scrambles x into a well-mixed 64-bit value (Vigna's
// SplitMix64 finaliser), so consecutive n give unrelated draws.
func splitmix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}
