package form

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/criteria"
)

var update = flag.Bool("update", false, "rewrite testdata/form.golden")

// testSet is a small set covering every row shape and indicator kind.
func testSet() *criteria.Set {
	th := func(text string, v float64) criteria.Threshold { return criteria.Threshold{Value: v, Text: text} }
	dat := map[criteria.Region]criteria.Threshold{criteria.Chung: th("Đạt", 1)}
	return &criteria.Set{
		ID:       "qd1980-2016",
		Name:     "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016-2020",
		Decision: "Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ",
		Criteria: []*criteria.Criterion{
			{Number: 1, Name: "Quy hoạch", Indicators: []*criteria.Indicator{
				{ID: "1.1", Criterion: 1, Text: "Có quy hoạch chung xây dựng xã được phê duyệt và được công bố công khai đúng thời hạn", Kind: criteria.KindBool, Op: criteria.EQ, Thresholds: dat},
				{ID: "1.2", Criterion: 1, Text: "Ban hành quy định quản lý quy hoạch chung xây dựng xã và tổ chức thực hiện theo quy hoạch", Kind: criteria.KindBool, Op: criteria.EQ, Thresholds: dat},
			}},
			{Number: 2, Name: "Giao thông", Indicators: []*criteria.Indicator{
				{ID: "2.1", Criterion: 2, Text: "Đường xã và đường từ trung tâm xã đến đường huyện được nhựa hóa hoặc bê tông hóa", Unit: "%", Kind: criteria.KindPercent, Op: criteria.GE,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.Chung: th("100%", 100)}},
				{ID: "2.2", Criterion: 2, Text: "Đường trục thôn, bản, ấp và đường liên thôn, bản, ấp ít nhất được cứng hóa", Unit: "%", Kind: criteria.KindPercent, Op: criteria.GE,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.BTB: th("≥70%", 70), criteria.TDMNPB: th("≥50%", 50), criteria.DBSH: th("100%", 100)}},
			}},
			{Number: 5, Name: "Trường học", Indicators: []*criteria.Indicator{
				{ID: "5", Criterion: 5, Text: "Tỷ lệ trường học các cấp có cơ sở vật chất và thiết bị dạy học đạt chuẩn quốc gia", Unit: "%", Kind: criteria.KindPercent, Op: criteria.GE,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.Chung: th("≥80%", 80), criteria.TDMNPB: th("≥70%", 70)}},
			}},
			{Number: 9, Name: "Nhà ở dân cư", Indicators: []*criteria.Indicator{
				{ID: "9.1", Criterion: 9, Text: "Nhà tạm, dột nát", Kind: criteria.KindZero, Op: criteria.EQ,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.Chung: th("Không", 0)}},
			}},
			{Number: 10, Name: "Thu nhập", Indicators: []*criteria.Indicator{
				{ID: "10", Criterion: 10, Text: "Thu nhập bình quân đầu người khu vực nông thôn", Unit: "triệu đồng/người/năm", Kind: criteria.KindMoney, Op: criteria.GE,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.Chung: th("≥45", 45), criteria.BTB: th("≥36", 36)},
					ByYear: map[int]map[criteria.Region]criteria.Threshold{
						2019: {criteria.BTB: th("≥32", 32)},
						2018: {criteria.Chung: th("≥30", 30)},
					}},
			}},
			{Number: 11, Name: "Hộ nghèo", Indicators: []*criteria.Indicator{
				{ID: "11", Criterion: 11, Text: "Tỷ lệ hộ nghèo đa chiều giai đoạn 2016-2020", Unit: "%", Kind: criteria.KindPercent, Op: criteria.LE,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.Chung: {Value: 6}, criteria.BTB: {Value: 5}, criteria.TN: {Value: 7.5}}},
			}},
			{Number: 12, Name: "Lao động có việc làm", Indicators: []*criteria.Indicator{
				{ID: "12", Criterion: 12, Text: "Số lao động có việc làm", Unit: "người", Kind: criteria.KindNumber, Op: criteria.GE,
					Thresholds: map[criteria.Region]criteria.Threshold{criteria.Chung: {Value: 100}}},
			}},
		},
	}
}

