package assess

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"github.com/xuri/excelize/v2"
)

// The hand-made corpus: workbooks in the shapes commune offices make by
// hand (not by `ntm init`), built with excelize against the national set
// communes use, each with the exact values read or the exact messages.

const corpusSet = "qd1980-2016"

func corpusCatalogue(t testing.TB) (*criteria.Catalogue, *criteria.Set) {
	t.Helper()
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	set := cat.Set(corpusSet)
	if set == nil {
		t.Fatalf("no set %s", corpusSet)
	}
	return cat, set
}

// hcol is one column of a hand-made table: its header labels from the
// top level down ("<" = merged with the column to the left at that level;
// fewer labels than levels = the last one merged down) and what it holds.
type hcol struct {
	labels []string
	kind   string // stt tt id name text unit thr prev res self note
}

// typed is one cell as a clerk typed it and what the reader must make
// of it.
type typed struct {
	cell    any
	num     float64
	has     bool
	verdict string // the verdict cell
	self    *bool
	fromV   bool
}

// hand describes one hand-made sheet.
type hand struct {
	sheet     string
	top       map[string]string // cells above the table
	merges    [][2]string       // extra merges above the table
	headerRow int
	levels    int
	cols      []hcol
	layout    string                               // canonical, stt-id, tt-merged, letters
	textOf    func(ind *criteria.Indicator) string // the content text (default: the set's wording)
	valueOf   func(i int, ind *criteria.Indicator) typed
	prevOf    func(i int, ind *criteria.Indicator) string
	onlyCrit  bool // a table of the 19 criteria only
	after     func(f *excelize.File, sh string, rowOf map[string]int)
}

// defaultValue is a plausible answer of each kind, varied by position,
// typed the ways clerks type them.
func defaultValue(i int, ind *criteria.Indicator) typed {
	dat, chua := true, false
	switch ind.Kind {
	case criteria.KindBool:
		switch i % 4 {
		case 0:
			return typed{cell: "Đạt", num: 1, has: true, verdict: "Đạt", self: &dat}
		case 1:
			return typed{cell: "Có", num: 1, has: true, verdict: "Đạt", self: &dat}
		case 2:
			return typed{cell: "Không có", num: 0, has: true, verdict: "Chưa đạt", self: &chua}
		default:
			return typed{cell: "Ko đạt", num: 0, has: true, verdict: "K đạt", self: &chua}
		}
	case criteria.KindPercent:
		v := 60 + float64(i%40) + 0.5
		return typed{cell: strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1), num: v, has: true, verdict: "Đạt", self: &dat}
	case criteria.KindMoney:
		return typed{cell: 41.5, num: 41.5, has: true, verdict: "Đạt", self: &dat}
	case criteria.KindZero:
		switch i % 3 {
		case 0:
			return typed{cell: "0 nhà", num: 0, has: true, verdict: "Đạt", self: &dat}
		case 1:
			return typed{cell: "02 nhà", num: 2, has: true, verdict: "chưa", self: &chua}
		default:
			return typed{cell: "Không còn", num: 0, has: true, verdict: "Đạt", self: &dat}
		}
	default:
		return typed{cell: 12, num: 12, has: true, verdict: "Đạt", self: &dat}
	}
}

func colLetter(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}

func ref(c, r int) string { return fmt.Sprintf("%s%d", colLetter(c), r) }

