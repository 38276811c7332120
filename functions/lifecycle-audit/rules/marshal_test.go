package rules

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// MarshalXML output parses back to the same rules (the fixture covers every
// element of the PutBucketLifecycle reference except the response-only
// AtimeBase).
func TestMarshalXMLRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/lifecycle.xml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseXML(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		want[i].AtimeBase = time.Time{}
	}
	out, err := MarshalXML(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseXML(out)
	if err != nil {
		t.Fatalf("ParseXML(MarshalXML) = %v\n%s", err, out)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v\n%s", got, want, out)
	}
	for _, s := range []string{"<Prefix></Prefix>", "<AllowSmallFile>false</AllowSmallFile>", "<CreatedBeforeDate>2023-01-01T00:00:00.000Z</CreatedBeforeDate>"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("XML lacks %s", s)
		}
	}
}
