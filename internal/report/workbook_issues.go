package report

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// slash is a path with forward slashes, for comparing paths.
func slash(p string) string { return strings.ReplaceAll(p, `\`, "/") }

// formIndex knows, for every evaluated form of every period, its
// commune and period.
type formIndex struct {
	byFile map[string]*evaluate.Evaluation
	period map[string]criteria.Period
}

func (w *wbuild) forms() formIndex {
	x := formIndex{byFile: map[string]*evaluate.Evaluation{}, period: map[string]criteria.Period{}}
	for _, p := range w.in.Outcome.Periods {
		for _, e := range w.in.Outcome.ByPeriod[p] {
			f := slash(e.Assessment.File)
			x.byFile[f] = e
			x.period[f] = p
		}
	}
	return x
}

// periodProblems are the problems that concern this period: all but
// those of another period's forms and folders.
func (w *wbuild) periodProblems(x formIndex) []diag.Problem {
	other, mine := map[string]bool{}, map[string]bool{}
	mark := func(file string, p criteria.Period) {
		f := slash(file)
		if p == w.per {
			mine[f], mine[path.Dir(f)] = true, true
			return
		}
		other[f], other[path.Dir(f)] = true, true
	}
	for f, p := range x.period {
		mark(f, p)
	}
	for _, s := range w.in.Sources {
		if s.Period != (criteria.Period{}) {
			mark(s.Path, s.Period)
		}
	}
	latest, _ := w.in.Outcome.Latest()
	var out []diag.Problem
	for _, pr := range w.in.Problems {
		f := slash(pr.Pos.File)
		// The notes of the whole run (unverified thresholds, the nâng
		// cao set) speak of every period: the latest period's workbook
		// carries them, so that an earlier one depends only on its own
		// period and before.
		if pr.Pos.File == "" && w.per != latest {
			continue
		}
		if other[f] && !mine[f] {
			continue
		}
		// A file in another period's folder (its narrative, a file the
		// reader refused) is that period's, whatever it is.
		if p, ok := folderPeriod(f); ok && p != w.per {
			continue
		}
		out = append(out, pr)
	}
	return out
}

// folderPeriod is the period of the nearest "2021-H1" folder in a
// slash-separated path ("input/assessments/2021-H1/bao-cao.toml"), or of
// the path itself when it is such a folder.
func folderPeriod(f string) (criteria.Period, bool) {
	for f != "." && f != "/" && f != "" {
		if p, err := criteria.ParsePeriod(path.Base(f)); err == nil {
			return p, true
		}
		f = path.Dir(f)
	}
	return criteria.Period{}, false
}

// issues is "Sai lệch": every error and warning of the checks that
// concerns this period, with file, sheet and cell, then the judgements
// resting on thresholds that could not be checked against the
// decisions' text, in one table that filters by its "Loại" column.
func (w *wbuild) issues() *Sheet {
	const lastCol = 7
	const hdrRow = 4
	x := w.forms()
	probs := w.periodProblems(x)
	unv := w.unverified()
	sh := &Sheet{
		Name: SheetIssues,
		Columns: columns(map[int]float64{1: 5, 2: 13, 3: fitWidth(10, 20, 11, false, w.communeNames()...), 4: 32, 5: 14, 6: 14, 7: 80},
			lastCol),
		Freeze:      Ref{hdrRow + 1, 1},
		PrintTitles: [2]int{hdrRow, hdrRow},
		PageHeader:  "Sai lệch – " + w.per.Label(),
	}
	title, merges := titleBlock(sh.Columns, lastCol, "SAI LỆCH, CẢNH BÁO VÀ CÁC ĐÁNH GIÁ CẦN XEM LẠI",
		"Kỳ đánh giá: "+periodText(w.per)+". Các lỗi, cảnh báo khi kiểm tra dữ liệu đầu vào, và các đánh giá dựa trên chỉ tiêu chưa đối chiếu được với văn bản quyết định.")
	sh.Merges = merges
	hdr := []SheetCell{}
	for _, s := range []string{"TT", "Loại", "Xã", "Tệp", "Trang tính", "Ô, dòng, chỉ tiêu", "Nội dung"} {
		hdr = append(hdr, text(s, stHeader))
	}
	header := SheetRow{Num: hdrRow, Height: 20, Cells: hdr}
	first := hdrRow + 1
	total := len(probs) + len(unv)
	last := first + max(total, 1) - 1
	sh.Filter = Area{Ref{hdrRow, 1}, Ref{last, lastCol}}

	small := CellStyle{Role: RoleBody, Wrap: true, Small: true}
	probRow := func(i int, pr diag.Problem) SheetRow {
		level := "Lỗi"
		if pr.Severity == diag.Warning {
			level = "Cảnh báo"
		}
		commune := ""
		if e := x.byFile[slash(pr.Pos.File)]; e != nil {
			commune = e.Commune.Name
		}
		where := pr.Pos.Cell
		if pr.Pos.Line > 0 {
			where = fmt.Sprintf("dòng %d", pr.Pos.Line)
		}
		if pr.Pos.Key != "" {
			where = strings.TrimSpace(where + " (khóa " + pr.Pos.Key + ")")
		}
		r := first + i
		cells := []SheetCell{number(float64(i+1), stInt), text(level, stCenter), text(commune, stWrap),
			text(pr.Pos.File, small), text(pr.Pos.Sheet, stWrap), text(where, stWrap), text(upperFirst(pr.Msg), stWrap)}
		return SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, nil, 18), Cells: cells}
	}
	unvRow := func(i int, u unverifiedUse) SheetRow {
		r := first + len(probs) + i
		cells := []SheetCell{number(float64(len(probs)+i+1), stInt), text("Chỉ tiêu chưa đối chiếu", stWrap), blank(stWrap),
			text("Bộ tiêu chí "+u.set.ID, small), blank(stWrap), text("chỉ tiêu "+u.ind.ID, stWrap), text(u.detail(), stWrap)}
		return SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, nil, 18), Cells: cells}
	}
	sh.Rows = func(yield func(SheetRow) bool) {
		for _, row := range append(title, header) {
			if !yield(row) {
				return
			}
		}
		if total == 0 {
			cells := []SheetCell{blank(stText), text("Không có lỗi, cảnh báo hay đánh giá nào cần xem lại.", stText)}
			for len(cells) < lastCol {
				cells = append(cells, blank(stText))
			}
			yield(SheetRow{Num: first, Cells: cells})
			return
		}
		for i, pr := range probs {
			if !yield(probRow(i, pr)) {
				return
			}
		}
		for i, u := range unv {
			if !yield(unvRow(i, u)) {
				return
			}
		}
	}
	return sh
}

func (w *wbuild) communeNames() []string {
	out := make([]string, 0, len(w.rows)+1)
	out = append(out, "Xã")
	for _, r := range w.rows {
		out = append(out, nfc(r.c.Name))
	}
	return out
}

// unverifiedUse is how the period's communes fared on one indicator
// whose threshold is not verified, in one region.
type unverifiedUse struct {
	set       *criteria.Set
	ind       *criteria.Indicator
	region    criteria.Region
	threshold string
	judged    int
	notMet    int
	names     []string // the communes short of it, at most maxNames
}

const maxNames = 20

func (u unverifiedUse) detail() string {
	var b strings.Builder
	if u.ind.Kind == criteria.KindBool {
		fmt.Fprintf(&b, "Chỉ tiêu %s “%s”: nội dung chưa đối chiếu được với văn bản quyết định. %s xã được đánh giá theo chỉ tiêu này",
			u.ind.ID, nfc(u.ind.Text), vnfmt.Number(float64(u.judged), 0))
	} else {
		fmt.Fprintf(&b, "Chỉ tiêu %s “%s”, %s: mức %s chưa đối chiếu được với văn bản quyết định. %s xã được đánh giá theo mức này",
			u.ind.ID, nfc(u.ind.Text), regionLabel(u.region), u.threshold, vnfmt.Number(float64(u.judged), 0))
	}
	if u.notMet > 0 {
		fmt.Fprintf(&b, "; chưa đạt: %s", strings.Join(u.names, ", "))
		if u.notMet > len(u.names) {
			fmt.Fprintf(&b, " và %s xã khác", vnfmt.Number(float64(u.notMet-len(u.names)), 0))
		}
	} else {
		b.WriteString(", đều đạt")
	}
	b.WriteString(".")
	if note := strings.TrimSpace(nfc(u.ind.Note)); note != "" {
		b.WriteString(" Ghi chú: " + upperFirst(note))
		if !strings.HasSuffix(note, ".") {
			b.WriteString(".")
		}
	}
	if src := strings.TrimSpace(nfc(u.ind.Source)); src != "" && src != strings.TrimSpace(nfc(u.set.Source)) {
		b.WriteString(" Nguồn: " + src + ".")
	}
	return b.String()
}

// unverified lists, in the order met, the indicators judged this
// period on a threshold marked unverified (the evaluation's
// Evaluation.Unverified), per set and region.
func (w *wbuild) unverified() []unverifiedUse {
	type key struct {
		ind    *criteria.Indicator
		region criteria.Region
	}
	idx := map[key]int{}
	var out []unverifiedUse
	results := map[string]*criteria.IndicatorResult{} // one commune's at a time
	for _, r := range w.rows {
		if r.e == nil || len(r.e.Unverified) == 0 {
			continue
		}
		clear(results)
		addResults(results, r.e)
		for _, id := range r.e.Unverified {
			ir := results[id]
			if ir == nil {
				continue
			}
			k := key{ir.Indicator, r.e.Region}
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, unverifiedUse{set: r.e.Set, ind: ir.Indicator, region: r.e.Region, threshold: thresholdText(ir.Indicator, ir.Threshold)})
			}
			u := &out[i]
			u.judged++
			if ir.Status == criteria.NotMet {
				u.notMet++
				if len(u.names) < maxNames {
					u.names = append(u.names, nfc(r.c.Name))
				}
			}
		}
	}
	return out
}

// sources is "Nguồn": what the workbook was made from.
func (w *wbuild) sources() *Sheet {
	const lastCol = 8
	x := w.forms()
	sh := &Sheet{
		Name:        SheetSources,
		Columns:     columns(map[int]float64{1: 5, 2: 44, 3: 16, 4: 10, 5: 16, 6: 20, 7: 12, 8: 62}, lastCol),
		PrintTitles: [2]int{12, 12},
		Freeze:      Ref{13, 1},
		PageHeader:  "Nguồn số liệu – " + w.per.Label(),
	}
	title, merges := titleBlock(sh.Columns, lastCol, "NGUỒN SỐ LIỆU CỦA BẢNG TỔNG HỢP", "Kỳ đánh giá: "+periodText(w.per))
	sh.Merges = merges
	var rows []SheetRow
	r := 4
	kv := func(k, v string) {
		cells := []SheetCell{text(k, stLabel), blank(stLabel), text(v, stPlain)}
		m := []Area{{Ref{r, 1}, Ref{r, 2}}, {Ref{r, 3}, Ref{r, lastCol}}}
		rows = append(rows, SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, m, 16), Cells: cells})
		sh.Merges = append(sh.Merges, m...)
		r++
	}
	kv("Kế hoạch:", w.planRef(true)+" – "+nfc(w.p.Document.Title))
	kv("Bộ tiêu chí:", nfc(w.set.Name)+" ("+w.set.ID+"), "+nfc(w.set.Decision))
	kv("Vùng:", w.regionsText())
	kv("Số xã:", fmt.Sprintf("%d xã trong kế hoạch; %d xã đã gửi biểu kỳ này", len(w.rows), w.returned()))
	kv("Ngày lập bảng:", vnfmt.Date(w.date))
	prog := w.in.Program
	if prog == "" {
		prog = Creator
	}
	kv("Chương trình:", prog)
	kv("Ghi chú:", "Mã SHA-256 là dấu vân tay của từng tệp: tệp đã sửa dù một chữ sẽ có mã khác, nên đối chiếu được số liệu với đúng tệp đã dùng.")
	r = 11
	rows = append(rows, SheetRow{Num: r, Cells: []SheetCell{text("Các tệp đầu vào đã dùng", stLabel)}})
	r++
	hdr := []SheetCell{}
	for _, s := range []string{"TT", "Tệp", "Loại", "Kỳ", "Xã", "Người lập", "Ngày lập", "Mã SHA-256"} {
		hdr = append(hdr, text(s, stHeader))
	}
	rows = append(rows, SheetRow{Num: r, Height: 20, Cells: hdr})
	r++
	srcs := w.sourceList(x)
	sh.Filter = Area{Ref{12, 1}, Ref{max(13, 12+len(srcs)), lastCol}}
	small := CellStyle{Role: RoleBody, Small: true}
	first := r
	buf := make([]SheetCell, 0, lastCol) // one row's cells, reused (see Sheet.Rows)
	srcRow := func(i int, s Source) SheetRow {
		period, commune := "", ""
		if s.Period != (criteria.Period{}) {
			period = s.Period.String()
		}
		if e := x.byFile[slash(s.Path)]; e != nil {
			commune = e.Commune.Name
			if s.FilledBy == "" {
				s.FilledBy = e.Assessment.FilledBy
			}
			if s.FilledOn == "" {
				s.FilledOn = e.Assessment.FilledOn
			}
		}
		what := s.What
		switch {
		case what != "":
		case s.Period != (criteria.Period{}):
			what = "Biểu tự đánh giá"
		case slash(s.Path) == slash(w.p.File):
			what = "Kế hoạch"
		default:
			what = "Tệp đầu vào"
		}
		cells := append(buf[:0], number(float64(i+1), stInt), text(s.Path, stWrap),
			text(what, stWrap), text(period, stCenter), text(commune, stWrap), text(s.FilledBy, stWrap), text(s.FilledOn, stCenter),
			text(s.SHA256, small))
		return SheetRow{Num: first + i, Height: fitHeight(first+i, cells, sh.Columns, nil, 16), Cells: cells}
	}
	sh.Rows = tableRows(slices.Concat(title, rows), len(srcs), func(i int) SheetRow { return srcRow(i, srcs[i]) }, nil)
	return sh
}

// sourceList is the inputs of this workbook: the pipeline's list without
// the forms of later periods; without a list, the plan and the forms
// evaluated, with no SHA-256.
func (w *wbuild) sourceList(x formIndex) []Source {
	var out []Source
	if len(w.in.Sources) > 0 {
		for _, s := range w.in.Sources {
			if s.Period != (criteria.Period{}) && w.per.Before(s.Period) {
				continue
			}
			out = append(out, s)
		}
		return out
	}
	out = append(out, Source{Path: w.p.File})
	for _, p := range w.periods {
		for _, e := range w.in.Outcome.ByPeriod[p] {
			out = append(out, Source{Path: e.Assessment.File, Period: p})
		}
	}
	return out
}
