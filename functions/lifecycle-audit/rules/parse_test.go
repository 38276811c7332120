package rules

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// The fixture is the full rule shape of the PutBucketLifecycle reference
// (AlibabaCloudDocs/oss@f684091) and the SDK v2 test XML (two <Not>, AtimeBase).
func TestParseXMLFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/lifecycle.xml")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ParseXML(data)
	if err != nil {
		t.Fatalf("ParseXML: %v", err)
	}
	if len(rs) != 3 {
		t.Fatalf("rules = %d; want 3", len(rs))
	}
	r := rs[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"ID", r.ID, "logs-tiering"},
		{"Prefix", r.Prefix, "logs/"},
		{"Enabled", r.Enabled(), true},
		{"Tags", len(r.Tags), 1},
		{"Not count", len(r.Not), 2},
		{"Not[0].Tag", r.Not[0].Tag != nil && r.Not[0].Tag.Key == "hold", true},
		{"Not[1].Tag", r.Not[1].Tag == nil, true},
		{"size >", *r.ObjectSizeGreaterThan, int64(65536)},
		{"size <", *r.ObjectSizeLessThan, int64(1 << 30)},
		{"transitions", len(r.Transitions), 2},
		{"t0 atime", r.Transitions[0].IsAccessTime, true},
		{"t1 class", r.Transitions[1].StorageClass, osskit.ColdArchive},
		{"t1 small", r.Transitions[1].AllowSmallFile != nil && !*r.Transitions[1].AllowSmallFile, true},
		{"expire days", r.Expiration.Days, 365},
		{"abort days", r.AbortMultipartUpload.Days, 7},
		{"noncurrent days", r.NoncurrentVersionExpiration.NoncurrentDays, 60},
		{"noncurrent transition", r.NoncurrentVersionTransitions[0].StorageClass, osskit.Archive},
		{"atime base", r.AtimeBase, time.Unix(1631698332, 0).UTC()},
		{"rule 2 disabled", rs[1].Enabled(), false},
		{"rule 2 date", rs[1].Expiration.CreatedBeforeDate, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"rule 3 marker", rs[2].Expiration.ExpiredObjectDeleteMarker, true},
		{"rule 3 whole bucket", rs[2].Prefix, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
}

func TestParseXMLErrors(t *testing.T) {
	rule := func(body string) string {
		return "<LifecycleConfiguration><Rule>" + body + "</Rule></LifecycleConfiguration>"
	}
	cases := []struct {
		name, xml, want string
	}{
		{"not XML", "{", "decode lifecycle XML"},
		{"wrong root", "<Foo/>", "decode lifecycle XML"},
		// 0014-00000021: Prefix is a required element.
		{"no prefix", rule("<ID>a</ID><Status>Enabled</Status>"), "missing <Prefix>"},
		{"bad status", rule("<Prefix/><Status>On</Status>"), `status "On"`},
		{"bad date", rule("<Prefix/><Status>Enabled</Status><Expiration><CreatedBeforeDate>2023-01-01</CreatedBeforeDate></Expiration>"), "date \"2023-01-01\""},
		{"bad class", rule("<Prefix/><Status>Enabled</Status><Transition><Days>3</Days><StorageClass>Glacier</StorageClass></Transition>"), `storage class "Glacier"`},
		{"too many", "<LifecycleConfiguration>" + strings.Repeat("<Rule><Prefix/><Status>Enabled</Status></Rule>", MaxRules+1) + "</LifecycleConfiguration>", "at most 1000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseXML([]byte(c.xml))
			if !errors.Is(err, osskit.ErrInvalidArgument) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ParseXML error = %v; want ErrInvalidArgument containing %q", err, c.want)
			}
		})
	}
}

// The deprecated <Date> is read as CreatedBeforeDate (SDK v2 comment on
// LifecycleRuleExpiration.Date).
func TestParseXMLDeprecatedDate(t *testing.T) {
	rs, err := ParseXML([]byte(`<LifecycleConfiguration><Rule><Prefix>a/</Prefix><Status>Enabled</Status>
		<Expiration><Date>2024-03-01T00:00:00.000Z</Date></Expiration></Rule></LifecycleConfiguration>`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rs[0].Expiration.CreatedBeforeDate, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("CreatedBeforeDate = %v; want %v", got, want)
	}
}
