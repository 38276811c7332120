package osskit_test

import (
	"fmt"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func ExampleGeneratedKey() {
	k, err := osskit.GeneratedKey("thumbs", "u1", "2026", "photo", "sm.webp")
	fmt.Println(k, err)
	_, err = osskit.GeneratedKey("thumbs", "..", "etc")
	fmt.Println(err != nil)
	_, err = osskit.NewKey("/leading-slash.jpg")
	fmt.Println(err != nil)
	// Output:
	// thumbs/u1/2026/photo/sm.webp <nil>
	// true
	// true
}

func ExampleStorageClass_BilledSize() {
	ia, _ := osskit.ParseStorageClass("IA")
	b, _ := ia.Billing()
	fmt.Println(ia.BilledSize(1000), b.MinDuration)
	fmt.Println(osskit.Standard.BilledSize(1000))

	prices := osskit.DefaultPriceTable()
	cost, known := prices.StorageCost(osskit.Standard, 100*osskit.BytesPerGB, 1)
	fmt.Printf("%.2f %s %v\n", cost, prices.Currency, known)
	// Output:
	// 65536 720h0m0s
	// 1000
	// 12.00 CNY true
}
