package ossclient

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// headerInfo builds ObjectInfo from the headers GetObject and HeadObject share.
func headerInfo(key string, size int64, etag, ctype, class, restore, version *string, meta map[string]string) osskit.ObjectInfo {
	info := osskit.ObjectInfo{
		Key: key, Size: size, ETag: unquote(str(etag)), ContentType: str(ctype),
		StorageClass: storageClass(str(class)), VersionID: str(version), IsLatest: true,
		Restore: restoreState(restore),
	}
	if len(meta) > 0 {
		info.Metadata = make(map[string]string, len(meta))
		for k, v := range meta {
			info.Metadata[strings.ToLower(k)] = v
		}
	}
	return info
}

// storageClass parses the store's spelling; an unknown one is kept verbatim
// (StorageClass.Known reports false) rather than failing a whole listing.
func storageClass(s string) osskit.StorageClass {
	if s == "" {
		return ""
	}
	if c, err := osskit.ParseStorageClass(s); err == nil {
		return c
	}
	return osskit.StorageClass(s)
}

// restoreState parses x-oss-restore / RestoreInfo; a value OSS might add in
// a new format is dropped rather than failing the read.
func restoreState(s *string) *osskit.RestoreState {
	if s == nil || *s == "" {
		return nil
	}
	st, err := osskit.ParseRestore(*s)
	if err != nil {
		return nil
	}
	return &st
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func requestID(h http.Header) string { return h.Get("x-oss-request-id") }

// totalFromContentRange reads the object size from "bytes 0-9/100".
func totalFromContentRange(cr string, fallback int64) int64 {
	_, total, ok := strings.Cut(cr, "/")
	if !ok {
		return fallback
	}
	n, err := strconv.ParseInt(total, 10, 64)
	if err != nil {
		return fallback
	}
	return n
}

// cappedBody enforces the size cap even when the server sent no
// Content-Length or more bytes than it announced.
type cappedBody struct {
	rc              io.ReadCloser
	left            int64
	op, bucket, key string
}

// Read passes bytes through until the cap, then fails with ErrTooLarge
// if the server has more; transport errors are mapped to osskit kinds.
func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more would break the cap: probe for it.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, &osskit.Error{Kind: osskit.ErrTooLarge, Op: b.op, Bucket: b.bucket, Key: b.key,
				Err: fmt.Errorf("body longer than the size cap")}
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if err != nil && err != io.EOF {
		err = mapError(b.op, b.bucket, b.key, err)
	}
	return n, err
}

// Close closes the response body.
func (b *cappedBody) Close() error { return b.rc.Close() }
