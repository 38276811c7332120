// Package findings turns an aggregated bucket (inventory.Summary), its
// lifecycle rules and versioning state into findings: a stable code, a
// severity, the evidence, and the estimated monthly cost and saving with
// the assumptions behind them, priced from an osskit.PriceTable. It is
// pure: no I/O, the standard library and module packages only.
package findings
