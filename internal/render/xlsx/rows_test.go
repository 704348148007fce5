package xlsx

import (
	"bytes"
	"iter"
	"math"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/report"
)

// bothWays renders wb with the rows written here and with excelize's
// SetRow, and fails when the files differ.
func bothWays(tb testing.TB, wb func() *report.Workbook) {
	tb.Helper()
	var fast, ref bytes.Buffer
	errFast := Options{}.Render(&fast, wb())
	var errRef error
	func() {
		referenceRows = (*renderer).streamRows
		defer func() { referenceRows = nil }()
		errRef = Options{}.Render(&ref, wb())
	}()
	if (errFast == nil) != (errRef == nil) {
		tb.Fatalf("rows written here: %v; through excelize: %v", errFast, errRef)
	}
	if errFast != nil {
		return
	}
	if !bytes.Equal(fast.Bytes(), ref.Bytes()) {
		_, a := zipParts(tb, fast.Bytes())
		_, b := zipParts(tb, ref.Bytes())
		for name, wantb := range b {
			if got, want := string(a[name]), string(wantb); got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				from := max(0, i-80)
				tb.Fatalf("%s differs at byte %d:\nhere:     %q\nexcelize: %q", name, i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
			}
		}
		tb.Fatalf("the files differ (%d and %d bytes), not their parts", fast.Len(), ref.Len())
	}
}

// TestRowsAsExcelize: the sheets' rows written here give the same file,
// byte for byte, as excelize's StreamWriter.SetRow: the sample's
// workbooks, a province's with hand-made names, and cells of every kind
// with the text Excel treats specially.
func TestRowsAsExcelize(t *testing.T) {
	sample := loadSample(t)
	synth := synthetic(t, 60)
	for _, c := range []struct {
		name string
		fx   *fixture
		per  criteria.Period
	}{
		{"sample 2020-H2", sample, h2020},
		{"sample 2021-H1", sample, h2021},
		{"60 communes 2021-H1", synth, h2021},
		{"60 communes 2022-H1", synth, h2022},
	} {
		t.Run(c.name, func(t *testing.T) {
			bothWays(t, func() *report.Workbook { return c.fx.workbook(t, c.per) })
		})
	}
	texts := []string{
		"Đạt", " lề trái", "lề phải ", "\tthụt", "dòng\nhai", "dòng\r\nba", `<b>&"'`, "=1+1", "_x0041_", "_x005F_x0041_",
		"_x005F_", "a_x00zz_b", "\x01\x1f", "hỏng\xff\xfe", "\uFFFD", "\uFFFE", "𝔸 ngoài BMP", strings.Repeat("ắ", 40000),
		strings.Repeat("x", 32766) + "😀",
	}
	var cells []report.SheetCell
	st := report.CellStyle{Role: report.RoleBody}
	for _, s := range texts {
		cells = append(cells,
			report.SheetCell{Kind: report.CellText, Text: s, Style: st},
			report.SheetCell{Kind: report.CellFormulaText, Formula: `IF(A1="` + s + `",1,"")`, Text: s, Style: st})
	}
	for _, v := range []float64{0, -0.5, 1e-7, 123456789012345678, 1.0000000000000002, 0.1 + 0.2, math.MaxFloat64, -math.MaxFloat64, math.NaN(), math.Inf(1), 12.5} {
		cells = append(cells,
			report.SheetCell{Kind: report.CellNumber, Number: v, Style: report.CellStyle{Format: report.FormatDecimal, Decimals: 2}},
			report.SheetCell{Kind: report.CellFormulaNumber, Formula: "SUM(A1:B2)", Number: v})
	}
	cells = append(cells, report.SheetCell{Kind: report.CellBlank}, report.SheetCell{Kind: report.CellText, Style: report.CellStyle{Bold: true}})
	bothWays(t, func() *report.Workbook { return oneSheet(cells, 0) })
	bothWays(t, func() *report.Workbook { return oneSheet(cells, 15.75) })
	bothWays(t, func() *report.Workbook { return oneSheet(cells, 1000) })
}