// build writes the sheet into f and returns the expected values in set
// order.
func (h hand) build(t testing.TB, f *excelize.File, set *criteria.Set) []typed {
	t.Helper()
	sh := h.sheet
	for c, v := range h.top {
		must(f.SetCellValue(sh, c, v))
	}
	for _, m := range h.merges {
		must(f.MergeCell(sh, m[0], m[1]))
	}
	// Header.
	for ci, col := range h.cols {
		c := ci + 1
		for k := 0; k < h.levels; k++ {
			r := h.headerRow + k
			if k >= len(col.labels) {
				must(f.MergeCell(sh, ref(c, h.headerRow+len(col.labels)-1), ref(c, r)))
				continue
			}
			if col.labels[k] == "<" {
				start := c - 1
				for start > 1 && len(h.cols[start-1].labels) > k && h.cols[start-1].labels[k] == "<" {
					start--
				}
				must(f.MergeCell(sh, ref(start, r), ref(c, r)))
				continue
			}
			must(f.SetCellValue(sh, ref(c, r), col.labels[k]))
		}
	}
	valueOf := h.valueOf
	if valueOf == nil {
		valueOf = defaultValue
	}
	textOf := h.textOf
	if textOf == nil {
		textOf = func(ind *criteria.Indicator) string { return ind.Text }
	}
	r := h.headerRow + h.levels
	stt := 0
	var want []typed
	rowOf := map[string]int{}
	i := 0
	put := func(kind string, row int, v any) {
		for ci, col := range h.cols {
			if col.kind == kind && v != nil && v != "" {
				must(f.SetCellValue(sh, ref(ci+1, row), v))
			}
		}
	}
	for _, cr := range set.Criteria {
		num := strconv.Itoa(cr.Number)
		single := len(cr.Indicators) == 1 && cr.Indicators[0].ID == num
		if h.onlyCrit {
			put("tt", r, cr.Number)
			put("name", r, cr.Name)
			put("self", r, "Đạt")
			r++
			continue
		}
		switch h.layout {
		case "canonical":
			if !single {
				put("tt", r, num)
				put("name", r, cr.Name)
				r++
			}
		case "stt-id":
			must(f.SetCellValue(sh, ref(1, r), num+". "+cr.Name))
			must(f.MergeCell(sh, ref(1, r), ref(len(h.cols), r)))
			r++
		case "letters":
			put("text", r, "Tiêu chí số "+num+": "+cr.Name)
			r++
		case "tt-merged":
			put("tt", r, cr.Number)
			put("name", r, cr.Name)
			if n := len(cr.Indicators); n > 1 {
				for ci, col := range h.cols {
					if col.kind == "tt" || col.kind == "name" {
						must(f.MergeCell(sh, ref(ci+1, r), ref(ci+1, r+n-1)))
					}
				}
			}
		}
		for k, ind := range cr.Indicators {
			stt++
			v := valueOf(i, ind)
			text := textOf(ind)
			switch h.layout {
			case "canonical":
				put("tt", r, ind.ID)
			case "stt-id":
				put("stt", r, stt)
				put("id", r, ind.ID)
			case "letters":
				text = string([]rune("abcdđeghik")[k]) + ") " + text
			}
			put("text", r, text)
			put("unit", r, ind.Unit)
			if th, ok := ind.Threshold(criteria.BTB, 2021); ok {
				put("thr", r, th.Text)
			}
			if h.prevOf != nil {
				put("prev", r, h.prevOf(i, ind))
			}
			put("res", r, v.cell)
			put("self", r, v.verdict)
			rowOf[ind.ID] = r
			want = append(want, v)
			i++
			r++
		}
	}
	must(f.SetCellValue(sh, ref(1, r+1), "Tổng số tiêu chí đạt: 19/19"))
	must(f.SetCellValue(sh, ref(len(h.cols)-1, r+3), "TM. ỦY BAN NHÂN DÂN XÃ GIO MAI"))
	if h.after != nil {
		h.after(f, sh, rowOf)
	}
	return want
}

// checkTyped compares the values read with what was typed, in set order.
func checkTyped(t *testing.T, a *Assessment, set *criteria.Set, want []typed) {
	t.Helper()
	inds := set.Indicators()
	if len(a.Values) != len(inds) {
		t.Fatalf("%d values read, want %d", len(a.Values), len(inds))
	}
	for i, v := range a.Values {
		w := want[i]
		if v.IndicatorID != inds[i].ID {
			t.Errorf("value %d is %s, want %s", i, v.IndicatorID, inds[i].ID)
			continue
		}
		if v.Num != w.num || v.Has != w.has || v.FromVerdict != w.fromV || fmtBool(v.Self) != fmtBool(w.self) {
			t.Errorf("%s (%v typed): Num %v Has %v FromVerdict %v Self %s; want %v %v %v %s",
				v.IndicatorID, w.cell, v.Num, v.Has, v.FromVerdict, fmtBool(v.Self), w.num, w.has, w.fromV, fmtBool(w.self))
		}
	}
}

