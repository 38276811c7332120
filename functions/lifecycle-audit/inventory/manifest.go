package inventory

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Manifest is an OSS bucket inventory's manifest.json (layout and keys:
// https://www.alibabacloud.com/help/doc-detail/163489.htm).
type Manifest struct {
	// CreationTimestamp is the scan start, Unix seconds: objects changed
	// later may be missing from the files.
	CreationTimestamp int64          `json:"creationTimestamp,string"`
	DestinationBucket string         `json:"destinationBucket"`
	FileFormat        string         `json:"fileFormat"`
	FileSchema        string         `json:"fileSchema"`
	Files             []ManifestFile `json:"files"`
	SourceBucket      string         `json:"sourceBucket"`
	Version           string         `json:"version"`
}

// ManifestFile is one CSV.gz data file of an inventory run.
type ManifestFile struct {
	Key         string `json:"key"`
	Size        int64  `json:"size"`
	MD5Checksum string `json:"MD5checksum"`
}

// Created returns the scan start time.
func (m Manifest) Created() time.Time { return time.Unix(m.CreationTimestamp, 0).UTC() }

// Columns returns the CSV column names in order (fileSchema, trimmed).
func (m Manifest) Columns() []string {
	cols := strings.Split(m.FileSchema, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols
}

// ParseManifest decodes manifest.json. The timestamp may be a JSON number
// or a string. A document that is not JSON, names a format other than CSV,
// or lacks the Key column returns an *osskit.Error of kind
// ErrInvalidArgument.
func ParseManifest(data []byte) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		// Some producers write the timestamp as a number.
		var alt struct {
			Manifest
			CreationTimestamp int64 `json:"creationTimestamp"`
		}
		if err2 := json.Unmarshal(data, &alt); err2 != nil {
			return Manifest{}, badManifest("decode JSON: %v", err)
		}
		m = alt.Manifest
		m.CreationTimestamp = alt.CreationTimestamp
	}
	if !strings.EqualFold(m.FileFormat, "CSV") {
		return Manifest{}, badManifest("fileFormat %q; only CSV is supported", m.FileFormat)
	}
	if _, err := newColumnMap(m.Columns()); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

func badManifest(format string, args ...any) error {
	return &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ParseManifest", Err: fmt.Errorf(format, args...)}
}
