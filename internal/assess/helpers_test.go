package assess

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/xuri/excelize/v2"
)

// testCatalogue is a small catalogue built here so that the tests do not
// depend on the criteria package's data files.
func testCatalogue() *criteria.Catalogue {
	ind := func(id string, crit int, kind criteria.Kind) *criteria.Indicator {
		return &criteria.Indicator{ID: id, Criterion: crit, Kind: kind, Text: "chỉ tiêu " + id}
	}
	mk := func(id string, from, to int) *criteria.Set {
		return &criteria.Set{ID: id, Name: "Bộ " + id, Level: "ntm", FromYear: from, ToYear: to,
			Criteria: []*criteria.Criterion{
				{Number: 1, Name: "Quy hoạch", Indicators: []*criteria.Indicator{ind("1.1", 1, criteria.KindBool), ind("1.2", 1, criteria.KindBool)}},
				{Number: 2, Name: "Giao thông", Indicators: []*criteria.Indicator{ind("2.1", 2, criteria.KindBool), ind("2.2", 2, criteria.KindPercent)}},
				{Number: 5, Name: "Trường học", Indicators: []*criteria.Indicator{ind("5", 5, criteria.KindBool)}},
				{Number: 10, Name: "Thu nhập", Indicators: []*criteria.Indicator{ind("10", 10, criteria.KindMoney)}},
				{Number: 17, Name: "Môi trường", Indicators: []*criteria.Indicator{ind("17.1", 17, criteria.KindZero), ind("17.10", 17, criteria.KindPercent)}},
			}}
	}
	adv := mk("nc-2021", 2021, 2025)
	adv.Level = "nang-cao"
	return &criteria.Catalogue{Sets: []*criteria.Set{adv, mk("test-2016", 2016, 2020), mk("test-2021", 2021, 2025)}}
}

const (
	testFile  = "input/assessments/2021-H1/gio-mai.xlsx"
	formSheet = "Tự đánh giá"
)

// Row numbers of the canonical form.
const (
	rowHeader = 11
	row11     = 13 // 1.1
	row12     = 14 // 1.2
	row21     = 16 // 2.1
	row22     = 17 // 2.2
	row5      = 18 // 5
	row10     = 19 // 10
	row171    = 20 + 1
	row1710   = 22
	rowFooter = 23
)

var headerLabels = []any{"TT", "Tên tiêu chí", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu theo vùng",
	"Kết quả kỳ trước", "Kết quả kỳ này", "Tự đánh giá", "Ghi chú, minh chứng"}

// canonical writes the form as `ntm init` does, filled in by the commune.
func canonical(f *excelize.File, sheet string) {
	must(f.SetCellValue(sheet, "A1", "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI"))
	must(f.MergeCell(sheet, "A1", "I1"))
	top := [][2]string{{"Xã:", "Gio Mai"}, {"Huyện:", "Gio Linh"}, {"Kỳ đánh giá:", "2021-H1"},
		{"Bộ tiêu chí:", "test-2021"}, {"Vùng:", "BTB - Bắc Trung Bộ"}, {"Người lập:", "Nguyễn Văn An"}, {"Ngày lập:", "15/06/2021"}}
	for i, kv := range top {
		r := 3 + i
		must(f.SetCellValue(sheet, fmt.Sprintf("A%d", r), kv[0]))
		must(f.SetCellValue(sheet, fmt.Sprintf("C%d", r), kv[1]))
		must(f.MergeCell(sheet, fmt.Sprintf("C%d", r), fmt.Sprintf("E%d", r)))
	}
	setRow(f, sheet, rowHeader, headerLabels...)
	setRow(f, sheet, 12, "1", "Quy hoạch")
	setRow(f, sheet, row11, "1.1", "", "Có quy hoạch chung", "", "Đạt", "Đạt", "Đạt", "Đạt", "QĐ 12/QĐ-UBND")
	setRow(f, sheet, row12, "1.2", "", "Ban hành quy định quản lý", "", "Đạt", "Chưa đạt", "Chưa đạt", "Chưa đạt", "")
	setRow(f, sheet, 15, "2", "Giao thông")
	setRow(f, sheet, row21, "2.1", "", "Đường xã", "", "Đạt", "", "Đạt")
	setRow(f, sheet, row22, "2.2", "", "Đường thôn cứng hóa", "%", "≥70%", "80", 85.5, "Đạt")
	setRow(f, sheet, row5, "5", "Trường học", "Trường học đạt chuẩn", "", "Đạt", "", "Đạt", "Đạt")
	setRow(f, sheet, row10, "10", "Thu nhập", "Thu nhập bình quân", "triệu đồng/người/năm", "≥36", "", 36.5, "Đạt")
	setRow(f, sheet, 20, "17", "Môi trường")
	setRow(f, sheet, row171, "17.1", "", "Cơ sở gây ô nhiễm", "", "Không", "", "Không", "Đạt")
	setRow(f, sheet, row1710, "17.10", "", "Tỷ lệ chất thải được xử lý", "%", "≥90%", "", 95, "Đạt")
	must(f.SetCellValue(sheet, fmt.Sprintf("A%d", rowFooter), "Tổng số tiêu chí đạt:"))
	must(f.SetCellFormula(sheet, fmt.Sprintf("H%d", rowFooter), fmt.Sprintf(`COUNTIF(H12:H%d,"Đạt")`, rowFooter-1)))
}

