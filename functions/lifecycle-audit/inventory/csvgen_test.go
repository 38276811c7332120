package inventory

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/url"
	"strings"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// currentSchema is the column order of a current-versions OSS inventory
// with the optional fields this audit reads (bucket inventory docs).
var currentSchema = []string{"Bucket", "Key", "Size", "StorageClass", "LastModifiedDate", "ETag", "IsMultipartUploaded", "EncryptionStatus"}

// csvRows renders objects the way an OSS inventory file does: quoted
// fields, URL-encoded keys, no header.
func csvRows(bucket string, objs []osskit.ObjectInfo) []byte {
	var b bytes.Buffer
	for _, o := range objs {
		fmt.Fprintf(&b, "%q,%q,\"%d\",%q,%q,\"%s\",\"false\",\"false\"\n", bucket, url.QueryEscape(o.Key), o.Size,
			string(o.StorageClass), o.LastModified.UTC().Format("2006-01-02T15:04:05.000Z"), strings.Repeat("A", 32))
	}
	return b.Bytes()
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}
