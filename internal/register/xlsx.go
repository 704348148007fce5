package register

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The ten columns of Appendix IV, and the hidden key column after them.
var columns = []struct {
	label string
	width float64
}{
	{"Số, ký hiệu văn bản", 14},
	{"Ngày tháng văn bản", 11},
	{"Tên loại và trích yếu nội dung văn bản", 42},
	{"Người ký", 16},
	{"Nơi nhận văn bản", 34},
	{"Đơn vị, người nhận bản lưu", 13},
	{"Số lượng bản", 8},
	{"Ngày chuyển", 11},
	{"Ký nhận", 12},
	{"Ghi chú", 18},
}

const (
	keyColumn = "K" // hidden: the row's key, so a document keeps its row
	keyLabel  = "Mã văn bản (ntm, không sửa)"
	headRow   = 3 // the labels; row 4 holds (1)…(10); data from row 5
	firstData = 5
)

// rowHeight estimates the height in points of a row whose cells wrap:
// a column of width w holds about w characters of 12-point Times a line
// (its width unit is the width of a digit, and Vietnamese text averages
// about a third less), a line is 15,75 pt.
func rowHeight(vals []string) float64 {
	lines := 1
	for c, v := range vals {
		per := int(columns[c].width * 1.3)
		n := 0
		for _, para := range strings.Split(v, "\n") {
			n += max(1, (utf8.RuneCountInString(para)+per-1)/per)
		}
		lines = max(lines, n)
	}
	return float64(lines)*15.75 + 2
}

// sheetName is the sheet of a year.
func sheetName(year int) string { return "Năm " + strconv.Itoa(year) }

// Meta is the workbook's properties.
type Meta struct {
	Agency  string    // the issuing agency, as the author: "Sở Kế hoạch và Đầu tư"
	Created time.Time // the latest document's date: the same register gives the same bytes
}

// Render writes the register as a workbook: a sheet per year, A4
// landscape fitted to the page width, the header rows (labels and their
// numbers (1)…(10)) repeated on every printed page, page numbers in the
// footer.
func Render(w io.Writer, b *Book, meta Meta) error {
	f := excelize.NewFile()
	defer f.Close()
	years := b.Years()
	if len(years) == 0 {
		years = []int{meta.Created.Year()}
	}
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	subtitle, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 13, Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	num, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11, Italic: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	cell, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	centred, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	for i, y := range years {
		sh := sheetName(y)
		if i == 0 {
			f.SetSheetName("Sheet1", sh)
		} else if _, err := f.NewSheet(sh); err != nil {
			return err
		}
		for c, col := range columns {
			name, _ := excelize.ColumnNumberToName(c + 1)
			f.SetColWidth(sh, name, name, col.width)
			f.SetCellStr(sh, name+strconv.Itoa(headRow), col.label)
			f.SetCellStr(sh, name+strconv.Itoa(headRow+1), "("+strconv.Itoa(c+1)+")")
		}
		f.SetColWidth(sh, keyColumn, keyColumn, 24)
		f.SetColVisible(sh, keyColumn, false)
		f.SetCellStr(sh, keyColumn+strconv.Itoa(headRow), keyLabel)
		f.MergeCell(sh, "A1", "J1")
		f.MergeCell(sh, "A2", "J2")
		f.SetCellStr(sh, "A1", "SỔ ĐĂNG KÝ VĂN BẢN ĐI")
		f.SetCellStr(sh, "A2", "Năm "+strconv.Itoa(y))
		f.SetCellStyle(sh, "A1", "A1", title)
		f.SetCellStyle(sh, "A2", "A2", subtitle)
		f.SetRowHeight(sh, 1, 22)
		f.SetCellStyle(sh, "A3", "J3", head)
		f.SetCellStyle(sh, "A4", "J4", num)
		f.SetRowHeight(sh, headRow, 48)
		row := firstData
		for _, e := range b.Entries {
			if e.Year != y {
				continue
			}
			r := strconv.Itoa(row)
			vals := []string{e.Number, e.Date, e.TypeAndSubject, e.Signer, e.Recipients, e.ArchiveCopy, "", e.Transferred, e.Signature, e.Note}
			for c, v := range vals {
				name, _ := excelize.ColumnNumberToName(c + 1)
				if c == 6 {
					if e.Copies > 0 {
						f.SetCellInt(sh, name+r, int64(e.Copies))
					}
					continue
				}
				// SetCellStr writes text, never a formula, even for
				// a value starting with "=".
				f.SetCellStr(sh, name+r, v)
			}
			f.SetCellStr(sh, keyColumn+r, e.Key)
			// Spreadsheet programs do not grow a row to its wrapped text
			// when the file says nothing: give each row the height of its
			// tallest cell.
			f.SetRowHeight(sh, row, rowHeight(vals))
			f.SetCellStyle(sh, "A"+r, "J"+r, cell)
			f.SetCellStyle(sh, "A"+r, "B"+r, centred)
			f.SetCellStyle(sh, "G"+r, "H"+r, centred)
			row++
		}
		f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headRow + 1, TopLeftCell: "A" + strconv.Itoa(firstData), ActivePane: "bottomLeft"})
		fit := true
		f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
		landscape, a4, one, zero := "landscape", 9, 1, 0
		f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &zero})
		m := 0.5
		f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m})
		f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C&\"Times New Roman\"&11Trang &P/&N"})
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sh + "'!$" + strconv.Itoa(headRow) + ":$" + strconv.Itoa(headRow+1), Scope: sh}); err != nil {
			return err
		}
	}
	created := meta.Created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Sổ đăng ký văn bản đi", Creator: meta.Agency, LastModifiedBy: meta.Agency,
		Created: created, Modified: created, Language: "vi-VN", Description: "Mẫu sổ đăng ký văn bản đi, Phụ lục IV Nghị định 30/2020/NĐ-CP"}); err != nil {
		return err
	}
	f.SetActiveSheet(len(years) - 1)
	return f.Write(w)
}

