package xlsx

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/report"
)

// Render writes wb as an .xlsx workbook to w, compressing on every core.
// The same workbook always gives the same bytes.
func Render(w io.Writer, wb *report.Workbook) error {
	return Options{}.Render(w, wb)
}

// Options are how a workbook is written; they change no byte of it.
type Options struct {
	// Workers bounds the goroutines that compress the parts (0: one per
	// core).
	Workers int
}

// Render writes wb as an .xlsx workbook to w with o's workers.
func (o Options) Render(w io.Writer, wb *report.Workbook) error {
	if wb == nil || len(wb.Sheets) == 0 {
		return errors.New("bảng tính: không có trang tính nào")
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	f := excelize.NewFile()
	defer f.Close()
	rows := map[string]*rowsFile{}
	defer func() {
		for _, rf := range rows {
			rf.close()
		}
	}()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		z := newSortedZip(w, workers)
		z.rows = rows
		return z
	})
	if err := f.SetDefaultFont(fontName); err != nil {
		return err
	}
	r := &renderer{f: f, st: newStyles(f), rows: rows}
	for i, sh := range wb.Sheets {
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			return fmt.Errorf("trang tính %q: %w", sh.Name, err)
		}
	}
	if referenceRows == nil {
		if err := r.prepareRows(wb.Sheets, workers); err != nil {
			return err
		}
	}
	for i, sh := range wb.Sheets {
		if err := r.sheet(i, sh); err != nil {
			return fmt.Errorf("trang tính %q: %w", sh.Name, err)
		}
	}
	if err := r.printTitles(); err != nil {
		return err
	}
	if err := r.props(wb.Props); err != nil {
		return err
	}
	// Adding a chart lists the image types in map order: sort them, for
	// the same bytes.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	// The first sheet is the one shown on opening: it is the template's
	// first sheet, renamed. (SetActiveSheet would read every streamed
	// sheet back in.)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("ghi bảng tính: %w", err)
	}
	return nil
}

type renderer struct {
	f      *excelize.File
	st     *styles
	titles []printTitle

	rows map[string]*rowsFile // each sheet's rows, by its placeholder
}

// printTitle is a sheet's rows repeated on every printed page.
type printTitle struct {
	sheet string
	index int // the sheet's position, its localSheetId
	ref   string
}

// printTitles defines every sheet's _xlnm.Print_Titles. SetDefinedName
// looks every name defined so far up by sheet, listing the sheets each
// time: with a sheet per commune that is cubic in the communes. So the
// first is set through it and the others are copies of it with their
// own sheet and rows, which is all SetDefinedName would write.
func (r *renderer) printTitles() error {
	if len(r.titles) == 0 {
		return nil
	}
	first := r.titles[0]
	if err := r.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: first.sheet, RefersTo: first.ref}); err != nil {
		return err
	}
	if r.f.WorkBook == nil || r.f.WorkBook.DefinedNames == nil || len(r.f.WorkBook.DefinedNames.DefinedName) == 0 {
		return errors.New("bảng tính: không đặt được vùng in lặp lại")
	}
	names := &r.f.WorkBook.DefinedNames.DefinedName
	proto := (*names)[len(*names)-1]
	for _, t := range r.titles[1:] {
		d, index := proto, t.index
		d.LocalSheetID, d.Data = &index, t.ref
		*names = append(*names, d)
	}
	return nil
}

func (r *renderer) props(p report.WorkbookProps) error {
	stamp := p.Created.UTC().Format(time.RFC3339)
	if p.Created.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	if err := r.f.SetDocProps(&excelize.DocProperties{
		Title: p.Title, Subject: p.Subject, Description: p.Description, Keywords: p.Keywords, Category: p.Category,
		Creator: p.Author, LastModifiedBy: p.Author, Language: p.Language, Created: stamp, Modified: stamp, Revision: "1",
	}); err != nil {
		return err
	}
	app := p.Program
	if app == "" {
		app = report.Creator
	}
	if err := r.f.SetAppProps(&excelize.AppProperties{Application: app, Company: p.Company}); err != nil {
		return err
	}
	// Excel recalculates every formula when it opens the file; a viewer
	// that does not still shows the values the formulas carry.
	full := true
	return r.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})
}

