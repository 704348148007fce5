package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/report"
)

// rendered is a workbook written and opened again with excelize.
type rendered struct {
	data []byte
	wb   *report.Workbook
	f    *excelize.File
}

func render(t *testing.T, fx *fixture, per criteria.Period) *rendered {
	t.Helper()
	wb := fx.workbook(t, per)
	var buf bytes.Buffer
	if err := Render(&buf, wb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return &rendered{data: buf.Bytes(), wb: wb, f: f}
}

func (r *rendered) value(t *testing.T, sheet, cell string) string {
	t.Helper()
	v, err := r.f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func (r *rendered) formula(t *testing.T, sheet, cell string) string {
	t.Helper()
	v, err := r.f.GetCellFormula(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

// column finds a header's column on row hdr of sheet.
func (r *rendered) column(t *testing.T, sheet string, hdr int, prefix string) int {
	t.Helper()
	rows, _ := r.f.GetRows(sheet)
	for i, h := range rows[hdr-1] {
		if strings.HasPrefix(h, prefix) {
			return i + 1
		}
	}
	t.Fatalf("%s: no column %q on row %d: %q", sheet, prefix, hdr, rows[hdr-1])
	return 0
}

func cellRef(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func TestSampleSheets(t *testing.T) {
	fx := loadSample(t)
	r := render(t, fx, h2021)
	want := []string{report.SheetSummary, report.SheetIndicators, report.SheetHistory, report.SheetIssues, report.SheetSources}
	for _, c := range fx.plan.Communes {
		want = append(want, c.Name) // the sample's names fit and are unique: kept as written
	}
	if got := r.f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %q\nwant   %q", got, want)
	}
	if r.f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d, want the first", r.f.GetActiveSheetIndex())
	}
}

// TestSummaryCells reads "Tổng hợp" back: every commune's criteria as
// "Đạt"/"Chưa đạt" from the evaluation, the count and group as formulas
// with their values, the frozen panes, autofilter and drop-down.
func TestSummaryCells(t *testing.T) {
	fx := synthetic(t, 24)
	r := render(t, fx, h2021)
	sh := report.SheetSummary
	const hdr, first = 5, 6
	countCol, groupCol := r.column(t, sh, hdr, "Số tiêu chí đạt"), r.column(t, sh, hdr, "Nhóm")
	set := fx.outcome.ByPeriod[h2021][0].Set
	for i := range fx.plan.Communes {
		c := &fx.plan.Communes[i]
		row := first + i
		if got := r.value(t, sh, cellRef(2, row)); got != c.ID {
			t.Fatalf("row %d: %q, want %s", row, got, c.ID)
		}
		e := fx.outcome.Of(c.ID, h2021)
		for j, crit := range set.Criteria {
			got := r.value(t, sh, cellRef(8+j, row))
			want := ""
			if e != nil {
				want = status(e.Result, crit.Number).Label()
			}
			if got != want {
				t.Errorf("%s criterion %d: %q, want %q", c.ID, crit.Number, got, want)
			}
		}
		if f := r.formula(t, sh, cellRef(countCol, row)); !strings.Contains(f, "COUNTIF(") {
			t.Errorf("%s: count is not a COUNTIF formula: %q", c.ID, f)
		}
		if f := r.formula(t, sh, cellRef(groupCol, row)); !strings.HasPrefix(f, "IF(") {
			t.Errorf("%s: group is not a formula: %q", c.ID, f)
		}
		wantCount, wantGroup := "", "Chưa gửi biểu"
		if e != nil {
			wantCount, wantGroup = strconv.Itoa(e.Result.Met), e.Result.Group.Label()
		}
		if got := r.value(t, sh, cellRef(countCol, row)); got != wantCount {
			t.Errorf("%s: count value %q, want %q", c.ID, got, wantCount)
		}
		if got := r.value(t, sh, cellRef(groupCol, row)); got != wantGroup {
			t.Errorf("%s: group value %q, want %q", c.ID, got, wantGroup)
		}
	}
	panes, err := r.f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != hdr || panes.XSplit != 4 || panes.TopLeftCell != "E6" {
		t.Errorf("panes %+v: want frozen under the header (row %d) and right of the names (column D)", panes, hdr)
	}
	last := first + len(fx.plan.Communes) - 1
	filter := false
	for _, dn := range r.f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sh {
			filter = strings.HasSuffix(dn.RefersTo, fmt.Sprintf("$A$%d:$%s$%d", hdr, report.ColumnName(r.wb.Sheets[0].Filter.To.Col), last))
		}
	}
	if !filter {
		t.Errorf("no autofilter over the header and the %d commune rows", len(fx.plan.Communes))
	}
	dvs, err := r.f.GetDataValidations(sh)
	if err != nil || len(dvs) != 1 {
		t.Fatalf("validations %v, %v", dvs, err)
	}
	if dvs[0].Type != "list" || !strings.Contains(dvs[0].Formula1, "Đạt,Chưa đạt") || dvs[0].Sqref != fmt.Sprintf("H%d:Z%d", first, last) {
		t.Errorf("validation %+v: want the Đạt/Chưa đạt list on H%d:Z%d", dvs[0], first, last)
	}
	cfs, err := r.f.GetConditionalFormats(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfs[fmt.Sprintf("H%d:Z%d", first, last)]) != 2 || len(cfs[fmt.Sprintf("H%d:H%d", first, last)]) != 1 {
		t.Errorf("conditional formats %v: want the not-met and not-judged rules over the criteria and a lost rule per criterion", keysOf(cfs))
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestIndicatorValues reads "Chỉ tiêu" back: numbers as numbers (a
// percentage as its fraction), verdicts as words, the thresholds above
// the table, the number formats.
func TestIndicatorValues(t *testing.T) {
	fx := synthetic(t, 24)
	r := render(t, fx, h2021)
	sh := report.SheetIndicators
	rows, _ := r.f.GetRows(sh)
	hdr := 0
	for i, row := range rows {
		if len(row) > 1 && row[0] == "TT" {
			hdr = i + 1
			break
		}
	}
	if hdr == 0 {
		t.Fatal("no header")
	}
	set := fx.outcome.ByPeriod[h2021][0].Set
	inds := set.Indicators()
	checked := map[criteria.Kind]int{}
	for i := range fx.plan.Communes {
		c := &fx.plan.Communes[i]
		e := fx.outcome.Of(c.ID, h2021)
		row := hdr + 1 + i
		for j, ind := range inds {
			ref := cellRef(7+j, row)
			got := r.value(t, sh, ref)
			if e == nil {
				if got != "" {
					t.Errorf("%s %s: %q for a commune without a form", c.ID, ind.ID, got)
				}
				continue
			}
			ir := indicator(e.Result, ind.ID)
			if !ir.Has {
				if got != "" {
					t.Errorf("%s %s: %q for a blank value", c.ID, ind.ID, got)
				}
				continue
			}
			checked[ind.Kind]++
			switch ind.Kind {
			case criteria.KindBool:
				want := map[bool]string{true: "Đạt", false: "Chưa đạt"}[ir.Value == 1]
				if got != want {
					t.Errorf("%s %s: %q, want %q", c.ID, ind.ID, got, want)
				}
			default:
				v, err := strconv.ParseFloat(got, 64)
				want := ir.Value
				if ind.Kind == criteria.KindPercent {
					want /= 100
				}
				if typ, _ := r.f.GetCellType(sh, ref); err != nil || math.Abs(v-want) > 1e-9 || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("%s %s: %q (%v), want the number %v", c.ID, ind.ID, got, typ, want)
				}
				st, _ := r.f.GetCellStyle(sh, ref)
				style, _ := r.f.GetStyle(st)
				if style.CustomNumFmt == nil || (ind.Kind == criteria.KindPercent) != strings.HasSuffix(*style.CustomNumFmt, "%") {
					t.Errorf("%s %s: number format %v", c.ID, ind.ID, style.CustomNumFmt)
				}
			}
		}
	}
	for _, k := range []criteria.Kind{criteria.KindBool, criteria.KindPercent, criteria.KindMoney, criteria.KindZero} {
		if checked[k] == 0 {
			t.Errorf("no value of kind %s checked", k)
		}
	}
	// The thresholds: one row per region used, keyed in column E.
	for r0 := 4; r0 < hdr; r0++ {
		key := r.value(t, sh, cellRef(5, r0))
		region := criteria.Region(key)
		if _, ok := criteria.RegionName[region]; !ok {
			t.Errorf("threshold row %d has key %q", r0, key)
			continue
		}
		for j, ind := range inds {
			if ind.Kind == criteria.KindBool {
				continue
			}
			th := ind.ThresholdFor(region, 2021)
			got, _ := strconv.ParseFloat(r.value(t, sh, cellRef(7+j, r0)), 64)
			want := th.Value
			if ind.Kind == criteria.KindPercent {
				want /= 100
			}
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("threshold %s %s = %v, want %v", key, ind.ID, got, want)
			}
		}
	}
	if hdr-4 < 2 {
		t.Errorf("%d threshold rows: the made-up plan has communes in BTB and TDMNPB", hdr-4)
	}
}

// TestHistoryCharts: "Lịch sử" holds each period's count per commune
// and two native charts over it.
func TestHistoryCharts(t *testing.T) {
	fx := loadSample(t)
	r := render(t, fx, h2021)
	for i, c := range fx.plan.Communes {
		for j, per := range []criteria.Period{h2020, h2021} {
			got := r.value(t, report.SheetHistory, cellRef(5+j, 5+i))
			if want := strconv.Itoa(fx.outcome.Of(c.ID, per).Result.Met); got != want {
				t.Errorf("Lịch sử %s %s = %q, want %s", c.ID, per, got, want)
			}
		}
	}
	charts := zipNames(t, r.data, "xl/charts/")
	if len(charts) != 2 {
		t.Fatalf("charts %q, want 2", charts)
	}
	for _, name := range charts {
		x := readPart(t, r.data, name)
		if !strings.Contains(x, "Lịch sử") || !strings.Contains(x, "<barChart>") {
			t.Errorf("%s: not a bar chart over Lịch sử", name)
		}
	}
	// The sheet that holds them is Lịch sử's.
	rels := readPart(t, r.data, "xl/worksheets/_rels/sheet3.xml.rels")
	if !strings.Contains(rels, "drawing") {
		t.Errorf("Lịch sử has no drawing: %s", rels)
	}
}

// TestPrintSetup: every sheet prints A4 landscape, one page wide, with
// its header row on every page and the page numbers at the foot.
func TestPrintSetup(t *testing.T) {
	r := render(t, loadSample(t), h2021)
	titles := map[string]string{}
	for _, dn := range r.f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sh := range r.wb.Sheets {
		pl, err := r.f.GetPageLayout(sh.Name)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" ||
			pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v", sh.Name, pl)
		}
		props, _ := r.f.GetSheetProps(sh.Name)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fitted to the page", sh.Name)
		}
		hf, err := r.f.GetHeaderFooter(sh.Name)
		if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "Trang &P/&N") {
			t.Errorf("%s: footer %+v", sh.Name, hf)
		}
		want := fmt.Sprintf("%s!$%d:$%d", report.QuoteSheet(sh.Name), sh.PrintTitles[0], sh.PrintTitles[1])
		if titles[sh.Name] != want {
			t.Errorf("%s: print titles %q, want %q", sh.Name, titles[sh.Name], want)
		}
	}
}

