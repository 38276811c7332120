package ossemu

import (
	"net/http/httptest"
	"testing"
)

func TestOperationOf(t *testing.T) {
	tests := []struct {
		method, key, sub, header, want string
	}{
		{"GET", "k", "", "", "GetObject"},
		{"HEAD", "k", "", "", "HeadObject"},
		{"HEAD", "k", "objectMeta", "", "GetObjectMeta"},
		{"PUT", "k", "", "", "PutObject"},
		{"PUT", "k", "", "x-oss-copy-source", "CopyObject"},
		{"PUT", "k", "partNumber", "", "UploadPart"},
		{"POST", "k", "uploads", "", "InitiateMultipartUpload"},
		{"POST", "k", "uploadId", "", "CompleteMultipartUpload"},
		{"DELETE", "k", "uploadId", "", "AbortMultipartUpload"},
		{"DELETE", "k", "", "", "DeleteObject"},
		{"GET", "", "", "", "ListObjects"},
		{"PUT", "", "", "", "PutBucket"},
		{"POST", "", "delete", "", "DeleteMultipleObjects"},
		{"POST", "", "", "multipart/form-data; boundary=x", "PostObject"},
		{"PUT", "", "versioning", "", "PutBucketVersioning"},
		{"PATCH", "k", "", "", ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "/b/k", nil)
		switch {
		case tt.header == "x-oss-copy-source":
			r.Header.Set("x-oss-copy-source", "/b/src")
		case tt.header != "":
			r.Header.Set("Content-Type", tt.header)
		}
		if got := operationOf(r, tt.key, tt.sub); got != tt.want {
			t.Errorf("operationOf(%s key=%q sub=%q) = %q; want %q", tt.method, tt.key, tt.sub, got, tt.want)
		}
	}
}
