package tomldec

import (
	"strings"
	"testing"
	"time"
)

type sample struct {
	Title  string   `toml:"title,line"`
	Body   string   `toml:"body"`
	Count  int      `toml:"count"`
	Tags   []string `toml:"tags"`
	Lines  []string `toml:"lines,line,max=5"`
	Short  string   `toml:"short,max=3"`
	Flag   bool     `toml:"flag"`
	Shape  shape    `toml:"shape"`
	Nested struct {
		When time.Time `toml:"when"`
	} `toml:"nested"`
}

// shape is written either as a string or as a table { text, n }.
type shape struct {
	Text string `toml:"text"`
	N    int    `toml:"n"`
	From string `toml:"-"` // which form the file used
}

type shapeFields shape

func (s *shape) DecodeTOML(d *Decoder, raw any, path string) {
	if str, ok := raw.(string); ok {
		d.Into(&s.Text, str, path)
		s.From = "string"
		return
	}
	d.Into((*shapeFields)(s), raw, path)
	s.From = "table"
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // every problem, in order
	}{
		{"clean", "title = \"Kế hoạch\"\nbody = \"a\\nb\"\ncount = 3\n", nil},
		{"typo", "titel = \"x\"\n", []string{`x.toml:1:1 (khóa titel): lỗi: khóa "titel" không có ở cấp ngoài cùng của tệp; có phải ý là "title"?`}},
		{"newline in one-line field", "title = \"SỞ A\\nB\"\n", []string{`x.toml:1:1 (khóa title): lỗi: khóa "title" in trên một dòng, không được xuống dòng (thấy "SỞ A\nB"); bỏ ký tự xuống dòng \n`}},
		{"wrong type and quoted number", "count = \"3\"\ntags = 1\n", []string{
			`x.toml:1:1 (khóa count): lỗi: sai kiểu: cần một số nguyên, thấy chuỗi "3" (bỏ dấu nháy kép: count = 3)`,
			`x.toml:2:1 (khóa tags): lỗi: sai kiểu: cần một mảng chuỗi, ví dụ ["…", "…"], thấy số nguyên 1`,
		}},
		{"syntax in Vietnamese", "title = \"x\" y\n", []string{`x.toml:1:12: lỗi: lỗi cú pháp TOML: sau mỗi giá trị phải xuống dòng (hoặc viết chú thích bắt đầu bằng #), thấy 'y'; văn bản phải đặt trong dấu nháy kép`}},
		{"date as dd/mm/yyyy", "[nested]\nwhen = \"08/12/2020\"\n", []string{`x.toml:2:1 (khóa nested.when): lỗi: ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy: viết when = 2020-12-08, thấy chuỗi "08/12/2020"`}},
		{"legacy text", "body = \"Qu¶ng TrÞ\"\n", []string{`x.toml:1:1 (khóa body): lỗi: văn bản "Qu¶ng TrÞ" có vẻ gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode; hãy chuyển mã sang Unicode dựng sẵn (ví dụ bằng công cụ chuyển mã của Unikey)`}},
		{"one-line array and length caps", "lines = [\"ab\", \"c\\nd\", \"abcdef\"]\nshort = \"Gio Mỹ\"\n", []string{
			`x.toml:1:16 (khóa lines[1]): lỗi: khóa "lines" in trên một dòng, không được xuống dòng (thấy "c\nd"); bỏ ký tự xuống dòng \n`,
			`x.toml:1:24 (khóa lines[2]): lỗi: khóa "lines" dài 6 ký tự; tối đa 5 ký tự (thấy "abcdef")`,
			`x.toml:2:1 (khóa short): lỗi: khóa "short" dài 6 ký tự; tối đa 3 ký tự (thấy "Gio Mỹ")`,
		}},
		{"booleans", "flag = true\n", nil},
		{"boolean in quotes", "flag = \"true\"\n", []string{`x.toml:1:1 (khóa flag): lỗi: sai kiểu: cần true hoặc false (không có dấu nháy), thấy chuỗi "true" (bỏ dấu nháy kép: flag = true)`}},
		{"value decoder, both shapes", "shape = \"a\"\n[nested]\n", nil},
		{"value decoder, table with a typo", "[shape]\ntext = \"a\"\ntexx = 2\n", []string{`x.toml:3:1 (khóa shape.texx): lỗi: khóa "texx" không có trong bảng shape; có phải ý là "text"?`}},
		{"value decoder, wrong shape", "shape = 3\n", []string{`x.toml:1:1 (khóa shape): lỗi: sai kiểu: cần một bảng, thấy số nguyên 3`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v sample
			d, _ := Decode("x.toml", []byte(tt.src), &v, DefaultLimits)
			var got []string
			for _, p := range d.List() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestValueDecoderShapes(t *testing.T) {
	for _, tt := range []struct{ src, from, text string }{
		{"shape = \"Gio Mai\"\n", "string", "Gio Mai"},
		{"shape = { text = \"Gio Mỹ\", n = 2 }\n", "table", "Gio Mỹ"},
	} {
		var v sample
		d, ok := Decode("x.toml", []byte(tt.src), &v, DefaultLimits)
		if !ok || len(d.List()) > 0 {
			t.Fatalf("%q: %v", tt.src, d.List())
		}
		if v.Shape.From != tt.from || v.Shape.Text != tt.text || !d.Defined("shape") {
			t.Errorf("%q: got %+v", tt.src, v.Shape)
		}
	}
}

// TestLimits feeds the hostile shapes that made the TOML parser
// quadratic; each must be refused by the pre-scan, quickly, with the line.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"nested inline tables", "a = " + strings.Repeat("{b = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n", "x.toml:1:"},
		{"nested arrays", "a = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n", "mảng hoặc bảng lồng nhau quá 16 cấp"},
		{"dotted key", strings.Repeat("a.", 10000) + "b = 1\n", "khóa có quá 16 phần nối bằng dấu chấm"},
		{"dotted table name", "[" + strings.Repeat("a.", 10000) + "b]\n", "khóa có quá 16 phần nối bằng dấu chấm"},
		{"long key", strings.Repeat("k", 1000) + " = 1\n", "tên khóa dài quá 256 ký tự"},
		{"too big", "a = \"" + strings.Repeat("x", 17<<20) + "\"\n", "tệp quá lớn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var v map[string]any
			d, ok := Decode("x.toml", []byte(tt.src), &struct{ M map[string]any }{v}, DefaultLimits)
			if el := time.Since(start); el > 500*time.Millisecond {
				t.Errorf("took %v", el)
			}
			if ok || len(d.List()) != 1 || !strings.Contains(d.List()[0].Error(), tt.want) {
				t.Errorf("ok=%v problems=%v, want one containing %q", ok, d.List(), tt.want)
			}
		})
	}
	// What the limits must not refuse: brackets and dots inside strings
	// and comments, normal nesting, arrays of inline tables.
	ok := "# [[[[[[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\n" +
		"s = \"" + strings.Repeat("{[.", 100) + "\"\n" +
		"m = '''" + strings.Repeat("[", 50) + "'''\n" +
		"list = [{ name = \"a.b.c\", x = [1, [2, [3]]] }, { name = \"x\" }]\n" +
		"[a.b.c]\nd.e = 1\n[[t.u]]\nv = 2\n"
	var v map[string]any
	if p, bad := DefaultLimits.check([]byte(ok)); bad {
		t.Errorf("refused a normal file: %+v", p)
	}
	_ = v
}

func FuzzLimits(f *testing.F) {
	f.Add([]byte("a = {b = [1, {c = 2}]}\n"))
	f.Add([]byte("\"a.b\".c = '''x\n'''\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		DefaultLimits.check(data) // must not panic or hang
		var v sample
		Decode("f.toml", data, &v, DefaultLimits)
	})
}
