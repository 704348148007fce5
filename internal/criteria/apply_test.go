package criteria

import (
	"strings"
	"testing"
)

func sampleCatalogue(t testing.TB) *Catalogue {
	return &Catalogue{Sets: []*Set{sampleSet(t)}}
}

func TestApply(t *testing.T) {
	c := sampleCatalogue(t)
	file := `# Quảng Trị (made-up values for the test)
set = "mau"
source = "QĐ thử của UBND tỉnh"

[[indicators]]
id = "1.2"
thresholds = { BTB = ">=85", DHNTB = "≥75" }

[[indicators]]
id = "3"
by_year.2017 = { BTB = ">=26" }
by_year.2018 = { BTB = ">=30" }
verified = false
note = "lộ trình của tỉnh"

[[indicators]]
id = "1.1"
text = "Câu chữ đã sửa"

[[indicators]]
id = "1.3"
text = "Chỉ tiêu tỉnh thêm"
kind = "percent"
thresholds = { chung = ">=50" }
verified = true
`
	if probs := c.Apply("input/criteria-tinh.toml", []byte(file)); len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	s := c.Set("mau")
	tests := []struct {
		name   string
		id     string
		region Region
		year   int
		want   float64
		text   string
	}{
		{"region overridden", "1.2", BTB, 2020, 85, "≥85%"},
		{"other region added", "1.2", DHNTB, 2020, 75, "≥75%"},
		{"region kept", "1.2", TDMNPB, 2020, 50, "≥50%"},
		{"national kept", "1.2", DBSH, 2020, 70, "≥70%"},
		{"new year", "3", BTB, 2017, 26, "≥26"},
		{"year overridden", "3", BTB, 2018, 30, "≥30"},
		{"year's national kept", "3", DBSH, 2018, 36, "≥36"},
		{"old year kept", "3", BTB, 2019, 32, "≥32"},
		{"added indicator", "1.3", BTB, 2020, 50, "≥50%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := s.Indicator(tt.id)
			if ind == nil {
				t.Fatalf("no indicator %q", tt.id)
			}
			th := ind.ThresholdFor(tt.region, tt.year)
			if th.Value != tt.want || th.Text != tt.text {
				t.Errorf("ThresholdFor(%s, %d) = %v %q, want %v %q", tt.region, tt.year, th.Value, th.Text, tt.want, tt.text)
			}
		})
	}
	if got := s.Indicator("1.2").Source; got != "QĐ thử của UBND tỉnh" {
		t.Errorf("1.2 source = %q", got)
	}
	// The regions the file changed take its verified; the others keep
	// the set's.
	if ind := s.Indicator("3"); ind.VerifiedFor(BTB) || !ind.VerifiedFor(DBSH) || ind.Note != "lộ trình của tỉnh" {
		t.Errorf("3: verified BTB %v DBSH %v note %q", ind.VerifiedFor(BTB), ind.VerifiedFor(DBSH), ind.Note)
	}
	if ind := s.Indicator("1.2"); ind.VerifiedFor(BTB) || ind.VerifiedFor(DHNTB) {
		t.Error("1.2: a province's figures without verified = true are unverified")
	}
	if ind := s.Indicator("1.1"); ind.Text != "Câu chữ đã sửa" || ind.Source != "testdata/sample.toml" {
		t.Errorf("1.1: text %q source %q (a wording change keeps the source)", ind.Text, ind.Source)
	}
	if c1 := s.Criterion(1); len(c1.Indicators) != 3 || c1.Indicators[2].ID != "1.3" || c1.Indicators[2].Criterion != 1 {
		t.Errorf("criterion 1 indicators: %d", len(c1.Indicators))
	}
	if got, want := s.Provinces, "input/criteria-tinh.toml"; got != want {
		t.Errorf("Provinces = %q, want %q", got, want)
	}
	// A second file is recorded too, and Evaluate sees the corrections.
	if probs := c.Apply("b.toml", []byte("set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTB = \">=90\" }\n")); len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	s = c.Set("mau")
	if got, want := s.Provinces, "input/criteria-tinh.toml; b.toml"; got != want {
		t.Errorf("Provinces = %q, want %q", got, want)
	}
	if got := s.ProvinceFiles(); len(got) != 2 || got[0] != "input/criteria-tinh.toml" || got[1] != "b.toml" {
		t.Errorf("ProvinceFiles = %q, want the two files", got)
	}
	if got := s.Indicator("1.2").Source; got != "b.toml" {
		t.Errorf("source without a source key = %q, want the file name", got)
	}
	v := allMet(sampleSet(t))
	v["1.2"], v["1.3"] = 85, 50
	if r := Evaluate(s, BTB, 2020, v); r.Criteria[0].Met {
		t.Error("1.2 = 85 meets the corrected ≥90")
	}
}

