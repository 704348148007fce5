package criteria

import (
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func readSample(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// sampleSet parses testdata/sample.toml, a made-up 19-criteria set.
func sampleSet(t testing.TB) *Set {
	t.Helper()
	s, probs := ParseSet("sample.toml", []byte(readSample(t)))
	if len(probs) > 0 || s == nil {
		t.Fatalf("sample.toml: %v", probs)
	}
	return s
}

func TestParseSetSample(t *testing.T) {
	s := sampleSet(t)
	if got, want := s.ID, "mau"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
	if got, want := len(s.Criteria), 19; got != want {
		t.Fatalf("criteria = %d, want %d", got, want)
	}
	tests := []struct {
		id       string
		region   Region
		kind     Kind
		op       Op
		unit     string
		value    float64
		text     string
		verified bool
		source   string
	}{
		{"1.1", BTB, KindBool, EQ, "", 1, "Đạt", true, "testdata/sample.toml"},
		{"1.2", BTB, KindPercent, GE, "%", 80, "≥80%", false, "testdata/sample.toml"},
		{"1.2", DBSH, KindPercent, GE, "%", 70, "≥70%", false, "testdata/sample.toml"},
		{"2", BTB, KindZero, EQ, "nhà", 0, "Không", true, "testdata/sample.toml"},
		{"3", BTB, KindMoney, GE, "triệu đồng/người/năm", 36, "≥36", true, "nguồn riêng"},
		{"4", BTB, KindPercent, LE, "%", 24.2, "≤24,2%", true, "testdata/sample.toml"},
		{"4", TN, KindPercent, LE, "%", 26.7, "≤26,7%", true, "testdata/sample.toml"},
		{"5", BTB, KindPercent, LE, "%", 5, "≤5%", false, "testdata/sample.toml"},
		{"6", BTB, KindNumber, EQ, "đội", 3, "3", false, "testdata/sample.toml"},
		{"7", BTB, KindPercent, GE, "%", 100, "100% (toàn bộ)", false, "testdata/sample.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+string(tt.region), func(t *testing.T) {
			ind := s.Indicator(tt.id)
			if ind == nil {
				t.Fatalf("no indicator %q", tt.id)
			}
			th := ind.ThresholdFor(tt.region, 2020)
			if ind.Kind != tt.kind || ind.Op != tt.op || ind.Unit != tt.unit || ind.Verified != tt.verified || ind.Source != tt.source {
				t.Errorf("got kind %q op %q unit %q verified %v source %q, want %q %q %q %v %q",
					ind.Kind, ind.Op, ind.Unit, ind.Verified, ind.Source, tt.kind, tt.op, tt.unit, tt.verified, tt.source)
			}
			if th.Value != tt.value || th.Text != tt.text {
				t.Errorf("threshold = %v %q, want %v %q", th.Value, th.Text, tt.value, tt.text)
			}
		})
	}
	if got, want := s.Indicator("1.2").Note, "Ghi chú thử"; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
}

func TestThresholdText(t *testing.T) {
	tests := []struct {
		kind Kind
		in   string
		want string
	}{
		{KindPercent, ">=70", "≥70%"},
		{KindPercent, "≥ 70 %", "≥70%"},
		{KindPercent, "<=24.2", "≤24,2%"},
		{KindPercent, "<=24,2", "≤24,2%"},
		{KindPercent, ">=100", "100%"},
		{KindPercent, "=100", "100%"},
		{KindMoney, ">=36", "≥36"},
		{KindMoney, ">=36.5", "≥36,5"},
		{KindNumber, "=3", "3"},
		{KindBool, "Đạt", "Đạt"},
		{KindBool, "đạt", "Đạt"},
		{KindBool, norm.NFD.String("Đạt"), "Đạt"},
		{KindZero, "Không", "Không"},
		{KindZero, "0", "Không"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+" "+tt.in, func(t *testing.T) {
			_, th, msg := parseThreshold(tt.kind, tt.in)
			if msg != "" {
				t.Fatalf("problem: %s", msg)
			}
			if th.Text != tt.want {
				t.Errorf("text = %q, want %q", th.Text, tt.want)
			}
		})
	}
}

// TestParseSetProblems breaks testdata/sample.toml in one place per case
// and checks every problem ParseSet reports, with position and message.
func TestParseSetProblems(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"syntax", `level = "ntm"`, `level = "ntm`, []string{
			`mau.toml:5:13 (khóa level): lỗi: lỗi cú pháp TOML: chuỗi không được xuống dòng; thiếu dấu nháy đóng, hoặc dùng ba dấu nháy """…""" cho văn bản nhiều dòng`,
		}},
		{"unknown top key", `level = "ntm"`, "level = \"ntm\"\ncolour = \"đỏ\"", []string{
			`mau.toml:6:1 (khóa colour): lỗi: khóa "colour" không có ở cấp ngoài cùng của tệp; các khóa dùng được: id, name, decision, level, issued, effective, from_year, to_year, hardship_region, hardship_source, usable, usable_note, source, criteria`,
		}},
		{"misspelt indicator key", "  verified = true\n  source = \"nguồn riêng\"", "  verfied = true\n  source = \"nguồn riêng\"", []string{
			`mau.toml:55:3 (khóa criteria[2].indicators[0].verfied): lỗi: khóa "verfied" không có trong bảng criteria[2].indicators[0]; có phải ý là "verified"?`,
			`mau.toml:48:3 (khóa criteria[2].indicators[0]): lỗi: thiếu khóa bắt buộc "verified" (true khi ngưỡng đã đối chiếu với văn bản quyết định, false nếu chưa)`,
		}},
		{"wrong type", `from_year = 2016`, `from_year = "2016"`, []string{
			`mau.toml:8:1 (khóa from_year): lỗi: sai kiểu: cần một số nguyên, thấy chuỗi "2016" (bỏ dấu nháy kép: from_year = 2016)`,
		}},
		{"missing text", "  text = \"Chỉ tiêu đúng/sai\"\n", "", []string{
			`mau.toml:17:3 (khóa criteria[0].indicators[0]): lỗi: thiếu khóa bắt buộc "text" (nội dung chỉ tiêu như quyết định ghi)`,
		}},
		{"duplicate criterion", `number = 19`, `number = 18`, []string{
			`mau.toml:234:3 (khóa criteria[18].indicators[0].id): lỗi: mã chỉ tiêu "19" không thuộc tiêu chí số 18: cần "18" hoặc bắt đầu bằng "18."`,
			`mau.toml:229:1 (khóa criteria[18].number): lỗi: tiêu chí số 18 bị khai báo hai lần (lần đầu ở dòng 218)`,
			`mau.toml:12:1 (khóa criteria): lỗi: bộ tiêu chí thiếu tiêu chí số 19 (cần đủ 19 tiêu chí, đánh số từ 1 đến 19)`,
		}},
		{"duplicate indicator", `id = "1.2"`, `id = "1.1"`, []string{
			`mau.toml:24:3 (khóa criteria[0].indicators[1].id): lỗi: mã chỉ tiêu "1.1" bị khai báo hai lần (lần đầu ở dòng 18)`,
		}},
		{"criterion out of range", `number = 19`, `number = 20`, []string{
			`mau.toml:229:1 (khóa criteria[18].number): lỗi: số tiêu chí 20 nằm ngoài khoảng 1–19`,
			`mau.toml:12:1 (khóa criteria): lỗi: bộ tiêu chí thiếu tiêu chí số 19 (cần đủ 19 tiêu chí, đánh số từ 1 đến 19)`,
		}},
		{"unknown kind", "kind = \"bool\"\n  verified = true", "kind = \"boolean\"\n  verified = true", []string{
			`mau.toml:20:3 (khóa criteria[0].indicators[0].kind): lỗi: loại chỉ tiêu "boolean" không hợp lệ: cần một trong bool, percent, money, zero, number`,
		}},
		{"unknown op", `chung = ">=70"`, `chung = "=>70"`, []string{
			`mau.toml:27:18 (khóa criteria[0].indicators[1].thresholds.chung): lỗi: ngưỡng "=>70" không hợp lệ: cần phép so sánh >=, <= hoặc = rồi đến một số, ví dụ ">=70", "<=24.2", "=100" (hoặc ">= tỉnh quy định" khi quyết định giao tỉnh quy định, ">= chưa rõ" khi chưa có mức)`,
		}},
		{"unknown region", `BTB = ">=80"`, `BTN = ">=80"`, []string{
			`mau.toml:27:34 (khóa criteria[0].indicators[1].thresholds.BTN): lỗi: vùng "BTN" không hợp lệ: cần một trong chung, TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL; có phải ý là "BTB"?`,
		}},
		{"unknown level", `level = "ntm"`, `level = "xa"`, []string{
			`mau.toml:5:1 (khóa level): lỗi: cấp độ "xa" không hợp lệ: cần một trong ntm, nang-cao, kieu-mau`,
		}},
		{"mixed comparisons", `BTB = ">=80"`, `BTB = "<=80"`, []string{
			`mau.toml:27:34 (khóa criteria[0].indicators[1].thresholds.BTB): lỗi: phép so sánh "<=" khác với ">=" của các ngưỡng khác trong cùng chỉ tiêu`,
		}},
		{"indicator of another criterion", `id = "1.2"`, `id = "2.2"`, []string{
			`mau.toml:24:3 (khóa criteria[0].indicators[1].id): lỗi: mã chỉ tiêu "2.2" không thuộc tiêu chí số 1: cần "1" hoặc bắt đầu bằng "1."`,
		}},
		{"percent above 100", `TDMNPB = ">=50"`, `TDMNPB = ">=150"`, []string{
			`mau.toml:27:48 (khóa criteria[0].indicators[1].thresholds.TDMNPB): lỗi: ngưỡng ">=150" vượt quá 100% của tỷ lệ phần trăm`,
		}},
		{"no national threshold", `thresholds = { chung = ">=70", BTB = ">=80", TDMNPB = ">=50" }`, `thresholds = { BTB = ">=80", TDMNPB = ">=50" }`, []string{
			`mau.toml:27:3 (khóa criteria[0].indicators[1].thresholds): lỗi: thiếu ngưỡng chung (khóa "chung") của chỉ tiêu "1.2": các vùng DBSH, DHNTB, TN, DNB, DBSCL không ghi ngưỡng riêng sẽ dùng ngưỡng chung; nếu chưa biết, ghi chung = "chưa rõ"`,
		}},
		{"bad year", `by_year.2018`, `by_year.18`, []string{
			`mau.toml:53:3 (khóa criteria[2].indicators[0].by_year.18): lỗi: năm "18" không hợp lệ: cần năm bốn chữ số từ 1990 đến 2100, ví dụ 2019`,
		}},
		{"single-indicator id in a longer criterion", `id = "1.1"`, `id = "1"`, []string{
			`mau.toml:18:3 (khóa criteria[0].indicators[0].id): lỗi: mã chỉ tiêu "1" chỉ dùng được khi tiêu chí 1 có đúng một chỉ tiêu; tiêu chí này có 2 chỉ tiêu, hãy đánh số 1.1, 1.2…`,
		}},
		{"zero threshold", `  kind = "zero"`, "  kind = \"zero\"\n  thresholds = { chung = \"Có\" }", []string{
			`mau.toml:40:18 (khóa criteria[1].indicators[0].thresholds.chung): lỗi: chỉ tiêu loại zero chỉ nhận ngưỡng "Không" hoặc "0", nhưng gặp "Có"`,
		}},
		{"years reversed", `from_year = 2016`, `from_year = 2026`, []string{
			`mau.toml:9:1 (khóa to_year): lỗi: năm kết thúc 2020 nhỏ hơn năm bắt đầu 2026`,
		}},
	}
	base := readSample(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("sample.toml has no %q", tt.old)
			}
			data := strings.Replace(base, tt.old, tt.new, 1)
			s, probs := ParseSet("mau.toml", []byte(data))
			if s != nil {
				t.Errorf("got a set despite the problems")
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseSetEmpty(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"empty file", "", []string{
			`x.toml (khóa id): lỗi: thiếu khóa bắt buộc "id" (mã bộ tiêu chí, ví dụ "qd1980-2016")`,
		}},
		{"no criteria", "id = \"a\"\nname = \"A\"\ndecision = \"B\"\nlevel = \"ntm\"\nissued = 2020-01-02\neffective = 2020-01-02\nfrom_year = 2020\nto_year = 2021\ncriteria = []\n", []string{
			`x.toml:9:1 (khóa criteria): lỗi: bộ tiêu chí chưa có tiêu chí nào (cần đủ 19 tiêu chí, đánh số từ 1 đến 19)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := ParseSet("x.toml", []byte(tt.data))
			if len(probs) == 0 {
				t.Fatal("no problem reported")
			}
			if got := probs[0].Error(); got != tt.want[0] {
				t.Errorf("first problem = %q, want %q", got, tt.want[0])
			}
		})
	}
}

// TestParseSetAllAtOnce checks that problems in different places are all
// reported in one run.
func TestParseSetAllAtOnce(t *testing.T) {
	data := readSample(t)
	for _, r := range [][2]string{
		{`level = "ntm"`, `level = "xa"`},
		{`kind = "money"`, `kind = "tiền"`},
		{`number = 19`, `number = 0`},
	} {
		data = strings.Replace(data, r[0], r[1], 1)
	}
	_, probs := ParseSet("mau.toml", []byte(data))
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		`mau.toml:5:1 (khóa level): lỗi: cấp độ "xa" không hợp lệ: cần một trong ntm, nang-cao, kieu-mau`,
		`mau.toml:51:3 (khóa criteria[2].indicators[0].kind): lỗi: loại chỉ tiêu "tiền" không hợp lệ: cần một trong bool, percent, money, zero, number`,
		`mau.toml:229:1 (khóa criteria[18].number): lỗi: số tiêu chí 0 nằm ngoài khoảng 1–19`,
		`mau.toml:12:1 (khóa criteria): lỗi: bộ tiêu chí thiếu tiêu chí số 19 (cần đủ 19 tiêu chí, đánh số từ 1 đến 19)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestParseSetLimits feeds shapes that make the TOML decoder slow
// (its cost grows with the square of the nesting) and checks they are
// refused quickly by the shared decoder's pre-scan, with its message.
func TestParseSetLimits(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"nested arrays", "a = " + strings.Repeat("[", 100000), "x.toml:1:21: lỗi: mảng hoặc bảng lồng nhau quá 16 cấp"},
		{"nested inline tables", "\n\na = " + strings.Repeat("{b=", 10000), "x.toml:3:"},
		{"long dotted key", strings.Repeat("a.", 10000) + "b = 1", "x.toml:1:32: lỗi: khóa có quá 16 phần nối bằng dấu chấm"},
		{"too large", strings.Repeat("# x\n", Limits.MaxBytes/4+1), "x.toml: lỗi: tệp quá lớn (1.0 MB); tệp TOML của ntm tối đa 1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, probs := ParseSet("x.toml", []byte(tt.data))
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %v", el)
			}
			if len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), tt.want) {
				t.Errorf("problems = %v, want one starting %q", probs, tt.want)
			}
		})
	}
	// Nesting inside strings and comments does not count.
	data := strings.Replace(readSample(t), `note = "Ghi chú thử"`, `note = "`+strings.Repeat("[{.", 40)+`" # `+strings.Repeat("[", 40), 1)
	if _, probs := ParseSet("x.toml", []byte(data)); len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
}
