package report

import (
	"errors"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// CommuneSheetLimit is the largest plan whose workbook has one sheet per
// commune. A province has at most a few hundred communes (Quảng Trị
// 117), and a sheet tab per commune is still something a clerk browses;
// above it (a national run of 10,000 communes) the tabs would be
// unusable and the file needlessly large, so each commune's detail is in
// its own PDF report instead. The per-commune chart of "Lịch sử" follows
// the same limit.
const CommuneSheetLimit = 250

// WorkbookInput is what BuildWorkbook reads. It reads no file: what the
// pipeline knows about the files comes in Sources.
type WorkbookInput struct {
	Plan    *plan.Plan
	Outcome *evaluate.Outcome
	Period  criteria.Period
	// Problems are every problem found while checking, for all periods:
	// the workbook keeps those of this period and those of no period
	// (the plan, the criteria files).
	Problems diag.List
	// Sources are the input files, with their SHA-256. Assessments of a
	// period after Period are left out of the workbook.
	Sources []Source
	Program string    // the program and its version, "ntm 1.0.0"
	Date    time.Time // the period's report date; zero: the period's last day
}

// Source is one input file as the pipeline saw it.
type Source struct {
	Path   string          // as shown to the user, "input/assessments/2021-H1/thuan.xlsx"
	SHA256 string          // hex
	Period criteria.Period // the assessment's period; zero for the plan and criteria files
	What   string          // what the file is, in Vietnamese; empty: "Biểu tự đánh giá", "Kế hoạch" or "Tệp đầu vào"
	// FilledBy and FilledOn are the form's "Người lập" and "Ngày lập";
	// empty ones are taken from the evaluated assessment of that path.
	FilledBy, FilledOn string
}

// WorkbookFileName is the file name of a period's consolidated workbook,
// "tong-hop-2021-H1.xlsx".
func WorkbookFileName(p criteria.Period) string { return "tong-hop-" + p.String() + ".xlsx" }

// BuildWorkbook builds the consolidated workbook of in.Period: the sheets
// "Tổng hợp", "Chỉ tiêu", "Lịch sử", "Sai lệch", "Nguồn", and one sheet
// per commune when the plan has at most CommuneSheetLimit communes.
func BuildWorkbook(in WorkbookInput) (*Workbook, error) {
	if in.Plan == nil || in.Outcome == nil {
		return nil, errors.New("bảng tổng hợp: thiếu kế hoạch hoặc kết quả đánh giá")
	}
	if len(in.Plan.Communes) == 0 {
		return nil, errors.New("bảng tổng hợp: kế hoạch chưa có xã nào")
	}
	w := &wbuild{in: in, p: in.Plan, per: in.Period}
	if err := w.prepare(); err != nil {
		return nil, err
	}
	wb := &Workbook{Props: w.props()}
	wb.Sheets = append(wb.Sheets, w.summary(), w.indicators(), w.history(), w.issues(), w.sources())
	for i := range w.rows {
		if w.rows[i].sheet != "" {
			wb.Sheets = append(wb.Sheets, w.communeSheet(&w.rows[i]))
		}
	}
	return wb, nil
}

// wbuild holds what every sheet of one workbook shares.
type wbuild struct {
	in      WorkbookInput
	p       *plan.Plan
	per     criteria.Period
	prev    criteria.Period // the latest period on file before per
	hasPrev bool
	periods []criteria.Period // on file, oldest first, up to per
	set     *criteria.Set     // the set most of the period's forms were judged against
	inds    []*criteria.Indicator
	rows    []communeRow // in plan order
	groups  []groupBound
	date    time.Time
}

// communeRow is one commune of the plan and its forms.
type communeRow struct {
	c     *plan.Commune
	e     *evaluate.Evaluation // this period; nil: no form
	pe    *evaluate.Evaluation // the previous period on file
	sheet string               // its own sheet; "" when the workbook has none
}

func (w *wbuild) prepare() error {
	o := w.in.Outcome
	for _, p := range o.Periods {
		if !w.per.Before(p) {
			w.periods = append(w.periods, p)
		}
	}
	w.prev, w.hasPrev = o.Previous(w.per)
	if len(o.ByPeriod[w.per]) == 0 {
		return fmt.Errorf("bảng tổng hợp kỳ %s: chưa có biểu tự đánh giá nào của kỳ này", w.per)
	}
	// The period's set: the one most forms were judged against (the
	// plan's communes are normally all judged against one).
	count := map[*criteria.Set]int{}
	for _, e := range o.ByPeriod[w.per] {
		count[e.Set]++
		if w.set == nil || count[e.Set] > count[w.set] {
			w.set = e.Set
		}
	}
	w.inds = w.set.Indicators()
	w.groups = groupBounds(len(w.set.Criteria))
	var namer *sheetNamer
	if len(w.p.Communes) <= CommuneSheetLimit {
		namer = newSheetNamer(SheetSummary, SheetIndicators, SheetHistory, SheetIssues, SheetSources)
	}
	w.rows = make([]communeRow, len(w.p.Communes))
	for i := range w.p.Communes {
		c := &w.p.Communes[i]
		r := communeRow{c: c, e: o.Of(c.ID, w.per)}
		if w.hasPrev {
			r.pe = o.Of(c.ID, w.prev)
		}
		if namer != nil {
			r.sheet = namer.name(c)
		}
		w.rows[i] = r
	}
	w.date = w.in.Date
	if w.date.IsZero() {
		w.date = periodEnd(w.per)
	}
	return nil
}

func (w *wbuild) agency() string {
	if a := w.p.Document.AgencyName; a != "" {
		return nfc(a)
	}
	return nfc(w.p.Document.Agency)
}

// planRef is "Kế hoạch số 2071/SKH-KTN ngày 08 tháng 12 năm 2020", and
// with its agency "… của Sở Kế hoạch và Đầu tư".
func (w *wbuild) planRef(withAgency bool) string {
	d := w.p.Document
	s := fmt.Sprintf("%s số %s %s", nfc(d.Type), vnfmt.DocNumber(d.Number, d.Symbol), vnfmt.Date(d.Date))
	if a := w.agency(); a != "" && withAgency {
		s += " của " + a
	}
	return s
}

// periodText is "6 tháng đầu năm 2021 (kỳ 2021-H1)".
func periodText(p criteria.Period) string { return p.Label() + " (kỳ " + p.String() + ")" }

// regionsText is the regions the period's judgements used: "vùng Bắc
// Trung Bộ", or "vùng Bắc Trung Bộ; 2 xã theo vùng Trung du miền núi
// phía Bắc".
func (w *wbuild) regionsText() string {
	main := criteria.Region(w.p.Program.Region)
	others := map[criteria.Region]int{}
	var order []criteria.Region
	for _, r := range w.rows {
		reg := evaluate.RegionOf(w.p, r.c)
		if reg == main {
			continue
		}
		if others[reg] == 0 {
			order = append(order, reg)
		}
		others[reg]++
	}
	s := regionLabel(main)
	for _, reg := range order {
		s += fmt.Sprintf("; %d xã theo %s", others[reg], regionLabel(reg))
	}
	return s
}

func (w *wbuild) returned() int {
	n := 0
	for _, r := range w.rows {
		if r.e != nil {
			n++
		}
	}
	return n
}

func (w *wbuild) props() WorkbookProps {
	title := "Tổng hợp kết quả thực hiện tiêu chí nông thôn mới – " + w.per.Label()
	return WorkbookProps{
		Title:   title,
		Subject: nfc(w.set.Name),
		Description: fmt.Sprintf("Tổng hợp kết quả tự đánh giá của %d xã theo %s, %s; bộ tiêu chí: %s.",
			len(w.rows), w.planRef(true), periodText(w.per), nfc(w.set.Name)),
		Keywords: strings.Join([]string{"nông thôn mới", "tổng hợp", w.per.String(), w.set.ID, nfc(w.p.Program.Province)}, "; "),
		Category: "Nông thôn mới",
		Author:   w.agency(),
		Company:  w.agency(),
		Language: "vi-VN",
		Created:  w.date,
		Program:  w.in.Program,
	}
}

// groupBound is the range of criteria met of one group, from the one
// rule criteria.GroupOf: Lo to Hi inclusive; the top group has no upper
// bound and the bottom one starts at 0.
type groupBound struct {
	g      criteria.Group
	lo, hi int
	top    bool
}

// groupBounds reads the groups' bounds off criteria.GroupOf for every
// count from 0 to the set's number of criteria (at least 19), so that the
// workbook's formulas and the program's judgement share one rule.
func groupBounds(total int) []groupBound {
	maxMet := max(total, 19)
	var out []groupBound
	for _, g := range criteria.Groups {
		b := groupBound{g: g, lo: -1}
		for m := 0; m <= maxMet; m++ {
			if criteria.GroupOf(m) == g {
				if b.lo < 0 {
					b.lo = m
				}
				b.hi = m
			}
		}
		if b.lo >= 0 {
			out = append(out, b)
		}
	}
	if len(out) > 0 {
		out[0].top = true
	}
	return out
}

// groupFormula is the group of the count in cell ref: "Chưa gửi biểu"
// for an empty count, else the label of the group it falls in.
func (w *wbuild) groupFormula(ref string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `IF(%s="",%s,`, ref, quoteText(wordNoForm))
	for i, g := range w.groups {
		if i == len(w.groups)-1 {
			b.WriteString(quoteText(g.g.Label()))
			break
		}
		fmt.Fprintf(&b, "IF(%s>=%d,%s,", ref, g.lo, quoteText(g.g.Label()))
	}
	b.WriteString(strings.Repeat(")", len(w.groups)))
	return b.String()
}

