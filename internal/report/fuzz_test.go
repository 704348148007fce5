package report

import (
	"testing"
	"text/template"
	"time"

	"github.com/ntm-project/ntm/templates"
)

// FuzzTemplate feeds arbitrary text as an overriding template file: it
// is refused with a problem, or it runs on a commune's and a period's
// facts in bounded time and output, and never panics.
func FuzzTemplate(f *testing.F) {
	for _, n := range TextNames {
		src, err := templates.Open(n, nil, "")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src.Text)
	}
	f.Add("{{range .Lost}}{{range .Newly}}{{end}}{{end}}")
	f.Add("{{range $i, $x := .Lost}}{{$i}}{{end}}")
	f.Add("{{$x := .Met}}{{range $x}}y{{end}}")
	f.Add("{{range .Groups}}{{.Names}}{{end}}")
	cf := &CommuneFacts{Name: "xã Thuận", Met: 14, Total: 19, Lost: []Crit{{5, "Trường học"}}, Newly: make([]Crit, 19),
		Discrepancies: []Discrepancy{{Indicator: "2.2"}}, TargetYear: "2025"}
	sf := &SummaryFacts{Period: "6 tháng đầu năm 2021", Groups: make([]GroupFacts, 5), NotReturned: []string{"xã A"}, Date: Date{time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC)}}
	f.Fuzz(func(t *testing.T, text string) {
		tp, probs := parseText(templates.Source{Name: "report/x.tmpl", Display: "input/templates/report/x.tmpl", Text: text})
		if tp == nil {
			if len(probs) == 0 {
				t.Fatal("refused without a problem")
			}
			return
		}
		x := &Texts{t: map[string]*template.Template{"report/x.tmpl": tp}}
		for _, data := range []any{cf, sf} {
			start := time.Now()
			ps, _ := x.paragraphs("report/x.tmpl", data)
			n := 0
			for _, p := range ps {
				n += len(p)
			}
			if n > MaxTextOutput {
				t.Fatalf("wrote %d bytes", n)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("ran %v", d)
			}
		}
	})
}
