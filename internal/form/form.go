package form

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// Sheet names of the workbook. SheetName is always the first sheet.
const (
	SheetName  = "Tự đánh giá"
	GuideSheet = "Hướng dẫn"
)

// Title is the form's title row.
const Title = "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI"

// The sheet is protected without a password: protection keeps the
// structure (rows, columns, TT codes, thresholds) from being changed by
// accident, not from a determined user. "Review > Unprotect Sheet" lifts it.

// Header labels of the table, columns A–I, as the contract fixes them.
var headers = [...]string{
	"TT", "Tên tiêu chí", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu theo vùng",
	"Kết quả kỳ trước", "Kết quả kỳ này", "Tự đánh giá", "Ghi chú, minh chứng",
}

// Column widths (Excel character units) for an A4 landscape page.
var colWidths = [...]float64{6, 20, 46, 10, 12, 11, 11, 11, 26}

// Fixed rows of the layout.
const (
	rowTitle    = 1
	rowSetName  = 2
	rowDecision = 3
	rowFirstLbl = 5  // Xã:
	rowAuthor   = 10 // Người lập:
	rowDate     = 11 // Ngày lập:
	rowHeader   = 13
	rowBody     = 14
)

// Spec is everything one commune's blank form depends on.
type Spec struct {
	Province, Agency  string // "Quảng Trị", "Sở Kế hoạch và Đầu tư" (for the title/instructions)
	CommuneID         string // the plan's id ("gio-mai"): shown in the "Mã xã (không sửa):" cell the reader trusts, and the file's name
	Commune, District string // "Gio Mai", "Gio Linh"
	Period            criteria.Period
	Set               *criteria.Set
	Region            criteria.Region
	Prev              map[string]string // indicator ID → last period's result text, prefilled in "Kết quả kỳ trước"
	Created           time.Time         // fixed doc-props date (determinism); zero = first day of the period
}

// Write builds the blank assessment workbook for s and writes it to w.
// The same Spec always gives the same bytes.
func Write(w io.Writer, s Spec) error {
	if s.Set == nil {
		return errors.New("biểu tự đánh giá: thiếu bộ tiêu chí")
	}
	if strings.TrimSpace(s.Commune) == "" {
		return errors.New("biểu tự đánh giá: thiếu tên xã")
	}
	if s.Period.Half != criteria.H1 && s.Period.Half != criteria.H2 {
		return fmt.Errorf("biểu tự đánh giá xã %s: kỳ đánh giá %q không hợp lệ", clip(s.Commune, 40), s.Period.String())
	}
	if s.Region == "" {
		s.Region = criteria.Chung
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, s: s, styles: map[styleKey]int{}}
	if err := b.build(); err != nil {
		return fmt.Errorf("biểu tự đánh giá xã %s: %w", clip(s.Commune, 40), err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("biểu tự đánh giá xã %s: ghi tệp: %w", clip(s.Commune, 40), err)
	}
	return nil
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// FileName is the form's path relative to the output folder, named after
// the commune's plan id: FileName("gio-mai", 2021-H1) =
// "2021-H1/gio-mai.xlsx". Ids are [a-z0-9-] (the plan checks them), so
// two communes never share a file even when their names differ only by
// their marks ("Ân Tú" and "An Tú"); anything else is made a slug.
func FileName(id string, p criteria.Period) string {
	return p.String() + "/" + Slug(id) + ".xlsx"
}

// IDLabel is the label of the cell holding the commune's plan id; the
// reader (assess) returns the cell's value as Assessment.CommuneID.
const IDLabel = "Mã xã (không sửa):"

// Slug is the ASCII file-name form of a commune's name: "Cam Chính" →
// "cam-chinh" (vnfmt.Slug). An empty result becomes "xa".
func Slug(name string) string {
	if s := vnfmt.Slug(name); s != "" {
		return s
	}
	return "xa"
}

// thresholdText is the threshold as printed: its own Text, or one made
// from the operator and value when the data has none.
func thresholdText(ind *criteria.Indicator, t criteria.Threshold) string {
	if t.Text != "" {
		return t.Text
	}
	switch ind.Kind {
	case criteria.KindBool:
		return "Đạt"
	case criteria.KindZero:
		return "Không"
	}
	op := map[criteria.Op]string{criteria.GE: "≥", criteria.LE: "≤", criteria.EQ: ""}[ind.Op]
	s := op + vnfmt.Number(t.Value, 6)
	if ind.Kind == criteria.KindPercent {
		s += "%"
	}
	return s
}

// builder holds the workbook being written and its style cache.
type builder struct {
	f      *excelize.File
	s      Spec
	styles map[styleKey]int
	err    error // first style error

	// cells grouped by the data validation they get, in row order.
	vAssess, vBool, vPercent, vMoney, vZero, vNumber []int
	criterionRows                                    []int
}

func (b *builder) build() error {
	f, s := b.f, b.s
	if err := f.SetDefaultFont("Times New Roman"); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	if err := b.sheet(); err != nil {
		return err
	}
	if _, err := f.NewSheet(GuideSheet); err != nil {
		return err
	}
	if err := b.guide(); err != nil {
		return err
	}
	f.SetActiveSheet(0)

	created := s.Created
	if created.IsZero() {
		month := time.January
		if s.Period.Half == criteria.H2 {
			month = time.July
		}
		created = time.Date(s.Period.Year, month, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          fmt.Sprintf("Biểu tự đánh giá tiêu chí nông thôn mới – xã %s – %s", s.Commune, s.Period),
		Subject:        s.Set.Name,
		Creator:        s.Agency,
		LastModifiedBy: s.Agency,
		Keywords:       fmt.Sprintf("nông thôn mới; tự đánh giá; %s; %s; %s", s.Commune, s.Set.ID, s.Period),
		Description:    fmt.Sprintf("Biểu tự đánh giá kết quả thực hiện %s, %s, xã %s, huyện %s, tỉnh %s.", lowerFirst(s.Set.Name), s.Period.Label(), s.Commune, s.District, s.Province),
		Category:       "Nông thôn mới",
		Created:        stamp,
		Modified:       stamp,
		Language:       "vi-VN",
		Revision:       "1",
	}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{
		Application: "Microsoft Excel",
		Company:     s.Agency,
		AppVersion:  "16.0300",
	}); err != nil {
		return err
	}
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptr(true)}); err != nil {
		return err
	}
	return b.err
}

