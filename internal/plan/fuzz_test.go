package plan

import (
	"os"
	"testing"
	"unicode/utf8"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte(base))
	for _, path := range []string{samplePath, "testdata/snn-ha-tinh.toml", "testdata/ubnd-huong-khe.toml"} {
		if sample, err := os.ReadFile(path); err == nil {
			f.Add(sample)
		}
	}
	f.Add([]byte("date = 08/12/2020\n"))
	f.Add([]byte("[[communes]]\nmissing = [1, 2,\n 3]\n[[communes.x]]\na = '''\n[x]'''\n"))
	f.Add([]byte("a = { b = [ { c = \"\"\"\n\"\"\" } ] }\n\"q.k\".'l' = 1\n"))
	f.Add([]byte("[[sections]]\n[[sections.items]]\ntext = \"{{xa \\\"a\\\"}}\"\n"))
	f.Add([]byte("archive = { units = [\"A\"] }\n[[annexes]]\n[annexes.table]\nrows = [[{ text = \"a\", colspan = 2 }, 1]]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, problems := Load("f.toml", data)
		for _, pr := range problems {
			if pr.Pos.File != "f.toml" {
				t.Fatalf("problem without its file: %v", pr)
			}
			if pr.Msg == "" {
				t.Fatalf("problem without a message: %+v", pr)
			}
		}
		if problems.Errors() > 0 {
			if p != nil {
				t.Fatal("plan returned along with errors")
			}
			return
		}
		if p == nil {
			t.Fatal("no plan and no error")
		}
		// A plan that loads expands without error once the real names
		// are known: every template was checked at load time.
		x := p.NewExpander(name1980)
		check := func(s string) {
			if _, err := x.Expand(s); err != nil {
				t.Fatalf("loaded plan does not expand %q: %v", s, err)
			}
		}
		for _, s := range p.Opening {
			check(s)
		}
		for _, s := range p.Closing {
			check(s)
		}
		var items func([]Item)
		table := func(tb *Table) {
			if tb == nil {
				return
			}
			check(tb.Title)
			for _, rows := range [][][]Cell{tb.Header, tb.Rows} {
				for _, r := range rows {
					for _, c := range r {
						check(c.Text)
					}
				}
			}
		}
		items = func(its []Item) {
			for _, it := range its {
				check(it.Text)
				check(it.Heading)
				table(it.Table)
				items(it.Items)
			}
		}
		for _, s := range p.Sections {
			check(s.Title)
			items(s.Items)
		}
		for _, a := range p.Annexes {
			check(a.Title)
			table(a.Table)
			items(a.Items)
		}
	})
}

// FuzzExpand runs arbitrary template text: it must not panic, and what
// it gives stays within MaxExpanded.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{
		`Hỗ trợ {{xa "tan-lap-1"}} ({{thieu "tan-lap-1" "so-ten"}})`,
		`{{range 10}}{{xa "a"}}{{end}}`,
		`{{chua_dat "cac-xa"}} {{Cac_xa "an-tu-1" "an-tu-2"}} {{phu_luc 1}}`,
		`{{$x := 1}}{{printf "%d" $x}}`,
		`{{xa (xa "a") | xa}}{{/* c */}}{{- "x" -}}`,
		`{{define "t"}}a{{end}}{{template "t"}}`,
	} {
		f.Add(s)
	}
	p := identityPlan()
	f.Fuzz(func(t *testing.T, text string) {
		out, err := p.Expand(text, name318)
		if err == nil && utf8.RuneCountInString(out) > MaxExpanded {
			t.Fatalf("expanded to %d characters", utf8.RuneCountInString(out))
		}
		if err != nil && err.Error() == "" {
			t.Fatal("an error without a message")
		}
	})
}