// TestRowsSpill: rows past spillAt go through a temporary file and come
// back the same.
func TestRowsSpill(t *testing.T) {
	defer func(n int) { spillAt = n }(spillAt)
	spillAt = 1 << 10
	fx := synthetic(t, 30)
	bothWays(t, func() *report.Workbook { return fx.workbook(t, h2021) })
}

// TestRowsRefused: rows out of order, beyond the sheet's last row or
// with a formula cell without a formula are refused, as excelize
// refuses them.
func TestRowsRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		rows []report.SheetRow
		want string
	}{
		{"out of order", []report.SheetRow{{Num: 3}, {Num: 2}}, "dòng 2 sau dòng 3"},
		{"beyond the last row", []report.SheetRow{{Num: 1048577, Cells: []report.SheetCell{{Kind: report.CellText, Text: "x"}}}}, "dòng 1048577"},
		{"formula without formula", []report.SheetRow{{Num: 1, Cells: []report.SheetCell{{Kind: report.CellFormulaNumber}}}}, "không có công thức"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wb := &report.Workbook{Sheets: []*report.Sheet{{Name: "A", Rows: seqOf(c.rows)}}}
			err := Render(&bytes.Buffer{}, wb)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Render: %v, want an error with %q", err, c.want)
			}
		})
	}
}

func seqOf(rows []report.SheetRow) iter.Seq[report.SheetRow] {
	return func(yield func(report.SheetRow) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
}

// oneSheet is a workbook of one sheet whose rows hold cells, three to a
// row, with the given height.
func oneSheet(cells []report.SheetCell, height float64) *report.Workbook {
	var rows []report.SheetRow
	for i := 0; i < len(cells); i += 3 {
		rows = append(rows, report.SheetRow{Num: 2 + i, Height: height, Cells: cells[i:min(i+3, len(cells))]})
	}
	return &report.Workbook{Sheets: []*report.Sheet{{Name: "Ô", Rows: seqOf(rows), Merges: []report.Area{{From: report.Ref{Row: 2, Col: 1}, To: report.Ref{Row: 2, Col: 2}}}}}}
}

// FuzzRowsAsExcelize: any text, formula and number, in any cell, is
// written here as excelize writes it.
func FuzzRowsAsExcelize(f *testing.F) {
	f.Add("Đạt", "SUM(A1:A3)", 1.5, uint8(0))
	f.Add(" _x0041_ ", `IF(A1="x","y","")`, math.NaN(), uint8(3))
	f.Add("a\r\n\x00\xff", "", -0.0, uint8(200))
	f.Fuzz(func(t *testing.T, text, formula string, num float64, col uint8) {
		if formula == "" {
			formula = "1"
		}
		lead := make([]report.SheetCell, int(col)%40)
		cells := append(lead,
			report.SheetCell{Kind: report.CellText, Text: text},
			report.SheetCell{Kind: report.CellFormulaText, Formula: formula, Text: text},
			report.SheetCell{Kind: report.CellNumber, Number: num},
			report.SheetCell{Kind: report.CellFormulaNumber, Formula: formula, Number: num},
		)
		bothWays(t, func() *report.Workbook {
			return &report.Workbook{Sheets: []*report.Sheet{{Name: "A", Rows: seqOf([]report.SheetRow{{Num: int(col) + 1, Cells: cells}})}}}
		})
	})
}

// TestAppendNumber: the whole-number shortcut writes what formatFloat
// writes, at the edges too (negative zero, 15 and 16 digits).
func TestAppendNumber(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 7, 2021, 99999, 1e14, 999999999999999, 1e15, -999999999999999, 1234567890123456, 0.5, -2.25, 1e-7, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		if got, want := string(appendNumber(nil, v)), formatFloat(v); got != want {
			t.Errorf("appendNumber(%v) = %q, formatFloat %q", v, got, want)
		}
	}
}