func TestApplyProblems(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"unknown set", "set = \"khac\"\n[[indicators]]\nid = \"1.2\"\n", []string{
			`tinh.toml:1:1 (khóa set): lỗi: không có bộ tiêu chí "khac"; các bộ hiện có: mau`,
		}},
		{"no set", "source = \"x\"\n", []string{
			`tinh.toml (khóa set): lỗi: thiếu khóa bắt buộc "set" (mã bộ tiêu chí được sửa, ví dụ "qd1980-2016")`,
			`tinh.toml (khóa indicators): lỗi: thiếu khóa bắt buộc "indicators" (các bảng [[indicators]], mỗi chỉ tiêu sửa hoặc thêm một bảng)`,
		}},
		{"kind changed", "set = \"mau\"\n[[indicators]]\nid = \"2\"\nkind = \"percent\"\n", []string{
			`tinh.toml:4:1 (khóa indicators[0].kind): lỗi: không được đổi loại của chỉ tiêu đã có "2" (đang là zero, gặp "percent")`,
		}},
		{"ceiling turned into a floor", "set = \"mau\"\n[[indicators]]\nid = \"4\"\nthresholds = { BTB = \">=20\" }\n", []string{
			`tinh.toml:4:16 (khóa indicators[0].thresholds.BTB): lỗi: phép so sánh ">=" khác với "<=" của các ngưỡng khác trong cùng chỉ tiêu`,
		}},
		{"added to a single-indicator criterion", "set = \"mau\"\n[[indicators]]\nid = \"17.1\"\ntext = \"x\"\nkind = \"bool\"\nverified = true\n", []string{
			`tinh.toml:3:1 (khóa indicators[0].id): lỗi: không thể thêm chỉ tiêu "17.1": tiêu chí 17 chỉ có một chỉ tiêu mang mã "17"`,
		}},
		{"single id added to a longer criterion", "set = \"mau\"\n[[indicators]]\nid = \"1\"\ntext = \"x\"\nkind = \"bool\"\nverified = true\n", []string{
			`tinh.toml:3:1 (khóa indicators[0].id): lỗi: không thể thêm chỉ tiêu "1": mã này chỉ dùng khi tiêu chí 1 có đúng một chỉ tiêu, nhưng tiêu chí đã có 2 chỉ tiêu`,
		}},
		{"no such criterion", "set = \"mau\"\n[[indicators]]\nid = \"20.1\"\ntext = \"x\"\nkind = \"bool\"\nverified = true\n", []string{
			`tinh.toml:3:1 (khóa indicators[0].id): lỗi: bộ tiêu chí "mau" không có tiêu chí số 20 để thêm chỉ tiêu "20.1"`,
		}},
		{"new indicator incomplete", "set = \"mau\"\n[[indicators]]\nid = \"1.3\"\nkind = \"percent\"\n", []string{
			`tinh.toml:2:1 (khóa indicators[0]): lỗi: thiếu khóa bắt buộc "text" (nội dung chỉ tiêu như quyết định ghi)`,
			`tinh.toml:2:1 (khóa indicators[0]): lỗi: thiếu khóa bắt buộc "verified" (true khi ngưỡng đã đối chiếu với văn bản quyết định, false nếu chưa)`,
			`tinh.toml:2:1 (khóa indicators[0]): lỗi: thiếu khóa bắt buộc "thresholds" (ngưỡng theo vùng, ví dụ { chung = ">=70", BTB = ">=80" })`,
		}},
		{"unknown keys and a duplicate", "set = \"mau\"\ncolour = 1\n[[indicators]]\nid = \"1.2\"\nthreshold = { BTB = \">=20\" }\n[[indicators]]\nid = \"1.2\"\n", []string{
			`tinh.toml:2:1 (khóa colour): lỗi: khóa "colour" không có ở cấp ngoài cùng của tệp; các khóa dùng được: set, source, indicators`,
			`tinh.toml:5:1 (khóa indicators[0].threshold): lỗi: khóa "threshold" không có trong bảng indicators[0]; có phải ý là "thresholds"?`,
			`tinh.toml:7:1 (khóa indicators[1].id): lỗi: mã chỉ tiêu "1.2" bị khai báo hai lần (lần đầu ở dòng 4)`,
		}},
		{"bad region and bad year value", "set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTX = \">=20\" }\nby_year.2017 = { BTB = \"Đạt\" }\n", []string{
			`tinh.toml:4:16 (khóa indicators[0].thresholds.BTX): lỗi: vùng "BTX" không hợp lệ: cần một trong chung, TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL; có phải ý là "BTB"?`,
			`tinh.toml:5:18 (khóa indicators[0].by_year.2017.BTB): lỗi: ngưỡng "Đạt" không hợp lệ: cần phép so sánh >=, <= hoặc = rồi đến một số, ví dụ ">=70", "<=24.2", "=100" (hoặc ">= tỉnh quy định" khi quyết định giao tỉnh quy định, ">= chưa rõ" khi chưa có mức)`,
		}},
		{"bad id", "set = \"mau\"\n[[indicators]]\nid = \"x\"\n", []string{
			`tinh.toml:3:1 (khóa indicators[0].id): lỗi: mã chỉ tiêu "x" không hợp lệ: cần dạng "5" hoặc "2.1"`,
		}},
		{"misspelt set", "set = \"maw\"\n[[indicators]]\nid = \"1.2\"\n", []string{
			`tinh.toml:1:1 (khóa set): lỗi: không có bộ tiêu chí "maw"; các bộ hiện có: mau; có phải ý là "mau"?`,
		}},
		{"syntax, in the shared decoder's words", "set = \"mau\nid = 3\n", []string{
			`tinh.toml:1:11 (khóa set): lỗi: lỗi cú pháp TOML: chuỗi không được xuống dòng; thiếu dấu nháy đóng, hoặc dùng ba dấu nháy """…""" cho văn bản nhiều dòng`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sampleCatalogue(t)
			before := c.Sets[0]
			probs := c.Apply("tinh.toml", []byte(tt.file))
			var got []string
			for _, p := range probs {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if c.Sets[0] != before || before.Provinces != "" {
				t.Error("the catalogue changed despite the problems")
			}
		})
	}
}

