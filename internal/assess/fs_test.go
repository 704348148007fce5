package assess

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ntm-project/ntm/internal/cputime"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/xuri/excelize/v2"
)

func TestReadFS(t *testing.T) {
	good := canonicalWith(nil)()
	other := canonicalWith(set(map[string]any{"C3": "Vĩnh Thái", "C5": "2021-H2"}))()
	fsys := fstest.MapFS{
		"2021-H1/gio-mai.xlsx":       {Data: good},
		"2021-H1/~$gio-mai.xlsx":     {Data: []byte("lock")},
		"2021-H1/.gio-mai.xlsx":      {Data: []byte("dot")},
		".git/objects/x.xlsx":        {Data: []byte("git")},
		"2021-H1/hai-thai.xls":       {Data: []byte{0xD0, 0xCF, 0x11, 0xE0}},
		"2021-H1/trieu-do.ods":       {Data: zipOf("mimetype", "application/vnd.oasis.opendocument.spreadsheet")},
		"2021-H1/broken.xlsx":        {Data: []byte("not a workbook")},
		"2021-H2/sub/vinh-thai.XLSX": {Data: other},
		"ghi-chu.txt":                {Data: []byte("x")},
		"2021-H1/scan.pdf":           {Data: []byte("%PDF")},
	}
	as, probs := ReadFS(fsys, "input/assessments", testCatalogue())
	var got []string
	for _, a := range as {
		got = append(got, fmt.Sprintf("%s %s %s", a.File, a.Commune, a.Period))
	}
	want := []string{
		"input/assessments/2021-H1/gio-mai.xlsx Gio Mai 2021-H1",
		"input/assessments/2021-H2/sub/vinh-thai.XLSX Vĩnh Thái 2021-H2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("assessments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantProbs := []string{
		"input/assessments/2021-H1/broken.xlsx: lỗi: tệp không phải là bảng tính Excel .xlsx (có thể tệp bị hỏng, bị đổi đuôi hoặc là tệp khác): mở bằng Excel, lưu thành .xlsx rồi gửi lại",
		"input/assessments/2021-H1/hai-thai.xls: lỗi: " + msgXLS,
		"input/assessments/2021-H1/trieu-do.ods: lỗi: " + msgODS,
	}
	if gp := messages(probs); strings.Join(gp, "\n") != strings.Join(wantProbs, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(gp, "\n"), strings.Join(wantProbs, "\n"))
	}
}

// benchCatalogue has 19 criteria of 1–4 indicators of every kind.
func benchCatalogue() *criteria.Catalogue {
	kinds := []criteria.Kind{criteria.KindBool, criteria.KindPercent, criteria.KindMoney, criteria.KindZero, criteria.KindNumber}
	set := &criteria.Set{ID: "bench", Level: "ntm", FromYear: 2021, ToYear: 2025}
	k := 0
	for c := 1; c <= 19; c++ {
		cr := &criteria.Criterion{Number: c, Name: fmt.Sprintf("Tiêu chí %d", c)}
		n := 1 + c%4
		for i := 1; i <= n; i++ {
			id := fmt.Sprintf("%d.%d", c, i)
			if n == 1 {
				id = fmt.Sprint(c)
			}
			cr.Indicators = append(cr.Indicators, &criteria.Indicator{ID: id, Criterion: c, Kind: kinds[k%len(kinds)]})
			k++
		}
		set.Criteria = append(set.Criteria, cr)
	}
	return &criteria.Catalogue{Sets: []*criteria.Set{set}}
}

// benchForm writes a filled 19-criteria form for cat's only set.
func benchForm(cat *criteria.Catalogue) []byte {
	f := newBook(formSheet)
	sh := formSheet
	setRow(f, sh, 1, "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI")
	setRow(f, sh, 3, "Xã:", nil, "Gio Mai")
	setRow(f, sh, 4, "Kỳ đánh giá:", nil, "2021-H1")
	setRow(f, sh, 5, "Bộ tiêu chí:", nil, "bench")
	setRow(f, sh, 7, headerLabels...)
	r := 8
	for _, c := range cat.Sets[0].Criteria {
		if len(c.Indicators) > 1 {
			setRow(f, sh, r, fmt.Sprint(c.Number), c.Name)
			r++
		}
		for _, ind := range c.Indicators {
			var v any
			switch ind.Kind {
			case criteria.KindBool:
				v = "Đạt"
			case criteria.KindPercent:
				v = "85,5"
			case criteria.KindMoney:
				v = 45.2
			case criteria.KindZero:
				v = "Không"
			default:
				v = 12
			}
			setRow(f, sh, r, ind.ID, "", "Nội dung chỉ tiêu "+ind.ID, "", "≥70%", "", v, "Đạt", "")
			r++
		}
	}
	setRow(f, sh, r, "Tổng số tiêu chí đạt:")
	return save(f)
}

func TestBenchForm(t *testing.T) {
	cat := benchCatalogue()
	a, probs := Read(testFile, bytes.NewReader(benchForm(cat)), cat)
	if a == nil || len(probs) != 0 {
		t.Fatalf("problems: %q", messages(probs))
	}
	n := 0
	for _, c := range cat.Sets[0].Criteria {
		n += len(c.Indicators)
	}
	if len(a.Values) != n {
		t.Errorf("%d values, want %d", len(a.Values), n)
	}
}

func BenchmarkRead(b *testing.B) {
	cat := benchCatalogue()
	data := benchForm(cat)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		a, probs := Read(testFile, bytes.NewReader(data), cat)
		if a == nil || len(probs) != 0 {
			b.Fatal(messages(probs))
		}
	}
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkReadSample reads a sample form written by ntm init (49
// indicators of the national set, styles, validations) and filled.
func BenchmarkReadSample(b *testing.B) {
	data, err := os.ReadFile("../../input/assessments/2021-H1/gio-mai.xlsx")
	if err != nil {
		b.Skip(err)
	}
	cat, err := criteria.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		a, probs := Read("input/assessments/2021-H1/gio-mai.xlsx", bytes.NewReader(data), cat)
		if a == nil || probs.Errors() != 0 {
			b.Fatal(messages(probs))
		}
	}
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
}

var _ = excelize.NewFile

// BenchmarkReadFS reads a folder of N forms (in memory, the benchmark's
// form under N names, two periods) on every core: the reading stage of a
// build at N = 4, 125, 1.000 and, without -short, 10.000 communes.
func BenchmarkReadFS(b *testing.B) {
	cat := benchCatalogue()
	data := benchForm(cat)
	cputime.EachScale(b, func(b *testing.B, n int) {
		fsys := fstest.MapFS{}
		for i := range n {
			for _, per := range []string{"2020-H2", "2021-H1"} {
				fsys[fmt.Sprintf("%s/xa-%05d.xlsx", per, i)] = &fstest.MapFile{Data: data, Mode: 0o644}
			}
		}
		b.ReportAllocs()
		cpu0 := cputime.Process()
		for b.Loop() {
			as, _ := ReadFSWith(context.Background(), fsys, "assessments", cat, FSOptions{})
			if len(as) != 2*n {
				b.Fatalf("%d forms read, want %d", len(as), 2*n)
			}
		}
		if cpu := cputime.Process() - cpu0; cpu > 0 {
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		}
	})
}
