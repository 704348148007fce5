package xlsx

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/report"
)

// A probe is one conditional format's formula for one cell, written as
// an ordinary formula beside the table, so that LibreOffice evaluates
// it: the test then knows which cells the format marks.
type probe struct {
	sheet    string
	row, col int // the marked cell
	mark     report.Mark
	at       string // the probe's cell
}

var refRE = regexp.MustCompile(`(\$?)([A-Z]{1,3})(\$?)([0-9]+)`)

// shiftFormula moves formula f, written for the first cell of an area,
// to the cell dr rows and dc columns further, and makes every reference
// absolute so that it can be evaluated anywhere on the sheet. Text in
// quotes is left alone.
func shiftFormula(f string, dr, dc int) string {
	parts := strings.Split(f, `"`)
	for i := 0; i < len(parts); i += 2 { // outside the quotes
		parts[i] = refRE.ReplaceAllStringFunc(parts[i], func(m string) string {
			g := refRE.FindStringSubmatch(m)
			col, _ := excelize.ColumnNameToNumber(g[2])
			row, _ := strconv.Atoi(g[4])
			if g[1] == "" {
				col += dc
			}
			if g[3] == "" {
				row += dr
			}
			name, _ := excelize.ColumnNumberToName(col)
			return fmt.Sprintf("$%s$%d", name, row)
		})
	}
	return strings.Join(parts, `"`)
}

// writeProbes writes a copy of the workbook data with a probe for every
// cell of every conditional format of "Tổng hợp" and "Chỉ tiêu".
func writeProbes(t *testing.T, path string, data []byte, wb *report.Workbook) []probe {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []probe
	for _, sh := range wb.Sheets {
		if sh.Name != report.SheetSummary && sh.Name != report.SheetIndicators {
			continue
		}
		for _, c := range sh.Conditional {
			offset := 100 * (int(c.Mark) + 1)
			for r := c.Area.From.Row; r <= c.Area.To.Row; r++ {
				for col := c.Area.From.Col; col <= c.Area.To.Col; col++ {
					at, _ := excelize.CoordinatesToCellName(col+offset, r)
					formula := shiftFormula(c.Formula, r-c.Area.From.Row, col-c.Area.From.Col)
					if err := f.SetCellFormula(sh.Name, at, formula); err != nil {
						t.Fatal(err)
					}
					out = append(out, probe{sheet: sh.Name, row: r, col: col, mark: c.Mark, at: at})
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkMarks reads the probes as LibreOffice computed them and compares
// each cell's marks with the evaluation: on "Tổng hợp" a criterion not
// met, or met last period and lost; the change up or down; on "Chỉ
// tiêu" a value short of the commune's threshold, or missing.
func checkMarks(t *testing.T, path string, probes []probe, fx *fixture, per criteria.Period) {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	prev, hasPrev := criteria.Period{}, false
	for _, p := range fx.outcome.Periods {
		if p.Before(per) {
			prev, hasPrev = p, true
		}
	}
	hdrs := map[string][]string{}
	headerRow := map[string]int{}
	for _, sh := range []string{report.SheetSummary, report.SheetIndicators} {
		rows, _ := f.GetRows(sh)
		for i, r := range rows {
			if len(r) > 1 && r[0] == "TT" && r[1] == "Mã xã" {
				hdrs[sh], headerRow[sh] = r, i+1
				break
			}
		}
	}
	marked := 0
	for _, p := range probes {
		v, _ := f.GetCellValue(p.sheet, p.at)
		got := v == "1" || strings.EqualFold(v, "TRUE")
		i := p.row - headerRow[p.sheet] - 1 // commune index
		if i < 0 || i >= len(fx.plan.Communes) {
			t.Fatalf("%s: probe of row %d is outside the communes", p.sheet, p.row)
		}
		c := &fx.plan.Communes[i]
		e := fx.outcome.Of(c.ID, per)
		var pe = fx.outcome.Of(c.ID, prev)
		if !hasPrev {
			pe = nil
		}
		head := hdrs[p.sheet][p.col-1]
		want := false
		switch p.sheet {
		case report.SheetSummary:
			switch p.mark {
			case report.MarkNotMet, report.MarkLost, report.MarkMissing:
				num, err := strconv.Atoi(strings.SplitN(head, ".", 2)[0])
				if err != nil {
					t.Fatalf("%s column %d %q is not a criterion", p.sheet, p.col, head)
				}
				switch {
				case e == nil:
				case p.mark == report.MarkMissing:
					want = status(e.Result, num) == criteria.Undetermined
				default:
					want = status(e.Result, num) == criteria.NotMet
					if p.mark == report.MarkLost {
						want = want && pe != nil && met(pe.Result, num)
					}
				}
			case report.MarkWorse, report.MarkBetter:
				if e != nil && pe != nil {
					d := e.Result.Met - pe.Result.Met
					want = (p.mark == report.MarkWorse && d < 0) || (p.mark == report.MarkBetter && d > 0)
				}
			}
		case report.SheetIndicators:
			id := strings.SplitN(head, ". ", 2)[0]
			if e == nil {
				break
			}
			ir := indicator(e.Result, id)
			if ir == nil {
				t.Fatalf("no indicator %q in the evaluation", id)
			}
			switch p.mark {
			case report.MarkNotMet:
				want = ir.Has && ir.Status == criteria.NotMet
			case report.MarkMissing:
				want = !ir.Has
			}
		}
		if got != want {
			t.Errorf("%s row %d (%s) column %q: mark %d is %v (probe %s = %q), the evaluation says %v", p.sheet, p.row, c.ID, head, p.mark, got, p.at, v, want)
		}
		if got {
			marked++
		}
	}
	if len(probes) > 0 && marked == 0 && fx.outcome.Of(fx.plan.Communes[0].ID, per) != nil {
		t.Errorf("no cell is marked at all")
	}
}

func status(r *criteria.Result, num int) criteria.Status {
	for _, c := range r.Criteria {
		if c.Criterion.Number == num {
			return c.Status
		}
	}
	return criteria.NotMet
}

func met(r *criteria.Result, num int) bool {
	for _, c := range r.Criteria {
		if c.Criterion.Number == num {
			return c.Met
		}
	}
	return false
}

func indicator(r *criteria.Result, id string) *criteria.IndicatorResult {
	for ci := range r.Criteria {
		for ii := range r.Criteria[ci].Indicators {
			if r.Criteria[ci].Indicators[ii].Indicator.ID == id {
				return &r.Criteria[ci].Indicators[ii]
			}
		}
	}
	return nil
}