func setRow(f *excelize.File, sheet string, r int, vals ...any) {
	cell, _ := excelize.CoordinatesToCellName(1, r)
	must(f.SetSheetRow(sheet, cell, &vals))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// newBook returns a workbook whose first sheet is named sheet.
func newBook(sheet string) *excelize.File {
	f := excelize.NewFile()
	must(f.SetSheetName("Sheet1", sheet))
	return f
}

// canonicalWith builds the canonical form, then applies edit.
func canonicalWith(edit func(f *excelize.File, sh string)) func() []byte {
	return func() []byte {
		f := newBook(formSheet)
		canonical(f, formSheet)
		if edit != nil {
			edit(f, formSheet)
		}
		return save(f)
	}
}

func save(f *excelize.File) []byte {
	var buf bytes.Buffer
	must(f.Write(&buf))
	must(f.Close())
	return buf.Bytes()
}

func setFont(f *excelize.File, sheet, cell, family string) {
	id, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: family, Size: 12}})
	must(err)
	must(f.SetCellStyle(sheet, cell, cell, id))
}

func setNumFmt(f *excelize.File, sheet, cell string, numFmt int, custom string) {
	st := &excelize.Style{NumFmt: numFmt}
	if custom != "" {
		st.CustomNumFmt = &custom
	}
	id, err := f.NewStyle(st)
	must(err)
	must(f.SetCellStyle(sheet, cell, cell, id))
}

// patchZip rewrites the members of an xlsx whose name has the given
// suffix (to put cached values on formulas, as Excel does).
func patchZip(data []byte, suffix string, edit func(string) string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(err)
		b, err := io.ReadAll(rc)
		must(err)
		rc.Close()
		if strings.HasSuffix(zf.Name, suffix) {
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(zf.Name)
		must(err)
		_, err = w.Write(b)
		must(err)
	}
	must(zw.Close())
	return out.Bytes()
}

// messages renders the problems as the clerk reads them, sorted.
func messages(l diag.List) []string {
	l.Sort()
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

// valueMap indexes an assessment's values by indicator ID.
func valueMap(a *Assessment) map[string]Value {
	m := map[string]Value{}
	if a == nil {
		return m
	}
	for _, v := range a.Values {
		m[v.IndicatorID] = v
	}
	return m
}

func ptr(b bool) *bool { return &b }

// wantVal is an expected indicator value.
type wantVal struct {
	num  float64
	has  bool
	self *bool
	raw  string // checked when not empty
	cell string // checked when not empty
}

func checkValues(t *testing.T, a *Assessment, want map[string]wantVal) {
	t.Helper()
	got := valueMap(a)
	for id, w := range want {
		v, ok := got[id]
		if !ok {
			t.Errorf("indicator %s: no value read", id)
			continue
		}
		if v.Num != w.num || v.Has != w.has {
			t.Errorf("indicator %s: Num, Has = %v, %v; want %v, %v (raw %q)", id, v.Num, v.Has, w.num, w.has, v.Raw)
		}
		if (v.Self == nil) != (w.self == nil) || (v.Self != nil && *v.Self != *w.self) {
			t.Errorf("indicator %s: Self = %v (raw %q), want %v", id, fmtBool(v.Self), v.SelfRaw, fmtBool(w.self))
		}
		if w.raw != "" && v.Raw != w.raw {
			t.Errorf("indicator %s: Raw = %q, want %q", id, v.Raw, w.raw)
		}
		if w.cell != "" && v.Cell.String() != w.cell {
			t.Errorf("indicator %s: Pos.Cell = %q, want %q", id, v.Cell.String(), w.cell)
		}
	}
}

func fmtBool(b *bool) string {
	if b == nil {
		return "nil"
	}
	return fmt.Sprint(*b)
}

// canonicalValues are the values of the canonical form.
var canonicalValues = map[string]wantVal{
	"1.1":   {num: 1, has: true, self: ptr(true), raw: "Đạt", cell: "G13"},
	"1.2":   {num: 0, has: true, self: ptr(false)},
	"2.1":   {num: 1, has: true, self: nil},
	"2.2":   {num: 85.5, has: true, self: ptr(true), raw: "85.5", cell: "G17"},
	"5":     {num: 1, has: true, self: ptr(true)},
	"10":    {num: 36.5, has: true, self: ptr(true)},
	"17.1":  {num: 0, has: true, self: ptr(true)},
	"17.10": {num: 95, has: true, self: ptr(true)},
}
