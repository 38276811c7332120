package inventory

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// columnMap holds the position of each column the aggregation reads; -1
// when the inventory does not include it.
type columnMap struct {
	key, size, class, modified, version, latest, marker, transition int
	n                                                               int
}

func newColumnMap(cols []string) (columnMap, error) {
	m := columnMap{key: -1, size: -1, class: -1, modified: -1, version: -1, latest: -1, marker: -1, transition: -1, n: len(cols)}
	for i, c := range cols {
		switch c {
		case "Key":
			m.key = i
		case "Size":
			m.size = i
		case "StorageClass":
			m.class = i
		case "LastModifiedDate":
			m.modified = i
		case "VersionId":
			m.version = i
		case "IsLatest":
			m.latest = i
		case "IsDeleteMarker":
			m.marker = i
		case "TransitionTime":
			m.transition = i
		}
	}
	if m.key < 0 {
		return m, badManifest("fileSchema %q has no Key column", cols)
	}
	return m, nil
}

// Versioned reports whether rows are versions (IsLatest present).
func (m columnMap) versioned() bool { return m.latest >= 0 }

// ReadCSV feeds every row of one decompressed inventory CSV file (no
// header; columns as in columns) into a and returns the row count. Keys
// are URL-decoded. Rows of an all-versions inventory must keep the
// producer's order (key, newest first) for noncurrent ages to be right. A
// row with the wrong number of fields or a bad number, time or key
// returns an *osskit.Error of kind ErrInvalidArgument naming the row.
func ReadCSV(r io.Reader, columns []string, a *Aggregator) (int, error) {
	cm, err := newColumnMap(columns)
	if err != nil {
		return 0, err
	}
	br := bufio.NewReaderSize(r, 256<<10)
	fields := make([][]byte, 0, cm.n)
	var scratch []byte
	var o osskit.ObjectInfo
	rows := 0
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A row longer than the buffer (a 1023-byte key, encoded): copy it whole.
			long := append([]byte(nil), line...)
			for err == bufio.ErrBufferFull {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(bytes.TrimSpace(line)) > 0 {
			rows++
			fields, scratch = splitCSV(line, fields[:0], scratch[:0])
			if perr := cm.object(fields, &o); perr != nil {
				return rows, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ReadInventoryCSV", Err: fmt.Errorf("row %d: %w", rows, perr)}
			}
			if cm.versioned() {
				a.AddVersion(&o)
			} else {
				a.AddObject(&o)
			}
		}
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, fmt.Errorf("read inventory CSV after row %d: %w", rows, err)
		}
	}
}

// object fills o from one row's fields.
func (cm columnMap) object(f [][]byte, o *osskit.ObjectInfo) error {
	if len(f) != cm.n {
		return fmt.Errorf("%d fields; want %d", len(f), cm.n)
	}
	*o = osskit.ObjectInfo{IsLatest: true}
	key, ok := unescapeKey(f[cm.key])
	if !ok {
		return fmt.Errorf("key %q is not URL-encoded", f[cm.key])
	}
	o.Key = key
	var err error
	if cm.size >= 0 && len(f[cm.size]) > 0 {
		if o.Size, err = strconv.ParseInt(string(f[cm.size]), 10, 64); err != nil || o.Size < 0 {
			return fmt.Errorf("size %q is not a byte count", f[cm.size])
		}
	}
	if cm.class >= 0 {
		o.StorageClass = internClass(f[cm.class])
	}
	if cm.modified >= 0 {
		if o.LastModified, err = parseTime(f[cm.modified]); err != nil {
			return err
		}
	}
	if cm.transition >= 0 && len(f[cm.transition]) > 0 {
		if o.TransitionTime, err = parseTime(f[cm.transition]); err != nil {
			return err
		}
	}
	if cm.version >= 0 {
		o.VersionID = string(f[cm.version])
	}
	if cm.latest >= 0 {
		o.IsLatest = string(f[cm.latest]) == "true"
	}
	if cm.marker >= 0 {
		o.DeleteMarker = string(f[cm.marker]) == "true"
	}
	return nil
}

// internClass returns the package constant for a class spelling, so rows
// allocate no class strings.
func internClass(b []byte) osskit.StorageClass {
	for _, c := range osskit.StorageClasses {
		if string(c) == string(b) {
			return c
		}
	}
	c, err := osskit.ParseStorageClass(string(b))
	if err != nil {
		return osskit.StorageClass(b)
	}
	return c
}

// splitCSV splits one CSV line (RFC 4180: fields optionally quoted, ""
// inside quotes is a quote) into fields. Unquoted fields alias line;
// quoted fields with escapes are unescaped into scratch.
func splitCSV(line []byte, fields [][]byte, scratch []byte) ([][]byte, []byte) {
	line = bytes.TrimRight(line, "\r\n")
	for {
		if len(line) > 0 && line[0] == '"' {
			i, start, esc := 1, 1, false
			for i < len(line) {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 { // unterminated: the field runs to the end
					i = len(line)
					break
				}
				i += j
				if i+1 < len(line) && line[i+1] == '"' {
					esc = true
					i += 2
					continue
				}
				break
			}
			field := line[start:min(i, len(line))]
			if esc {
				s0 := len(scratch)
				scratch = append(scratch, bytes.ReplaceAll(field, []byte(`""`), []byte(`"`))...)
				field = scratch[s0:]
			}
			fields = append(fields, field)
			line = line[min(i+1, len(line)):]
		} else {
			i := bytes.IndexByte(line, ',')
			if i < 0 {
				return append(fields, line), scratch
			}
			fields = append(fields, line[:i])
			line = line[i:]
		}
		if len(line) == 0 {
			return fields, scratch
		}
		line = line[1:] // the comma
		if len(line) == 0 {
			return append(fields, line), scratch // a trailing empty field
		}
	}
}
