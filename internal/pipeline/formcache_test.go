package pipeline

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
)

// fill sets every field of v, recursively, to a value that is not its
// zero value, so that a field the codec forgets shows up as a difference.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("x" + string(rune('a'+*n%26)) + "Đạt")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Uint8, reflect.Uint64:
		v.SetUint(uint64(*n % 250))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Pointer:
		if v.Type() == reflect.TypeOf(&criteria.Set{}) {
			return // linked by ID, set below
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	}
}

// TestFormCacheCoversAssessment fills every field of an Assessment and
// its problems, encodes, decodes and compares: a field added to the
// reader's types without the cache learning it fails here (then bump
// cacheFormat).
func TestFormCacheCoversAssessment(t *testing.T) {
	cat, _ := criteria.Embedded()
	var a assess.Assessment
	n := 0
	fill(reflect.ValueOf(&a).Elem(), &n)
	a.Set = cat.Set("qd1980-2016")
	a.Period.Half, a.Clues[0].Period.Half, a.Clues[1].Period.Half = criteria.H2, criteria.H1, criteria.H2
	f := false
	a.Values[1].Self = &f
	probs := diag.List{{Pos: diag.Pos{File: "f", Sheet: "S", Cell: "C5"}, Severity: diag.Warning, Msg: "cảnh báo"}}
	entries := map[string]*cacheEntry{"2021-H1/x.xlsx": {stat: statID{1, 2, 3, 4, 5}, sum: a.SHA256, a: &a, probs: probs}}
	var buf bytes.Buffer
	if err := encodeCache(&buf, "stamp", entries, 0); err != nil {
		t.Fatal(err)
	}
	got, err := decodeCache(buf.Bytes(), "stamp", cat)
	if err != nil {
		t.Fatal(err)
	}
	e := got["2021-H1/x.xlsx"]
	if e == nil {
		t.Fatalf("entry lost: %d entries", len(got))
	}
	if !reflect.DeepEqual(e.a, &a) || !reflect.DeepEqual(e.probs, probs) || e.stat != (statID{1, 2, 3, 4, 5}) {
		t.Fatalf("round trip differs:\ngot  %+v\nwant %+v", e.a, &a)
	}
	if _, err := decodeCache(buf.Bytes(), "other stamp", cat); err == nil {
		t.Error("a cache of another program or criteria data was accepted")
	}
	for cut := 0; cut < buf.Len(); cut += 37 {
		decodeCache(buf.Bytes()[:cut], "stamp", cat) // must not panic
	}
}

func FuzzFormCache(f *testing.F) {
	cat, _ := criteria.Embedded()
	var a assess.Assessment
	n := 0
	fill(reflect.ValueOf(&a).Elem(), &n)
	a.Set = nil
	var buf bytes.Buffer
	encodeCache(&buf, "s", map[string]*cacheEntry{"x": {a: &a, sum: a.SHA256}}, 0)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeCache(data, "s", cat)
	})
}
