package pipeline

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
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
	if err := encodeCache(&buf, "stamp", "", entries, 0, nil); err != nil {
		t.Fatal(err)
	}
	got, _, err := decodeCache(buf.Bytes(), "stamp", "", cat)
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
	if _, _, err := decodeCache(buf.Bytes(), "other stamp", "", cat); err == nil {
		t.Error("a cache of another program or criteria data was accepted")
	}
	for cut := 0; cut < buf.Len(); cut += 37 {
		decodeCache(buf.Bytes()[:cut], "stamp", "", cat) // must not panic
	}
}

func FuzzFormCache(f *testing.F) {
	cat, _ := criteria.Embedded()
	var a assess.Assessment
	n := 0
	fill(reflect.ValueOf(&a).Elem(), &n)
	a.Set = nil
	var buf bytes.Buffer
	encodeCache(&buf, "s", "", map[string]*cacheEntry{"x": {a: &a, sum: a.SHA256}}, 0, nil)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeCache(data, "s", "", cat)
	})
}

// TestFormCacheIncremental: a cache saved after one form of many changed
// keeps the last file's table and its unchanged entries' bytes, decodes
// to the same entries as a file encoded whole, and is encoded whole again
// once the strings it appended pass a quarter of the table.
func TestFormCacheIncremental(t *testing.T) {
	cat, _ := criteria.Embedded()
	form := func(i, version int) *cacheEntry {
		var a assess.Assessment
		n := i * 1000
		fill(reflect.ValueOf(&a).Elem(), &n)
		a.Set = cat.Set("qd1980-2016")
		a.Period.Half, a.Clues[0].Period.Half, a.Clues[1].Period.Half = criteria.H1, criteria.H1, criteria.H2
		a.Values[0].Raw = fmt.Sprintf("sửa lần %d", version)
		a.SHA256[0], a.SHA256[1] = byte(i), byte(version)
		return &cacheEntry{stat: statID{int64(i), int64(version), 3, 4, 5}, sum: a.SHA256, a: &a}
	}
	const forms = 8
	next := map[string]*cacheEntry{}
	for i := 0; i < forms; i++ {
		next[fmt.Sprintf("f%d.xlsx", i)] = form(i, 0)
	}
	encode := func(entries map[string]*cacheEntry, prev *stringTable) []byte {
		var buf bytes.Buffer
		if err := encodeCache(&buf, "stamp", "", entries, 0, prev); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	decode := func(data []byte) (map[string]*cacheEntry, stringTable) {
		got, tbl, err := decodeCache(data, "stamp", "", cat)
		if err != nil {
			t.Fatal(err)
		}
		return got, tbl
	}
	entries, tbl := decode(encode(next, nil))
	wholeBase := tbl.base
	if wholeBase != len(tbl.table) || wholeBase == 0 {
		t.Fatalf("a file encoded whole: base %d, table %d", wholeBase, len(tbl.table))
	}
	sawWhole := false
	for version := 1; version <= 40; version++ {
		// One form changes; the others come as the last run read them.
		changed := fmt.Sprintf("f%d.xlsx", version%forms)
		cur := map[string]*cacheEntry{}
		for name, e := range entries {
			cur[name] = e
		}
		cur[changed] = form(version%forms, version)
		data := encode(cur, &tbl)
		got, gotTbl := decode(data)
		// What a file encoded whole would decode to.
		want, _ := decode(encode(cur, nil))
		for name, w := range want {
			g := got[name]
			if g == nil || !reflect.DeepEqual(g.a, w.a) || !reflect.DeepEqual(g.probs, w.probs) || g.stat != w.stat {
				t.Fatalf("version %d: entry %s differs from a whole encoding", version, name)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("version %d: %d entries, want %d", version, len(got), len(want))
		}
		if gotTbl.base == len(gotTbl.table) && version > 1 {
			sawWhole = true
		} else {
			// Incremental: the last table is kept as it was, and an
			// unchanged entry is the same bytes.
			if !slices.Equal(gotTbl.table[:len(tbl.table)], tbl.table) {
				t.Fatalf("version %d: the table was not kept", version)
			}
			name := fmt.Sprintf("f%d.xlsx", (version+1)%forms)
			if !bytes.Equal(got[name].raw, entries[name].raw) {
				t.Fatalf("version %d: unchanged entry %s encoded again", version, name)
			}
		}
		if len(gotTbl.table) > gotTbl.base+gotTbl.base/4+1 { // one new string a change
			t.Fatalf("version %d: table of %d strings past its bound (base %d)", version, len(gotTbl.table), gotTbl.base)
		}
		entries, tbl = got, gotTbl
	}
	if !sawWhole {
		t.Error("40 changes and the file was never encoded whole again")
	}
}

// TestReroot: a form's file takes the new name of its folder wherever a
// name starts with the folder, and nowhere else.
func TestReroot(t *testing.T) {
	const old, new = "input/assessments", "/srv/ntm/input/assessments"
	tests := []struct{ in, want string }{
		{"input/assessments", new},
		{"input/assessments/2021-H1/thuan.xlsx", new + "/2021-H1/thuan.xlsx"},
		{`tên tệp "input/assessments/2021-H1/x.xlsx" trùng với (input/assessments/2021-H1/y.xlsx)`,
			`tên tệp "` + new + `/2021-H1/x.xlsx" trùng với (` + new + `/2021-H1/y.xlsx)`},
		{"biểu “input/assessments/a.xlsx”", "biểu “" + new + "/a.xlsx”"},
		{"my-input/assessments/a.xlsx", "my-input/assessments/a.xlsx"}, // another folder
		{"dữ/input/assessments/a.xlsx", "dữ/input/assessments/a.xlsx"}, // inside a longer path
		{"Thuận", "Thuận"},
		{"input/assessmentsX/a.xlsx", "input/assessmentsX/a.xlsx"},
	}
	for _, tc := range tests {
		if got := reroot(tc.in, old, new); got != tc.want {
			t.Errorf("reroot(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