// sheet writes the assessment sheet.
func (b *builder) sheet() error {
	f, s := b.f, b.s
	sh := SheetName
	for i, w := range colWidths {
		col := colName(i)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}

	// Title block.
	titles := []struct {
		row  int
		text string
		st   styleKey
		h    float64
	}{
		{rowTitle, Title, styleKey{bold: true, size: 14, align: "center", wrap: true}, 24},
		{rowSetName, s.Set.Name, styleKey{bold: true, size: 12, align: "center", wrap: true}, 18},
		{rowDecision, parenthesise(s.Set.Decision), styleKey{italic: true, align: "center", wrap: true}, 18},
	}
	for _, t := range titles {
		if err := b.merged(t.row, 0, 8, t.text, t.st); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, t.row, t.h); err != nil {
			return err
		}
	}

	// Header label rows: label in A (merged A:B), value in C (merged C:E).
	regionName := criteria.RegionName[s.Region]
	region := string(s.Region)
	if regionName != "" {
		region += " - " + regionName
	}
	labels := []struct {
		label, value, note string
		input              bool
	}{
		{"Xã:", s.Commune, "", false},
		{"Huyện:", s.District, "Tỉnh: " + s.Province, false},
		{"Kỳ đánh giá:", s.Period.String(), "(" + s.Period.Label() + ")", false},
		{"Bộ tiêu chí:", s.Set.ID, "", false},
		{"Vùng:", region, "", false},
		// No hint beside the empty input cells: a reader takes the first
		// non-empty cell right of a label as its value. The hints are
		// the cells' input prompts (see validations).
		{"Người lập:", "", "", true},
		{"Ngày lập:", "", "", true},
	}
	for i, l := range labels {
		row := rowFirstLbl + i
		if err := b.merged(row, 0, 1, l.label, styleKey{bold: true}); err != nil {
			return err
		}
		st := styleKey{bold: !l.input, border: "bottom"}
		if l.input {
			st = styleKey{input: true, border: "bottom"}
			if row == rowDate {
				st.numFmt = "dd/mm/yyyy"
				st.align = "left"
			}
		}
		if err := b.merged(row, 2, 4, l.value, st); err != nil {
			return err
		}
		if l.note != "" {
			if err := b.merged(row, 5, 8, l.note, styleKey{italic: true}); err != nil {
				return err
			}
		}
		if row == rowFirstLbl && s.CommuneID != "" {
			// The id beside the name, locked: the reader trusts it over
			// the name, which a commune may retype.
			if err := b.merged(row, 5, 6, IDLabel, styleKey{italic: true, align: "right"}); err != nil {
				return err
			}
			if err := b.merged(row, 7, 8, s.CommuneID, styleKey{border: "bottom"}); err != nil {
				return err
			}
		}
	}

	// Table header.
	for i, h := range headers {
		if err := b.cell(rowHeader, i, h, styleKey{bold: true, align: "center", wrap: true, border: "all", fill: fillHeader}); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, rowHeader, 33); err != nil {
		return err
	}

	// Body.
	row := rowBody
	for _, c := range s.Set.Criteria {
		num := strconv.Itoa(c.Number)
		single := len(c.Indicators) == 1 && c.Indicators[0].ID == num
		if single {
			if err := b.indicatorRow(row, c, c.Indicators[0], true); err != nil {
				return err
			}
			row++
			continue
		}
		if err := b.criterionRow(row, c); err != nil {
			return err
		}
		row++
		for _, ind := range c.Indicators {
			if err := b.indicatorRow(row, c, ind, false); err != nil {
				return err
			}
			row++
		}
	}
	// Footer: live count of criteria assessed "Đạt".
	foot := row
	if err := b.merged(foot, 0, 6, "Tổng số tiêu chí đạt:", styleKey{bold: true, align: "right", border: "all"}); err != nil {
		return err
	}
	formula := countFormula(b.criterionRows)
	if err := f.SetCellFormula(sh, cellName(7, foot), formula); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cellName(7, foot), cellName(7, foot), b.style(styleKey{bold: true, align: "center", border: "all", numFmt: "0"})); err != nil {
		return err
	}
	if err := b.cell(foot, 8, fmt.Sprintf("/%d tiêu chí", len(s.Set.Criteria)), styleKey{bold: true, border: "all"}); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, foot, 20); err != nil {
		return err
	}

	// Signatures.
	sig := foot + 2
	sigs := []struct {
		row, from, to int
		text          string
		st            styleKey
	}{
		{sig, 1, 2, "NGƯỜI LẬP BIỂU", styleKey{bold: true, align: "center"}},
		{sig + 1, 1, 2, "(Ký, ghi rõ họ tên)", styleKey{italic: true, align: "center"}},
		{sig, 5, 8, "TM. ỦY BAN NHÂN DÂN XÃ " + strings.ToUpper(s.Commune), styleKey{bold: true, align: "center"}},
		{sig + 1, 5, 8, "CHỦ TỊCH", styleKey{bold: true, align: "center"}},
		{sig + 2, 5, 8, "(Ký tên, đóng dấu)", styleKey{italic: true, align: "center"}},
	}
	for _, g := range sigs {
		if err := b.merged(g.row, g.from, g.to, g.text, g.st); err != nil {
			return err
		}
	}

	if err := b.validations(); err != nil {
		return err
	}
	return b.pageSetup(sig + 6)
}

