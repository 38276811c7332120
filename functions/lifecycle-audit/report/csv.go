package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// CSVHeader is the CSV column order, shaped like an S3 Storage Lens
// export (version_number, report_date, storage_class, record_type,
// record_value, bucket_name, metric_name, metric_value) so runs can be
// concatenated and compared over time.
var CSVHeader = []string{"version_number", "report_date", "bucket_name", "storage_class", "record_type", "record_value", "metric_name", "metric_value"}

// WriteCSV writes r as one metric per row: BUCKET rows per class,
// PREFIX and AGE_BAND rows per group, UPLOADS and FINDING rows.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	row := func(class, recType, recValue, metric string, v any) {
		var s string
		switch x := v.(type) {
		case int64:
			s = strconv.FormatInt(x, 10)
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		}
		cw.Write([]string{Schema, r.Date, r.Bucket, class, recType, recValue, metric, s})
	}
	cw.Write(CSVHeader)
	for _, c := range r.Classes {
		cl := string(c.Class)
		row(cl, "BUCKET", r.Bucket, "ObjectCount", c.Current.Count)
		row(cl, "BUCKET", r.Bucket, "StorageBytes", c.Current.Bytes)
		row(cl, "BUCKET", r.Bucket, "BilledStorageBytes", c.Current.BilledBytes)
		row(cl, "BUCKET", r.Bucket, "NonCurrentVersionObjectCount", c.Noncurrent.Count)
		row(cl, "BUCKET", r.Bucket, "NonCurrentVersionStorageBytes", c.Noncurrent.Bytes)
		if c.MonthlyCost != nil {
			row(cl, "BUCKET", r.Bucket, "MonthlyStorageCost"+r.Currency, *c.MonthlyCost)
		}
	}
	for _, g := range r.Groups {
		cl, kind := string(g.Class), ""
		if g.Noncurrent {
			kind = "NonCurrentVersion"
		}
		row(cl, "PREFIX", g.Prefix+"|"+g.Band, kind+"ObjectCount", g.Count)
		row(cl, "PREFIX", g.Prefix+"|"+g.Band, kind+"StorageBytes", g.Bytes)
		row(cl, "PREFIX", g.Prefix+"|"+g.Band, kind+"BilledStorageBytes", g.BilledBytes)
	}
	u := r.Uploads
	row("", "BUCKET", r.Bucket, "IncompleteMultipartUploadObjectCount", u.Count)
	row("", "BUCKET", r.Bucket, "IncompleteMPUObjectCountOlderThan7Days", u.Stale)
	if u.BytesKnown {
		row("", "BUCKET", r.Bucket, "IncompleteMultipartUploadStorageBytes", u.Bytes)
		row("", "BUCKET", r.Bucket, "IncompleteMPUStorageBytesOlderThan7Days", u.StaleBytes)
	}
	row("", "BUCKET", r.Bucket, "DeleteMarkerObjectCount", r.Totals.DeleteMarkers)
	row("", "BUCKET", r.Bucket, "ExpiredDeleteMarkerObjectCount", r.Totals.ExpiredDeleteMarkers)
	for _, f := range r.Findings {
		row("", "FINDING", f.Code, "Severity:"+string(f.Severity), int64(1))
		if f.MonthlySaving != nil {
			row("", "FINDING", f.Code, "MonthlySaving"+r.Currency, *f.MonthlySaving)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV report %s: %w", r.Bucket, err)
	}
	return nil
}
