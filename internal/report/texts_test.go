package report

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"text/template"
	"time"

	"github.com/ntm-project/ntm/templates"
	"golang.org/x/text/unicode/norm"
)

// TestEmbeddedTextsLoad: every template the builders use ships and
// passes the sandbox.
func TestEmbeddedTextsLoad(t *testing.T) {
	x, probs := LoadTexts(nil, "")
	if len(probs) > 0 {
		t.Fatal(probs.Err())
	}
	for _, n := range TextNames {
		if x.t[n] == nil {
			t.Errorf("template %s not loaded", n)
		}
	}
}

// TestSandbox: what a template file may and may not do. Each refusal
// names the file and the line of the offending action.
func TestSandbox(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // "" = accepted; else a fragment of the message
		line       int
	}{
		{"text and fields", "{{hoa_dau .Name}} đạt {{so .Met}}/{{so .Total}}.", "", 0},
		{"if, else, with", "{{if .Reached}}a{{else if .Keep}}b{{else}}c{{end}}{{with .Lost}}{{cac_tieu_chi .}}{{end}}", "", 0},
		{"range over a list", "{{range .Lost}}{{tieu_chi .}} {{end}}{{range $c := .Newly}}{{ten_tieu_chi $c}}{{end}}", "", 0},
		{"comparison with a number argument", "{{if gt .Met 10.0}}x{{end}}{{so .Pace 1}}", "", 0},
		{"range over a number", "a\n{{range 1000000000}}x{{end}}", "chỉ lặp trên một danh sách", 2},
		{"range over a function's result", "{{range noi .Lost}}x{{end}}", "chỉ lặp trên một danh sách", 1},
		{"range with an index", "{{range $i, $c := .Lost}}{{end}}", "biến chỉ số", 1},
		{"nested range", "{{range .Lost}}\n\n{{range $.Newly}}x{{end}}{{end}}", "không được lồng", 3},
		{"a number as a value", "{{$n := 5}}{{range $n}}{{end}}", "chỉ được dùng làm đối số", 1},
		{"printf", "x\ny {{printf \"%d\" 1}}", `hàm "printf" không có`, 2},
		{"len", "{{len .Lost}}", `hàm "len" không có`, 1},
		{"index", "{{index .Lost 0}}", `hàm "index" không có`, 1},
		{"call", "{{call .Name}}", `hàm "call" không có`, 1},
		{"template", "{{template \"x\"}}", "{{template}}", 1},
		{"define", "{{define \"x\"}}a{{end}}b", "{{define}}", 0},
		{"syntax error", "a\nb {{if .Met}}", "mẫu câu không dùng được", 2},
		{"unknown function", "{{foo .Met}}", "foo", 1},
	}
	for _, tt := range tests {
		src := templates.Source{Name: "report/x.tmpl", Display: "input/templates/report/x.tmpl", Text: tt.text}
		tp, probs := parseText(src)
		if tt.want == "" {
			if len(probs) > 0 || tp == nil {
				t.Errorf("%s: refused: %v", tt.name, probs.Err())
			}
			continue
		}
		if len(probs) == 0 {
			t.Errorf("%s: accepted, want a refusal containing %q", tt.name, tt.want)
			continue
		}
		p := probs[0]
		if !strings.Contains(p.Error(), tt.want) || p.Pos.File != src.Display || p.Pos.Line != tt.line {
			t.Errorf("%s: %v (line %d), want %q at line %d", tt.name, p.Error(), p.Pos.Line, tt.want, tt.line)
		}
	}
}

// TestOverride: a file of the same name under input/templates replaces
// the embedded one; an error in it is reported with its path and line.
func TestOverride(t *testing.T) {
	fsys := fstest.MapFS{
		TplClosing: {Data: []byte("Hết báo cáo {{.ReportSpan}}.")},
	}
	x, probs := LoadTexts(fsys, "input/templates")
	if len(probs) > 0 {
		t.Fatal(probs.Err())
	}
	got, err := x.paragraphs(TplClosing, &SummaryFacts{ReportSpan: "năm 2021"})
	if err != nil || len(got) != 1 || got[0] != "Hết báo cáo năm 2021." {
		t.Errorf("override gave %q, %v", got, err)
	}
	fsys[TplRule] = &fstest.MapFile{Data: []byte("dòng 1\n{{range 3}}x{{end}}")}
	_, probs = LoadTexts(fsys, "input/templates")
	if len(probs) != 1 || probs[0].Pos.File != "input/templates/"+TplRule || probs[0].Pos.Line != 2 {
		t.Errorf("problems %v, want one at input/templates/%s:2", probs, TplRule)
	}
	fsys[TplRule] = &fstest.MapFile{Data: []byte(strings.Repeat("x", templates.MaxSize+1))}
	_, probs = LoadTexts(fsys, "input/templates")
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "quá lớn") {
		t.Errorf("problems %v, want the file refused as too large", probs)
	}
}