var (
	colsSTTID = []hcol{
		{[]string{"STT"}, "stt"}, {[]string{"Mã chỉ tiêu"}, "id"}, {[]string{"Nội dung tiêu chí, chỉ tiêu"}, "text"},
		{[]string{"ĐVT"}, "unit"}, {[]string{"Chỉ tiêu đạt chuẩn"}, "thr"},
		{[]string{"Kết quả thực hiện đến 30/6/2021"}, "res"}, {[]string{"Tự đánh giá (Đạt/Chưa đạt)"}, "self"}, {[]string{"Ghi chú"}, "note"},
	}
	letterhead = map[string]string{
		"A1": "UBND HUYỆN GIO LINH", "A2": "UBND XÃ GIO MAI", "E1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "E2": "Độc lập - Tự do - Hạnh phúc",
		"A4": "BIỂU TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI", "A5": "6 THÁNG ĐẦU NĂM 2021",
	}
)

type corpusCase struct {
	name  string
	file  string
	hands []hand
	want  []string                                        // exact problems
	nilA  bool                                            // refused
	check func(t *testing.T, a *Assessment, want []typed) // besides the values
	noVal bool                                            // do not compare values
}

func corpusCases() []corpusCase {
	dat := true
	return []corpusCase{
		{
			name:  "running STT beside a Mã chỉ tiêu column, criterion rows merged across, letterhead and title",
			hands: []hand{{sheet: "Biểu 02", top: letterhead, headerRow: 7, levels: 1, cols: colsSTTID, layout: "stt-id"}},
			check: func(t *testing.T, a *Assessment, _ []typed) {
				got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", a.Commune, a.CommuneSource, a.CommunePos.Cell, a.District, a.Period, a.PeriodSource, a.PeriodPos.Cell)
				if want := "Gio Mai|letterhead|A2|Gio Linh|2021-H1|title|A5"; got != want {
					t.Errorf("who and when = %s, want %s", got, want)
				}
				var srcs []string
				for _, c := range a.Clues {
					srcs = append(srcs, fmt.Sprintf("%s:%s:%s@%s", c.Kind, c.Text, c.Source, c.Pos.Cell))
				}
				want := "district:Gio Linh:letterhead@A1 commune:Gio Mai:letterhead@A2 period:2021-H1:title@A5 commune:Gio Mai:signature@G79"
				if strings.Join(srcs, " ") != want {
					t.Errorf("clues:\n got %s\nwant %s", strings.Join(srcs, " "), want)
				}
			},
		},
		{
			name: "Chỉ tiêu (number) column beside STT; Kết quả đạt được; Đánh giá",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ báo cáo: 6 tháng đầu năm 2021", "A3": "Kết quả tự đánh giá của xã Gio Mai, huyện Gio Linh"},
				headerRow: 4, levels: 1, layout: "stt-id",
				cols: []hcol{{[]string{"TT"}, "stt"}, {[]string{"Chỉ tiêu"}, "id"}, {[]string{"Nội dung"}, "text"}, {[]string{"Kết quả đạt được"}, "res"}, {[]string{"Đánh giá"}, "self"}}}},
			check: func(t *testing.T, a *Assessment, _ []typed) {
				got := fmt.Sprintf("%s %s %s %s", a.Commune, a.CommuneSource, a.District, a.PeriodSource)
				if want := "Gio Mai label Gio Linh label"; got != want {
					t.Errorf("got %s, want %s", got, want)
				}
				if c, ok := a.Best(ClueDistrict); !ok || c.Source != SourceTitle || c.Pos.Cell != "A3" {
					t.Errorf("district clue %+v", c)
				}
			},
		},
		{
			name: "TT merged down over its indicators, number at the start of the content, two periods under a merged Kết quả thực hiện",
			hands: []hand{{sheet: "Tổng hợp", top: map[string]string{"A1": "(Kèm theo Báo cáo số 45/BC-UBND ngày 15/6/2021 của UBND xã Gio Mai)"}, headerRow: 3, levels: 2, layout: "tt-merged",
				textOf: func(ind *criteria.Indicator) string {
					if !strings.Contains(ind.ID, ".") {
						return ind.Text
					}
					if strings.HasSuffix(ind.ID, "1") {
						return ind.ID + ". " + ind.Text
					}
					return ind.ID + " - " + ind.Text
				},
				prevOf: func(i int, ind *criteria.Indicator) string { return "kỳ trước " + strconv.Itoa(i) },
				cols: []hcol{
					{[]string{"TT"}, "tt"}, {[]string{"Tên tiêu chí"}, "name"}, {[]string{"Nội dung chỉ tiêu"}, "text"}, {[]string{"Chỉ tiêu theo vùng"}, "thr"},
					{[]string{"Kết quả thực hiện", "Năm 2020"}, "prev"}, {[]string{"<", "6 tháng đầu năm 2021"}, "res"},
					{[]string{"Tự đánh giá"}, "self"}, {[]string{"Ghi chú"}, "note"},
				}}},
			want: []string{warnSheetOf("Tổng hợp", "biểu không ghi kỳ đánh giá (đã tìm ô “Kỳ đánh giá:” và dòng tiêu đề như “6 tháng đầu năm 2021”); dùng kỳ của thư mục: 2021-H1 (6 tháng đầu năm 2021)")},
			check: func(t *testing.T, a *Assessment, _ []typed) {
				if a.Commune != "Gio Mai" || a.CommuneSource != SourceTitle || a.PeriodSource != SourceFolder {
					t.Errorf("commune %q from %s, period from %s", a.Commune, a.CommuneSource, a.PeriodSource)
				}
				if v := a.Values[3]; v.Prev != "kỳ trước 3" || v.Cell.String() != "F8" {
					t.Errorf("value 3 = %+v: want last period's figure in Prev and this period's in F", v)
				}
			},
		},
		{
			name: "Kỳ trước | Kỳ này under a merged Kết quả, labels over three rows with the verdict in the last",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Huyện: Gio Linh", "D1": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 3, layout: "canonical",
				cols: []hcol{
					{[]string{"TT"}, "tt"}, {[]string{"Tên tiêu chí"}, "name"}, {[]string{"Nội dung chỉ tiêu"}, "text"},
					{[]string{"Kết quả và tự đánh giá", "Kết quả", "Kỳ trước"}, "prev"}, {[]string{"<", "<", "Kỳ này"}, "res"},
					{[]string{"<", "Tự đánh giá (Đạt/Chưa đạt)"}, "self"},
				}}},
		},
		{
			name: "no number at all: the wording decides, a shortened or abbreviated wording is a warning",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 1, layout: "tt-merged",
				textOf: func(ind *criteria.Indicator) string {
					switch ind.ID {
					case "9.2":
						return "TL hộ có nhà ở đạt tiêu chuẩn theo quy định"
					case "17.1":
						return "Tỷ lệ hộ được sử dụng nước hợp vệ sinh"
					case "2.1":
						return strings.ToUpper(ind.Text)
					case "1.1":
						return vnNoMarks(ind.Text) + "."
					}
					return ind.Text
				},
				cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Tên tiêu chí"}, "name"}, {[]string{"Nội dung"}, "text"}, {[]string{"Kết quả"}, "res"}, {[]string{"Tự đánh giá"}, "self"}}}},
			want: []string{
				// "TL" for "Tỷ lệ", capitals, no marks: the same wording, silently.
				warnCellOf("Sheet1", "C38", "dòng không ghi mã chỉ tiêu; ntm nhận là chỉ tiêu 17.1 theo nội dung “Tỷ lệ hộ được sử dụng nước hợp vệ sinh”, gần giống “Tỷ lệ hộ được sử dụng nước hợp vệ sinh và nước sạch theo qu…”"),
			},
		},
		{
			name: "a) b) under Tiêu chí số N",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 1, layout: "letters",
				cols: []hcol{{[]string{"Nội dung tiêu chí, chỉ tiêu"}, "text"}, {[]string{"Thực hiện"}, "res"}, {[]string{"Kết quả tự đánh giá"}, "self"}}}},
		},
		{
			name: "a description or nothing in a yes/no result: the verdict answers, not verifiable",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 1, layout: "canonical",
				cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Nội dung chỉ tiêu"}, "text"}, {[]string{"Kết quả thực hiện 6 tháng đầu năm 2021"}, "res"}, {[]string{"Tự đánh giá"}, "self"}},
				valueOf: func(i int, ind *criteria.Indicator) typed {
					if ind.Kind != criteria.KindBool {
						return defaultValue(i, ind)
					}
					if i%2 == 0 {
						return typed{cell: "Có 01 chợ nông thôn đạt chuẩn", num: 1, has: true, verdict: "Đạt", self: &dat, fromV: true}
					}
					return typed{cell: "", num: 1, has: true, verdict: "Đạt", self: &dat, fromV: true}
				}}},
		},
		{
			name: "a summary of the 19 criteria before the detailed table: the detailed sheet wins",
			hands: []hand{
				{sheet: "Biểu 01", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 1, onlyCrit: true,
					cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Tên tiêu chí"}, "name"}, {[]string{"Kết quả"}, "res"}, {[]string{"Tự đánh giá"}, "self"}}},
				{sheet: "Biểu 02", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 1, layout: "canonical",
					cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Tên tiêu chí"}, "name"}, {[]string{"Nội dung chỉ tiêu"}, "text"}, {[]string{"Kết quả"}, "res"}, {[]string{"Tự đánh giá"}, "self"}}},
			},
			want: []string{warnSheetOf("Biểu 02", "tệp có 2 trang có bảng chỉ tiêu; đọc trang “Biểu 02” (49 chỉ tiêu), bỏ qua “Biểu 01” (0 chỉ tiêu)")},
			check: func(t *testing.T, a *Assessment, _ []typed) {
				if a.Sheet != "Biểu 02" || fmt.Sprint(a.Candidates) != "[{Biểu 01 0} {Biểu 02 49}]" {
					t.Errorf("sheet %q, candidates %v", a.Sheet, a.Candidates)
				}
			},
		},
		{
			name: "only the 19 criteria, no indicators: refused with one message",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 1, onlyCrit: true,
				cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Tên tiêu chí"}, "name"}, {[]string{"Kết quả"}, "res"}, {[]string{"Tự đánh giá"}, "self"}}}},
			nilA: true,
			want: []string{errSheetOf("Sheet1", "biểu chỉ có 19 tiêu chí và kết quả tự đánh giá của từng tiêu chí, không có các chỉ tiêu (1.1, 1.2, 2.1 …): ntm cần kết quả từng chỉ tiêu để đối chiếu với mức đạt chuẩn của vùng; hãy điền biểu tự đánh giá do Sở gửi (tạo bằng lệnh ntm init, có đủ 49 chỉ tiêu của bộ tiêu chí qd1980-2016) rồi gửi lại")},
		},
		{
			name: "two result columns and nothing to tell which is this period's: refused, both header cells named",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "Xã: Gio Mai", "A2": "Kỳ đánh giá: 2021-H1"}, headerRow: 4, levels: 2, layout: "canonical",
				cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Nội dung chỉ tiêu"}, "text"},
					{[]string{"Kết quả thực hiện", "Năm 2019"}, "prev"}, {[]string{"<", "Năm 2020"}, "res"}, {[]string{"Tự đánh giá"}, "self"}}}},
			nilA: true,
			want: []string{errCellOf("Sheet1", "C5", "không xác định được cột kết quả kỳ này: các cột C5 “Kết quả thực hiện / Năm 2019” và D5 “Kết quả thực hiện / Năm 2020” đều có thể là kết quả kỳ này và biểu ghi kỳ 2021-H1 (6 tháng đầu năm 2021); ghi rõ kỳ ở tiêu đề cột (ví dụ “6 tháng đầu năm 2021” hoặc “Kỳ này”, cột kia “Kỳ trước”) rồi gửi lại")},
		},
		{
			name: "two dated result columns and no period anywhere: refused",
			file: "bieu-gio-mai.xlsx",
			hands: []hand{{sheet: "Sheet1", top: map[string]string{"A1": "UBND XÃ GIO MAI", "D1": "Bộ tiêu chí: qd1980-2016"}, headerRow: 3, levels: 2, layout: "canonical",
				cols: []hcol{{[]string{"TT"}, "tt"}, {[]string{"Nội dung chỉ tiêu"}, "text"},
					{[]string{"Kết quả thực hiện", "Năm 2020"}, "prev"}, {[]string{"<", "6 tháng đầu năm 2021"}, "res"}, {[]string{"Tự đánh giá"}, "self"}}}},
			nilA: true,
			want: []string{
				"bieu-gio-mai.xlsx!Sheet1: lỗi: thiếu ô “Kỳ đánh giá:” (kỳ đánh giá, ví dụ 2021-H1) ở phần đầu biểu, phía trên bảng chỉ tiêu",
				"bieu-gio-mai.xlsx!Sheet1!C4: lỗi: không xác định được cột kết quả kỳ này: các cột C4 “Kết quả thực hiện / Năm 2020” và D4 “Kết quả thực hiện / 6 tháng đầu năm 2021” đều có thể là kết quả kỳ này và biểu không ghi kỳ đánh giá; ghi rõ kỳ ở tiêu đề cột (ví dụ “6 tháng đầu năm 2021” hoặc “Kỳ này”, cột kia “Kỳ trước”) rồi gửi lại",
			},
		},
	}
}

