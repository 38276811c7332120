package fault

import (
	"encoding/json"
	"net/http"
)

// ErrorBody is the JSON every HTTP function answers a refused request with:
// a stable code (usually a Kind's String) and a message that is safe for the
// caller to read, e.g. {"error":{"code":"forbidden","message":"forbidden"}}.
// Clients and tests decode into it.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// internalBody is sent in place of a value that cannot be encoded; it is
// fixed bytes so that the fallback itself cannot fail.
const internalBody = `{"error":{"code":"internal","message":"internal error"}}`

// WriteJSON writes v as a JSON response with status, Content-Type
// application/json and X-Content-Type-Options nosniff (so a browser never
// renders a body that echoes caller input as HTML). It never fails halfway:
// if v cannot be encoded it answers 500 with the internal ErrorBody instead.
// Errors writing to w (a caller that went away) are ignored; there is no one
// left to tell.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(internalBody)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// WriteError writes an ErrorBody with code and message through WriteJSON.
// The message reaches the caller verbatim, so pass PublicMessage(err) or a
// fixed text, never err.Error().
func WriteError(w http.ResponseWriter, status int, code, message string) {
	var b ErrorBody
	b.Error.Code, b.Error.Message = code, message
	WriteJSON(w, status, b)
}