// TestExecuteErrors: a template that fails while running names its file
// and line; one that writes too much is stopped.
func TestExecuteErrors(t *testing.T) {
	x := &Texts{t: map[string]*template.Template{}}
	for name, text := range map[string]string{
		"report/a.tmpl": "dòng 1\n{{tieu_chi .Name}}",
		"report/b.tmpl": "{{range .Lost}}" + strings.Repeat("x", 4096) + "{{end}}",
	} {
		tp, probs := parseText(templates.Source{Name: name, Display: "input/templates/" + name, Text: text})
		if len(probs) > 0 {
			t.Fatal(probs.Err())
		}
		x.t[name] = tp
	}
	_, err := x.paragraphs("report/a.tmpl", &CommuneFacts{Name: "xã Thuận"})
	if err == nil || !strings.Contains(err.Error(), "input/templates/report/a.tmpl:2") {
		t.Errorf("error %v, want it at input/templates/report/a.tmpl:2", err)
	}
	_, err = x.paragraphs("report/b.tmpl", &CommuneFacts{Lost: make([]Crit, 100)})
	if err == nil || !strings.Contains(err.Error(), "quá 64 KB") {
		t.Errorf("error %v, want the output cap", err)
	}
}

func TestHelpers(t *testing.T) {
	d := Date{time.Date(2021, 6, 5, 0, 0, 0, 0, time.UTC)}
	c := []Crit{{3, "Thủy lợi"}, {5, "Trường học"}, {6, "Cơ sở vật chất văn hóa"}}
	n := func(v any, d ...int) string { s, _ := fnNumber(v, d...); return s }
	tests := []struct{ got, want string }{
		{JoinVi(nil), ""},
		{JoinVi([]string{"a"}), "a"},
		{JoinVi([]string{"a", "b"}), "a và b"},
		{JoinVi([]string{"a", "b", "c"}), "a, b và c"},
		{joinCrits(c), "số 3 (Thủy lợi), số 5 (Trường học) và số 6 (Cơ sở vật chất văn hóa)"},
		{c[0].label(), "số 3 (Thủy lợi)"},
		{n(1234.5), "1.234,5"},
		{n(17.75), "17,75"},
		{n(0.5555, 3), "0,556"},
		{n(19.0), "19"},
		{Funcs()["ngay"].(func(Date) string)(d), "ngày 05 tháng 6 năm 2021"},
		{Funcs()["ngay_ngan"].(func(Date) string)(d), "5/6/2021"},
		{capitalise("xã Gio Mai"), "Xã Gio Mai"},
		{capitalise("đạt"), "Đạt"},
		{lowerFirst("Từ 15 đến 18 tiêu chí"), "từ 15 đến 18 tiêu chí"},
		{strings.Join(splitParagraphs("a\n  b\n\n\n c  d \n \n"), "|"), "a b|c d"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if _, err := fnNumber("x"); err == nil {
		t.Error("so accepted a string")
	}
}

// TestFactsHaveNoIntegers: the sandbox's promise that no {{range}} loops
// over a number rests on the template data holding none (counts are
// float64, years strings).
func TestFactsHaveNoIntegers(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	walk = func(tp reflect.Type, path string) {
		if seen[tp] {
			return
		}
		seen[tp] = true
		switch tp.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			t.Errorf("%s is an integer (%s)", path, tp)
		case reflect.Slice, reflect.Array, reflect.Pointer:
			walk(tp.Elem(), path+"[]")
		case reflect.Map, reflect.Chan, reflect.Func:
			t.Errorf("%s is a %s", path, tp.Kind())
		case reflect.Struct:
			for i := range tp.NumField() {
				if f := tp.Field(i); f.IsExported() {
					walk(f.Type, path+"."+f.Name)
				}
			}
			for i := range tp.NumMethod() {
				m := tp.Method(i)
				if m.Type.NumOut() != 1 || m.Type.Out(0).Kind() != reflect.String {
					t.Errorf("%s.%s is a method templates could call that returns %v", path, m.Name, m.Type)
				}
			}
		}
	}
	walk(reflect.TypeOf(CommuneFacts{}), "CommuneFacts")
	walk(reflect.TypeOf(SummaryFacts{}), "SummaryFacts")
}

// TestNFC: nfc composes, keeps composed text as it is (remembered or
// not), and makes invalid UTF-8 valid, which norm alone does not do.
func TestNFC(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gio Linh", "Gio Linh"},
		{"Trươ\u0300ng", "Trường"},
		{"Trường", "Trường"},
		{"\xf5\u0387", "\uFFFD\u00b7"}, // norm calls the input normal
		{"a\xffb", "a\uFFFDb"},
		{"\uFFFD\u0387", "\uFFFD\u00b7"},
	}
	for _, tt := range tests {
		for round := 0; round < 2; round++ { // the second from memory
			if got := nfc(tt.in); got != tt.want {
				t.Errorf("round %d: nfc(%q) = %q, want %q", round, tt.in, got, tt.want)
			}
		}
	}
}

// TestNFCConcurrent: rendering workers share nfc's memory; whatever they
// check at once, each gets its own text composed (go test -race checks
// the sharing).
func TestNFCConcurrent(t *testing.T) {
	var texts []string
	for i := 0; i < 3000; i++ {
		texts = append(texts, fmt.Sprintf("Xã Trường Sơn %d", i), fmt.Sprintf("Xã Trươ\u0300ng %d", i%50), "Giao thông", "Tổ chức sản xuất")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 3; k++ {
				for i := w; i < len(texts); i += 2 {
					if got, want := nfc(texts[i]), norm.NFC.String(texts[i]); got != want {
						errs <- fmt.Sprintf("nfc(%q) = %q, want %q", texts[i], got, want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