// criterionRow writes the shaded row of a criterion with several
// indicators: number, name, and its own self-assessment cell.
func (b *builder) criterionRow(row int, c *criteria.Criterion) error {
	num := strconv.Itoa(c.Number)
	st := styleKey{bold: true, border: "all", fill: fillCriterion, wrap: true, valign: "center"}
	cells := []struct {
		col  int
		text string
		st   styleKey
	}{
		{0, num, with(st, "center")},
		{1, c.Name, st},
		{2, "", st},
		{3, "", st},
		{4, "", st},
		{5, b.s.Prev[num], with(st, "center")},
		{6, "", st},
		{7, "", styleKey{bold: true, border: "all", input: true, align: "center", valign: "center"}},
		{8, "", styleKey{border: "all", input: true, wrap: true, valign: "center"}},
	}
	for _, c := range cells {
		if err := b.cell(row, c.col, c.text, c.st); err != nil {
			return err
		}
	}
	b.vAssess = append(b.vAssess, row)
	b.criterionRows = append(b.criterionRows, row)
	return b.f.SetRowHeight(SheetName, row, rowHeight(c.Name, colWidths[1]))
}

// indicatorRow writes one indicator; single is set when the criterion
// has this indicator only and the row stands for both.
func (b *builder) indicatorRow(row int, c *criteria.Criterion, ind *criteria.Indicator, single bool) error {
	s := b.s
	base := styleKey{border: "all", wrap: true, valign: "center"}
	if single {
		base.fill = fillCriterion
	}
	name := ""
	if single {
		name = c.Name
		b.criterionRows = append(b.criterionRows, row)
	}
	thText := ""
	if th, ok := ind.Threshold(s.Region, s.Period.Year); ok {
		thText = thresholdText(ind, th)
	}
	unit := ind.Unit
	if unit == "" && ind.Kind == criteria.KindPercent {
		unit = "%"
	}
	resFmt := ""
	switch ind.Kind {
	case criteria.KindPercent, criteria.KindMoney, criteria.KindNumber:
		resFmt = "0.0"
	case criteria.KindZero:
		resFmt = "0"
	}
	idStyle := with(base, "center")
	nameStyle := base
	if single {
		idStyle.bold, nameStyle.bold = true, true
	}
	texts := []struct {
		col  int
		text string
		st   styleKey
	}{
		{0, ind.ID, idStyle},
		{1, name, nameStyle},
		{2, ind.Text, base},
		{3, unit, with(base, "center")},
		{4, thText, with(base, "center")},
	}
	for _, t := range texts {
		if err := b.cell(row, t.col, t.text, t.st); err != nil {
			return err
		}
	}
	// Last period's result: a number when it reads as one.
	prevStyle := with(base, "center")
	prev := strings.TrimSpace(s.Prev[ind.ID])
	if v, err := strconv.ParseFloat(prev, 64); err == nil && resFmt != "" && !math.IsInf(v, 0) && !math.IsNaN(v) {
		prevStyle.numFmt = resFmt
		if err := b.f.SetCellFloat(SheetName, cellName(5, row), v, -1, 64); err != nil {
			return err
		}
		if err := b.f.SetCellStyle(SheetName, cellName(5, row), cellName(5, row), b.style(prevStyle)); err != nil {
			return err
		}
	} else if err := b.cell(row, 5, prev, prevStyle); err != nil {
		return err
	}
	input := styleKey{border: "all", input: true, align: "center", valign: "center", numFmt: resFmt}
	if err := b.cell(row, 6, "", input); err != nil {
		return err
	}
	if err := b.cell(row, 7, "", styleKey{border: "all", input: true, align: "center", valign: "center", bold: single}); err != nil {
		return err
	}
	if err := b.cell(row, 8, "", styleKey{border: "all", input: true, wrap: true, valign: "center"}); err != nil {
		return err
	}
	switch ind.Kind {
	case criteria.KindBool:
		b.vBool = append(b.vBool, row)
	case criteria.KindPercent:
		b.vPercent = append(b.vPercent, row)
	case criteria.KindMoney:
		b.vMoney = append(b.vMoney, row)
	case criteria.KindZero:
		b.vZero = append(b.vZero, row)
	default:
		b.vNumber = append(b.vNumber, row)
	}
	b.vAssess = append(b.vAssess, row)
	// The row is as tall as its tallest wrapped cell: the wording, the
	// criterion's name, or a long threshold such as "100% (≥50% cứng hóa)".
	h := max(rowHeight(ind.Text, colWidths[2]), rowHeight(name, colWidths[1]), rowHeight(thText, colWidths[4]))
	return b.f.SetRowHeight(SheetName, row, h)
}

