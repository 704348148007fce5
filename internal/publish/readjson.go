package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
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
// of two runs shows which items changed.
func AppendJSONLines[T any](b *bytes.Buffer, items []T) error {
	b.WriteByte('[')
	for i := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		data, err := json.Marshal(&items[i])
		if err != nil {
			return err
		}
		b.Write(data)
	}
	b.WriteString("\n]")
	return nil
}
