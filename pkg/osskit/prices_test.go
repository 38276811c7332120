package osskit

import (
	"errors"
	"math"
	"testing"
)

func TestDefaultPriceTable(t *testing.T) {
	pt := DefaultPriceTable()
	if err := pt.Validate(); err != nil {
		t.Fatalf("default table invalid: %v", err)
	}
	if pt.Currency != "CNY" || pt.Source == "" || pt.AsOf == "" {
		t.Errorf("default table lacks currency/source/date: %+v", pt)
	}
	for _, c := range StorageClasses {
		p, ok := pt.Classes[c]
		if !ok || p.Source == "" {
			t.Errorf("class %s missing or unsourced", c)
		}
	}
	if pt.Classes[Standard].Unverified {
		t.Error("Standard storage price comes from an official example and should be verified")
	}
	if !pt.Classes[IA].Unverified {
		t.Error("IA price comes from a third-party summary and must be marked unverified")
	}
	// 1 GiB of Standard for one month at 0.12 CNY.
	if got, ok := pt.StorageCost(Standard, BytesPerGB, 1); !ok || math.Abs(got-0.12) > 1e-12 {
		t.Errorf("StorageCost(Standard, 1 GiB, 1) = %v, %v; want 0.12", got, ok)
	}
	if _, ok := pt.StorageCost(DeepColdArchive, BytesPerGB, 1); ok {
		t.Error("Deep Cold Archive has no known price but StorageCost reported one")
	}
}

func TestParsePriceTable(t *testing.T) {
	good := `{"currency":"USD","region":"ap-southeast-1","classes":{"Standard":{"storagePerGBMonth":0.0173}}}`
	pt, err := ParsePriceTable([]byte(good))
	if err != nil {
		t.Fatalf("ParsePriceTable: %v", err)
	}
	if got, _ := pt.StorageCost(Standard, 2*BytesPerGB, 1); math.Abs(got-0.0346) > 1e-12 {
		t.Errorf("cost = %v; want 0.0346", got)
	}
	for name, doc := range map[string]string{
		"not json":         `{`,
		"unknown field":    `{"currency":"USD","colour":"red"}`,
		"lower currency":   `{"currency":"usd"}`,
		"missing currency": `{"classes":{}}`,
		"unknown class":    `{"currency":"USD","classes":{"Glacier":{"storagePerGBMonth":1}}}`,
		"negative price":   `{"currency":"USD","classes":{"IA":{"retrievalPerGB":-1}}}`,
	} {
		if _, err := ParsePriceTable([]byte(doc)); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v; want ErrInvalidArgument", name, err)
		}
	}
}

func TestPriceOverride(t *testing.T) {
	base := DefaultPriceTable()
	got, err := base.Override([]byte(`{"asOf":"2027-01-01","classes":{"IA":{"storagePerGBMonth":0.09,"source":"bill 2027-01"}}}`))
	if err != nil {
		t.Fatalf("Override: %v", err)
	}
	ia := got.Classes[IA]
	if *ia.StoragePerGBMonth != 0.09 || ia.Unverified || ia.Source != "bill 2027-01" {
		t.Errorf("IA after override = %+v; want 0.09 verified from bill", ia)
	}
	if *ia.RetrievalPerGB != 0.0325 {
		t.Errorf("IA retrieval = %v; want the default 0.0325 kept", *ia.RetrievalPerGB)
	}
	if got.AsOf != "2027-01-01" || got.Currency != "CNY" {
		t.Errorf("table after override = %s %s", got.Currency, got.AsOf)
	}
	if *base.Classes[IA].StoragePerGBMonth != 0.08 {
		t.Error("Override changed the base table")
	}
	usd, err := base.Override([]byte(`{"currency":"USD","classes":{"Standard":{"storagePerGBMonth":0.0173}}}`))
	if err != nil {
		t.Fatalf("Override to USD: %v", err)
	}
	if _, ok := usd.Classes[IA]; ok {
		t.Error("switching currency kept CNY prices for IA")
	}
	if _, err := base.Override([]byte(`{"classes":{"IA":{"storagePerGBMonth":-2}}}`)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("negative override err = %v; want ErrInvalidArgument", err)
	}
}
