package ossemu_test

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func TestListPagingAndDelimiter(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	var all []string
	for _, k := range []string{"a.txt", "b/1.jpg", "b/2.jpg", "b/c/3.jpg", "d e+f.txt", "ü/x", "z.txt"} {
		all = append(all, k)
		if err := srv.SeedObject("photos", k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 7 {
		k := fmt.Sprintf("logs/%02d.log", i)
		all = append(all, k)
		if err := srv.SeedObject("photos", k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(all)
	c := goodClient(srv)
	ctx := context.Background()

	tests := []struct {
		name, prefix, delimiter, startAfter string
		maxKeys                             int32
		wantKeys, wantPrefixes              []string
		wantPages                           int
	}{
		{name: "all keys, 3 per page", maxKeys: 3, wantKeys: all, wantPages: 5},
		{name: "delimiter groups, 2 per page", delimiter: "/", maxKeys: 2,
			wantKeys:     []string{"a.txt", "d e+f.txt", "z.txt"},
			wantPrefixes: []string{"b/", "logs/", "ü/"}, wantPages: 3},
		{name: "prefix and delimiter", prefix: "b/", delimiter: "/", maxKeys: 1,
			wantKeys: []string{"b/1.jpg", "b/2.jpg"}, wantPrefixes: []string{"b/c/"}, wantPages: 3},
		{name: "start after", startAfter: "logs/04.log", maxKeys: 100,
			wantKeys: []string{"logs/05.log", "logs/06.log", "z.txt", "ü/x"}, wantPages: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := &oss.ListObjectsV2Request{Bucket: oss.Ptr("photos"), MaxKeys: tt.maxKeys}
			if tt.prefix != "" {
				req.Prefix = oss.Ptr(tt.prefix)
			}
			if tt.delimiter != "" {
				req.Delimiter = oss.Ptr(tt.delimiter)
			}
			if tt.startAfter != "" {
				req.StartAfter = oss.Ptr(tt.startAfter)
			}
			p := c.NewListObjectsV2Paginator(req)
			var keys, prefixes []string
			pages := 0
			for p.HasNext() {
				page, err := p.NextPage(ctx)
				if err != nil {
					t.Fatalf("page %d: %v", pages+1, err)
				}
				pages++
				if n := len(page.Contents) + len(page.CommonPrefixes); n > int(tt.maxKeys) || page.KeyCount != n {
					t.Errorf("page %d: %d entries, KeyCount %d; want ≤ %d and equal", pages, n, page.KeyCount, tt.maxKeys)
				}
				for _, o := range page.Contents {
					keys = append(keys, oss.ToString(o.Key))
				}
				for _, cp := range page.CommonPrefixes {
					prefixes = append(prefixes, oss.ToString(cp.Prefix))
				}
			}
			if strings.Join(keys, "|") != strings.Join(tt.wantKeys, "|") {
				t.Errorf("keys = %q; want %q", keys, tt.wantKeys)
			}
			if strings.Join(prefixes, "|") != strings.Join(tt.wantPrefixes, "|") {
				t.Errorf("prefixes = %q; want %q", prefixes, tt.wantPrefixes)
			}
			if pages != tt.wantPages {
				t.Errorf("pages = %d; want %d", pages, tt.wantPages)
			}
		})
	}
}

func TestListRejectsBadArguments(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	for _, q := range []string{"max-keys=0", "max-keys=1001", "max-keys=x", "encoding-type=base64", "continuation-token=!!"} {
		req := signedWith(t, srv, "GET", "photos", "", "", nil)
		req.URL.RawQuery = "list-type=2&" + q
		// Re-sign with the query in place: the query is part of the signature.
		req = resign(t, srv, req, "photos", "")
		x := readError(t, do(t, req))
		if x.Code != "InvalidArgument" {
			t.Errorf("list ?%s = %s; want InvalidArgument", q, x.Code)
		}
	}
}

func TestListObjectsV1Paging(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	want := []string{"a/1", "a/2", "b", "c/d/e", "f"}
	for _, k := range want {
		if err := srv.SeedObject("photos", k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	p := goodClient(srv).NewListObjectsPaginator(&oss.ListObjectsRequest{
		Bucket: oss.Ptr("photos"), Delimiter: oss.Ptr("/"), MaxKeys: 1,
	})
	var got []string
	for p.HasNext() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			got = append(got, oss.ToString(o.Key))
		}
		for _, cp := range page.CommonPrefixes {
			got = append(got, oss.ToString(cp.Prefix))
		}
	}
	if strings.Join(got, " ") != "a/ b c/ f" {
		t.Errorf("v1 listing = %q; want [a/ b c/ f]", got)
	}
}

func TestListURLEncodingIsBrowserSafe(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	if err := srv.SeedObject("photos", "d e+f/ü.txt", []byte("x")); err != nil {
		t.Fatal(err)
	}
	req := signedWith(t, srv, "GET", "photos", "", "", nil)
	req.URL.RawQuery = "list-type=2&encoding-type=url"
	resp := do(t, resign(t, srv, req, "photos", ""))
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := "<Key>d%20e%2Bf%2F%C3%BC.txt</Key>"; !strings.Contains(string(body), want) {
		t.Errorf("listing = %s; want it to contain %s", body, want)
	}
}
