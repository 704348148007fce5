package assess

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// P is the prefix of a problem in the canonical form's sheet.
const P = testFile + "!" + formSheet + "!"

func errAt(cell, msg string) string  { return P + cell + ": lỗi: " + msg }
func warnAt(cell, msg string) string { return P + cell + ": cảnh báo: " + msg }
func errSheet(msg string) string     { return testFile + "!" + formSheet + ": lỗi: " + msg }
func warnSheet(msg string) string    { return testFile + "!" + formSheet + ": cảnh báo: " + msg }
func errFile(name, msg string) string {
	return name + ": lỗi: " + msg
}

func nfd(s string) string { return norm.NFD.String(s) }

// set writes v into cells of the canonical sheet.
func set(cells map[string]any) func(f *excelize.File, sh string) {
	return func(f *excelize.File, sh string) {
		for c, v := range cells {
			must(f.SetCellValue(sh, c, v))
		}
	}
}

func chain(edits ...func(f *excelize.File, sh string)) func(f *excelize.File, sh string) {
	return func(f *excelize.File, sh string) {
		for _, e := range edits {
			e(f, sh)
		}
	}
}

// withValues returns the canonical values with some replaced.
func withValues(over map[string]wantVal) map[string]wantVal {
	out := map[string]wantVal{}
	for k, v := range canonicalValues {
		v.cell, v.raw = "", ""
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// custom writes a form with its own layout: labels in labelCol/valueCol
// from row labelRow every labelStep rows, the table header at headerRow
// using cols (column letters per key, "" = absent) and the canonical body,
// one indicator every bodyStep rows.
type custom struct {
	labelCol, valueCol  string
	labelRow, labelStep int
	headerRow           int
	cols                [nCols]string
	labels              [nCols]string
	bodyStep            int
}

var canonicalBody = [][nCols]any{
	{"1", "Quy hoạch"},
	{"1.1", "", "Có quy hoạch chung", "", "Đạt", "Đạt", "Đạt", "Đạt", "QĐ 12/QĐ-UBND"},
	{"1.2", "", "Ban hành quy định", "", "Đạt", "Chưa đạt", "Chưa đạt", "Chưa đạt"},
	{"2", "Giao thông"},
	{"2.1", "", "Đường xã", "", "Đạt", "", "Đạt"},
	{"2.2", "", "Đường thôn", "%", "≥70%", "80", 85.5, "Đạt"},
	{"5", "Trường học", "Trường học đạt chuẩn", "", "Đạt", "", "Đạt", "Đạt"},
	{"10", "Thu nhập", "Thu nhập bình quân", "triệu đồng", "≥36", "", 36.5, "Đạt"},
	{"17", "Môi trường"},
	{"17.1", "", "Cơ sở gây ô nhiễm", "", "Không", "", "Không", "Đạt"},
	{"17.10", "", "Chất thải được xử lý", "%", "≥90%", "", 95, "Đạt"},
}

func (c custom) build(f *excelize.File, sh string) {
	top := [][2]string{{"Xã:", "Gio Mai"}, {"Huyện:", "Gio Linh"}, {"Kỳ đánh giá:", "2021-H1"}, {"Bộ tiêu chí:", "test-2021"}}
	for i, kv := range top {
		r := c.labelRow + i*c.labelStep
		must(f.SetCellValue(sh, fmt.Sprintf("%s%d", c.labelCol, r), kv[0]))
		must(f.SetCellValue(sh, fmt.Sprintf("%s%d", c.valueCol, r), kv[1]))
	}
	for k, col := range c.cols {
		if col != "" {
			must(f.SetCellValue(sh, fmt.Sprintf("%s%d", col, c.headerRow), c.labels[k]))
		}
	}
	for i, row := range canonicalBody {
		r := c.headerRow + 1 + i*c.bodyStep
		for k, v := range row {
			if c.cols[k] != "" && v != nil && v != "" {
				must(f.SetCellValue(sh, fmt.Sprintf("%s%d", c.cols[k], r), v))
			}
		}
	}
}

// zipOf builds a zip archive of the given members.
func zipOf(files ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, _ := zw.Create(files[i])
		w.Write([]byte(files[i+1]))
	}
	must(zw.Close())
	return buf.Bytes()
}

// setCached puts a formula with a cached value on a cell, as Excel saves it.
func setCached(cell, formula, typ, value string) func([]byte) []byte {
	return func(data []byte) []byte {
		return patchZip(data, "sheet1.xml", func(x string) string {
			start := strings.Index(x, `<c r="`+cell+`"`)
			if start < 0 {
				panic("no cell " + cell)
			}
			end := strings.Index(x[start:], "</c>")
			selfClose := strings.Index(x[start:], "/>")
			if end < 0 || (selfClose >= 0 && selfClose < end && !strings.Contains(x[start:start+selfClose], ">")) {
				end = selfClose + 2
			} else {
				end += 4
			}
			t := ""
			if typ != "" {
				t = ` t="` + typ + `"`
			}
			v := ""
			if value != "" {
				v = "<v>" + value + "</v>"
			}
			repl := `<c r="` + cell + `"` + t + `><f>` + formula + `</f>` + v + `</c>`
			return x[:start] + repl + x[start+end:]
		})
	}
}

type readCase struct {
	name    string
	file    string                        // display name; testFile when empty
	build   func() []byte                 // the workbook's bytes
	patch   func([]byte) []byte           // optional rewrite of the bytes
	wantNil bool                          // Read returns no assessment
	want    []string                      // exact problems, sorted
	values  map[string]wantVal            // expected values (subset)
	check   func(*testing.T, *Assessment) // further checks
}

func readCases() []readCase {
	legacyFont := func(cell, family string, v any) func(f *excelize.File, sh string) {
		return func(f *excelize.File, sh string) {
			must(f.SetCellValue(sh, cell, v))
			setFont(f, sh, cell, family)
		}
	}
	return []readCase{
		{
			name:   "canonical form",
			build:  canonicalWith(nil),
			values: canonicalValues,
			check: func(t *testing.T, a *Assessment) {
				got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", a.Sheet, a.Commune, a.District, a.Period, a.SetID, a.Region, a.FilledBy, a.FilledOn, a.CommunePos, a.PeriodPos)
				want := formSheet + "|Gio Mai|Gio Linh|2021-H1|test-2021|BTB|Nguyễn Văn An|15/06/2021|" + P + "C3|" + P + "C5"
				if got != want {
					t.Errorf("header fields:\n got %s\nwant %s", got, want)
				}
				var ids []string
				for _, v := range a.Values {
					ids = append(ids, v.IndicatorID)
				}
				if strings.Join(ids, " ") != "1.1 1.2 2.1 2.2 5 10 17.1 17.10" {
					t.Errorf("order = %v", ids)
				}
				m := valueMap(a)
				if v := m["1.1"]; v.Prev != "Đạt" || v.Note != "QĐ 12/QĐ-UBND" || v.SelfCell.String() != "H13" {
					t.Errorf("1.1 = %+v", v)
				}
			},
		},
		{
			name: "form on the second of several sheets",
			build: func() []byte {
				f := newBook("Hướng dẫn")
				must(f.SetCellValue("Hướng dẫn", "A1", "Điền cột Kết quả kỳ này, TT theo bộ tiêu chí"))
				_, err := f.NewSheet("Biểu")
				must(err)
				canonical(f, "Biểu")
				_, err = f.NewSheet("Danh mục")
				must(err)
				must(f.SetCellValue("Danh mục", "A1", "Đạt"))
				return save(f)
			},
			values: canonicalValues,
			check: func(t *testing.T, a *Assessment) {
				if a.Sheet != "Biểu" || a.Pos(a.Values[0].Cell).String() != testFile+"!Biểu!G13" {
					t.Errorf("sheet = %q, pos = %s", a.Sheet, a.Pos(a.Values[0].Cell))
				}
			},
		},
		{
			name: "offset table, blank rows and columns, synonyms",
			build: func() []byte {
				f := newBook("Sheet1")
				custom{labelCol: "B", valueCol: "E", labelRow: 4, labelStep: 2, headerRow: 20, bodyStep: 2,
					cols:   [nCols]string{"C", "E", "F", "H", "I", "J", "L", "M", "N"},
					labels: [nCols]string{"STT", "Tiêu chí", "Nội dung", "ĐVT", "Chỉ tiêu", "Kỳ trước", "Kết quả thực hiện", "Đánh giá", "Ghi chú"},
				}.build(f, "Sheet1")
				return save(f)
			},
			values: map[string]wantVal{
				"1.1":   {num: 1, has: true, self: ptr(true), cell: "L23"},
				"2.2":   {num: 85.5, has: true, self: ptr(true), cell: "L31"},
				"17.10": {num: 95, has: true, self: ptr(true), cell: "L41"},
			},
		},
		{
			name: "header labels in other case, NFD, extra spaces and new lines",
			build: canonicalWith(func(f *excelize.File, sh string) {
				setRow(f, sh, rowHeader, "  stt ", nfd("Tên tiêu chí"), "NỘI DUNG CHỈ TIÊU", "Đơn vị tính", "Chỉ tiêu đạt chuẩn",
					"Kết quả\nkỳ trước", nfd("KẾT QUẢ   kỳ\nnày"), "Tự đánh giá\n(Đạt/Chưa đạt)", "Ghi chú")
			}),
			values: canonicalValues,
		},
		{
			name: "two-row header under a merged Kết quả",
			build: canonicalWith(func(f *excelize.File, sh string) {
				setRow(f, sh, 10, "TT", "Tên tiêu chí", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu theo vùng", "Kết quả thực hiện", nil, "Tự đánh giá", "Ghi chú")
				setRow(f, sh, 11, nil, nil, nil, nil, nil, "Kỳ trước", "Kỳ này")
				for _, c := range []string{"A", "B", "C", "D", "E", "H", "I"} {
					must(f.MergeCell(sh, c+"10", c+"11"))
				}
				must(f.MergeCell(sh, "F10", "G10"))
			}),
			values: canonicalValues,
			check: func(t *testing.T, a *Assessment) {
				if v := valueMap(a)["2.2"]; v.Prev != "80" {
					t.Errorf("2.2 Prev = %q, want 80", v.Prev)
				}
			},
		},
		{
			name: "merged label, merged TT over two rows, merged result",
			build: canonicalWith(func(f *excelize.File, sh string) {
				must(f.MergeCell(sh, "A3", "B3"))
				must(f.InsertRows(sh, row22+1, 1))
				must(f.SetCellValue(sh, fmt.Sprintf("C%d", row22+1), "(tiếp theo)"))
				for _, c := range []string{"A", "G", "H"} {
					must(f.MergeCell(sh, fmt.Sprintf("%s%d", c, row22), fmt.Sprintf("%s%d", c, row22+1)))
				}
			}),
			values: withValues(map[string]wantVal{
				"2.2": {num: 85.5, has: true, self: ptr(true), cell: "G17"},
				"5":   {num: 1, has: true, self: ptr(true), cell: "G19"},
			}),
			check: func(t *testing.T, a *Assessment) {
				if a.Commune != "Gio Mai" {
					t.Errorf("Commune = %q", a.Commune)
				}
			},
		},
		{
			name: "numbers stored as text with decimal comma, percent sign and unit",
			build: canonicalWith(set(map[string]any{
				"G17": "85,5", "G19": "36,5 triệu", "G22": "95 %",
			})),
			values: withValues(map[string]wantVal{
				"2.2":   {num: 85.5, has: true, self: ptr(true), raw: "85,5"},
				"10":    {num: 36.5, has: true, self: ptr(true), raw: "36,5 triệu"},
				"17.10": {num: 95, has: true, self: ptr(true)},
			}),
		},
		{
			name: "numbers stored as text with point, grouping and percent",
			build: canonicalWith(set(map[string]any{
				"G17": "85,5%", "G19": "1.234,5", "G22": "90.25%",
			})),
			values: withValues(map[string]wantVal{
				"2.2":   {num: 85.5, has: true, self: ptr(true)},
				"10":    {num: 1234.5, has: true, self: ptr(true)},
				"17.10": {num: 90.25, has: true, self: ptr(true)},
			}),
		},
		{
			name: "percent-formatted cells hold fractions; float artefacts rounded",
			build: canonicalWith(func(f *excelize.File, sh string) {
				must(f.SetCellValue(sh, "G17", 0.855))
				setNumFmt(f, sh, "G17", 10, "")
				must(f.SetCellValue(sh, "G22", 0.1+0.7)) // 0.7999999999999999
				setNumFmt(f, sh, "G22", 0, "0.0%")
				must(f.SetCellValue(sh, "G19", 36.500000000000014))
			}),
			values: withValues(map[string]wantVal{
				"2.2":   {num: 85.5, has: true, self: ptr(true), raw: "85.5%"},
				"17.10": {num: 80, has: true, self: ptr(true), raw: "80%"},
				"10":    {num: 36.5, has: true, self: ptr(true)},
			}),
		},
		{
			name: "verdict words",
			build: canonicalWith(set(map[string]any{
				"H13": "đạt", "H14": "chua dat", "H16": "x", "H17": "✓", "H18": "DAT", "H19": "Không đạt", "H21": "CĐ", "H22": "-",
			})),
			values: withValues(map[string]wantVal{
				"1.1": {num: 1, has: true, self: ptr(true)}, "1.2": {num: 0, has: true, self: ptr(false)},
				"2.1": {num: 1, has: true, self: ptr(true)}, "2.2": {num: 85.5, has: true, self: ptr(true)},
				"5": {num: 1, has: true, self: ptr(true)}, "10": {num: 36.5, has: true, self: ptr(false)},
				"17.1": {num: 0, has: true, self: ptr(false)}, "17.10": {num: 95, has: true, self: ptr(false)},
			}),
		},
		{
			name:  "verdict not understood",
			build: canonicalWith(set(map[string]any{"H13": "ok", "H17": "Dat chuan", "H18": "Dat"})),
			want: []string{
				errAt("H13", `tự đánh giá "ok" không hợp lệ (chỉ tiêu 1.1, cần “Đạt” hoặc “Chưa đạt”, hoặc để trống)`),
			},
			values: withValues(map[string]wantVal{
				"1.1": {num: 1, has: true, self: nil},
				"2.2": {num: 85.5, has: true, self: ptr(true)},
				"5":   {num: 1, has: true, self: ptr(true)},
			}),
		},
		{
			name: "bool and zero results in words",
			build: canonicalWith(set(map[string]any{
				"G13": "Dat", "G14": "không đạt", "G16": "X", "G18": "✓", "G21": "không có", "G17": 70,
			})),
			values: withValues(map[string]wantVal{
				"1.1": {num: 1, has: true, self: ptr(true)}, "1.2": {num: 0, has: true, self: ptr(false)},
				"2.1": {num: 1, has: true}, "5": {num: 1, has: true, self: ptr(true)},
				"17.1": {num: 0, has: true, self: ptr(true)}, "2.2": {num: 70, has: true, self: ptr(true)},
			}),
		},
		{
			name:  "zero indicator as a count",
			build: canonicalWith(set(map[string]any{"G21": "0", "G13": "CHƯA ĐẠT"})),
			values: withValues(map[string]wantVal{
				"17.1": {num: 0, has: true, self: ptr(true)},
				"1.1":  {num: 0, has: true, self: ptr(true)},
			}),
		},
		{
			name: "decomposed (NFD) Vietnamese",
			build: canonicalWith(set(map[string]any{
				"C3": nfd("Hải Thái"), "C4": nfd("huyện Gio Linh"), "G13": nfd("Đạt"), "H14": nfd("Chưa đạt"), "I13": nfd("Quyết định"),
			})),
			values: withValues(map[string]wantVal{"1.1": {num: 1, has: true, self: ptr(true), raw: "Đạt"}}),
			check: func(t *testing.T, a *Assessment) {
				if a.Commune != "Hải Thái" || a.District != "Gio Linh" || valueMap(a)["1.1"].Note != "Quyết định" || valueMap(a)["1.2"].SelfRaw != "Chưa đạt" {
					t.Errorf("Commune %q District %q Note %q", a.Commune, a.District, valueMap(a)["1.1"].Note)
				}
			},
		},
		{
			name: "TCVN3 text in .VnTime cells",
			build: canonicalWith(chain(
				legacyFont("C3", ".VnTime", "H¶i Th¸i"), legacyFont("G13", ".VnTime", "§¹t"),
				legacyFont("H14", ".VnTime", "Ch\u00ada ®¹t"), legacyFont("I13", ".VnTime", "Cã"),
			)),
			values: withValues(map[string]wantVal{"1.1": {num: 1, has: true, self: ptr(true), raw: "Đạt"}}),
			check: func(t *testing.T, a *Assessment) {
				m := valueMap(a)
				if a.Commune != "Hải Thái" || m["1.2"].SelfRaw != "Chưa đạt" || m["1.1"].Note != "Có" {
					t.Errorf("Commune %q, 1.2 self %q, 1.1 note %q", a.Commune, m["1.2"].SelfRaw, m["1.1"].Note)
				}
			},
		},
		{
			name: "VNI text in VNI-Times cells",
			build: canonicalWith(chain(
				legacyFont("C3", "VNI-Times", "Haûi Thaùi"), legacyFont("G13", "VNI-Times", "Ñaït"),
				legacyFont("H14", "VNI-Times", "Chöa ñaït"), legacyFont("I13", "VNI-Times", "Coù"),
			)),
			values: withValues(map[string]wantVal{"1.1": {num: 1, has: true, self: ptr(true), raw: "Đạt"}}),
			check: func(t *testing.T, a *Assessment) {
				m := valueMap(a)
				if a.Commune != "Hải Thái" || m["1.2"].SelfRaw != "Chưa đạt" || m["1.1"].Note != "Có" {
					t.Errorf("Commune %q, 1.2 self %q, 1.1 note %q", a.Commune, m["1.2"].SelfRaw, m["1.1"].Note)
				}
			},
		},
		{
			name:   "TCVN3 and VNI recognised without font, TCVN3 capitals font",
			build:  canonicalWith(chain(set(map[string]any{"C3": "H¶i Th¸i", "H13": "§¹t", "H14": "Chöa ñaït"}), legacyFont("H16", ".VnTimeH", "§¹t"))),
			values: withValues(map[string]wantVal{"1.1": {num: 1, has: true, self: ptr(true)}, "1.2": {num: 0, has: true, self: ptr(false)}, "2.1": {num: 1, has: true, self: ptr(true)}}),
			check: func(t *testing.T, a *Assessment) {
				if a.Commune != "Hải Thái" || valueMap(a)["2.1"].SelfRaw != "ĐẠT" {
					t.Errorf("Commune %q, 2.1 self %q", a.Commune, valueMap(a)["2.1"].SelfRaw)
				}
			},
		},
		{
			name:  "legacy text that cannot be decided is refused",
			build: canonicalWith(set(map[string]any{"H13": "Ö", "I14": "¿¿¿"})),
			want: []string{
				errAt("H13", `không đọc được chữ trong ô: chữ có vẻ được gõ bằng bảng mã cũ nhưng không xác định được là TCVN3 hay VNI (TCVN3 đọc thành "ệ", VNI đọc thành "Ư"); hãy chuyển bảng mã sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại (tự đánh giá chỉ tiêu 1.1)`),
				errAt("I14", `không đọc được chữ trong ô: chữ có vẻ được gõ bằng bảng mã cũ (TCVN3 hoặc VNI) nhưng không đọc được; hãy chuyển bảng mã sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại (ghi chú chỉ tiêu 1.2)`),
			},
		},
		{
			name:  "formulas with cached values",
			build: canonicalWith(set(map[string]any{"G17": 0, "G13": 0})),
			patch: func(b []byte) []byte {
				return setCached("G13", `IF(F13="Đạt","Đạt","Chưa đạt")`, "str", "Đạt")(setCached("G17", "80+5.5", "", "85.5")(b))
			},
			values: canonicalValues,
		},
		{
			name:  "formula without cached value",
			build: canonicalWith(set(map[string]any{"G17": 0, "H18": 0})),
			patch: func(b []byte) []byte {
				return setCached("H18", `IF(G18="Đạt","Đạt","")`, "str", "")(setCached("G17", "F17+5.5", "", "")(b))
			},
			want: []string{
				errAt("G17", "công thức “=F17+5.5” chưa có giá trị đã tính; mở tệp bằng Excel, lưu lại rồi gửi lại (chỉ tiêu 2.2)"),
				errAt("H18", "công thức “=IF(G18=\"Đạt\",\"Đạt\",\"\")” chưa có giá trị đã tính; mở tệp bằng Excel, lưu lại rồi gửi lại (tự đánh giá chỉ tiêu 5)"),
			},
		},
		{
			name:  "formula error value",
			build: canonicalWith(set(map[string]any{"G17": 0})),
			patch: setCached("G17", "F17/0", "e", "#DIV/0!"),
			want:  []string{errAt("G17", `ô có lỗi công thức "#DIV/0!" (chỉ tiêu 2.2, cần tỷ lệ % từ 0 đến 100)`)},
		},
		{
			name:    ".xls refused",
			file:    "input/assessments/2021-H1/hai-thai.xls",
			build:   func() []byte { return []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0} },
			wantNil: true,
			want:    []string{errFile("input/assessments/2021-H1/hai-thai.xls", msgXLS)},
		},
		{
			name:    ".ods refused",
			file:    "input/assessments/2021-H1/hai-thai.ods",
			build:   func() []byte { return zipOf("mimetype", "application/vnd.oasis.opendocument.spreadsheet") },
			wantNil: true,
			want:    []string{errFile("input/assessments/2021-H1/hai-thai.ods", msgODS)},
		},
		{
			name: "ods renamed .xlsx refused",
			build: func() []byte {
				return zipOf("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>")
			},
			wantNil: true,
			want:    []string{errFile(testFile, msgODS)},
		},
		{
			name:    "xls renamed .xlsx refused",
			build:   func() []byte { return []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0} },
			wantNil: true,
			want:    []string{errFile(testFile, msgOLE)},
		},
		{
			name:    "not a zip at all",
			build:   func() []byte { return []byte("Xã: Gio Mai\nKỳ đánh giá: 2021-H1\n") },
			wantNil: true,
			want:    []string{errFile(testFile, "tệp không phải là bảng tính Excel .xlsx (có thể tệp bị hỏng, bị đổi đuôi hoặc là tệp khác): mở bằng Excel, lưu thành .xlsx rồi gửi lại")},
		},
		{
			name:    "zip without a workbook",
			build:   func() []byte { return zipOf("readme.txt", "hello") },
			wantNil: true,
			want:    []string{errFile(testFile, "tệp là tệp nén zip nhưng không phải bảng tính Excel .xlsx (không có trang tính nào): mở bằng Excel, lưu thành .xlsx rồi gửi lại")},
		},
		{
			name:    "broken zip",
			build:   func() []byte { return []byte("PK\x03\x04garbage") },
			wantNil: true,
			want:    []string{errFile(testFile, "tệp .xlsx bị hỏng, không mở được (chi tiết: zip: not a valid zip file): mở bằng Excel, lưu lại thành .xlsx rồi gửi lại")},
		},
		{
			name: "no assessment table",
			build: func() []byte {
				f := newBook("Sheet1")
				must(f.SetCellValue("Sheet1", "A1", "Báo cáo"))
				return save(f)
			},
			wantNil: true,
			want:    []string{errFile(testFile, "không tìm thấy bảng chỉ tiêu: cần một dòng tiêu đề có cột “TT” (hoặc “Mã chỉ tiêu”, “Nội dung chỉ tiêu”) và cột “Kết quả kỳ này” (hoặc “Kết quả thực hiện”) (đã tìm trong 1 trang: Sheet1)")},
		},
		{
			name:  "indicator not in the set, duplicate and missing rows",
			build: canonicalWith(set(map[string]any{"A20": "17.9", "A14": "1.1", "A18": "Ghi chú"})),
			want: []string{
				errSheet("thiếu dòng của 2 chỉ tiêu thuộc bộ tiêu chí test-2021: 1.2, 5"),
				errAt("A14", "chỉ tiêu 1.1 bị lặp: đã có ở dòng 13; mỗi chỉ tiêu chỉ ghi một dòng"),
				warnAt("A20", `mã chỉ tiêu "17.9" không có trong bộ tiêu chí test-2021; dòng này bị bỏ qua`),
			},
		},
		{
			name:  "values of the wrong kind",
			build: canonicalWith(set(map[string]any{"G17": "abc", "G19": "nhiều", "G13": "có lẽ", "G21": "1,5", "G22": "95%%"})),
			want: []string{
				errAt("G17", `giá trị "abc" không phải là số (chỉ tiêu 2.2, cần tỷ lệ % từ 0 đến 100)`),
				errAt("G19", `giá trị "nhiều" không phải là số (chỉ tiêu 10, cần thu nhập bình quân, số triệu đồng/người/năm, không âm)`),
				errAt("G21", `giá trị "1,5" không phải là số nguyên (chỉ tiêu 17.1, cần số trường hợp, 0 hoặc “Không”)`),
				errAt("G22", `giá trị "95%%" không phải là số (chỉ tiêu 17.10, cần tỷ lệ % từ 0 đến 100)`),
			},
			values: map[string]wantVal{"2.2": {has: false, self: ptr(true), raw: "abc"}},
			check: func(t *testing.T, a *Assessment) {
				// A yes/no indicator whose result is no answer: the verdict is used.
				if v := valueMap(a)["1.1"]; !v.FromVerdict || !v.Has || v.Num != 1 || v.Raw != "có lẽ" {
					t.Errorf("1.1 = %+v, want the verdict Đạt, FromVerdict", v)
				}
			},
		},
		{
			name:  "values out of range",
			build: canonicalWith(set(map[string]any{"G17": 120, "G22": "-5", "G19": -3, "G21": -1})),
			want: []string{
				errAt("G17", `giá trị "120" lớn hơn 100% (chỉ tiêu 2.2, cần tỷ lệ % từ 0 đến 100)`),
				errAt("G19", `giá trị "-3" là số âm (chỉ tiêu 10, cần thu nhập bình quân, số triệu đồng/người/năm, không âm)`),
				errAt("G21", `giá trị "-1" là số âm (chỉ tiêu 17.1, cần số trường hợp, 0 hoặc “Không”)`),
				errAt("G22", `giá trị "-5" là số âm (chỉ tiêu 17.10, cần tỷ lệ % từ 0 đến 100)`),
			},
		},
		{
			name: "percent-formatted cell above 100%",
			build: canonicalWith(func(f *excelize.File, sh string) {
				must(f.SetCellValue(sh, "G17", 85.5))
				setNumFmt(f, sh, "G17", 9, "")
			}),
			want: []string{errAt("G17", `giá trị "85.5" (ô định dạng phần trăm, tức 8550%) lớn hơn 100% (chỉ tiêu 2.2, cần tỷ lệ % từ 0 đến 100)`)},
		},
		{
			name:  "result given, verdict and result blank",
			build: canonicalWith(set(map[string]any{"H13": "", "G14": "", "H14": ""})),
			values: withValues(map[string]wantVal{
				"1.1": {num: 1, has: true, self: nil},
				"1.2": {num: 0, has: false, self: nil},
			}),
		},
		{
			name:  "missing Xã and Kỳ đánh giá labels: the file name and the period folder decide",
			build: canonicalWith(set(map[string]any{"A3": "", "C3": "", "A5": "", "C5": ""})),
			want: []string{
				warnSheet("biểu không ghi tên xã (ô “Xã:” hoặc “Tên xã:”, dòng “UBND XÃ …” ở đầu biểu, dòng tiêu đề “… xã …”, khối chữ ký “TM. ỦY BAN NHÂN DÂN XÃ …”); xã được xác định theo tên tệp “gio-mai”"),
				warnSheet("biểu không ghi kỳ đánh giá (đã tìm ô “Kỳ đánh giá:” và dòng tiêu đề như “6 tháng đầu năm 2021”); dùng kỳ của thư mục: 2021-H1 (6 tháng đầu năm 2021)"),
			},
			values: canonicalValues,
			check: func(t *testing.T, a *Assessment) {
				c, ok := a.Best(ClueCommune)
				got := fmt.Sprintf("%q %q %v %s %s %s", a.Commune, c.Text, ok, c.Source, a.Period, a.PeriodSource)
				if want := `"" "gio-mai" true filename 2021-H1 folder`; got != want {
					t.Errorf("got %s, want %s", got, want)
				}
			},
		},
		{
			name:  "missing Xã and Kỳ đánh giá labels, no period folder",
			file:  "bieu.xlsx",
			build: canonicalWith(set(map[string]any{"A3": "", "C3": "", "A5": "", "C5": "", "C6": ""})),
			want: []string{
				"bieu.xlsx!" + formSheet + ": cảnh báo: biểu không ghi tên xã (ô “Xã:” hoặc “Tên xã:”, dòng “UBND XÃ …” ở đầu biểu, dòng tiêu đề “… xã …”, khối chữ ký “TM. ỦY BAN NHÂN DÂN XÃ …”); xã được xác định theo tên tệp “bieu”",
				"bieu.xlsx!" + formSheet + ": lỗi: thiếu ô “Kỳ đánh giá:” (kỳ đánh giá, ví dụ 2021-H1) ở phần đầu biểu, phía trên bảng chỉ tiêu",
				"bieu.xlsx!" + formSheet + "!A6: lỗi: không xác định được bộ tiêu chí: cần ô “Bộ tiêu chí:” ghi mã bộ tiêu chí (có: nc-2021, test-2016, test-2021) hoặc ô “Kỳ đánh giá:” hợp lệ",
			},
		},
		{
			name:  "empty Xã value, bad period, unknown region",
			build: canonicalWith(set(map[string]any{"C3": "", "C5": "quý 2/2021", "C7": "Miền Trung"})),
			want: []string{
				warnSheet("biểu không ghi tên xã (ô “Xã:” để trống; đã tìm cả dòng “UBND XÃ …” ở đầu biểu, dòng tiêu đề “… xã …”, khối chữ ký “TM. ỦY BAN NHÂN DÂN XÃ …”); xã được xác định theo tên tệp “gio-mai”"),
				errAt("C5", `kỳ đánh giá "quý 2/2021" không hợp lệ: cần dạng 2021-H1 hoặc 2021-H2, “6 tháng đầu năm 2021”, “6 tháng cuối năm 2021” hoặc “năm 2021”`),
				warnAt("C7", `vùng "Miền Trung" không hợp lệ, bỏ qua: cần mã vùng (TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL) hoặc tên vùng`),
			},
		},
		{
			name:  "label and value in one cell, prefixes, period in words, region by name",
			build: canonicalWith(set(map[string]any{"A3": "Xã: xã Gio Mai", "C3": "", "C4": "Huyện Gio Linh", "C5": "6 tháng cuối năm 2021", "C7": "Bắc Trung Bộ"})),
			check: func(t *testing.T, a *Assessment) {
				got := fmt.Sprintf("%s|%s|%s|%s|%s", a.Commune, a.District, a.Period, a.Region, a.CommunePos)
				if want := "Gio Mai|Gio Linh|2021-H2|BTB|" + P + "A3"; got != want {
					t.Errorf("got %s, want %s", got, want)
				}
			},
			values: canonicalValues,
		},
		{
			name:   "period code with explanation, date cell for Ngày lập",
			build:  canonicalWith(set(map[string]any{"C5": "2021-H1 (6 tháng đầu năm 2021)", "C9": time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC)})),
			values: canonicalValues,
			check: func(t *testing.T, a *Assessment) {
				if a.Period.String() != "2021-H1" || a.FilledOn != "15/06/2021" {
					t.Errorf("Period %s FilledOn %q", a.Period, a.FilledOn)
				}
			},
		},
		{
			name:   "set chosen from the period's year",
			build:  canonicalWith(set(map[string]any{"A6": "", "C6": "", "C5": "năm 2018"})),
			values: canonicalValues,
			check: func(t *testing.T, a *Assessment) {
				if a.SetID != "" || a.Period.String() != "2018-H2" {
					t.Errorf("SetID %q Period %s", a.SetID, a.Period)
				}
			},
		},
		{
			name:  "unknown set",
			build: canonicalWith(set(map[string]any{"C6": "qd999"})),
			want:  []string{errAt("C6", `bộ tiêu chí "qd999" không có trong danh mục (có: nc-2021, test-2016, test-2021)`)},
			check: func(t *testing.T, a *Assessment) {
				if len(a.Values) != 0 {
					t.Errorf("values read without a set: %d", len(a.Values))
				}
			},
		},
		{
			name:  "no set in force for the year",
			build: canonicalWith(set(map[string]any{"A6": "", "C6": "", "C5": "2030-H1"})),
			want:  []string{errAt("C5", "không có bộ tiêu chí xã nông thôn mới nào áp dụng cho năm 2030: ghi mã bộ tiêu chí vào ô “Bộ tiêu chí:” (có: nc-2021, test-2016, test-2021)")},
		},
		{
			name:  "no set and no period",
			file:  "bieu.xlsx",
			build: canonicalWith(set(map[string]any{"C6": "", "C5": ""})),
			want: []string{
				"bieu.xlsx!" + formSheet + "!A5: lỗi: ô “Kỳ đánh giá:” chưa ghi kỳ đánh giá, ví dụ 2021-H1",
				"bieu.xlsx!" + formSheet + "!A6: lỗi: không xác định được bộ tiêu chí: cần ô “Bộ tiêu chí:” ghi mã bộ tiêu chí (có: nc-2021, test-2016, test-2021) hoặc ô “Kỳ đánh giá:” hợp lệ",
			},
		},
		{
			name: "numeric TT cells, 17.10 stored as 17.1, column-number row",
			build: canonicalWith(func(f *excelize.File, sh string) {
				must(f.SetCellValue(sh, "A13", 1.1))
				must(f.SetCellValue(sh, "A21", 17.1))
				must(f.SetCellValue(sh, "A22", 17.10))
				must(f.InsertRows(sh, rowHeader+1, 1))
				setRow(f, sh, rowHeader+1, "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)")
			}),
			values: withValues(map[string]wantVal{
				"1.1":   {num: 1, has: true, self: ptr(true), cell: "G14"},
				"17.10": {num: 95, has: true, self: ptr(true), cell: "G23"},
			}),
		},
	}
}

