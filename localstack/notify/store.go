package notify

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Item is one queued message.
type Item struct {
	// ID is unique and sorts in enqueue order; it stays the same across
	// retries and restarts, so a consumer can drop duplicates by it.
	ID string `json:"id"`
	// Headers are the producer's routing attributes (e.g. a rule and a
	// target), delivered unchanged.
	Headers map[string]string `json:"headers,omitempty"`
	// Payload is the message body, delivered unchanged.
	Payload []byte `json:"payload"`
	// Enqueued is when Enqueue accepted the item.
	Enqueued time.Time `json:"enqueued"`
	// Attempt counts deliveries of this item in this process, 1 for the
	// first; it restarts at 1 after a restart.
	Attempt int `json:"-"`
}

// disk keeps items as <dir>/queue/<id>.json; writes go through <dir>/tmp.
// A nil *disk is the in-memory mode: nothing survives the process.
type disk struct{ queue, tmp, dead string }

func openDisk(dir string) (*disk, error) {
	d := &disk{queue: filepath.Join(dir, "queue"), tmp: filepath.Join(dir, "tmp"), dead: filepath.Join(dir, "dead")}
	for _, p := range []string{d.queue, d.tmp, d.dead} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, fmt.Errorf("notify: create %s: %w", p, err)
		}
	}
	// Temp files are writes a crash interrupted before their rename: the
	// Enqueue that made them never returned, so nobody was promised them.
	tmps, _ := os.ReadDir(d.tmp)
	for _, e := range tmps {
		_ = os.Remove(filepath.Join(d.tmp, e.Name()))
	}
	return d, nil
}

func (d *disk) save(it Item) error {
	if d == nil {
		return nil
	}
	data, err := json.Marshal(it)
	if err != nil {
		return fmt.Errorf("notify: encode item %s: %w", it.ID, err)
	}
	f, err := os.CreateTemp(d.tmp, "item-*")
	if err != nil {
		return fmt.Errorf("notify: save item %s: %w", it.ID, err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), filepath.Join(d.queue, it.ID+".json"))
	}
	if werr != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("notify: save item %s: %w", it.ID, werr)
	}
	return nil
}

func (d *disk) remove(id string) error {
	if d == nil {
		return nil
	}
	err := os.Remove(filepath.Join(d.queue, id+".json"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("notify: remove item %s: %w", id, err)
	}
	return nil
}

// bury moves a dropped item to dead/ so a person can inspect it.
func (d *disk) bury(id string) error {
	if d == nil {
		return nil
	}
	if err := os.Rename(filepath.Join(d.queue, id+".json"), filepath.Join(d.dead, id+".json")); err != nil {
		return fmt.Errorf("notify: bury item %s: %w", id, err)
	}
	return nil
}

// load returns the queued items in ID order. Files that do not decode are
// moved to dead/ rather than retried for ever or silently lost.
func (d *disk) load() ([]Item, error) {
	if d == nil {
		return nil, nil
	}
	ents, err := os.ReadDir(d.queue)
	if err != nil {
		return nil, fmt.Errorf("notify: read %s: %w", d.queue, err)
	}
	var out []Item
	for _, e := range ents {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		var it Item
		data, err := os.ReadFile(filepath.Join(d.queue, e.Name()))
		if err != nil || json.Unmarshal(data, &it) != nil || it.ID != id {
			_ = d.bury(id)
			continue
		}
		out = append(out, it)
	}
	slices.SortFunc(out, func(a, b Item) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