// groupFormulaFor is groupFormula made once: the parts between the
// references, joined around each row's.
func (w *wbuild) groupFormulaFor() func(ref string) string {
	parts := strings.Split(w.groupFormula("\x00"), "\x00")
	return func(ref string) string { return strings.Join(parts, ref) }
}

// countIfs counts the numbers of area that fall in group g.
func (g groupBound) countIfs(area string) string {
	if g.top {
		return fmt.Sprintf(`COUNTIFS(%s,">=%d")`, area, g.lo)
	}
	return fmt.Sprintf(`COUNTIFS(%s,">=%d",%s,"<=%d")`, area, g.lo, area, g.hi)
}

// quoteText is s as a formula's string literal.
func quoteText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Cell constructors.

func text(s string, st CellStyle) SheetCell {
	return SheetCell{Kind: CellText, Text: nfc(s), Style: st}
}

// word is a text cell of the program's own words, already composed.
func word(s string, st CellStyle) SheetCell { return SheetCell{Kind: CellText, Text: s, Style: st} }

func number(v float64, st CellStyle) SheetCell {
	return SheetCell{Kind: CellNumber, Number: v, Style: st}
}
func formulaNum(f string, v float64, st CellStyle) SheetCell {
	return SheetCell{Kind: CellFormulaNumber, Formula: f, Number: v, Style: st}
}
func formulaText(f, v string, st CellStyle) SheetCell {
	return SheetCell{Kind: CellFormulaText, Formula: f, Text: v, Style: st}
}
func blank(st CellStyle) SheetCell { return SheetCell{Style: st} }

