package assess

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// rawBook zips SpreadsheetML parts: a workbook of one sheet "Sheet1"
// whose worksheet part is sheet (and shared strings sst when not empty).
func rawBook(sheet, sst string) []byte { return rawBookStyled(sheet, sst, "") }

// rawBookStyled is rawBook with a styles part when styles is not empty.
func rawBookStyled(sheet, sst, styles string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		must(err)
		_, err = w.Write([]byte(body))
		must(err)
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		add("xl/sharedStrings.xml", sst)
	}
	if styles != "" {
		rels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
		add("xl/styles.xml", styles)
	}
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	add("xl/worksheets/sheet1.xml", sheet)
	must(zw.Close())
	return buf.Bytes()
}

// sheetXML is a worksheet holding rows of inline strings: cells[r] is
// row r+1, one string per column.
func sheetXML(rows [][]string, tail string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, v := range row {
			if v == "" {
				continue
			}
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, cellName(i+1, j+1), v)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>` + tail + `</worksheet>`)
	return b.String()
}

// smallForm is a minimal valid table for the test catalogue.
func smallForm() [][]string {
	return [][]string{
		{"Xã:", "Gio Mai"}, {"Kỳ đánh giá:", "2021-H1"}, {"Bộ tiêu chí:", "test-2021"},
		{"TT", "Nội dung", "Kết quả kỳ này", "Tự đánh giá"},
		{"1.1", "a", "Đạt", "Đạt"}, {"1.2", "b", "Đạt", "Đạt"}, {"2.1", "c", "Đạt", "Đạt"}, {"2.2", "d", "80", "Đạt"},
		{"5", "e", "Đạt", "Đạt"}, {"10", "f", "40", "Đạt"}, {"17.1", "g", "0", "Đạt"}, {"17.10", "h", "95", "Đạt"},
	}
}

// patchCentral rewrites a field of the central directory entry of name:
// off is the field's offset in the entry (16 CRC-32, 24 uncompressed size).
func patchCentral(data []byte, name string, off int, v uint32) []byte {
	out := bytes.Clone(data)
	sig := []byte("PK\x01\x02")
	for i := bytes.Index(out, sig); i >= 0; {
		nlen := int(binary.LittleEndian.Uint16(out[i+28:]))
		if string(out[i+46:i+46+nlen]) == name {
			binary.LittleEndian.PutUint32(out[i+off:], v)
			return out
		}
		j := bytes.Index(out[i+4:], sig)
		if j < 0 {
			break
		}
		i += 4 + j
	}
	panic("no entry " + name)
}

func TestHostileFiles(t *testing.T) {
	cat := testCatalogue()
	const broken = "tệp .xlsx bị hỏng: phần “xl/worksheets/sheet1.xml” (trang “Sheet1”) "
	const resend = "; mở bằng Excel, lưu lại thành .xlsx rồi gửi lại"
	good := sheetXML(smallForm(), "")
	goodBook := rawBook(good, "")
	if a, probs := Read(testFile, bytes.NewReader(goodBook), cat); a == nil || len(probs) != 0 {
		t.Fatalf("the raw book does not read: %q", messages(probs))
	}
	huge := strings.Repeat("Đ", 5<<20) // a 10 MB cell
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"sheet part cut in half", rawBook(good[:len(good)/2], ""), broken + "bị hỏng: XML sai cấu trúc: phần bị cắt cụt"},
		{"undefined entity", rawBook(strings.Replace(good, "<t>a</t>", "<t>&xxe;</t>", 1), ""), broken + "bị hỏng: XML sai cấu trúc: tham chiếu ký tự không hợp lệ: &xxe; (chỉ cho phép &lt; &gt; &amp; &quot; &apos; và &#số;)"},
		{"DOCTYPE", rawBook(strings.Replace(good, "<worksheet", `<!DOCTYPE x [<!ENTITY a "b">]><worksheet`, 1), ""), broken + "bị hỏng: XML sai cấu trúc: có khai báo <!DOCTYPE> hoặc <!…> (tệp Excel không có, không được phép)"},
		{"size in the zip header lies", patchCentral(goodBook, "xl/worksheets/sheet1.xml", 24, 100), broken + "sai cấu trúc nén (kích thước khai báo không khớp với dữ liệu)"},
		{"CRC does not match", patchCentral(goodBook, "xl/worksheets/sheet1.xml", 16, 12345), broken + "sai mã kiểm tra (CRC): tệp bị hỏng khi chép hoặc gửi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, probs := Read(testFile, bytes.NewReader(tt.data), cat)
			got := messages(probs)
			if a != nil || len(got) != 1 || !strings.HasPrefix(got[0], testFile+"!Sheet1: lỗi: "+tt.want) || !strings.HasSuffix(got[0], resend) {
				t.Errorf("got %v, %q\nwant %s…%s", a != nil, got, tt.want, resend)
			}
		})
	}
	t.Run("a 10 MB cell is quoted as an excerpt", func(t *testing.T) {
		rows := smallForm()
		rows[4][3] = huge
		a, probs := Read(testFile, bytes.NewReader(rawBook(sheetXML(rows, ""), "")), cat)
		got := messages(probs)
		if a == nil || len(got) != 1 || len(got[0]) > 400 || !strings.Contains(got[0], `tự đánh giá "ĐĐĐ`) {
			t.Errorf("got %d problems, first %d bytes: %.300q", len(got), len(got[0]), got)
		}
		if v := valueMap(a)["1.1"]; len(v.SelfRaw) > 1000 {
			t.Errorf("SelfRaw kept %d bytes", len(v.SelfRaw))
		}
	})
}

