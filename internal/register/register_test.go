package register

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func issued() []Issued {
	return []Issued{
		{Issued: day(2020, 12, 8), Entry: Entry{Key: "ke-hoach/2071-SKH-KTN", Year: 2020, Number: "2071/SKH-KTN", Date: "08/12/2020",
			TypeAndSubject: "Kế hoạch: Thực hiện công tác phụ trách, đỡ đầu cho các xã xây dựng nông thôn mới", Signer: "Trương Chí Trung",
			Recipients: "UBND tỉnh (b/c); VPĐP NTM tỉnh; UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai", ArchiveCopy: "VT, KTN", Copies: 14,
			Path: "ke-hoach-2071-SKH-KTN.pdf"}},
		{Issued: day(2021, 6, 15), Entry: Entry{Key: "bao-cao/2021-H1", Year: 2021, Number: "…/BC-SKH", Date: "15/6/2021",
			TypeAndSubject: "=Báo cáo: Kết quả thực hiện 6 tháng đầu năm 2021", Signer: "Trương Chí Trung",
			Recipients: "UBND tỉnh (b/c)", ArchiveCopy: "VT, KTN", Copies: 3, Path: "2021-H1/bao-cao-2021-H1.pdf"}},
	}
}

func render(t *testing.T, b *Book) []byte {
	t.Helper()
	var w bytes.Buffer
	if err := Render(&w, b, Meta{Agency: "Sở Kế hoạch và Đầu tư", Created: day(2021, 6, 15)}); err != nil {
		t.Fatal(err)
	}
	return w.Bytes()
}

func TestRenderLayout(t *testing.T) {
	book := Merge(&Book{}, nil, issued(), map[string]time.Time{"ke-hoach-2071-SKH-KTN.pdf": time.Date(2020, 12, 8, 20, 0, 0, 0, time.UTC)})
	data := render(t, book)
	if !bytes.Equal(data, render(t, book)) {
		t.Fatal("two renders of the same register differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Năm 2020,Năm 2021" {
		t.Fatalf("sheets %q", got)
	}
	want := map[string]string{
		"A1": "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "A3": "Số, ký hiệu văn bản", "J3": "Ghi chú", "A4": "(1)", "G4": "(7)", "J4": "(10)",
		"A5": "2071/SKH-KTN", "B5": "08/12/2020", "D5": "Trương Chí Trung", "F5": "VT, KTN", "G5": "14",
		"H5": "09/12/2020", // sent at 20:00 UTC, 03:00 on the 9th in Việt Nam
		"K5": "ke-hoach/2071-SKH-KTN",
	}
	for c, w := range want {
		if got, _ := f.GetCellValue("Năm 2020", c); got != w {
			t.Errorf("Năm 2020!%s = %q, want %q", c, got, w)
		}
	}
	if typ, _ := f.GetCellType("Năm 2021", "C5"); typ == excelize.CellTypeFormula {
		t.Error("a subject starting with = became a formula")
	}
	if fm, _ := f.GetCellFormula("Năm 2021", "C5"); fm != "" {
		t.Errorf("C5 has formula %q", fm)
	}
	if v, _ := f.GetColVisible("Năm 2020", "K"); v {
		t.Error("the key column is visible")
	}
	lo, _ := f.GetPageLayout("Năm 2020")
	if *lo.Orientation != "landscape" || *lo.Size != 9 || *lo.FitToWidth != 1 {
		t.Errorf("page layout %v %v %v", *lo.Orientation, *lo.Size, *lo.FitToWidth)
	}
	titles := false
	for _, d := range f.GetDefinedName() {
		titles = titles || d.Name == "_xlnm.Print_Titles" && d.Scope == "Năm 2020" && strings.HasSuffix(d.RefersTo, "!$3:$4")
	}
	if !titles {
		t.Errorf("no print titles: %+v", f.GetDefinedName())
	}
	if p, _ := f.GetDocProps(); p.Creator != "Sở Kế hoạch và Đầu tư" || !strings.HasPrefix(p.Created, "2021-06-15") {
		t.Errorf("doc props %+v", p)
	}
}

func TestKeptAcrossRuns(t *testing.T) {
	out := t.TempDir()
	first := issued()[:1]
	book, state, wb, err := Update(out, first, nil, Meta{Agency: "Sở", Created: day(2020, 12, 8)})
	if err != nil || len(book.Entries) != 1 {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, StateName), state, 0o644)
	os.WriteFile(filepath.Join(out, WorkbookName), wb, 0o644)

	// The clerk signs the row, adds a note and a row of her own, and saves.
	f, err := excelize.OpenFile(filepath.Join(out, WorkbookName))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Năm 2020", "H5", "10/12/2020")
	f.SetCellStr("Năm 2020", "I5", "Nguyễn Thị Hoa")
	f.SetCellStr("Năm 2020", "J5", "Đã gửi bản giấy")
	f.SetCellStr("Năm 2020", "A6", "2072/SKH-KTN")
	f.SetCellStr("Năm 2020", "C6", "Công văn: V/v cử cán bộ")
	f.SetCellStr("Năm 2020", "G6", "3")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// The next run adds the report and changes the plan's recipients.
	next := issued()
	next[0].Recipients = "UBND tỉnh (b/c)"
	book, _, wb, err = Update(out, next, nil, Meta{Agency: "Sở", Created: day(2021, 6, 15)})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range book.Entries {
		keys = append(keys, e.Key[:4])
	}
	if got := strings.Join(keys, ","); got != "ke-h,tay:,bao-" {
		t.Fatalf("rows %s, want the plan, the clerk's row, the report", got)
	}
	plan := book.Entries[0]
	if plan.Signature != "Nguyễn Thị Hoa" || plan.Note != "Đã gửi bản giấy" || plan.Transferred != "10/12/2020" || plan.Recipients != "UBND tỉnh (b/c)" {
		t.Fatalf("plan row %+v", plan)
	}
	if m := book.Entries[1]; m.Number != "2072/SKH-KTN" || m.Copies != 3 || m.Year != 2020 {
		t.Fatalf("clerk's row %+v", m)
	}
	g, _ := excelize.OpenReader(bytes.NewReader(wb))
	defer g.Close()
	if v, _ := g.GetCellValue("Năm 2020", "A6"); v != "2072/SKH-KTN" {
		t.Errorf("the clerk's row is not in the new workbook: A6 = %q", v)
	}
	if v, _ := g.GetCellValue("Năm 2021", "K5"); v != "bao-cao/2021-H1" {
		t.Errorf("the new report is not on 2021's sheet: K5 = %q", v)
	}

	// A damaged workbook stops the run instead of losing the clerk's entries.
	os.WriteFile(filepath.Join(out, WorkbookName), []byte("PK\x03\x04 not a workbook"), 0o644)
	if _, _, _, err := Update(out, next, nil, Meta{}); err == nil || !strings.Contains(err.Error(), "không ghi đè") {
		t.Fatalf("damaged workbook: %v", err)
	}
}

func FuzzReadClerk(f *testing.F) {
	book := Merge(&Book{}, nil, issued(), nil)
	var w bytes.Buffer
	Render(&w, book, Meta{})
	f.Add(w.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := readClerk(b)
		if err == nil && c == nil {
			t.Fatal("nil without error")
		}
	})
}
