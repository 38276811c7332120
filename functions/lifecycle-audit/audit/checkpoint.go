package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// maxCheckpointSize bounds a checkpoint read back; it holds a summary,
// whose size depends on prefixes and rules, never on objects.
const maxCheckpointSize = 64 << 20

func (a *Auditor) checkpointKey(b osskit.Bucket) (osskit.Bucket, osskit.Key, error) {
	dest, err := osskit.NewBucket(a.cfg.ReportBucket)
	if err != nil {
		return osskit.Bucket{}, osskit.Key{}, err
	}
	key, err := osskit.NewKey(a.reportDir(b) + "checkpoint.json")
	return dest, key, err
}

// loadCheckpoint returns b's interrupted audit, if a usable one is stored.
// A missing, unreadable or foreign checkpoint means "start afresh": the
// worst case is listing again, never a wrong report.
func (a *Auditor) loadCheckpoint(ctx context.Context, b osskit.Bucket) (*state, bool) {
	dest, key, err := a.checkpointKey(b)
	if err != nil {
		return nil, false
	}
	body, _, err := a.store.GetObject(ctx, dest, key, osskit.GetOptions{MaxSize: maxCheckpointSize})
	if err != nil {
		return nil, false
	}
	defer body.Close()
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, false
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil || st.Schema != CheckpointSchema || st.Bucket != b.String() || !st.Started || st.Now.IsZero() {
		return nil, false
	}
	st.bucket = b
	return &st, true
}

// saveCheckpoint stores st for the next invocation.
func (a *Auditor) saveCheckpoint(ctx context.Context, st *state) error {
	dest, key, err := a.checkpointKey(st.bucket)
	if err != nil {
		return err
	}
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("encode checkpoint of %s: %w", st.Bucket, err)
	}
	if _, err := a.store.PutObject(ctx, dest, key, bytes.NewReader(data), osskit.PutOptions{ContentType: "application/json"}); err != nil {
		return fmt.Errorf("put checkpoint %s/%s: %w", dest, key, err)
	}
	return nil
}

// dropCheckpoint removes b's checkpoint once its report is written.
func (a *Auditor) dropCheckpoint(ctx context.Context, b osskit.Bucket) error {
	dest, key, err := a.checkpointKey(b)
	if err != nil {
		return err
	}
	if err := a.store.DeleteObject(ctx, dest, key); err != nil {
		return fmt.Errorf("delete checkpoint %s/%s: %w", dest, key, err)
	}
	return nil
}
