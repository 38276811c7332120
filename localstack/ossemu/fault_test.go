package ossemu_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

// putPattern puts n objects and returns which failed ('x') or not ('.'),
// failing t on any failure that is not an injected 503.
func putPattern(t *testing.T, srv *ossemutest.Server, n int) string {
	t.Helper()
	c := goodClient(srv)
	out := make([]byte, n)
	for i := range n {
		_, err := c.PutObject(context.Background(), &oss.PutObjectRequest{Bucket: oss.Ptr("photos"),
			Key: oss.Ptr(fmt.Sprintf("k%02d", i)), Body: http.NoBody})
		out[i] = '.'
		if err != nil {
			if code, status := serviceCode(err); code != "ServiceUnavailable" || status != 503 {
				t.Fatalf("put %d = %s %d (%v); want success or ServiceUnavailable 503", i, code, status, err)
			}
			out[i] = 'x'
		}
	}
	return string(out)
}

func faultServer(t *testing.T, plan ossemu.FaultPlan) *ossemutest.Server {
	t.Helper()
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	if err := srv.SetFaults(plan); err != nil {
		t.Fatal(err)
	}
	return srv
}

func TestFaultUnavailableIsSeededAndPerOperation(t *testing.T) {
	plan := ossemu.FaultPlan{Seed: 7, Rules: []ossemu.FaultRule{{Operation: "PutObject", Kind: ossemu.FaultUnavailable, Rate: 0.5}}}
	srv := faultServer(t, plan)
	first := putPattern(t, srv, 40)
	hits := 0
	for i, c := range first {
		if c == 'x' {
			hits++
			continue
		}
		// Other operations are untouched by a PutObject rule.
		if got := get(t, goodClient(srv), "photos", fmt.Sprintf("k%02d", i)); len(got) != 0 {
			t.Errorf("k%02d = %q; want empty", i, got)
		}
	}
	if hits < 5 || hits > 35 {
		t.Errorf("%d of 40 puts failed at rate 0.5 (pattern %s)", hits, first)
	}
	for i, c := range first {
		if c != 'x' {
			continue
		}
		_, err := goodClient(srv).HeadObject(context.Background(), &oss.HeadObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr(fmt.Sprintf("k%02d", i))})
		if code, _ := serviceCode(err); code != "NoSuchKey" {
			t.Errorf("failed put k%02d stored an object (head: %v)", i, err)
		}
	}
	if again := putPattern(t, faultServer(t, plan), 40); again != first {
		t.Errorf("same seed replayed %s; want %s", again, first)
	}
	plan.Seed = 8
	if other := putPattern(t, faultServer(t, plan), 40); other == first {
		t.Errorf("seeds 7 and 8 gave the same pattern %s", first)
	}
	if none := putPattern(t, faultServer(t, ossemu.FaultPlan{}), 10); none != ".........." {
		t.Errorf("no plan: pattern %s; want no failures", none)
	}
}

func TestFaultTimeoutAndStall(t *testing.T) {
	long := ossemu.Duration(time.Minute)
	tests := []struct {
		name          string
		rule          ossemu.FaultRule
		clientTimeout time.Duration
		wantTimeout   bool // the client gave up
		wantDropped   bool // the connection closed without an answer
	}{
		{"timeout: client gives up first", ossemu.FaultRule{Operation: "GetObject", Kind: ossemu.FaultTimeout, Rate: 1, Delay: long}, 200 * time.Millisecond, true, false},
		{"timeout: server drops the connection", ossemu.FaultRule{Operation: "GetObject", Kind: ossemu.FaultTimeout, Rate: 1, Delay: ossemu.Duration(10 * time.Millisecond)}, 0, false, true},
		{"stall: client gives up first", ossemu.FaultRule{Operation: "GetObject", Kind: ossemu.FaultStall, Rate: 1, Delay: long}, 200 * time.Millisecond, true, false},
		{"stall: served late", ossemu.FaultRule{Operation: "GetObject", Kind: ossemu.FaultStall, Rate: 1, Delay: ossemu.Duration(10 * time.Millisecond)}, 0, false, false},
		{"other operation untouched", ossemu.FaultRule{Operation: "PutObject", Kind: ossemu.FaultTimeout, Rate: 1, Delay: long}, 10 * time.Second, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := faultServer(t, ossemu.FaultPlan{})
			if err := srv.SeedObject("photos", "cat.jpg", []byte("meow")); err != nil {
				t.Fatal(err)
			}
			if err := srv.SetFaults(ossemu.FaultPlan{Rules: []ossemu.FaultRule{tt.rule}}); err != nil {
				t.Fatal(err)
			}
			pre, err := goodClient(srv).Presign(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("cat.jpg")})
			if err != nil {
				t.Fatal(err)
			}
			resp, err := (&http.Client{Timeout: tt.clientTimeout}).Get(pre.URL)
			var ne interface{ Timeout() bool }
			switch {
			case tt.wantTimeout:
				if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
					t.Fatalf("get = %v; want a client timeout", err)
				}
			case tt.wantDropped:
				if err == nil {
					resp.Body.Close()
					t.Fatalf("get = %d; want the connection dropped", resp.StatusCode)
				}
			default:
				if err != nil {
					t.Fatalf("get: %v", err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Fatalf("status = %d; want 200", resp.StatusCode)
				}
			}
		})
	}
}

func TestFaultPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		plan ossemu.FaultPlan
		ok   bool
	}{
		{"empty", ossemu.FaultPlan{}, true},
		{"two kinds on one operation", ossemu.FaultPlan{Rules: []ossemu.FaultRule{
			{Operation: "PutObject", Kind: ossemu.FaultUnavailable, Rate: 0.3}, {Operation: "PutObject", Kind: ossemu.FaultStall, Rate: 0.7}}}, true},
		{"no operation", ossemu.FaultPlan{Rules: []ossemu.FaultRule{{Kind: ossemu.FaultUnavailable, Rate: 0.1}}}, false},
		{"unknown kind", ossemu.FaultPlan{Rules: []ossemu.FaultRule{{Operation: "*", Kind: "explode", Rate: 0.1}}}, false},
		{"rate above 1", ossemu.FaultPlan{Rules: []ossemu.FaultRule{{Operation: "*", Kind: ossemu.FaultStall, Rate: 1.5}}}, false},
		{"rates add above 1", ossemu.FaultPlan{Rules: []ossemu.FaultRule{
			{Operation: "*", Kind: ossemu.FaultStall, Rate: 0.6}, {Operation: "GetObject", Kind: ossemu.FaultUnavailable, Rate: 0.6}}}, false},
		{"negative delay", ossemu.FaultPlan{Rules: []ossemu.FaultRule{{Operation: "*", Kind: ossemu.FaultStall, Rate: 0.1, Delay: -1}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.plan.Validate(); (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v; want ok=%v", err, tt.ok)
			}
		})
	}
}
