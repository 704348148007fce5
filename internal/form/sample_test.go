package form

import (
	"bytes"
	"flag"
	"hash/fnv"
	"math"
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

// go test ./internal/form -run TestSample -update-sample writes the
// filled sample forms of the seed plan into input/assessments.
var updateSample = flag.Bool("update-sample", false, "write the filled sample forms into ../../input/assessments")

// sampleDir is input/assessments of the repository.
const sampleDir = "../../input/assessments"

const sampleSetID = "qd1980-2016"

var (
	periodBaseline = criteria.Period{Year: 2020, Half: criteria.H2}
	periodH1       = criteria.Period{Year: 2021, Half: criteria.H1}
)

// sampleCommune is one commune of the seed plan and the criteria it had
// not met in each sample period.
type sampleCommune struct {
	id, name, district string
	missing            map[criteria.Period][]int
}

var sampleCommunes = []sampleCommune{
	{"thuan", "Thuận", "Hướng Hóa", map[criteria.Period][]int{
		periodBaseline: {5, 6, 10, 11, 13, 17, 18, 19},
		periodH1:       {5, 10, 11, 17, 18},
	}},
	{"gio-mai", "Gio Mai", "Gio Linh", map[criteria.Period][]int{
		periodBaseline: {2, 6},
	}},
	{"gio-my", "Gio Mỹ", "Gio Linh", nil},
	{"cam-chinh", "Cam Chính", "Cam Lộ", nil},
}

// sampleCell is what a clerk typed in "Kết quả kỳ này" (a number, or
// text such as "Đạt", "Không" or "85,5") and an optional note.
type sampleCell struct {
	value string
	note  string
}

// sampleOverrides are the hand-chosen results: every failing indicator
// of the plan, and a few "real" touches (text with a decimal comma,
// "Không" for zero). Keys: commune slug, period, indicator ID.
var sampleOverrides = map[string]map[criteria.Period]map[string]sampleCell{
	"thuan": {
		periodBaseline: {
			"5":    {"60", "3/5 trường đạt chuẩn quốc gia; trường mầm non và THCS chưa đạt"},
			"6.1":  {"Chưa đạt", "Chưa có nhà văn hóa xã"},
			"6.3":  {"83.3", "Còn 2/12 thôn chưa có nhà văn hóa"},
			"10":   {"29.5", "Theo điều tra thu nhập năm 2020 của Chi cục Thống kê huyện"},
			"11":   {"7.8", "Theo kết quả rà soát hộ nghèo cuối năm 2020"},
			"13.1": {"Chưa đạt", "HTX nông nghiệp hoạt động chưa hiệu quả"},
			"13.2": {"Chưa đạt", ""},
			"17.1": {"88.6", ""},
			"17.6": {"61.5", ""},
			"18.1": {"Chưa đạt", "02 công chức chưa đạt chuẩn trình độ chuyên môn"},
			"19.2": {"Chưa đạt", "Còn xảy ra vụ việc phức tạp về an ninh trật tự"},
		},
		periodH1: {
			"5":    {"60", "Đang xây dựng trường mầm non, dự kiến hoàn thành cuối năm 2021"},
			"6.1":  {"Đạt", "Nhà văn hóa xã đưa vào sử dụng tháng 4/2021"},
			"6.3":  {"100", ""},
			"10":   {"31,2", "Ước tính 6 tháng đầu năm 2021"},
			"11":   {"6.9", ""},
			"13.1": {"Đạt", "Theo Quyết định số …/QĐ-UBND của UBND huyện Hướng Hóa về kiện toàn HTX"},
			"13.2": {"Đạt", ""},
			"17.1": {"91.4", ""},
			"17.6": {"66", ""},
			"18.1": {"Chưa đạt", "01 công chức đang học nâng chuẩn"},
			"19.2": {"Đạt", ""},
		},
	},
	"gio-mai": {
		periodBaseline: {
			"2.2": {"62.4", "Còn 3,5 km đường trục thôn chưa cứng hóa"},
			"2.4": {"55", ""},
			"6.2": {"Chưa đạt", "Chưa có điểm vui chơi cho trẻ em và người cao tuổi"},
			"6.3": {"90.9", "Còn 1/11 thôn chưa có nhà văn hóa"},
		},
		periodH1: {
			"2.2": {"85,5", "Đã cứng hóa thêm 3,2 km từ nguồn vốn lồng ghép"},
			"2.4": {"72.6", ""},
			"6.2": {"Đạt", ""},
			"6.3": {"100", "Theo Quyết định số …/QĐ-UBND của UBND huyện Gio Linh"},
		},
	},
	"gio-my": {
		periodBaseline: {
			"9.1": {"Không", ""},
			"10":  {"41,2", ""},
		},
		periodH1: {
			"9.1": {"Không", ""},
		},
	},
	"cam-chinh": {
		periodBaseline: {
			"10": {"45.1", ""},
			"11": {"2.6", ""},
		},
		periodH1: {
			"10":   {"48.6", "Ước tính 6 tháng đầu năm 2021"},
			"11":   {"1.9", "Theo kết quả rà soát hộ nghèo cuối năm 2020"},
			"15.1": {"95.2", ""},
			"17.1": {"98,5", ""},
			"2.2":  {"100", ""},
		},
	},
}

// sampleMeta is the clerk's header data per period.
var sampleMeta = map[criteria.Period]struct {
	created, filled time.Time
}{
	periodBaseline: {time.Date(2020, 11, 25, 8, 0, 0, 0, time.UTC), time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC)},
	periodH1:       {time.Date(2021, 6, 1, 8, 0, 0, 0, time.UTC), time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC)},
}

