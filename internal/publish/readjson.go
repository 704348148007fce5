package publish

import (
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