// sheet writes one sheet: what the stream cannot carry first, on the
// empty sheet, then the rows.
func (r *renderer) sheet(index int, sh *report.Sheet) error {
	f, name := r.f, sh.Name
	// From the right: excelize puts each new width before the ones it
	// has, and the stream writes them as they are, while Excel wants the
	// columns in ascending order.
	for c := len(sh.Columns); c > 0; c-- {
		if w := sh.Columns[c-1].Width; w > 0 {
			if err := f.SetColWidth(name, report.ColumnName(c), report.ColumnName(c), w); err != nil {
				return err
			}
		}
	}
	// AutoFilter replaces the sheet's properties: it goes before them.
	if !sh.Filter.IsZero() {
		if err := f.AutoFilter(name, sh.Filter.A1(), nil); err != nil {
			return err
		}
	}
	if err := r.printSetup(index, sh); err != nil {
		return err
	}
	for _, c := range sh.Conditional {
		id, err := r.st.mark(c.Mark)
		if err != nil {
			return err
		}
		stop := c.Mark == report.MarkLost
		if err := f.SetConditionalFormat(name, c.Area.A1(), []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: c.Formula, Format: &id, StopIfTrue: stop},
		}); err != nil {
			return err
		}
	}
	for _, v := range sh.Validations {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = v.Area.A1()
		if err := dv.SetDropList(v.List); err != nil {
			return err
		}
		if v.Prompt != "" {
			dv.SetInput(v.PromptTitle, v.Prompt)
		}
		if v.Error != "" {
			dv.SetError(excelize.DataValidationErrorStyleStop, v.ErrorTitle, v.Error)
		}
		if err := f.AddDataValidation(name, dv); err != nil {
			return err
		}
	}
	for _, c := range sh.Charts {
		if err := r.chart(name, c); err != nil {
			return err
		}
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if !sh.Freeze.IsZero() && (sh.Freeze.Row > 1 || sh.Freeze.Col > 1) {
		pane := "bottomRight"
		switch {
		case sh.Freeze.Col <= 1:
			pane = "bottomLeft"
		case sh.Freeze.Row <= 1:
			pane = "topRight"
		}
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, XSplit: max(0, sh.Freeze.Col-1), YSplit: max(0, sh.Freeze.Row-1),
			TopLeftCell: sh.Freeze.A1(), ActivePane: pane,
			Selection: []excelize.Selection{{SQRef: sh.Freeze.A1(), ActiveCell: sh.Freeze.A1(), Pane: pane}},
		}); err != nil {
			return err
		}
	}
	if referenceRows != nil {
		err = referenceRows(r, index, sw, sh)
	} else {
		// The rows, written by prepareRows, go in place of this row.
		err = sw.SetRow("A1", []any{placeholder(index)})
	}
	if err != nil {
		return err
	}
	for _, m := range sh.Merges {
		if err := sw.MergeCell(m.From.A1(), m.To.A1()); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// referenceRows, set by the tests, writes each sheet's rows through
// excelize's StreamWriter.SetRow, one sheet after the other: the
// reference they compare prepareRows's bytes with.
var referenceRows func(r *renderer, index int, sw *excelize.StreamWriter, sh *report.Sheet) error

// prepareRows writes every sheet's rows (see rows.go), the sheets side by
// side on up to workers goroutines, each with its own numbering of the
// styles in the order its rows first use them. Then the styles get their
// workbook ids sheet after sheet, in that order: the ids a writer going
// through the sheets one by one would have given them, so the bytes do
// not depend on which sheet was written first. The zip writer puts each
// sheet's rows in place of its placeholder row with those ids.
func (r *renderer) prepareRows(sheets []*report.Sheet, workers int) error {
	type prepared struct {
		rf  *rowsFile
		st  *sheetStyles
		err error
	}
	out := make([]prepared, len(sheets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(sheets)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rf, st, err := sheetRowsOf(sheets[i])
				out[i] = prepared{rf, st, err}
			}
		}()
	}
	for i := range sheets {
		next <- i
	}
	close(next)
	wg.Wait()
	var failed error
	for i, p := range out {
		if p.rf != nil {
			r.rows[placeholder(i)] = p.rf // closed by Render, whatever happens
		}
		if p.err != nil && failed == nil {
			failed = fmt.Errorf("trang tính %q: %w", sheets[i].Name, p.err)
		}
	}
	if failed != nil {
		return failed
	}
	for i, p := range out {
		ids := make([]int, len(p.st.list))
		for j, st := range p.st.list {
			id, err := r.st.id(st)
			if err != nil {
				return fmt.Errorf("trang tính %q: %w", sheets[i].Name, err)
			}
			ids[j] = id
		}
		p.rf.setStyles(ids)
	}
	return nil
}