// TestSample writes the filled sample forms with -update-sample; without
// it, it checks the committed ones still read.
func TestSample(t *testing.T) {
	if *updateSample {
		cat := sampleCatalogue(t)
		set := cat.Set(sampleSetID)
		if set == nil {
			t.Fatalf("no set %q in the catalogue", sampleSetID)
		}
		writeSamples(t, set, sampleDir)
	}
	checkSamples(t, sampleDir)
}

// sampleCatalogue is the catalogue the sample is judged by: the embedded
// sets with the sample province's corrections (input/criteria/*.toml),
// which give the figures the national set leaves to the province.
func sampleCatalogue(t *testing.T) *criteria.Catalogue {
	t.Helper()
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatalf("criteria.Embedded: %v", err)
	}
	files, _ := filepath.Glob("../../input/criteria/*.toml")
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if ps := cat.Apply(f, data); ps.Errors() > 0 {
			t.Fatalf("%s: %v", f, ps.Err())
		}
	}
	return cat
}

// TestSamplesMatchPlan evaluates the committed sample forms with the
// criteria package and compares the criteria not met with the plan.
func TestSamplesMatchPlan(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*", "*.xlsx"))
	if len(files) == 0 {
		t.Skip("no sample forms")
	}
	cat := sampleCatalogue(t)
	set := cat.Set(sampleSetID)
	if set == nil {
		t.Fatalf("no set %q", sampleSetID)
	}
	for _, c := range sampleCommunes {
		for _, p := range []criteria.Period{periodBaseline, periodH1} {
			t.Run(FileName(c.id, p), func(t *testing.T) {
				f, err := excelize.OpenFile(filepath.Join(sampleDir, filepath.FromSlash(FileName(c.id, p))))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				rows, err := f.GetRows(SheetName)
				if err != nil {
					t.Fatal(err)
				}
				values := map[string]float64{}
				assessed := map[string]string{}
				for i, r := range rows {
					if i+1 < rowBody || len(r) < 8 || r[0] == "" {
						continue
					}
					if v, ok := cellValue(r[6]); ok {
						values[r[0]] = v
					}
					assessed[r[0]] = r[7]
				}
				res := criteria.Evaluate(set, criteria.BTB, p.Year, values)
				got, want := res.MissingCriteria(), c.missing[p]
				if !slices.Equal(got, want) {
					t.Errorf("criteria not met = %v, want %v", got, want)
				}
				for _, cr := range res.Criteria {
					if !cr.Complete {
						t.Errorf("criterion %d has indicators without a value", cr.Criterion.Number)
					}
					if got, want := assessed[strconv.Itoa(cr.Criterion.Number)], assessment(cr.Met); got != want {
						t.Errorf("criterion %d self-assessed %q, evaluated %q", cr.Criterion.Number, got, want)
					}
				}
			})
		}
	}
}