// A sheet of 150,000 one-cell rows (10 MB inflated) costs what its first
// 5,000 rows cost to keep, and a part inflating past the cap is refused
// before it is inflated.
func TestPaddedSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 5 MB workbook")
	}
	cat := testCatalogue()
	var b strings.Builder
	head := sheetXML(smallForm(), "")
	b.WriteString(strings.TrimSuffix(head, `</sheetData></worksheet>`))
	n := 150000
	for r := 20; r < 20+n; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
	}
	b.WriteString(`</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`)
	data := rawBook(b.String(), "")
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	start := time.Now()
	a, probs := Read(testFile, bytes.NewReader(data), cat)
	el := time.Since(start)
	runtime.ReadMemStats(&m1)
	if a == nil || probs.Errors() != 0 {
		t.Fatalf("problems: %q", messages(probs))
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading a %d KB file of %d rows allocated %d MB", len(data)>>10, n, alloc>>20)
	}
	t.Logf("%d KB file, %d MB inflated: %v", len(data)>>10, b.Len()>>20, el)

	// Past the cap: refused from the zip's directory, nothing inflated.
	var big strings.Builder
	big.WriteString(strings.TrimSuffix(head, `</sheetData></worksheet>`))
	for big.Len() < maxPartSize+1024 {
		big.WriteString(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`)
	}
	big.WriteString(`</sheetData></worksheet>`)
	_, probs = Read(testFile, bytes.NewReader(rawBook(big.String(), "")), cat)
	if got := messages(probs); len(got) == 0 || !strings.Contains(got[0], "quá lớn: 24 MB khi giải nén (giới hạn 24 MB)") {
		t.Errorf("got %q", got)
	}
}

// ReadFSContext stops soon after its context is done.
func TestReadFSCancel(t *testing.T) {
	fsys := fstest.MapFS{}
	form := canonicalWith(nil)()
	for i := 0; i < 400; i++ {
		fsys[fmt.Sprintf("2021-H1/xa-%03d.xlsx", i)] = &fstest.MapFile{Data: form}
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	start := time.Now()
	as, probs := ReadFSContext(ctx, fsys, "in", testCatalogue())
	el := time.Since(start)
	if el > 20*time.Millisecond+150*time.Millisecond {
		t.Errorf("ReadFSContext returned %v after the cancel", el-20*time.Millisecond)
	}
	got := messages(probs)
	if len(as) == 400 || len(got) == 0 || got[0] != "in: lỗi: đã dừng theo yêu cầu, chưa đọc hết các biểu" {
		t.Errorf("%d read, problems %q", len(as), got)
	}
}

// Sheets pointing to one big part are inflated once each, within one
// budget for the whole file.
func TestInflationBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates about 100 MB")
	}
	var part strings.Builder
	part.WriteString(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`)
	for part.Len() < 13<<20 {
		part.WriteString(`<extLst><ext uri="x">padding padding padding padding</ext></extLst>`)
	}
	part.WriteString(`</worksheet>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		must(err)
		_, err = w.Write([]byte(body))
		must(err)
	}
	var sheets, rels strings.Builder
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&sheets, `<sheet name="S%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`, i)
	}
	add("xl/workbook.xml", `<workbook xmlns:r="r"><sheets>`+sheets.String()+`</sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<Relationships>`+rels.String()+`</Relationships>`)
	add("xl/worksheets/sheet1.xml", part.String())
	must(zw.Close())
	_, probs := Read(testFile, bytes.NewReader(buf.Bytes()), testCatalogue())
	got := messages(probs)
	if len(got) != 1 || !strings.Contains(got[0], "!S8: lỗi: tệp .xlsx bị hỏng: phần “xl/worksheets/sheet1.xml” (trang “S8”) quá lớn: 13 MB khi giải nén (giới hạn 4 MB)") {
		t.Errorf("got %q", got)
	}
}