func testSpec() Spec {
	return Spec{
		Province:  "Quảng Trị",
		Agency:    "Sở Kế hoạch và Đầu tư",
		CommuneID: "gio-mai",
		Commune:   "Gio Mai",
		District:  "Gio Linh",
		Period:    criteria.Period{Year: 2021, Half: criteria.H1},
		Set:       testSet(),
		Region:    criteria.BTB,
		Prev:      map[string]string{"1": "Đạt", "1.1": "Đạt", "2.2": "65.5", "10": "33,2", "9.1": "0"},
		Created:   time.Date(2021, 1, 4, 8, 0, 0, 0, time.UTC),
	}
}

// write runs Write and opens the result.
func write(t testing.TB, s Spec) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatalf("Write: %v", err)
	}
	data := slices.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, data
}

func get(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func TestSheets(t *testing.T) {
	f, _ := write(t, testSpec())
	if got, want := f.GetSheetList(), []string{SheetName, GuideSheet}; !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet = %d, want 0", got)
	}
	if got := get(t, f, GuideSheet, "A1"); got != "HƯỚNG DẪN ĐIỀN BIỂU TỰ ĐÁNH GIÁ" {
		t.Errorf("guide A1 = %q", got)
	}
}

func TestHeaderBlock(t *testing.T) {
	f, _ := write(t, testSpec())
	tests := []struct{ cell, want string }{
		{"A1", Title},
		{"A2", "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016-2020"},
		{"A3", "(Ban hành kèm theo Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ)"},
		{"A5", "Xã:"}, {"C5", "Gio Mai"},
		{"A6", "Huyện:"}, {"C6", "Gio Linh"},
		{"A7", "Kỳ đánh giá:"}, {"C7", "2021-H1"}, {"F7", "(6 tháng đầu năm 2021)"},
		{"A8", "Bộ tiêu chí:"}, {"C8", "qd1980-2016"},
		{"A9", "Vùng:"}, {"C9", "BTB - Bắc Trung Bộ"},
		{"A10", "Người lập:"}, {"C10", ""},
		{"A11", "Ngày lập:"}, {"C11", ""},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			if got := get(t, f, SheetName, tt.cell); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("header row", func(t *testing.T) {
		rows, err := f.GetRows(SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rows[rowHeader-1], headers[:]; !slices.Equal(got, want) {
			t.Errorf("row %d = %q, want %q", rowHeader, got, want)
		}
	})
}

func TestBodyRows(t *testing.T) {
	// TT, name, unit, threshold per region of each body row.
	type row struct{ tt, name, unit, th string }
	tests := []struct {
		name   string
		region criteria.Region
		year   int
		want   []row
	}{
		{"BTB 2021", criteria.BTB, 2021, []row{
			{"1", "Quy hoạch", "", ""}, {"1.1", "", "", "Đạt"}, {"1.2", "", "", "Đạt"},
			{"2", "Giao thông", "", ""}, {"2.1", "", "%", "100%"}, {"2.2", "", "%", "≥70%"},
			{"5", "Trường học", "%", "≥80%"},
			{"9", "Nhà ở dân cư", "", ""}, {"9.1", "", "", "Không"},
			{"10", "Thu nhập", "triệu đồng/người/năm", "≥36"},
			{"11", "Hộ nghèo", "%", "≤5%"},
			{"12", "Lao động có việc làm", "người", "≥100"},
		}},
		{"TDMNPB 2019", criteria.TDMNPB, 2019, []row{
			{"1", "Quy hoạch", "", ""}, {"1.1", "", "", "Đạt"}, {"1.2", "", "", "Đạt"},
			{"2", "Giao thông", "", ""}, {"2.1", "", "%", "100%"}, {"2.2", "", "%", "≥50%"},
			{"5", "Trường học", "%", "≥70%"},
			{"9", "Nhà ở dân cư", "", ""}, {"9.1", "", "", "Không"},
			{"10", "Thu nhập", "triệu đồng/người/năm", "≥45"},
			{"11", "Hộ nghèo", "%", "≤6%"},
			{"12", "Lao động có việc làm", "người", "≥100"},
		}},
		{"TN 2018", criteria.TN, 2018, []row{
			{"1", "Quy hoạch", "", ""}, {"1.1", "", "", "Đạt"}, {"1.2", "", "", "Đạt"},
			{"2", "Giao thông", "", ""}, {"2.1", "", "%", "100%"}, {"2.2", "", "%", ""},
			{"5", "Trường học", "%", "≥80%"},
			{"9", "Nhà ở dân cư", "", ""}, {"9.1", "", "", "Không"},
			{"10", "Thu nhập", "triệu đồng/người/năm", "≥30"},
			{"11", "Hộ nghèo", "%", "≤7,5%"},
			{"12", "Lao động có việc làm", "người", "≥100"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSpec()
			s.Region, s.Period.Year = tt.region, tt.year
			f, _ := write(t, s)
			var got []row
			for r := rowBody; ; r++ {
				a := get(t, f, SheetName, cellName(0, r))
				if a == "Tổng số tiêu chí đạt:" || a == "" {
					break
				}
				got = append(got, row{a, get(t, f, SheetName, cellName(1, r)), get(t, f, SheetName, cellName(3, r)), get(t, f, SheetName, cellName(4, r))})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rows:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPrevFilled(t *testing.T) {
	f, _ := write(t, testSpec())
	tests := []struct{ cell, want, typ string }{
		{"F14", "Đạt", "s"},  // criterion 1
		{"F15", "Đạt", "s"},  // 1.1
		{"F19", "65.5", "n"}, // 2.2: a number with format 0.0
		{"F23", "33,2", "s"}, // 10: not a Go float, kept as typed
		{"F22", "0", "n"},    // 9.1
		{"F16", "", ""},      // 1.2 unknown
		{"G19", "", ""},      // result left blank
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			got, err := f.GetCellValue(SheetName, tt.cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			typ, _ := f.GetCellType(SheetName, tt.cell)
			if tt.typ == "n" && typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("type %v, want number", typ)
			}
		})
	}
	if got := get(t, f, SheetName, "F19"); got != "65.5" {
		t.Errorf("F19 formatted = %q, want 65.5", got)
	}
}

func TestValidations(t *testing.T) {
	f, _ := write(t, testSpec())
	dvs, err := f.GetDataValidations(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	type v struct{ sqref, typ, op, f1, f2 string }
	var got []v
	for _, d := range dvs {
		got = append(got, v{d.Sqref, d.Type, d.Operator, d.Formula1, d.Formula2})
		if d.Sqref == "C10" {
			continue // input prompt only
		}
		if !d.ShowErrorMessage || d.Error == nil || !strings.ContainsAny(*d.Error, "ạảớđ") {
			t.Errorf("%s: no Vietnamese error message", d.Sqref)
		}
	}
	want := []v{
		{"C10", "", "", "", ""},
		{"C11", "date", "between", "36526", "73415"},
		{"H14:H25", "list", "", `"Đạt,Chưa đạt"`, ""},
		{"G15:G16", "list", "", `"Đạt,Chưa đạt"`, ""},
		{"G18:G20 G24", "decimal", "between", "0", "100"},
		{"G23", "decimal", "greaterThanOrEqual", "0", ""},
		{"G22", "whole", "greaterThanOrEqual", "0", ""},
		{"G25", "decimal", "greaterThanOrEqual", "0", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("validations:\ngot  %q\nwant %q", got, want)
	}
}

func TestProtection(t *testing.T) {
	f, _ := write(t, testSpec())
	p, err := f.GetSheetProtection(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	if p.InsertRows || p.DeleteRows || p.InsertColumns || p.DeleteColumns || p.Sort || !p.SelectUnlockedCells {
		t.Errorf("protection options = %+v", p)
	}
	if p.Password != "" {
		t.Errorf("password = %q, want none", p.Password)
	}
	locked := func(cell string) bool {
		id, err := f.GetCellStyle(SheetName, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	tests := []struct {
		cell   string
		locked bool
	}{
		{"C5", true}, {"C9", true}, {"C10", false}, {"D10", false}, {"C11", false},
		{"A13", true}, {"G13", true},
		{"A14", true}, {"F14", true}, {"G14", true}, {"H14", false}, {"I14", false}, // criterion 1
		{"A15", true}, {"E15", true}, {"F15", true}, {"G15", false}, {"H15", false}, {"I15", false},
		{"G20", false}, {"E20", true}, // single-indicator criterion 5
		{"H26", true}, // footer formula
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			if got := locked(tt.cell); got != tt.locked {
				t.Errorf("locked = %v, want %v", got, tt.locked)
			}
		})
	}
	if _, err := f.GetSheetProtection(GuideSheet); err != nil {
		t.Error(err)
	}
}

func TestFooter(t *testing.T) {
	f, _ := write(t, testSpec())
	if got := get(t, f, SheetName, "A26"); got != "Tổng số tiêu chí đạt:" {
		t.Fatalf("A26 = %q", got)
	}
	formula, err := f.GetCellFormula(SheetName, "H26")
	if err != nil {
		t.Fatal(err)
	}
	want := `COUNTIF($H$14,"Đạt")+COUNTIF($H$17,"Đạt")+COUNTIF($H$20,"Đạt")+COUNTIF($H$21,"Đạt")+` +
		`COUNTIF($H$23,"Đạt")+COUNTIF($H$24,"Đạt")+COUNTIF($H$25,"Đạt")`
	if formula != want {
		t.Errorf("formula = %q, want %q", formula, want)
	}
	if got := get(t, f, SheetName, "I26"); got != "/7 tiêu chí" {
		t.Errorf("I26 = %q", got)
	}
	// The formula counts criterion rows only: fill every H cell "Đạt"
	// but one criterion and check the computed count.
	for r := 14; r <= 25; r++ {
		f.SetCellStr(SheetName, cellName(7, r), "Đạt")
	}
	f.SetCellStr(SheetName, "H17", "Chưa đạt") // criterion 2
	got, err := f.CalcCellValue(SheetName, "H26")
	if err != nil {
		t.Fatal(err)
	}
	if got != "6" {
		t.Errorf("computed total = %q, want 6", got)
	}
}

func TestWorkbookProps(t *testing.T) {
	f, _ := write(t, testSpec())
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, got, want string }{
		{"creator", p.Creator, "Sở Kế hoạch và Đầu tư"},
		{"created", p.Created, "2021-01-04T08:00:00Z"},
		{"modified", p.Modified, "2021-01-04T08:00:00Z"},
		{"language", p.Language, "vi-VN"},
		{"title", p.Title, "Biểu tự đánh giá tiêu chí nông thôn mới – xã Gio Mai – 2021-H1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	t.Run("print titles", func(t *testing.T) {
		var names []string
		for _, d := range f.GetDefinedName() {
			names = append(names, d.Name+"@"+d.Scope+"="+d.RefersTo)
		}
		want := []string{
			"_xlnm.Print_Titles@Tự đánh giá='Tự đánh giá'!$13:$13",
			"_xlnm.Print_Area@Tự đánh giá='Tự đánh giá'!$A$1:$I$34",
		}
		for _, w := range want {
			if !slices.Contains(names, w) {
				t.Errorf("defined names %q lack %q", names, w)
			}
		}
	})
	t.Run("calc on load", func(t *testing.T) {
		c, err := f.GetCalcProps()
		if err != nil {
			t.Fatal(err)
		}
		if c.FullCalcOnLoad == nil || !*c.FullCalcOnLoad {
			t.Errorf("FullCalcOnLoad not set")
		}
	})
	t.Run("page", func(t *testing.T) {
		l, err := f.GetPageLayout(SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if *l.Size != 9 || *l.Orientation != "landscape" || *l.FitToWidth != 1 || *l.FitToHeight != 0 {
			t.Errorf("page layout = size %d %s fit %d×%d", *l.Size, *l.Orientation, *l.FitToWidth, *l.FitToHeight)
		}
		hf, err := f.GetHeaderFooter(SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hf.OddFooter, "Trang &P/&N") {
			t.Errorf("footer = %q", hf.OddFooter)
		}
		panes, err := f.GetPanes(SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != rowHeader || panes.TopLeftCell != "A14" {
			t.Errorf("panes = %+v", panes)
		}
		props, err := f.GetSheetProps(SheetName)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("FitToPage not set")
		}
	})
}

func TestDeterministic(t *testing.T) {
	_, a := write(t, testSpec())
	_, b := write(t, testSpec())
	if !bytes.Equal(a, b) {
		t.Errorf("two writes differ (%d and %d bytes)", len(a), len(b))
	}
	s := testSpec()
	s.Commune = "Gio Mỹ"
	_, c := write(t, s)
	if bytes.Equal(a, c) {
		t.Errorf("different communes give the same bytes")
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Spec)
		want string
	}{
		{"no set", func(s *Spec) { s.Set = nil }, "thiếu bộ tiêu chí"},
		{"no commune", func(s *Spec) { s.Commune = " " }, "thiếu tên xã"},
		{"bad period", func(s *Spec) { s.Period.Half = 3 }, "kỳ đánh giá"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSpec()
			tt.edit(&s)
			err := Write(&bytes.Buffer{}, s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSlugAndFileName(t *testing.T) {
	tests := []struct{ in, slug string }{
		{"Gio Mai", "gio-mai"},
		{"Gio Mỹ", "gio-my"},
		{"Cam Chính", "cam-chinh"},
		{"Thuận", "thuan"},
		{"Đakrông", "dakrong"},
		{"  Hướng  Hóa (cũ) ", "huong-hoa-cu"},
		{"Xã A Ngo", "xa-a-ngo"},
		{"Phường 1", "phuong-1"},
		{"Thua\u0323\u0302n", "thuan"}, // NFD input
		{"", "xa"},
		{"---", "xa"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.slug {
				t.Errorf("Slug = %q, want %q", got, tt.slug)
			}
		})
	}
	if got, want := FileName("Gio Mai", criteria.Period{Year: 2021, Half: criteria.H1}), "2021-H1/gio-mai.xlsx"; got != want {
		t.Errorf("FileName = %q, want %q", got, want)
	}
}

func TestGolden(t *testing.T) {
	f, _ := write(t, testSpec())
	got := dump(t, f)
	path := filepath.Join("testdata", "form.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("dump differs from %s (run with -update to accept):\n%s", path, firstDiff(got, string(want)))
	}
}

// dump is a text picture of the workbook: every non-empty cell as
// "ref = value | formula", then merges and validations.
func dump(t testing.TB, f *excelize.File) string {
	t.Helper()
	var sb strings.Builder
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&sb, "== %s\n", sh)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		merges, _ := f.GetMergeCells(sh)
		hidden := map[string]bool{} // merged cells other than the anchor
		for _, m := range merges {
			c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if r != r1 || c != c1 {
						hidden[cellName(c-1, r)] = true
					}
				}
			}
		}
		for r := 1; r <= len(rows); r++ {
			for c := 0; c < 9; c++ {
				ref := cellName(c, r)
				if hidden[ref] {
					continue
				}
				v, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
				fm, _ := f.GetCellFormula(sh, ref)
				if v == "" && fm == "" {
					continue
				}
				fmt.Fprintf(&sb, "%s = %s", ref, v)
				if fm != "" {
					fmt.Fprintf(&sb, " | =%s", fm)
				}
				sb.WriteByte('\n')
			}
		}
		for _, m := range merges {
			fmt.Fprintf(&sb, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		dvs, _ := f.GetDataValidations(sh)
		for _, d := range dvs {
			fmt.Fprintf(&sb, "validation %s %s %s %s %s\n", d.Sqref, d.Type, d.Operator, d.Formula1, d.Formula2)
		}
	}
	return sb.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\ngot  %q\nwant %q", i+1, x, y)
		}
	}
	return ""
}

func BenchmarkWrite(b *testing.B) {
	s := testSpec()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, s); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Gio Mai", "Đakrông", "Thua\u0323\u0302n", "", "a--b", "ẞ ŉ ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got == "" || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slug(%q) = %q has %q", s, got, r)
			}
		}
		if Slug(got) != got && got != "xa" {
			t.Fatalf("Slug not idempotent on %q", got)
		}
	})
}

// FuzzWrite feeds outside text (names, previous results) into Write: it
// must not fail or panic, and what it writes must read back.
func FuzzWrite(f *testing.F) {
	f.Add("Gio Mai", "Gio Linh", "85.5", "Đạt")
	f.Add("A&B <x>", "'quote'", "1e400", "=SUM(A1)")
	f.Add("x\x00y", "", "NaN", "\uFFFD")
	f.Fuzz(func(t *testing.T, commune, district, prev1, prev2 string) {
		if strings.TrimSpace(commune) == "" {
			return
		}
		s := testSpec()
		s.Commune, s.District = commune, district
		s.Prev = map[string]string{"2.2": prev1, "1.1": prev2}
		var buf bytes.Buffer
		if err := Write(&buf, s); err != nil {
			// excelize refuses some text (too long for a cell); that
			// must come back as an error, never a panic.
			return
		}
		wb, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("written workbook does not open: %v", err)
		}
		defer wb.Close()
		if got, _ := wb.GetCellValue(SheetName, "A5"); got != "Xã:" {
			t.Fatalf("A5 = %q", got)
		}
	})
}

// embeddedSet is the national 2016-2020 set from the criteria package.
func embeddedSet(tb testing.TB) *criteria.Set {
	tb.Helper()
	cat, err := criteria.Embedded()
	if err != nil {
		tb.Fatalf("criteria.Embedded: %v", err)
	}
	set := cat.Set(sampleSetID)
	if set == nil {
		tb.Fatalf("no set %q", sampleSetID)
	}
	return set
}

// TestWriteEmbeddedSet writes the form of the real set and checks that
// every indicator has its row and a threshold for BTB, and the footer
// counts all 19 criteria.
func TestWriteEmbeddedSet(t *testing.T) {
	set := embeddedSet(t)
	s := testSpec()
	s.Set, s.Prev = set, nil
	f, _ := write(t, s)
	rows, err := f.GetRows(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	tt := map[string][]string{}
	var order []string
	footer := 0
	for i, r := range rows {
		if i+1 < rowBody || len(r) == 0 || r[0] == "" {
			continue
		}
		if r[0] == "Tổng số tiêu chí đạt:" {
			footer = i + 1
			break
		}
		for len(r) < 9 {
			r = append(r, "")
		}
		tt[r[0]] = r
		order = append(order, r[0])
	}
	var want []string
	for _, c := range set.Criteria {
		num := strconv.Itoa(c.Number)
		if !(len(c.Indicators) == 1 && c.Indicators[0].ID == num) {
			want = append(want, num)
		}
		for _, ind := range c.Indicators {
			want = append(want, ind.ID)
		}
	}
	if !slices.Equal(order, want) {
		t.Errorf("TT column:\ngot  %q\nwant %q", order, want)
	}
	for _, ind := range set.Indicators() {
		r := tt[ind.ID]
		if r == nil {
			continue
		}
		if got, want := r[4], ind.ThresholdFor(criteria.BTB, 2021).Text; got != want {
			t.Errorf("%s threshold = %q, want %q", ind.ID, got, want)
		}
		if r[2] == "" {
			t.Errorf("%s has no wording", ind.ID)
		}
	}
	formula, _ := f.GetCellFormula(SheetName, cellName(7, footer))
	if got := strings.Count(formula, "COUNTIF("); got != len(set.Criteria) {
		t.Errorf("footer counts %d criteria, want %d", got, len(set.Criteria))
	}
}

func BenchmarkWriteEmbeddedSet(b *testing.B) {
	s := testSpec()
	s.Set = embeddedSet(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, s); err != nil {
			b.Fatal(err)
		}
	}
}