// sheetRowsOf writes sh's rows with the sheet's own style numbers.
func sheetRowsOf(sh *report.Sheet) (*rowsFile, *sheetStyles, error) {
	rf, st := newRowsFile(), &sheetStyles{ids: map[report.CellStyle]int{}}
	if sh.Rows == nil {
		return rf, st, nil
	}
	last := 0
	for row := range sh.Rows {
		if row.Num <= last {
			return rf, st, fmt.Errorf("dòng %d sau dòng %d: các dòng phải tăng dần", row.Num, last)
		}
		last = row.Num
		var err error
		if rf.buf, err = appendRow(rf.buf, row.Num, row.Height, row.Cells, st.id, rf.mark); err != nil {
			return rf, st, fmt.Errorf("dòng %d: %w", row.Num, err)
		}
		rf.flushIfLarge()
	}
	return rf, st, nil
}

// placeholder is the text of sheet index's placeholder row.
func placeholder(index int) string { return placeholderPrefix + strconv.Itoa(index) + "." }

const placeholderPrefix = "ntm-rows-"

// printSetup: A4 landscape, one page wide, the header rows on every
// page, "Trang n/m" at the foot.
func (r *renderer) printSetup(index int, sh *report.Sheet) error {
	f, name := r.f, sh.Name
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Top: ptr(0.6), Bottom: ptr(0.6), Left: ptr(0.4), Right: ptr(0.4), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	header := ""
	if sh.PageHeader != "" {
		header = `&R&"` + fontName + `,Italic"&9` + headerText(sh.PageHeader, 200)
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: header,
		OddFooter: `&C&"` + fontName + `,Regular"&10Trang &P/&N`,
	}); err != nil {
		return err
	}
	if sh.PrintTitles[0] > 0 {
		to := max(sh.PrintTitles[1], sh.PrintTitles[0])
		r.titles = append(r.titles, printTitle{sheet: name, index: index,
			ref: fmt.Sprintf("%s!$%d:$%d", report.QuoteSheet(name), sh.PrintTitles[0], to)})
	}
	return nil
}

// headerText escapes the ampersands of a page header's text and keeps it
// within n characters (the header holds 255 with its codes).
func headerText(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

func (r *renderer) chart(sheet string, c report.SheetChart) error {
	q := report.QuoteSheet(sheet)
	ch := &excelize.Chart{
		Type:      excelize.Col,
		Dimension: excelize.ChartDimension{Width: uint(max(c.Width, 200)), Height: uint(max(c.Height, 150))},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title, Font: &excelize.Font{Family: fontName, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Format:    excelize.GraphicOptions{Positioning: "absolute", AltText: c.Title},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Family: fontName, Size: 9, Color: "000000"},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.ValueAxis, Font: &excelize.Font{Family: fontName, Size: 10}}}}},
		XAxis: excelize.ChartAxis{Font: excelize.Font{Family: fontName, Size: 9, Color: "000000"}},
	}
	zero := 0.0
	ch.YAxis.Minimum = &zero
	if c.ValueStep > 0 {
		ch.YAxis.MajorUnit = c.ValueStep
	}
	if c.ValueMax > 0 {
		top := c.ValueMax
		ch.YAxis.Maximum = &top
	}
	switch c.Type {
	case report.ChartBars:
		ch.Type = excelize.Bar
		ch.XAxis.ReverseOrder = true // the first commune on top
	case report.ChartLines:
		ch.Type = excelize.Line
	}
	for _, s := range c.Series {
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       q + "!" + s.Name.Abs(),
			Categories: q + "!" + c.Categories.Abs(),
			Values:     q + "!" + s.Values.Abs(),
		})
	}
	if len(ch.Series) == 0 {
		return nil
	}
	return r.f.AddChart(sheet, c.At.A1(), ch)
}

func ptr[T any](v T) *T { return &v }
