package report

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/plan"
	"golang.org/x/text/unicode/norm"
)

// wbSampleIn is the sample's input folder.
const wbSampleIn = "../../input"

// sampleInput reads and judges the sample in input/.
func sampleInput(t testing.TB, per criteria.Period) WorkbookInput {
	t.Helper()
	p, probs := plan.LoadFile(filepath.Join(wbSampleIn, "plan.toml"))
	if probs.Errors() > 0 {
		t.Fatal(probs.Err())
	}
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(wbSampleIn, "assessments")
	as, ps := assess.ReadFS(os.DirFS(dir), dir, cat)
	probs.Append(ps)
	o, ps := evaluate.Run(p, cat, as, dir)
	probs.Append(ps)
	return WorkbookInput{Plan: p, Outcome: o, Period: per, Problems: probs, Program: "ntm test"}
}

func build(t testing.TB, in WorkbookInput) *Workbook {
	t.Helper()
	wb, err := BuildWorkbook(in)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// dumpWorkbook writes every cell of every sheet, one a line, with its formula,
// and the sheet's settings: the golden file of the sample's workbook.
func dumpWorkbook(wb *Workbook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "props: %+v\n", wb.Props)
	for _, sh := range wb.Sheets {
		fmt.Fprintf(&b, "\n== %s (freeze %s, filter %s, print titles %v, header %q)\n", sh.Name, sh.Freeze.A1(), areaText(sh.Filter), sh.PrintTitles, sh.PageHeader)
		for i, c := range sh.Columns {
			if c.Width > 0 {
				fmt.Fprintf(&b, "col %s %.1f\n", ColumnName(i+1), c.Width)
			}
		}
		for row := range sh.Rows {
			for i, c := range row.Cells {
				ref := Ref{row.Num, i + 1}.A1()
				switch c.Kind {
				case CellText:
					fmt.Fprintf(&b, "%s %q\n", ref, c.Text)
				case CellNumber:
					fmt.Fprintf(&b, "%s %v\n", ref, c.Number)
				case CellFormulaNumber:
					fmt.Fprintf(&b, "%s =%s → %v\n", ref, c.Formula, c.Number)
				case CellFormulaText:
					fmt.Fprintf(&b, "%s =%s → %q\n", ref, c.Formula, c.Text)
				}
			}
		}
		for _, m := range sh.Merges {
			fmt.Fprintf(&b, "merge %s\n", m.A1())
		}
		for _, c := range sh.Conditional {
			fmt.Fprintf(&b, "mark %d %s: %s\n", c.Mark, c.Area.A1(), c.Formula)
		}
		for _, v := range sh.Validations {
			fmt.Fprintf(&b, "list %s: %q\n", v.Area.A1(), v.List)
		}
		for _, c := range sh.Charts {
			fmt.Fprintf(&b, "chart %d %q at %s over %s\n", c.Type, c.Title, c.At.A1(), c.Categories.A1())
		}
	}
	return b.String()
}

func areaText(a Area) string {
	if a.IsZero() {
		return "-"
	}
	return a.A1()
}

// TestWorkbookGolden compares the sample's workbooks, cell by cell, with
// testdata/; after looking at a change in LibreOffice, rewrite them with
// go test ./internal/report -run TestWorkbookGolden -update.
func TestWorkbookGolden(t *testing.T) {
	for _, per := range []criteria.Period{h2020, h2021} {
		t.Run(per.String(), func(t *testing.T) {
			golden(t, "workbook-"+per.String()+".golden", dumpWorkbook(build(t, sampleInput(t, per))))
		})
	}
}

// TestAllTextComposed: every text a clerk reads is NFC.
func TestAllTextComposed(t *testing.T) {
	wb := build(t, sampleInput(t, h2021))
	for _, sh := range wb.Sheets {
		if !norm.NFC.IsNormalString(sh.Name) {
			t.Errorf("sheet name %q is not NFC", sh.Name)
		}
		for row := range sh.Rows {
			for i, c := range row.Cells {
				if !norm.NFC.IsNormalString(c.Text) || !norm.NFC.IsNormalString(c.Formula) {
					t.Errorf("%s!%s: %q is not NFC", sh.Name, Ref{row.Num, i + 1}.A1(), c.Text)
				}
			}
		}
	}
}

var refRE = regexp.MustCompile(`(?:('(?:[^']|'')+'|[A-Za-z0-9_]+)!)?(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?::(\$?)([A-Z]{1,3})(\$?)([0-9]+))?`)