// Styles used across sheets.
var (
	stTitle    = CellStyle{Role: RoleTitle, Align: AlignCenter, Wrap: true}
	stSubtitle = CellStyle{Role: RoleSubtitle, Align: AlignCenter, Wrap: true}
	stHeader   = CellStyle{Role: RoleHeader, Align: AlignCenter, Wrap: true}
	stText     = CellStyle{Role: RoleBody}
	stWrap     = CellStyle{Role: RoleBody, Wrap: true}
	stCenter   = CellStyle{Role: RoleBody, Align: AlignCenter}
	stInt      = CellStyle{Role: RoleBody, Align: AlignCenter, Format: FormatInteger}
	stLabel    = CellStyle{Role: RoleLabel}
	stPlain    = CellStyle{Role: RolePlain, Wrap: true}
	stNote     = CellStyle{Role: RoleNote}
)

// titleBlock is the title and subtitle rows of a sheet, merged from
// column A to lastCol, starting at row 1, as tall as their wrapped text.
func titleBlock(cols []SheetColumn, lastCol int, title string, subtitles ...string) ([]SheetRow, []Area) {
	width := spanWidth(cols, 1, lastCol)
	rows := []SheetRow{{Num: 1, Height: math.Max(24, wrapHeight(title, width, 14, true)), Cells: []SheetCell{text(title, stTitle)}}}
	merges := []Area{{Ref{1, 1}, Ref{1, lastCol}}}
	for i, s := range subtitles {
		n := i + 2
		rows = append(rows, SheetRow{Num: n, Height: math.Max(18, wrapHeight(s, width, 11, false)), Cells: []SheetCell{text(s, stSubtitle)}})
		merges = append(merges, Area{Ref{n, 1}, Ref{n, lastCol}})
	}
	return rows, merges
}

// addCritStatus puts the status of e's criteria in m by number.
func addCritStatus(m map[int]criteria.Status, e *evaluate.Evaluation) {
	for _, cr := range e.Result.Criteria {
		m[cr.Criterion.Number] = cr.Status
	}
}

// metList is the numbers of the criteria e meets, "1, 2, 3, 7".
func metList(e *evaluate.Evaluation) string {
	var b []byte
	for _, cr := range e.Result.Criteria {
		if cr.Met {
			if len(b) > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendInt(b, int64(cr.Criterion.Number), 10)
		}
	}
	return string(b)
}

// base is the file name of a path, either slash.
func base(p string) string { return path.Base(strings.ReplaceAll(p, `\`, "/")) }
