package plan

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// A national plan of ten thousand communes takes about half a second to
// parse and check, on every run. The pipeline keeps what Load gave (the
// plan and its warnings) in its cache folder, under the SHA-256 of the
// file, and on the next run takes it back with DecodeCache instead of
// loading the file again: a few tens of milliseconds.

// cached is what is kept: the plan's exported fields, where its keys are
// written, and the problems Load found (warnings only: a plan with an
// error is not kept).
type cached struct {
	Plan      *Plan
	Positions []tomlpos.Position // in path order: the same plan gives the same bytes
	Problems  diag.List
}

// EncodeCache writes p, as Load returned it with list, for DecodeCache.
// It first checks that the encoding gives p back exactly (gob does not
// tell an empty list from none): a plan it would not give back is not
// kept, and EncodeCache returns ErrNotCacheable.
func EncodeCache(w io.Writer, p *Plan, list diag.List) error {
	if p == nil || list.Errors() > 0 {
		return ErrNotCacheable
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&cached{Plan: p, Positions: p.idx.Positions(), Problems: list}); err != nil {
		return err
	}
	q, qlist, err := DecodeCache(bytes.NewReader(buf.Bytes()))
	if err != nil || !reflect.DeepEqual(p, q) || !reflect.DeepEqual(list, qlist) {
		return ErrNotCacheable
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// CacheShape fingerprints the shape of what EncodeCache writes (every
// field's name and type, through the nested types), for the cache's
// stamp: gob skips a field it does not know, so a cache written by a
// build with another Plan must not be read.
func CacheShape() string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		b.WriteString(t.String())
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			b.WriteByte('<')
			walk(t.Elem())
			b.WriteByte('>')
		case reflect.Map:
			b.WriteByte('<')
			walk(t.Key())
			b.WriteByte(',')
			walk(t.Elem())
			b.WriteByte('>')
		case reflect.Struct:
			if seen[t] {
				return
			}
			seen[t] = true
			b.WriteByte('{')
			for i := range t.NumField() {
				f := t.Field(i)
				b.WriteString(f.Name)
				b.WriteByte(' ')
				walk(f.Type)
				b.WriteByte(';')
			}
			b.WriteByte('}')
		}
	}
	walk(reflect.TypeOf(cached{}))
	return b.String()
}

// ErrNotCacheable is EncodeCache's answer for a plan it does not keep.
var ErrNotCacheable = errors.New("kế hoạch không lưu được vào bộ nhớ đệm")

// DecodeCache reads back what EncodeCache wrote: the same plan, index
// and problems as Load gave. A damaged cache is an error (then the file
// is loaded again); it never panics.
func DecodeCache(r io.Reader) (p *Plan, list diag.List, err error) {
	defer func() {
		if v := recover(); v != nil {
			p, list, err = nil, nil, fmt.Errorf("bộ nhớ đệm kế hoạch hỏng: %v", v)
		}
	}()
	var c cached
	if err := gob.NewDecoder(r).Decode(&c); err != nil {
		return nil, nil, fmt.Errorf("bộ nhớ đệm kế hoạch hỏng: %w", err)
	}
	if c.Plan == nil || c.Problems.Errors() > 0 {
		return nil, nil, fmt.Errorf("bộ nhớ đệm kế hoạch hỏng")
	}
	c.Plan.idx = tomlpos.FromPositions(c.Positions)
	c.Plan.index()
	return c.Plan, c.Problems, nil
}