// TestSortSafeFormulas: sorting or filtering a sheet's table must keep
// every formula on its own row. In the rows under a sheet's autofilter,
// a formula (and a conditional format) may refer to its own row by a
// relative reference (which moves with the row) and to anything else
// only with absolute rows: whole columns of the table (which sorting
// does not change), rows outside it, or other sheets looked up by the
// commune's code.
func TestSortSafeFormulas(t *testing.T) {
	for _, per := range []criteria.Period{h2020, h2021} {
		wb := build(t, sampleInput(t, per))
		checked := 0
		for _, sh := range wb.Sheets {
			if sh.Filter.IsZero() {
				continue
			}
			top, bottom := sh.Filter.From.Row+1, sh.Filter.To.Row
			check := func(where, f string, row int) {
				for _, m := range refRE.FindAllStringSubmatch(stripStrings(f), -1) {
					other := m[1] != "" && m[1] != QuoteSheet(sh.Name)
					for _, r := range [][2]string{{m[4], m[5]}, {m[8], m[9]}} {
						if r[1] == "" {
							continue
						}
						n, _ := strconv.Atoi(r[1])
						abs := r[0] == "$"
						switch {
						case other && !abs:
							t.Errorf("%s %s: %q refers to another sheet by a relative row", per, where, m[0])
						case !other && !abs && n != row:
							t.Errorf("%s %s: %q refers to row %d relatively from row %d", per, where, m[0], n, row)
						case !other && abs && n >= top && n <= bottom && m[6] == "":
							t.Errorf("%s %s: %q is a fixed cell inside the sorted rows", per, where, m[0])
						}
					}
				}
				checked++
			}
			for row := range sh.Rows {
				if row.Num < top || row.Num > bottom {
					continue
				}
				for i, c := range row.Cells {
					if c.Formula != "" {
						check(sh.Name+"!"+Ref{row.Num, i + 1}.A1(), c.Formula, row.Num)
					}
				}
			}
			for _, c := range sh.Conditional {
				if c.Area.From.Row >= top && c.Area.To.Row <= bottom {
					check(sh.Name+" mark "+c.Area.A1(), c.Formula, c.Area.From.Row)
				}
			}
		}
		if checked < 20 {
			t.Errorf("%s: only %d formulas checked", per, checked)
		}
	}
}

// stripStrings blanks the text in quotes of a formula.
func stripStrings(f string) string {
	parts := strings.Split(f, `"`)
	for i := 1; i < len(parts); i += 2 {
		parts[i] = ""
	}
	return strings.Join(parts, `""`)
}

func TestGroupBounds(t *testing.T) {
	bounds := groupBounds(19)
	if len(bounds) != len(criteria.Groups) {
		t.Fatalf("%d groups, want %d", len(bounds), len(criteria.Groups))
	}
	// The formula's nested IF tests each group's lower bound in turn:
	// that is criteria.GroupOf for every count.
	for met := 0; met <= 19; met++ {
		got := bounds[len(bounds)-1].g
		for _, b := range bounds[:len(bounds)-1] {
			if met >= b.lo {
				got = b.g
				break
			}
		}
		if want := criteria.GroupOf(met); got != want {
			t.Errorf("%d criteria: the formula gives %q, GroupOf %q", met, got.Label(), want.Label())
		}
		n := 0
		for _, b := range bounds {
			if met >= b.lo && (b.top || met <= b.hi) {
				n++
				if b.g != criteria.GroupOf(met) {
					t.Errorf("%d criteria counted in %q", met, b.g.Label())
				}
			}
		}
		if n != 1 {
			t.Errorf("%d criteria counted in %d groups", met, n)
		}
	}
	w := &wbuild{groups: bounds}
	f := w.groupFormula("AA6")
	for _, b := range bounds {
		if !strings.Contains(f, quoteText(b.g.Label())) {
			t.Errorf("the group formula lacks %q: %s", b.g.Label(), f)
		}
	}
}

func TestSheetNames(t *testing.T) {
	tests := []struct {
		name, district, want string
	}{
		{"Gio Mỹ", "Gio Linh", "Gio Mỹ"},
		{"Tổng hợp", "Cam Lộ", "Tổng hợp (Cam Lộ)"},      // a fixed sheet's name
		{"history", "Hải Lăng", "history (Hải Lăng)"},    // reserved by Excel
		{"Hòa [Bình]: A/B?*", "Đakrông", "Hòa Bình A B"}, // characters a sheet name may not hold
		{"'Ea Kao'", "Buôn Ma Thuột", "Ea Kao"},          // no apostrophe at either end
		{"Xã Hướng Lập thuộc vùng đặc biệt khó khăn", "Hướng Hóa", "Xã Hướng Lập thuộc vùng đặc"}, // cut at a space
		{"Xã Hướng Lập thuộc vùng đặc biệt khó khăn hai", "Hướng Hóa", "Xã Hướng Lập thuộc (Hướng Hóa)"},
		{"Xã Hướng Lập thuộc vùng đặc biệt khó khăn ba", "Hướng Hóa", "Xã Hướng Lập thuộc vùng đặc (2)"},
		{"Gio Mỹ", "Gio Linh", "Gio Mỹ (Gio Linh)"}, // a second time
		{"GIO MỸ", "Gio Linh", "GIO MỸ (2)"},        // Excel compares without case
		{"Gio Mỹ", "", "Gio Mỹ (3)"},
		{"", "", "Xã"},
		{"Cu\u0309 Chi", "", "Củ Chi"}, // composed
	}
	n := newSheetNamer(SheetSummary, SheetIndicators, SheetHistory, SheetIssues, SheetSources)
	for _, tt := range tests {
		got := n.name(&plan.Commune{Name: tt.name, District: tt.district})
		if got != tt.want {
			t.Errorf("name(%q, %q) = %q, want %q", tt.name, tt.district, got, tt.want)
		}
		if err := validSheetName(got); err != nil {
			t.Errorf("name(%q) = %q: %v", tt.name, got, err)
		}
	}
}