// maxWorkbook bounds the clerk's workbook that is read back, and what it
// may unpack to.
const (
	maxWorkbook = 32 << 20
	maxUnzip    = 256 << 20
)

// ReadClerk reads what the clerk wrote in the register's workbook at
// path: the columns (8)–(10) of ntm's rows, by their hidden key, and the
// rows the clerk added. A missing workbook gives nil, nil.
func ReadClerk(path string) (*Clerk, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if st.Size() > maxWorkbook {
		return nil, fmt.Errorf("%s: tệp lớn quá %d MB", path, maxWorkbook>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := readClerk(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w; sửa hoặc đổi tên tệp rồi chạy lại (ntm không ghi đè sổ khi chưa đọc được những gì văn thư đã ghi)", path, err)
	}
	return c, nil
}

func readClerk(data []byte) (*Clerk, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzip / 4})
	if err != nil {
		return nil, fmt.Errorf("không đọc được sổ đăng ký: %v", err)
	}
	defer f.Close()
	c := &Clerk{Fields: map[string]ClerkFields{}}
	for _, sh := range f.GetSheetList() {
		var year int
		if _, err := fmt.Sscanf(sh, "Năm %d", &year); err != nil {
			continue
		}
		rows, err := f.Rows(sh)
		if err != nil {
			return nil, fmt.Errorf("trang %q: %v", sh, err)
		}
		n, after := 0, ""
		for rows.Next() {
			n++
			cols, err := rows.Columns()
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("trang %q, dòng %d: %v", sh, n, err)
			}
			if n < firstData {
				continue
			}
			get := func(i int) string {
				if i < len(cols) {
					return strings.TrimSpace(cols[i])
				}
				return ""
			}
			key := get(10)
			if key != "" && !strings.HasPrefix(key, "tay:") {
				c.Fields[key] = ClerkFields{Transferred: get(7), Signature: get(8), Note: get(9)}
				after = key
				continue
			}
			e := Entry{Year: year, Number: get(0), Date: get(1), TypeAndSubject: get(2), Signer: get(3), Recipients: get(4),
				ArchiveCopy: get(5), Transferred: get(7), Signature: get(8), Note: get(9)}
			e.Copies, _ = strconv.Atoi(get(6))
			empty := true
			for i := 0; i < 10; i++ {
				empty = empty && get(i) == ""
			}
			if empty {
				continue
			}
			e.Key = manualKey(e)
			c.Manual = append(c.Manual, ManualRow{After: after, Entry: e})
			after = e.Key
		}
		rows.Close()
	}
	return c, nil
}
