//go:build !race

package vipsrender

// raceEnabled: see race_on_test.go.
const raceEnabled = false