// TestApplyAtomic checks that a file with one good and one bad change
// changes nothing.
func TestApplyAtomic(t *testing.T) {
	c := sampleCatalogue(t)
	file := "set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTB = \">=99\" }\n[[indicators]]\nid = \"2\"\nkind = \"bool\"\n"
	if probs := c.Apply("tinh.toml", []byte(file)); probs.Errors() != 1 {
		t.Fatalf("problems: %v, want 1 error", probs)
	}
	if got := c.Set("mau").Indicator("1.2").ThresholdFor(BTB, 2020).Value; got != 80 {
		t.Errorf("1.2 BTB = %v after a failed Apply, want 80", got)
	}
}

// TestApplyEmbedded corrects the embedded 2016-2020 set the way a
// province would (made-up roadmap values).
func TestApplyEmbedded(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	file := "set = \"qd1980-2016\"\nsource = \"thử\"\n[[indicators]]\nid = \"10\"\nby_year.2019 = { BTB = \">=32\" }\n"
	if probs := c.Apply("input/criteria-quang-tri.toml", []byte(file)); len(probs) > 0 {
		t.Fatal(probs)
	}
	ind := c.Set("qd1980-2016").Indicator("10")
	if got := ind.ThresholdFor(BTB, 2019).Value; got != 32 {
		t.Errorf("2019 BTB = %v, want 32", got)
	}
	if got := ind.ThresholdFor(BTB, 2020).Value; got != 36 {
		t.Errorf("2020 BTB = %v, want 36", got)
	}
	if c.ForYear("ntm", 2019) != c.Set("qd1980-2016") {
		t.Error("ForYear does not return the corrected set")
	}
}
