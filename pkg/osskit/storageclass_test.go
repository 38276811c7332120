package osskit

import (
	"errors"
	"testing"
	"time"
)

func TestParseStorageClass(t *testing.T) {
	tests := []struct {
		in   string
		want StorageClass
	}{
		{"Standard", Standard}, {"STANDARD", Standard}, {"IA", IA}, {"ia", IA},
		{"Infrequent Access", IA}, {"Archive", Archive}, {"ColdArchive", ColdArchive},
		{"cold-archive", ColdArchive}, {"DeepColdArchive", DeepColdArchive}, {"Deep_Cold_Archive", DeepColdArchive},
	}
	for _, tt := range tests {
		got, err := ParseStorageClass(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseStorageClass(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "GLACIER", "Standard-IA", "cold"} {
		if _, err := ParseStorageClass(bad); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ParseStorageClass(%q) err = %v; want ErrInvalidArgument", bad, err)
		}
	}
}

func TestBillingFacts(t *testing.T) {
	// Figures from the SDK's StorageClassType comments (oss/enums.go) and the
	// min-duration clock page cited in storageclass.go.
	tests := []struct {
		class   StorageClass
		minSize int64
		minDays int
		clock   Clock
		restore bool
	}{
		{Standard, 0, 0, ClockNone, false},
		{IA, 65536, 30, ClockLastModified, false},
		{Archive, 65536, 60, ClockLastModified, true},
		{ColdArchive, 65536, 180, ClockTransitionTime, true},
		{DeepColdArchive, 65536, 180, ClockTransitionTime, true},
	}
	for _, tt := range tests {
		b, ok := tt.class.Billing()
		if !ok {
			t.Fatalf("%s.Billing() not found", tt.class)
		}
		if b.MinBillableSize != tt.minSize || b.MinDuration != time.Duration(tt.minDays)*24*time.Hour ||
			b.Clock != tt.clock || b.NeedsRestore != tt.restore {
			t.Errorf("%s.Billing() = %+v; want size %d, %d days, clock %d, restore %v", tt.class, b, tt.minSize, tt.minDays, tt.clock, tt.restore)
		}
	}
	if _, ok := StorageClass("GLACIER").Billing(); ok {
		t.Error("unknown class has billing facts")
	}
}

func TestBilledSize(t *testing.T) {
	tests := []struct {
		class      StorageClass
		size, want int64
	}{
		{Standard, 1, 1}, {IA, 1, 65536}, {IA, 65536, 65536}, {IA, 70000, 70000},
		{DeepColdArchive, 0, 65536}, {StorageClass("x"), 5, 5},
	}
	for _, tt := range tests {
		if got := tt.class.BilledSize(tt.size); got != tt.want {
			t.Errorf("%s.BilledSize(%d) = %d; want %d", tt.class, tt.size, got, tt.want)
		}
	}
}

func TestMinDurationEnds(t *testing.T) {
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	moved := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		o    ObjectInfo
		want time.Time
		ok   bool
	}{
		{"standard has none", ObjectInfo{StorageClass: Standard, LastModified: mod}, time.Time{}, false},
		{"IA from last-modified", ObjectInfo{StorageClass: IA, LastModified: mod, TransitionTime: moved}, mod.AddDate(0, 0, 30), true},
		{"cold archive from transition", ObjectInfo{StorageClass: ColdArchive, LastModified: mod, TransitionTime: moved}, moved.AddDate(0, 0, 180), true},
		{"cold archive uploaded directly", ObjectInfo{StorageClass: ColdArchive, LastModified: mod}, mod.AddDate(0, 0, 180), true},
		{"no timestamps", ObjectInfo{StorageClass: Archive}, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.o.MinDurationEnds()
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: MinDurationEnds() = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRankWarmestFirst(t *testing.T) {
	order := []StorageClass{Standard, IA, Archive, ColdArchive, DeepColdArchive}
	for i, c := range order {
		if got := c.Rank(); got != i {
			t.Errorf("%s.Rank() = %d; want %d", c, got, i)
		}
	}
	if got := StorageClass("Glacier").Rank(); got != -1 {
		t.Errorf("unknown class Rank() = %d; want -1", got)
	}
}
