//go:build race

package vipsrender

// raceEnabled: the race detector multiplies memory and time, so RSS
// figures measured under it mean nothing.
const raceEnabled = true