func warnSheetOf(sheet, msg string) string { return testFile + "!" + sheet + ": cảnh báo: " + msg }
func errSheetOf(sheet, msg string) string  { return testFile + "!" + sheet + ": lỗi: " + msg }
func warnCellOf(sheet, cell, msg string) string {
	return testFile + "!" + sheet + "!" + cell + ": cảnh báo: " + msg
}
func errCellOf(sheet, cell, msg string) string {
	return testFile + "!" + sheet + "!" + cell + ": lỗi: " + msg
}

// vnNoMarks drops the marks as a clerk without a Vietnamese keyboard types.
func vnNoMarks(s string) string {
	r := strings.NewReplacer("đ", "d", "Đ", "D")
	return r.Replace(vnfmt.StripMarks(s))
}

func TestCorpus(t *testing.T) {
	cat, set := corpusCatalogue(t)
	for _, tc := range corpusCases() {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			var want []typed
			for i, h := range tc.hands {
				if i == 0 {
					must(f.SetSheetName("Sheet1", h.sheet))
				} else {
					_, err := f.NewSheet(h.sheet)
					must(err)
				}
				if w := h.build(t, f, set); !h.onlyCrit {
					want = w
				}
			}
			data := save(f)
			name := tc.file
			if name == "" {
				name = testFile
			}
			a, probs := Read(name, bytes.NewReader(data), cat)
			got := messages(probs)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tc.want, "\n      "))
			}
			if (a == nil) != tc.nilA {
				t.Fatalf("assessment %v, want nil %v", a != nil, tc.nilA)
			}
			if a == nil {
				return
			}
			if a.SetID != "" && a.SetID != corpusSet || a.Set != set {
				t.Errorf("set %q", a.SetID)
			}
			checkTyped(t, a, set, want)
			if tc.check != nil {
				tc.check(t, a, want)
			}
		})
	}
}