// validSheetName is Excel's rule for a sheet name.
func validSheetName(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("empty")
	case utf16Len(s) > 31:
		return fmt.Errorf("%d UTF-16 units", utf16Len(s))
	case strings.ContainsAny(s, `[]:*?/\`):
		return fmt.Errorf("forbidden character")
	case strings.HasPrefix(s, "'") || strings.HasSuffix(s, "'"):
		return fmt.Errorf("apostrophe at an end")
	case !utf8.ValidString(s) || !norm.NFC.IsNormalString(s):
		return fmt.Errorf("not NFC UTF-8")
	}
	return nil
}

// FuzzSheetName: whatever a plan names its communes, every sheet name
// is valid and unique.
func FuzzSheetName(f *testing.F) {
	for _, s := range []string{"Gio Mỹ", "Tổng hợp", "'", "[]:*?/\\", strings.Repeat("Đ", 40), "a\x00b", "History", "e\u0301"} {
		f.Add(s, "Gio Linh")
	}
	f.Fuzz(func(t *testing.T, name, district string) {
		n := newSheetNamer(SheetSummary, SheetIndicators, SheetHistory, SheetIssues, SheetSources)
		seen := map[string]bool{}
		for i := 0; i < 4; i++ { // the same commune again and again
			got := n.name(&plan.Commune{Name: name, District: district})
			if err := validSheetName(got); err != nil {
				t.Fatalf("name(%q, %q) = %q: %v", name, district, got, err)
			}
			if k := foldSheet(got); seen[k] || k == foldSheet(SheetSummary) || k == "history" {
				t.Fatalf("name(%q, %q) = %q is taken", name, district, got)
			} else {
				seen[k] = true
			}
		}
	})
}

func TestPeriodProblems(t *testing.T) {
	in := sampleInput(t, h2021)
	form := func(per criteria.Period, id string) string {
		return filepath.Join(wbSampleIn, "assessments", per.String(), id+".xlsx")
	}
	in.Problems = nil
	probs := []struct {
		pos  diag.Pos
		keep bool
	}{
		{diag.Pos{File: in.Plan.File, Key: "communes[0].missing", Line: 131}, true},              // the plan
		{diag.Pos{File: form(h2021, "thuan"), Sheet: "Tự đánh giá", Cell: "H20"}, true},          // this period's form
		{diag.Pos{File: form(h2020, "thuan"), Sheet: "Tự đánh giá", Cell: "H20"}, false},         // last period's
		{diag.Pos{File: filepath.Join(wbSampleIn, "assessments", h2020.String())}, false},        // last period's folder
		{diag.Pos{File: filepath.Join(wbSampleIn, "assessments", h2021.String())}, true},         // this period's folder
		{diag.Pos{File: filepath.Join(wbSampleIn, "criteria", "quang-tri.toml"), Line: 3}, true}, // a criteria file
	}
	for i, p := range probs {
		in.Problems.Warn(p.pos, "vấn đề %d", i)
	}
	w := &wbuild{in: in, p: in.Plan, per: h2021}
	if err := w.prepare(); err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	for _, pr := range w.periodProblems(w.forms()) {
		kept[pr.Msg] = true
	}
	for i, p := range probs {
		if kept[fmt.Sprintf("vấn đề %d", i)] != p.keep {
			t.Errorf("problem at %s: kept %v, want %v", p.pos, !p.keep, p.keep)
		}
	}
}

func TestColumnName(t *testing.T) {
	for _, tt := range []struct {
		col  int
		want string
	}{{1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}} {
		if got := ColumnName(tt.col); got != tt.want {
			t.Errorf("ColumnName(%d) = %q, want %q", tt.col, got, tt.want)
		}
	}
	if got := QuoteSheet("Xã O'Reilly"); got != "'Xã O''Reilly'" {
		t.Errorf("QuoteSheet = %q", got)
	}
}

func TestBuildErrors(t *testing.T) {
	in := sampleInput(t, h2021)
	for _, tt := range []struct {
		name string
		in   WorkbookInput
	}{
		{"no plan", WorkbookInput{Outcome: in.Outcome, Period: h2021}},
		{"no outcome", WorkbookInput{Plan: in.Plan, Period: h2021}},
		{"a period without forms", WorkbookInput{Plan: in.Plan, Outcome: in.Outcome, Period: criteria.Period{Year: 2022, Half: criteria.H2}}},
	} {
		if _, err := BuildWorkbook(tt.in); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