// validations adds the drop-downs and number checks of the input cells.
func (b *builder) validations() error {
	list := func(rows []int, col int, title, prompt string) error {
		if len(rows) == 0 {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref(col, rows)
		if err := dv.SetDropList([]string{"Đạt", "Chưa đạt"}); err != nil {
			return err
		}
		dv.SetInput(title, prompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Giá trị không hợp lệ", "Chỉ được chọn “Đạt” hoặc “Chưa đạt” trong danh sách.")
		return b.f.AddDataValidation(SheetName, dv)
	}
	number := func(rows []int, typ excelize.DataValidationType, op excelize.DataValidationOperator, f1, f2, prompt, msg string) error {
		if len(rows) == 0 {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref(6, rows)
		if op == excelize.DataValidationOperatorBetween {
			if err := dv.SetRange(f1, f2, typ, op); err != nil {
				return err
			}
		} else {
			if err := dv.SetRange(f1, "", typ, op); err != nil {
				return err
			}
			dv.Formula2 = ""
		}
		dv.SetInput("Kết quả kỳ này", prompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Số liệu không hợp lệ", msg)
		return b.f.AddDataValidation(SheetName, dv)
	}
	author := excelize.NewDataValidation(true)
	author.Sqref = cellName(2, rowAuthor)
	author.SetInput("Người lập", "Ghi họ tên, chức vụ người lập biểu.")
	if err := b.f.AddDataValidation(SheetName, author); err != nil {
		return err
	}
	date := excelize.NewDataValidation(true)
	date.Sqref = cellName(2, rowDate)
	// 1/1/2000 – 31/12/2100 as Excel serials; a warning only, so that a
	// date typed as text can still be kept.
	if err := date.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	date.SetInput("Ngày lập", "Ghi ngày lập biểu, ví dụ 15/06/2021.")
	date.SetError(excelize.DataValidationErrorStyleWarning, "Ngày không hợp lệ", "Ngày lập nên là một ngày dạng ngày/tháng/năm, ví dụ 15/06/2021.")
	if err := b.f.AddDataValidation(SheetName, date); err != nil {
		return err
	}
	if err := list(b.vAssess, 7, "Tự đánh giá", "Chọn Đạt hoặc Chưa đạt."); err != nil {
		return err
	}
	if err := list(b.vBool, 6, "Kết quả kỳ này", "Chọn Đạt hoặc Chưa đạt."); err != nil {
		return err
	}
	const (
		decimal, whole   = excelize.DataValidationTypeDecimal, excelize.DataValidationTypeWhole
		between, atLeast = excelize.DataValidationOperatorBetween, excelize.DataValidationOperatorGreaterThanOrEqual
	)
	checks := []struct {
		rows                []int
		typ                 excelize.DataValidationType
		op                  excelize.DataValidationOperator
		f1, f2, prompt, msg string
	}{
		{b.vPercent, decimal, between, "0", "100", "Nhập tỷ lệ phần trăm là một số từ 0 đến 100, không gõ dấu %.",
			"Tỷ lệ phải là một số từ 0 đến 100 (không gõ dấu %), ví dụ 85,5."},
		{b.vMoney, decimal, atLeast, "0", "", "Nhập số triệu đồng/người/năm.",
			"Thu nhập phải là một số không âm (triệu đồng/người/năm), ví dụ 36,5."},
		{b.vZero, whole, atLeast, "0", "", "Nhập số lượng còn lại; 0 nếu không còn.",
			"Phải là số nguyên không âm (0 nếu không còn)."},
		{b.vNumber, decimal, atLeast, "0", "", "Nhập một số không âm.",
			"Kết quả phải là một số không âm."},
	}
	for _, c := range checks {
		if err := number(c.rows, c.typ, c.op, c.f1, c.f2, c.prompt, c.msg); err != nil {
			return err
		}
	}
	return nil
}

// pageSetup sets printing, panes and protection of the assessment sheet;
// lastRow is the last row of the print area.
func (b *builder) pageSetup(lastRow int) error {
	f, sh := b.f, SheetName
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr("landscape"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{
		Top: ptr(0.6), Bottom: ptr(0.7), Left: ptr(0.5), Right: ptr(0.4),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		// The header holds at most 255 characters.
		OddHeader: "&R&\"Times New Roman,Italic\"&9Xã " + escapeHF(clip(b.s.Commune, 60)) + " – " + b.s.Period.String(),
		OddFooter: "&C&\"Times New Roman,Regular\"&10Trang &P/&N",
	}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(sh, "'", "''") + "'"
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$%d:$%d", quoted, rowHeader, rowHeader), Scope: sh,
	}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$I$%d", quoted, lastRow), Scope: sh,
	}); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: rowHeader, TopLeftCell: cellName(0, rowBody), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "G" + strconv.Itoa(rowBody), ActiveCell: "G" + strconv.Itoa(rowBody), Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	})
}

