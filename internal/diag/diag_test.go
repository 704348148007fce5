package diag

import (
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "input/plan.toml", Line: 12, Col: 3, Key: "communes[0].name"}, "input/plan.toml:12:3 (khóa communes[0].name)"},
		{Pos{File: "a.xlsx", Sheet: "Biểu 1", Cell: "D14"}, "a.xlsx!Biểu 1!D14"},
		{Pos{File: "a.xlsx"}, "a.xlsx"},
		{Pos{}, ""},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	l.Add(Pos{File: "b.xlsx", Sheet: "S", Cell: "B10"}, "x")
	l.Warn(Pos{File: "b.xlsx", Sheet: "S", Cell: "C2"}, "y")
	l.Add(Pos{File: "a.toml", Line: 3}, "z %d", 1)
	l.Add(Pos{File: "b.xlsx", Sheet: "S", Cell: "AA2"}, "w")
	l.Sort()
	var got []string
	for _, p := range l {
		got = append(got, p.Error())
	}
	want := []string{
		"a.toml:3: lỗi: z 1",
		"b.xlsx!S!C2: cảnh báo: y",
		"b.xlsx!S!AA2: lỗi: w",
		"b.xlsx!S!B10: lỗi: x",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if l.Errors() != 3 || l.Warnings() != 1 {
		t.Fatalf("Errors=%d Warnings=%d", l.Errors(), l.Warnings())
	}
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with errors present")
	}
	back, ok := AsList(err)
	if !ok || len(back) != 4 {
		t.Fatalf("AsList = %v, %v", back, ok)
	}
	var warnOnly List
	warnOnly.Warn(Pos{}, "only a warning")
	if warnOnly.Err() != nil {
		t.Fatal("warnings alone must not be an error")
	}
}