// TestDocProps: the workbook's properties come from the plan and the
// period, not from the library's defaults.
func TestDocProps(t *testing.T) {
	fx := loadSample(t)
	r := render(t, fx, h2021)
	p, err := r.f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != fx.plan.Document.AgencyName || !strings.Contains(p.Title, h2021.Label()) || p.Created != "2021-06-30T00:00:00Z" || p.Language != "vi-VN" {
		t.Errorf("doc props %+v", p)
	}
	app, _ := r.f.GetAppProps()
	if app.Application != "ntm test" || app.Company != fx.plan.Document.AgencyName {
		t.Errorf("app props %+v", app)
	}
	calc, _ := r.f.GetCalcProps()
	if calc.FullCalcOnLoad == nil || !*calc.FullCalcOnLoad {
		t.Errorf("Excel is not asked to recalculate on opening")
	}
}

// TestSameBytes: two renders of the same workbook are the same file (the
// streamed sheets are written from a map inside excelize).
func TestSameBytes(t *testing.T) {
	fx := synthetic(t, 24)
	var a, b bytes.Buffer
	if err := Render(&a, fx.workbook(t, h2021)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b.Reset()
		if err := Render(&b, fx.workbook(t, h2021)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("render %d differs from the first (%d and %d bytes)", i+2, a.Len(), b.Len())
		}
	}
}