// TestSampleGenerator runs the generator on the small test set into a
// temporary folder, so that it is tested without the embedded data.
func TestSampleGenerator(t *testing.T) {
	dir := t.TempDir()
	writeSamples(t, testSet(), dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.xlsx"))
	if got, want := len(files), 8; got != want {
		t.Fatalf("files = %d, want %d", got, want)
	}
	th, err := excelize.OpenFile(filepath.Join(dir, "2021-H1", "thuan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer th.Close()
	for _, tt := range []struct{ cell, want string }{
		{"A20", "5"}, {"F20", "60.0"}, {"G20", "60.0"}, {"H20", "Chưa đạt"},
		{"F14", "Đạt"}, {"A23", "10"}, {"F23", "29.5"}, {"G23", "31,2"}, {"H23", "Chưa đạt"},
	} {
		if got := get(t, th, SheetName, tt.cell); got != tt.want {
			t.Errorf("thuan %s = %q, want %q", tt.cell, got, tt.want)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "2021-H1", "gio-mai.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tests := []struct{ cell, want string }{
		{"C10", "Nguyễn Văn A – Công chức Văn hóa – Xã hội"},
		{"A19", "2.2"}, {"G19", "85,5"}, {"H19", "Đạt"}, {"F19", "62.4"},
		{"H17", "Đạt"}, // criterion 2 completed
	}
	for _, tt := range tests {
		if got := get(t, f, SheetName, tt.cell); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.cell, got, tt.want)
		}
	}
	if p, _ := f.GetDocProps(); p.Creator != "Sở Kế hoạch và Đầu tư" || p.Language != "vi-VN" || p.LastModifiedBy != "UBND xã Gio Mai" {
		t.Errorf("doc props after filling = %+v", p)
	}
	if v, _ := f.GetCellValue(SheetName, "C11", excelize.Options{RawCellValue: true}); v != "44362" {
		t.Errorf("C11 raw = %q, want the serial of 15/06/2021", v)
	}
}

// writeSamples writes the eight filled forms under dir.
func writeSamples(t *testing.T, set *criteria.Set, dir string) {
	t.Helper()
	for _, c := range sampleCommunes {
		prev := map[string]string(nil)
		for _, p := range []criteria.Period{periodBaseline, periodH1} {
			values := sampleValues(t, set, c, p)
			data := fillSample(t, set, c, p, prev, values)
			path := filepath.Join(dir, filepath.FromSlash(FileName(c.id, p)))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			prev = prevOf(t, set, p, values)
		}
	}
}

// sampleValues chooses every indicator's result for commune c in p and
// checks that exactly the plan's criteria fail.
func sampleValues(t *testing.T, set *criteria.Set, c sampleCommune, p criteria.Period) map[string]sampleCell {
	t.Helper()
	slug := Slug(c.name)
	over := sampleOverrides[slug][p]
	missing := c.missing[p]
	out := map[string]sampleCell{}
	for _, cr := range set.Criteria {
		failing := slices.Contains(missing, cr.Number)
		anyFail := false
		for _, ind := range cr.Indicators {
			th := ind.ThresholdFor(criteria.BTB, p.Year)
			cell, ok := over[ind.ID]
			if !ok {
				cell = sampleCell{value: metValue(slug, p, ind, th)}
			}
			out[ind.ID] = cell
			met := cellMeets(t, ind, th, cell.value)
			if !met && !failing {
				t.Fatalf("%s %s: %s = %q fails %q but criterion %d is met in the plan", c.name, p, ind.ID, cell.value, th.Text, cr.Number)
			}
			anyFail = anyFail || !met
		}
		if failing && !anyFail && len(cr.Indicators) > 0 {
			// The data has none of the overridden IDs: fail the first.
			ind := cr.Indicators[0]
			th := ind.ThresholdFor(criteria.BTB, p.Year)
			out[ind.ID] = sampleCell{value: unmetValue(ind, th)}
			if cellMeets(t, ind, th, out[ind.ID].value) {
				t.Fatalf("%s %s: cannot fail %s against %q", c.name, p, ind.ID, th.Text)
			}
		}
	}
	return out
}

// metValue is a plausible value at or somewhat above the threshold,
// fixed by commune and indicator.
func metValue(slug string, p criteria.Period, ind *criteria.Indicator, th criteria.Threshold) string {
	h := fnv.New32a()
	h.Write([]byte(slug + "/" + ind.ID))
	bump := []float64{0.8, 1.6, 2.4, 3.5, 4.7, 6.2, 7.9}[h.Sum32()%7]
	if p == periodH1 {
		bump += 0.6 // things improve a little
	}
	switch ind.Kind {
	case criteria.KindBool:
		return "Đạt"
	case criteria.KindZero:
		return "0"
	}
	v := th.Value
	switch ind.Op {
	case criteria.GE:
		if ind.Kind == criteria.KindPercent {
			v = math.Min(100, v+bump*1.3)
		} else if ind.Kind == criteria.KindMoney {
			v += bump
		} else {
			v += math.Round(bump)
		}
	case criteria.LE:
		v = math.Max(0, v-bump*0.6)
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// unmetValue is a plausible value below the threshold.
func unmetValue(ind *criteria.Indicator, th criteria.Threshold) string {
	switch ind.Kind {
	case criteria.KindBool:
		return "Chưa đạt"
	case criteria.KindZero:
		return "2"
	}
	v := th.Value * 0.85
	if ind.Op == criteria.LE {
		v = th.Value*1.5 + 0.5
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// cellValue reads a typed result as the criteria package's number:
// Đạt 1, Chưa đạt 0, Không 0, "85,5" 85.5.
func cellValue(s string) (float64, bool) {
	switch s {
	case "Đạt":
		return 1, true
	case "Chưa đạt", "Không":
		return 0, true
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v, err == nil
}

func cellMeets(t *testing.T, ind *criteria.Indicator, th criteria.Threshold, s string) bool {
	t.Helper()
	v, ok := cellValue(s)
	if !ok {
		t.Fatalf("%s: sample value %q is not a number", ind.ID, s)
	}
	return criteria.Meets(ind, th, v)
}

// prevOf is the "Kết quả kỳ trước" of the period after p: each
// indicator's value and each criterion's assessment.
func prevOf(t *testing.T, set *criteria.Set, p criteria.Period, values map[string]sampleCell) map[string]string {
	out := map[string]string{}
	for _, cr := range set.Criteria {
		met := true
		for _, ind := range cr.Indicators {
			c := values[ind.ID]
			out[ind.ID] = strings.Replace(c.value, ",", ".", 1)
			met = met && cellMeets(t, ind, ind.ThresholdFor(criteria.BTB, p.Year), c.value)
		}
		if num := strconv.Itoa(cr.Number); out[num] == "" { // single-indicator rows keep the value
			out[num] = assessment(met)
		}
	}
	return out
}

// fillSample writes the blank form with Write and fills it as the
// commune's clerk would.
func fillSample(t *testing.T, set *criteria.Set, c sampleCommune, p criteria.Period, prev map[string]string, values map[string]sampleCell) []byte {
	t.Helper()
	meta := sampleMeta[p]
	var buf bytes.Buffer
	err := Write(&buf, Spec{
		Province: "Quảng Trị", Agency: "Sở Kế hoạch và Đầu tư",
		CommuneID: c.id, Commune: c.name, District: c.district, Period: p, Set: set, Region: criteria.BTB,
		Prev: prev, Created: meta.created,
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellStr(SheetName, "C10", "Nguyễn Văn A – Công chức Văn hóa – Xã hội"))
	must(f.SetCellValue(SheetName, "C11", meta.filled))

	// Rows by TT.
	rows, err := f.GetRows(SheetName)
	must(err)
	rowOf := map[string]int{}
	for i, r := range rows {
		if i+1 >= rowBody && len(r) > 0 && r[0] != "" {
			rowOf[r[0]] = i + 1
		}
	}
	for _, cr := range set.Criteria {
		met := true
		for _, ind := range cr.Indicators {
			r, ok := rowOf[ind.ID]
			if !ok {
				t.Fatalf("no row for %s", ind.ID)
			}
			cell := values[ind.ID]
			if v, err := strconv.ParseFloat(cell.value, 64); err == nil {
				must(f.SetCellFloat(SheetName, cellName(6, r), v, -1, 64))
			} else {
				must(f.SetCellStr(SheetName, cellName(6, r), cell.value))
			}
			ok = cellMeets(t, ind, ind.ThresholdFor(criteria.BTB, p.Year), cell.value)
			met = met && ok
			must(f.SetCellStr(SheetName, cellName(7, r), assessment(ok)))
			if cell.note != "" {
				must(f.SetCellStr(SheetName, cellName(8, r), cell.note))
				must(fitRow(f, r, cell.note))
			}
		}
		r, ok := rowOf[strconv.Itoa(cr.Number)]
		if !ok {
			t.Fatalf("no row for criterion %d", cr.Number)
		}
		must(f.SetCellStr(SheetName, cellName(7, r), assessment(met)))
		if cr.Number == 1 {
			note := "Theo Quyết định số …/QĐ-UBND của UBND huyện " + c.district + " phê duyệt quy hoạch chung xây dựng xã"
			must(f.SetCellStr(SheetName, cellName(8, r), note))
			must(fitRow(f, r, note))
		}
	}
	// SetDocProps replaces every field: change the two a save changes.
	props, err := f.GetDocProps()
	must(err)
	props.LastModifiedBy = "UBND xã " + c.name
	props.Modified = meta.filled.Add(9 * time.Hour).Format(time.RFC3339)
	must(f.SetDocProps(props))
	out, err := f.WriteToBuffer()
	must(err)
	return out.Bytes()
}

func assessment(met bool) string {
	if met {
		return "Đạt"
	}
	return "Chưa đạt"
}

// checkSamples checks the forms under dir: first sheet "Tự đánh giá",
// the commune's name matching the file, a result for every row whose TT
// is an indicator (rows after the header whose TT contains a dot, or a
// lone criterion number with a unit or threshold).
func checkSamples(t *testing.T, dir string) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no sample forms in %s (write them with -update-sample)", dir)
	}
	for _, path := range files {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList()[0]; got != SheetName {
				t.Fatalf("first sheet = %q, want %q", got, SheetName)
			}
			if got := get(t, f, SheetName, "C5"); Slug(got)+".xlsx" != filepath.Base(path) {
				t.Errorf("commune %q does not match the file name", got)
			}
			if got := get(t, f, SheetName, "H5"); got+".xlsx" != filepath.Base(path) || get(t, f, SheetName, "F5") != IDLabel {
				t.Errorf("commune id %q does not match the file name", got)
			}
			if got := get(t, f, SheetName, "C7"); got != filepath.Base(filepath.Dir(path)) {
				t.Errorf("period %q does not match the folder", got)
			}
			rows, err := f.GetRows(SheetName)
			if err != nil {
				t.Fatal(err)
			}
			indicators := 0
			for i, r := range rows {
				if i+1 < rowBody || len(r) == 0 || r[0] == "" || strings.HasPrefix(r[0], "Tổng") {
					continue
				}
				isIndicator := strings.Contains(r[0], ".") || (len(r) > 4 && r[4] != "")
				if !isIndicator {
					continue
				}
				indicators++
				if len(r) < 8 || r[6] == "" || r[7] == "" {
					t.Errorf("row %d (TT %s): no result or self-assessment", i+1, r[0])
				}
			}
			if indicators == 0 {
				t.Errorf("no indicator rows")
			}
		})
	}
}

// fitRow grows row r to show note in the notes column, as a clerk who
// typed it would see it: Excel does not grow rows of a written file.
func fitRow(f *excelize.File, r int, note string) error {
	cur, err := f.GetRowHeight(SheetName, r)
	if err != nil {
		return err
	}
	if h := rowHeight(note, colWidths[8]); h > cur {
		return f.SetRowHeight(SheetName, r, h)
	}
	return nil
}
