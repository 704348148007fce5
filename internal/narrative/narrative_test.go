package narrative

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	start = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	end   = time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC)
)

// TestSample: the sample narrative loads without a problem and says
// what the sample report prints.
func TestSample(t *testing.T) {
	n, probs := LoadFile(filepath.Join("../../input/assessments/2021-H1", FileName), start, end)
	if len(probs) > 0 {
		t.Fatal(probs.Err())
	}
	if n.Document.Symbol != "BC-SKH" || n.Document.Number != 0 || n.Document.Date.Format("2006-01-02") != "2021-06-25" {
		t.Errorf("document %+v", n.Document)
	}
	if len(n.Document.KinhGui) != 2 || len(n.Text.Implementation) != 2 || len(n.Text.Results) != 1 {
		t.Errorf("text %+v", n.Text)
	}
	if strings.Contains(n.Text.Results[0], "\n") == false {
		t.Error("the sample's multi-line string should keep its line break (the report joins it)")
	}
}

func TestMissingFileWarns(t *testing.T) {
	n, probs := LoadFile(filepath.Join(t.TempDir(), FileName), start, end)
	if n != nil || len(probs) != 1 || probs.Errors() != 0 || !strings.Contains(probs[0].Error(), Placeholder) {
		t.Errorf("got %v, %v; want nil and one warning naming the placeholder", n, probs)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, probs := LoadFile(filepath.Join(dir, FileName), start, end); probs.Errors() != 1 {
		t.Errorf("a folder named %s: %v, want one error", FileName, probs)
	}
}

// TestProblems: each bad input is reported with its key and line, all
// at once.
func TestProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // fragments, each in one problem, with ":line"
		errors    int
	}{
		{"valid, everything", `
archive = "VT, KTN"
[document]
number = 15
symbol = "BC-SKH"
date = 2021-06-25
kinh_gui = ["UBND tỉnh Quảng Trị"]
[text]
implementation = ["Một.", "Hai."]
[[recipients]]
line = "UBND tỉnh (b/c)"
[signer]
titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
name = "Trương Chí Trung"
`, nil, 0},
		{"unknown key with a suggestion", "[document]\nnumbr = 5\n", []string{":2", "numbr", "number"}, 1},
		{"number as text", "[document]\nnumber = \"15\"\n", []string{":2", "bỏ dấu nháy kép"}, 1},
		{"number out of range", "[document]\nnumber = 0\n", []string{":2", "từ 1 đến 99999"}, 1},
		{"bad symbol", "[document]\nsymbol = \"BC SKH\"\n", []string{":2", "ký hiệu"}, 1},
		{"symbol not a report's", "[document]\nsymbol = \"SKH-KTN\"\n", []string{":2", "BC-"}, 0},
		{"date before the period", "[document]\ndate = 2020-12-31\n", []string{":2", "trước ngày đầu kỳ"}, 1},
		{"date far after", "[document]\ndate = 2023-01-01\n", []string{":2", "muộn hơn một năm"}, 1},
		{"date typed the Vietnamese way", "[document]\ndate = \"25/06/2021\"\n", []string{":2"}, 1},
		{"empty paragraph", "[text]\ndirections = [\"a\", \"  \"]\n", []string{":2", "text.directions[1]", "đoạn văn trống"}, 1},
		{"line break in kinh gửi", "[document]\nkinh_gui = [\"a\\nb\"]\n", []string{":2", "một dòng"}, 1},
		{"signer without name", "[signer]\ntitles = [\"GIÁM ĐỐC\"]\n", []string{"signer.name"}, 1},
		{"recipient without line", "[[recipients]]\nline = \"\"\n", []string{":2", "recipients[0].line"}, 1},
		{"legacy encoding", "[text]\nopening = [\"Qu¶ng TrÞ\"]\n", []string{":2", "TCVN3"}, 1},
		{"syntax error", "[text\n", []string{"cú pháp"}, 1},
		{"several at once", "[document]\nnumber = -1\nsymbol = \"x/y\"\n[text]\nclosing = [\"\"]\n", []string{":2", ":3", ":5"}, 3},
	}
	for _, tt := range tests {
		n, probs := Load("bao-cao.toml", []byte(tt.src), start, end)
		if probs.Errors() != tt.errors {
			t.Errorf("%s: %d errors (%v), want %d", tt.name, probs.Errors(), probs, tt.errors)
		}
		if (n == nil) != (tt.errors > 0) {
			t.Errorf("%s: narrative %v with %d errors", tt.name, n != nil, probs.Errors())
		}
		all := ""
		for _, p := range probs {
			all += p.Error() + "\n"
		}
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: problems %q lack %q", tt.name, all, w)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	src := "[text]\nopening = [\"" + strings.Repeat("a", Limits.MaxBytes) + "\"]\n"
	if _, probs := Load("bao-cao.toml", []byte(src), start, end); probs.Errors() != 1 || !strings.Contains(probs.Err().Error(), "quá lớn") {
		t.Errorf("got %v", probs)
	}
	var b strings.Builder
	b.WriteString("[text]\nproposals = [")
	for range MaxParagraphs + 1 {
		b.WriteString("\"a\",")
	}
	b.WriteString("]\n")
	if _, probs := Load("bao-cao.toml", []byte(b.String()), start, end); probs.Errors() != 1 || !strings.Contains(probs.Err().Error(), "quá nhiều đoạn") {
		t.Errorf("got %v", probs)
	}
}

// FuzzLoad: any bytes give a narrative or problems, never a panic, and a
// narrative only without errors.
func FuzzLoad(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("../../input/assessments/2021-H1", FileName)); err == nil {
		f.Add(b)
	}
	f.Add([]byte("[document]\nnumber = 1\n[[recipients]]\nline = \"a\"\n"))
	f.Add([]byte("[signer]\ntitles = [\"a\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, probs := Load("bao-cao.toml", data, start, end)
		if n != nil && probs.Errors() > 0 {
			t.Fatal("a narrative with errors")
		}
		if n == nil && probs.Errors() == 0 {
			t.Fatal("no narrative and no error")
		}
	})
}