// TestTextIsNeverAFormula: a commune named "=1+1 Hải Lệ" and a note
// "=HYPERLINK(…)" are kept as text.
func TestTextIsNeverAFormula(t *testing.T) {
	fx := synthetic(t, 24)
	r := render(t, fx, h2021)
	found := 0
	for _, sh := range r.f.GetSheetList() {
		rows, _ := r.f.GetRows(sh)
		for i, row := range rows {
			for j, v := range row {
				if !strings.HasPrefix(v, "=") && !strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "@") {
					continue
				}
				ref := cellRef(j+1, i+1)
				if f := r.formula(t, sh, ref); f != "" {
					t.Errorf("%s!%s: text %q became the formula %q", sh, ref, v, f)
				}
				found++
			}
		}
	}
	if found < 3 {
		t.Errorf("found %d texts starting with =, want the commune's name and notes", found)
	}
	for _, name := range zipNames(t, r.data, "xl/worksheets/sheet") {
		if x := readPart(t, r.data, name); strings.Contains(x, "<f>1+1") || strings.Contains(x, "<f>HYPERLINK") {
			t.Errorf("%s holds a formula made of input text", name)
		}
	}
}

// TestCommuneSheet: a commune's sheet has every indicator, the value
// this period and last, the verdicts, the discrepancy and the source cell.
func TestCommuneSheet(t *testing.T) {
	fx := synthetic(t, 24)
	r := render(t, fx, h2021)
	checked := 0
	for i := range fx.plan.Communes {
		c := &fx.plan.Communes[i]
		e := fx.outcome.Of(c.ID, h2021)
		if e == nil {
			continue
		}
		var sheet string
		for _, s := range r.wb.Sheets[5:] {
			if strings.Contains(r.value(t, s.Name, "A1"), " XÃ "+strings.ToUpper(c.Name)+",") {
				sheet = s.Name
			}
		}
		if sheet == "" {
			t.Fatalf("no sheet for %s", c.Name)
		}
		rows, _ := r.f.GetRows(sheet)
		byID := map[string][]string{}
		for _, row := range rows[5:] {
			if len(row) > 0 {
				byID[row[0]] = row
			}
		}
		for _, v := range e.Assessment.Values {
			row := byID[v.IndicatorID]
			if len(row) < 11 {
				t.Fatalf("%s: no row for %s: %q", sheet, v.IndicatorID, row)
			}
			ir := indicator(e.Result, v.IndicatorID)
			if want := ir.Status.Label(); row[6] != want {
				t.Errorf("%s %s: verdict %q, want %q", sheet, v.IndicatorID, row[6], want)
			}
			vp := e.Assessment.Pos(v.Cell)
			wantSrc := path.Base(vp.File) + "!" + vp.Sheet + "!" + vp.Cell
			if row[10] != wantSrc {
				t.Errorf("%s %s: source %q, want %q", sheet, v.IndicatorID, row[10], wantSrc)
			}
			differs := false
			for _, d := range e.Discrepancies {
				differs = differs || d.IndicatorID == v.IndicatorID
			}
			if differs != strings.HasPrefix(row[8], "Xã tự đánh giá") {
				t.Errorf("%s %s: discrepancy %q, the evaluation's: %v", sheet, v.IndicatorID, row[8], differs)
			}
			if row[9] != v.Note {
				t.Errorf("%s %s: note %q, want %q", sheet, v.IndicatorID, row[9], v.Note)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}

// TestNationalScaleSheets: above report.CommuneSheetLimit communes the
// workbook has no sheet per commune and no chart per commune.
func TestNationalScaleSheets(t *testing.T) {
	if testing.Short() {
		t.Skip("260 communes")
	}
	fx := synthetic(t, report.CommuneSheetLimit+10)
	r := render(t, fx, h2021)
	if n := len(r.f.GetSheetList()); n != 5 {
		t.Errorf("%d sheets, want the five shared ones", n)
	}
	if charts := zipNames(t, r.data, "xl/charts/"); len(charts) != 1 {
		t.Errorf("charts %q, want the groups' only", charts)
	}
	small := synthetic(t, 30)
	if n := len(render(t, small, h2021).f.GetSheetList()); n != 5+30 {
		t.Errorf("%d sheets for 30 communes, want 35", n)
	}
}

func zipNames(t *testing.T, data []byte, prefix string) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, prefix) && !strings.Contains(f.Name[len(prefix):], "/") {
			out = append(out, f.Name)
		}
	}
	return out
}

func readPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// TestSameBytesAnyWorkers: the parts are compressed in pieces on several
// cores, and the file does not depend on how many.
func TestSameBytesAnyWorkers(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 4 << 10 // many pieces in every sheet
	fx := synthetic(t, 60)
	var want bytes.Buffer
	if err := (Options{Workers: 1}).Render(&want, fx.workbook(t, h2021)); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 3, 8} {
		for try := range 3 {
			var got bytes.Buffer
			if err := (Options{Workers: workers}).Render(&got, fx.workbook(t, h2021)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want.Bytes(), got.Bytes()) {
				t.Fatalf("%d workers, render %d: differs from one worker's (%d and %d bytes)", workers, try+1, got.Len(), want.Len())
			}
		}
	}
}