// guide writes the instructions sheet.
func (b *builder) guide() error {
	f, s, sh := b.f, b.s, GuideSheet
	if err := f.SetColWidth(sh, "A", "A", 110); err != nil {
		return err
	}
	agency := s.Agency
	if agency == "" {
		agency = "cơ quan phụ trách"
	}
	regionName := criteria.RegionName[s.Region]
	lines := []struct {
		text string
		st   styleKey
	}{
		{"HƯỚNG DẪN ĐIỀN BIỂU TỰ ĐÁNH GIÁ", styleKey{bold: true, size: 14, align: "center"}},
		{fmt.Sprintf("Biểu do %s tỉnh %s gửi để Ủy ban nhân dân xã %s, huyện %s tự đánh giá kết quả thực hiện %s, kỳ %s (%s).",
			agency, s.Province, s.Commune, s.District, lowerFirst(s.Set.Name), s.Period, s.Period.Label()), styleKey{wrap: true}},
		{"1. Điền vào trang tính “Tự đánh giá”. Chỉ các ô nền vàng được nhập: Người lập, Ngày lập, Kết quả kỳ này, Tự đánh giá, Ghi chú, minh chứng. Trang tính được khóa cấu trúc (không đặt mật khẩu): không thêm, xóa hay đổi thứ tự dòng, cột; không sửa cột TT và cột Chỉ tiêu theo vùng.", styleKey{wrap: true}},
		{"2. Cột “Kết quả kỳ này” ghi kết quả thực hiện của xã tại thời điểm đánh giá:", styleKey{wrap: true}},
		{"   – Chỉ tiêu có đơn vị %: ghi một số từ 0 đến 100, không gõ dấu %, ví dụ 85,5.", styleKey{wrap: true}},
		{"   – Thu nhập bình quân đầu người: ghi số triệu đồng/người/năm, ví dụ 36,5.", styleKey{wrap: true}},
		{"   – Chỉ tiêu phải là “Không” (ví dụ nhà tạm, dột nát): ghi số lượng còn lại, ghi 0 nếu không còn.", styleKey{wrap: true}},
		{"   – Chỉ tiêu không đo bằng số: chọn “Đạt” hoặc “Chưa đạt” trong danh sách thả xuống.", styleKey{wrap: true}},
		{"3. Cột “Tự đánh giá”: chọn “Đạt” hoặc “Chưa đạt” trong danh sách thả xuống, ở từng chỉ tiêu và ở dòng tiêu chí (dòng in đậm, tô nền). Tiêu chí chỉ đạt khi tất cả các chỉ tiêu của tiêu chí đều đạt.", styleKey{wrap: true}},
		{"4. Cột “Ghi chú, minh chứng”: ghi số, ngày của quyết định công nhận, văn bản hoặc nguồn số liệu, ví dụ “Theo Quyết định số …/QĐ-UBND ngày …”.", styleKey{wrap: true}},
		{fmt.Sprintf("5. Cột “Kết quả kỳ trước” đã điền sẵn theo số liệu kỳ trước (nếu có). Cột “Chỉ tiêu theo vùng” là mức phải đạt của vùng %s.", regionName), styleKey{wrap: true}},
		{"6. Dòng “Tổng số tiêu chí đạt” tự tính theo cột “Tự đánh giá” khi mở tệp.", styleKey{wrap: true}},
		{fmt.Sprintf("7. Lưu tệp dưới dạng Excel (.xlsx), không đổi tên trang tính, không lưu sang .xls hay .pdf, rồi gửi lại cho %s.", agency), styleKey{wrap: true}},
	}
	for i, l := range lines {
		row := i + 1
		if err := f.SetCellStr(sh, cellName(0, row), l.text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(0, row), cellName(0, row), b.style(l.st)); err != nil {
			return err
		}
		h := rowHeight(l.text, 110)
		if i == 0 {
			h = 24
		}
		if err := f.SetRowHeight(sh, row, h); err != nil {
			return err
		}
	}
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape")}); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true})
}

