package stsemu

import (
	"encoding/json"
	"net/http"
)

// stsError is one of STS's documented error answers
// (https://www.alibabacloud.com/help/doc-detail/42775.htm).
type stsError struct {
	status  int
	Code    string
	Message string
}

func (e *stsError) Error() string { return e.Code + ": " + e.Message }

func errf(status int, code, message string) *stsError {
	return &stsError{status: status, Code: code, Message: message}
}

// errorBody is STS's JSON error document.
type errorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	out, err := json.Marshal(v)
	if err != nil {
		status, out = http.StatusInternalServerError, []byte(`{"Code":"InternalError","Message":"The request processing has failed due to some unknown error."}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func writeError(w http.ResponseWriter, r *http.Request, requestID string, e *stsError) {
	writeJSON(w, e.status, errorBody{
		RequestID: requestID,
		HostID:    r.Host,
		Code:      e.Code,
		Message:   e.Message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + e.Code,
	})
}