func TestRead(t *testing.T) {
	cases := readCases()
	if len(cases) < 20 {
		t.Fatalf("only %d cases", len(cases))
	}
	cat := testCatalogue()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.build()
			if tc.patch != nil {
				data = tc.patch(data)
			}
			name := tc.file
			if name == "" {
				name = testFile
			}
			a, probs := Read(name, bytes.NewReader(data), cat)
			if (a == nil) != tc.wantNil {
				t.Fatalf("Read returned assessment %v, want nil %v; problems:\n%s", a != nil, tc.wantNil, strings.Join(messages(probs), "\n"))
			}
			got := messages(probs)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tc.want, "\n      "))
			}
			if a != nil {
				checkValues(t, a, tc.values)
				for _, v := range a.Values {
					if !norm.NFC.IsNormalString(v.Raw) || !norm.NFC.IsNormalString(v.SelfRaw) || !norm.NFC.IsNormalString(v.Note) {
						t.Errorf("value %s not NFC: %q %q %q", v.IndicatorID, v.Raw, v.SelfRaw, v.Note)
					}
				}
			}
			if tc.check != nil && a != nil {
				tc.check(t, a)
			}
		})
	}
}

// The catalogue may be nil or empty: Read reports it, never panics.
func TestReadNilCatalogue(t *testing.T) {
	a, probs := Read(testFile, bytes.NewReader(canonicalWith(nil)()), nil)
	got := messages(probs)
	want := []string{errAt("C6", `bộ tiêu chí "test-2021" không có trong danh mục (có: danh mục trống)`)}
	if a == nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %v, %q; want %q", a != nil, got, want)
	}
	_ = criteria.KindBool
}