// merged writes text in row from column from to to (0-based), merging
// the cells when they span more than one column, with one style.
func (b *builder) merged(row, from, to int, text string, st styleKey) error {
	a, z := cellName(from, row), cellName(to, row)
	if text != "" {
		if err := b.f.SetCellStr(SheetName, a, text); err != nil {
			return err
		}
	}
	if to > from {
		if err := b.f.MergeCell(SheetName, a, z); err != nil {
			return err
		}
	}
	return b.f.SetCellStyle(SheetName, a, z, b.style(st))
}

// cell writes text (as a string, never a number) with a style.
func (b *builder) cell(row, col int, text string, st styleKey) error {
	ref := cellName(col, row)
	if text != "" {
		if err := b.f.SetCellStr(SheetName, ref, text); err != nil {
			return err
		}
	}
	return b.f.SetCellStyle(SheetName, ref, ref, b.style(st))
}

// Fills of the layout.
const (
	fillHeader    = "DDEBF7"
	fillCriterion = "E7E6E6"
	fillInput     = "FFF2CC"
)

// styleKey is what differs between the sheet's cell styles.
type styleKey struct {
	bold, italic, wrap, input bool
	size                      float64
	align, valign             string
	border                    string // "", "all", "bottom"
	fill                      string
	numFmt                    string
}

