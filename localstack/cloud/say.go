package cloud

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// sayer writes the local cloud's own lines next to the functions' lines:
// "localstack: ..." in the pretty form, or JSON lines shaped like the
// FC emulator's (function "localstack") with -json, so a log pipeline
// reads one format.
type sayer struct {
	w    io.Writer
	json bool
}

func (s sayer) say(level, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !s.json {
		fmt.Fprintf(s.w, "localstack: %s\n", msg)
		return
	}
	line, _ := json.Marshal(map[string]string{"time": time.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"level": level, "function": "localstack", "message": msg})
	s.w.Write(append(line, '\n'))
}
