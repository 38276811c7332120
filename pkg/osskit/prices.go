package osskit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
)

// BytesPerGB is the GB prices are quoted per. Alibaba Cloud bills capacity
// in binary units (1 GB = 1024 MB); not confirmed from the pricing page,
// which is not machine-readable [unverified].
const BytesPerGB = 1 << 30

// PriceTable holds per-class OSS prices in one currency for one region.
// Prices differ by region and change; keep real figures in configuration
// (ParsePriceTable / Override) and treat DefaultPriceTable as a sample.
type PriceTable struct {
	// Currency is an ISO 4217 code, e.g. "CNY" or "USD".
	Currency string `json:"currency"`
	// Region the prices apply to, e.g. "cn-hangzhou".
	Region string `json:"region,omitempty"`
	// Source is where the figures come from (URL or file), AsOf when they were read (YYYY-MM-DD).
	Source string `json:"source,omitempty"`
	AsOf   string `json:"asOf,omitempty"`
	// Classes maps a storage class to its prices.
	Classes map[StorageClass]ClassPrices `json:"classes"`
}

// ClassPrices are one storage class's prices; a nil price is unknown.
type ClassPrices struct {
	// StoragePerGBMonth is charged per GB of billed size per month.
	StoragePerGBMonth *float64 `json:"storagePerGBMonth,omitempty"`
	// RetrievalPerGB is the data-retrieval fee per GB read (or restored).
	RetrievalPerGB *float64 `json:"retrievalPerGB,omitempty"`
	// PutPer10k and GetPer10k are request prices per 10,000 requests.
	// ListObjects counts as a PUT-class request on OSS.
	PutPer10k *float64 `json:"putPer10k,omitempty"`
	GetPer10k *float64 `json:"getPer10k,omitempty"`
	// Unverified marks figures not confirmed against the official price page.
	Unverified bool `json:"unverified,omitempty"`
	// Source is where this class's figures come from.
	Source string `json:"source,omitempty"`
}

// DefaultPriceTable returns sample China-site prices in CNY, as collected
// in the team's reference notes (lifecycle-audit.md, section 2, read
// 2026-11). Only Standard storage is from an official worked example; the
// rest come from a third-party summary and a community answer and are
// marked Unverified. Deep Cold Archive prices were not found: unknown.
func DefaultPriceTable() PriceTable {
	const official = "https://help.aliyun.com/en/oss/storage-fees"
	const summary = "https://kandaoni.com/news/26917.html"
	return PriceTable{
		Currency: "CNY",
		Region:   "cn (China site, LRS)",
		Source:   "team reference lifecycle-audit.md section 2",
		AsOf:     "2026-11-22",
		Classes: map[StorageClass]ClassPrices{
			Standard:        {StoragePerGBMonth: price(0.12), Source: official},
			IA:              {StoragePerGBMonth: price(0.08), RetrievalPerGB: price(0.0325), Unverified: true, Source: summary},
			Archive:         {StoragePerGBMonth: price(0.033), RetrievalPerGB: price(0.06), Unverified: true, Source: summary},
			ColdArchive:     {StoragePerGBMonth: price(0.015), RetrievalPerGB: price(0.06), Unverified: true, Source: summary + " ; retrieval (Standard tier): https://developer.aliyun.com/ask/631608"},
			DeepColdArchive: {Unverified: true, Source: "not found in sources read"},
		},
	}
}

func price(v float64) *float64 { return &v }

// StorageCost returns the cost of keeping billedBytes in class for months,
// and false when the class's storage price is unknown. billedBytes must
// already include the minimum billable size per object
// (StorageClass.BilledSize).
func (t PriceTable) StorageCost(class StorageClass, billedBytes int64, months float64) (float64, bool) {
	p := t.Classes[class].StoragePerGBMonth
	if p == nil {
		return 0, false
	}
	return *p * float64(billedBytes) / BytesPerGB * months, true
}

// Validate checks that the currency is a three-letter upper-case code and
// every class is known with finite, non-negative prices. It returns an
// *Error of kind ErrInvalidArgument naming the first problem.
func (t PriceTable) Validate() error {
	bad := func(format string, args ...any) error {
		return &Error{Kind: ErrInvalidArgument, Op: "PriceTable", Err: fmt.Errorf(format, args...)}
	}
	if !isCurrencyCode(t.Currency) {
		return bad("currency %q: want a three-letter ISO 4217 code such as CNY", t.Currency)
	}
	for c, p := range t.Classes {
		if !c.Known() {
			return bad("unknown storage class %q", c)
		}
		for name, v := range map[string]*float64{"storagePerGBMonth": p.StoragePerGBMonth,
			"retrievalPerGB": p.RetrievalPerGB, "putPer10k": p.PutPer10k, "getPer10k": p.GetPer10k} {
			if v != nil && (*v < 0 || math.IsNaN(*v) || math.IsInf(*v, 0)) {
				return bad("%s.%s = %v; want a finite price >= 0", c, name, *v)
			}
		}
	}
	return nil
}

// ParsePriceTable decodes a complete table from JSON (the PriceTable field
// names), rejecting unknown fields, and validates it.
func ParsePriceTable(data []byte) (PriceTable, error) {
	var t PriceTable
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return PriceTable{}, &Error{Kind: ErrInvalidArgument, Op: "PriceTable", Err: fmt.Errorf("decode JSON: %w", err)}
	}
	if err := t.Validate(); err != nil {
		return PriceTable{}, err
	}
	return t, nil
}

// Override returns t with the prices in the JSON document data laid over
// it: each price the document sets replaces t's, the rest are kept. A
// document in another currency replaces the whole table instead, since
// mixing currencies would be meaningless. Errors as for ParsePriceTable.
func (t PriceTable) Override(data []byte) (PriceTable, error) {
	var o PriceTable
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return PriceTable{}, &Error{Kind: ErrInvalidArgument, Op: "PriceTable", Err: fmt.Errorf("decode JSON: %w", err)}
	}
	out := t
	out.Classes = maps.Clone(t.Classes)
	if o.Currency != "" && o.Currency != t.Currency {
		out = PriceTable{Currency: o.Currency, Classes: map[StorageClass]ClassPrices{}}
	}
	for _, s := range []struct{ dst, src *string }{{&out.Region, &o.Region}, {&out.Source, &o.Source}, {&out.AsOf, &o.AsOf}} {
		if *s.src != "" {
			*s.dst = *s.src
		}
	}
	for c, p := range o.Classes {
		cur := out.Classes[c]
		for _, f := range []struct{ dst, src **float64 }{{&cur.StoragePerGBMonth, &p.StoragePerGBMonth},
			{&cur.RetrievalPerGB, &p.RetrievalPerGB}, {&cur.PutPer10k, &p.PutPer10k}, {&cur.GetPer10k, &p.GetPer10k}} {
			if *f.src != nil {
				*f.dst = *f.src
			}
		}
		// Overridden figures come from the operator's config, not from our notes.
		cur.Unverified, cur.Source = p.Unverified, p.Source
		out.Classes[c] = cur
	}
	if out.Classes == nil {
		out.Classes = map[StorageClass]ClassPrices{}
	}
	if err := out.Validate(); err != nil {
		return PriceTable{}, err
	}
	return out, nil
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
