package publish

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
)

// ReadJSON decodes the JSON file at path — one of the state files ntm
// writes beside its outputs (a manifest, the register's state) — strictly:
// an unknown field is an error, and nothing past limit bytes is read. A
// missing file gives an error wrapping fs.ErrNotExist. The error of a
// file that does not decode names it.
func ReadJSON(path string, limit int64, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: không đọc được (%v)", path, err)
	}
	return nil
}

// AppendJSONLines writes items to b as a JSON array with one item a line,
// the layout of ntm's state files: quick to write and to read, and a diff
// of two runs shows which items changed. Long lists (a national run's
// 20.000 packages, an archive entry's 30.000 files) are encoded in pieces
// on every core; the bytes are the same.
func AppendJSONLines[T any](b *bytes.Buffer, items []T) error {
	b.WriteByte('[')
	pieces := 1
	if len(items) >= 2*jsonPiece {
		pieces = min(runtime.GOMAXPROCS(0), len(items)/jsonPiece)
	}
	bufs := make([]bytes.Buffer, pieces)
	errs := make([]error, pieces)
	var wg sync.WaitGroup
	for k := range pieces {
		lo, hi := k*len(items)/pieces, (k+1)*len(items)/pieces
		encode := func() { errs[k] = appendLines(&bufs[k], items[lo:hi], lo == 0) }
		if k == pieces-1 {
			encode()
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); encode() }()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for k := range bufs {
		b.Write(bufs[k].Bytes())
	}
	b.WriteString("\n]")
	return nil
}

// jsonPiece is the fewest items AppendJSONLines gives a core.
const jsonPiece = 1024

// appendLines writes items to b, each after ",\n" (after "\n" alone for
// the list's first), as json.Marshal writes them.
func appendLines[T any](b *bytes.Buffer, items []T, first bool) error {
	enc := json.NewEncoder(b)
	for i := range items {
		if i > 0 || !first {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		if err := enc.Encode(&items[i]); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // the encoder's newline
	}
	return nil
}