func with(k styleKey, align string) styleKey { k.align = align; return k }

// style returns the style ID of k, creating it on first use. Input cells
// are unlocked and shaded; everything else stays locked.
func (b *builder) style(k styleKey) int {
	if id, ok := b.styles[k]; ok {
		return id
	}
	size := k.size
	if size == 0 {
		size = 11
	}
	st := &excelize.Style{
		Font:       &excelize.Font{Family: "Times New Roman", Size: size, Bold: k.bold, Italic: k.italic},
		Alignment:  &excelize.Alignment{Horizontal: k.align, Vertical: k.valign, WrapText: k.wrap},
		Protection: &excelize.Protection{Locked: !k.input},
	}
	if st.Alignment.Vertical == "" {
		st.Alignment.Vertical = "center"
	}
	fill := k.fill
	if k.input {
		fill = fillInput
	}
	if fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}
	}
	switch k.border {
	case "all":
		for _, side := range []string{"left", "top", "right", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	case "bottom":
		st.Border = []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 4}}
	}
	if k.numFmt != "" {
		nf := k.numFmt
		st.CustomNumFmt = &nf
	}
	id, err := b.f.NewStyle(st)
	if err != nil && b.err == nil {
		// NewStyle fails only on invalid options, which are fixed here;
		// build reports it.
		b.err = fmt.Errorf("kiểu định dạng %+v: %w", k, err)
	}
	b.styles[k] = id
	return id
}

// rowHeight estimates the height (points) of a wrapped text in a column
// of the given width: Excel does not fit row heights on opening.
func rowHeight(text string, width float64) float64 {
	perLine := int(width * 1.15)
	if perLine < 1 {
		perLine = 1
	}
	lines := 0
	for _, part := range strings.Split(text, "\n") {
		n := utf8.RuneCountInString(part)
		lines += max(1, (n+perLine-1)/perLine)
	}
	return math.Max(18, float64(lines)*15+3)
}

// countFormula counts the criterion rows whose self-assessment is
// "Đạt", one COUNTIF per row: a wildcard test on TT ("<>*.*") would be
// shorter but is not evaluated alike by every spreadsheet program.
func countFormula(rows []int) string {
	if len(rows) == 0 {
		return "0"
	}
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = fmt.Sprintf(`COUNTIF($H$%d,"Đạt")`, r)
	}
	return strings.Join(parts, "+")
}

// sqref is the space-separated list of ranges covering rows of column
// col, consecutive rows merged: "G14:G16 G20".
func sqref(col int, rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, cellName(col, rows[i]))
		} else {
			parts = append(parts, cellName(col, rows[i])+":"+cellName(col, rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

// colName is the letter of a 0-based column (A–Z only: the sheet has 9).
func colName(col int) string { return string(rune('A' + col)) }

// cellName is the reference of a 0-based column and 1-based row.
func cellName(col, row int) string { return colName(col) + strconv.Itoa(row) }

// parenthesise wraps a decision citation in brackets, as printed under
// the set's name; empty stays empty.
func parenthesise(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "(") {
		return s
	}
	return "(Ban hành kèm theo " + s + ")"
}

// lowerFirst lower-cases the first letter: "Bộ tiêu chí …" → "bộ tiêu chí …".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// escapeHF doubles the ampersands of text placed in a header or footer.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func ptr[T any](v T) *T { return &v }
