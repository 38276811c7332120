package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/fault"
)

// tempPattern names the source files in os.TempDir() (os.CreateTemp makes
// them 0600), so a leak would be recognisable.
const tempPattern = "thumbnail-source-*"

// tempWriter writes the download to its temp file and keeps the file's own
// write error, so a full or broken disk (ours, retryable) is told apart
// from a failing download.
type tempWriter struct {
	f   *os.File
	err error
}

func (w *tempWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// tempError is a temp-file failure: the instance's disk, not the source,
// so it is fault.Unavailable and FC re-delivers the event.
func tempError(src *source, err error) error {
	return fault.Wrap(fault.Unavailable, "", fmt.Errorf("store source %s/%s in a temp file: %w", src.bucket, src.key, err))
}

// removeTemp deletes a downloaded source. A file that cannot be removed is
// logged, not returned: the variants are right, only disk space leaks.
func removeTemp(ctx context.Context, path string) {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("could not remove the downloaded source's temp file")
	}
}
