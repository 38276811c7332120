package vipsrender

/*
#include <stdlib.h>
*/
import "C"

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/ossflow/ossflow/pkg/fault"
)

// headerSize is how much of a file is read in Go to name its format:
// Sniff looks at most at the first KiB (for SVG).
const headerSize = 1024

// input is one source image: a file that libvips reads itself as it
// decodes, or bytes already in memory. Go reads only the header of a file
// (to sniff it) and, for JPEG, its marker segments up to the first scan.
type input struct {
	path string      // set for a file
	buf  []byte      // set for bytes in memory
	head []byte      // the first headerSize bytes
	size int64       // the whole source's length
	at   io.ReaderAt // random access to the source, for jpegQuality
	file *os.File    // the open file, closed by close
	cstr *C.char     // path as a C string, freed by close
}

// bufInput wraps bytes already in memory; it opens nothing.
func bufInput(buf []byte) *input {
	return &input{buf: buf, head: buf[:min(len(buf), headerSize)], size: int64(len(buf)), at: bytes.NewReader(buf)}
}

// openInput opens path and reads its header. The caller must close it.
// A file that cannot be opened or read is fault.Unavailable: it is the
// caller's local copy, and a read error there is not the image's fault.
func openInput(path string) (*input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(err)
	}
	in := &input{path: path, file: f, at: f}
	st, err := f.Stat()
	if err != nil {
		in.close()
		return nil, readError(err)
	}
	if !st.Mode().IsRegular() {
		in.close()
		return nil, readError(fmt.Errorf("%s is not a regular file", path))
	}
	in.size = st.Size()
	in.head = make([]byte, min(in.size, headerSize))
	if _, err := io.ReadFull(f, in.head); err != nil {
		// The file shrank since Stat: keep what is there, as a buffer would.
		if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			in.close()
			return nil, readError(err)
		}
	}
	return in, nil
}

func readError(err error) error {
	return fault.Wrap(fault.Unavailable, "", fmt.Errorf("read source file: %w", err))
}

// args returns what the C bridge takes: a path, or a buffer when path is
// NULL. The buffer is passed without a copy: libvips reads it only during
// the call (the decoded image is copied to C memory before ofl_decode
// returns, and the operation cache that could keep a loader alive is off).
func (in *input) args() (*C.char, unsafe.Pointer, C.size_t) {
	if in.path != "" {
		if in.cstr == nil {
			in.cstr = C.CString(in.path)
		}
		return in.cstr, nil, 0
	}
	return nil, unsafe.Pointer(unsafe.SliceData(in.buf)), C.size_t(len(in.buf))
}

// close releases the file and the C path; safe to call on a buffer input.
func (in *input) close() {
	if in.file != nil {
		in.file.Close()
		in.file = nil
	}
	if in.cstr != nil {
		C.free(unsafe.Pointer(in.cstr))
		in.cstr = nil
	}
}
