package plan

import (
	"os"
	"testing"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte(base))
	if sample, err := os.ReadFile(samplePath); err == nil {
		f.Add(sample)
	}
	f.Add([]byte("date = 08/12/2020\n"))
	f.Add([]byte("[[communes]]\nmissing = [1, 2,\n 3]\n[[communes.x]]\na = '''\n[x]'''\n"))
	f.Add([]byte("a = { b = [ { c = \"\"\"\n\"\"\" } ] }\n\"q.k\".'l' = 1\n"))
	f.Add([]byte("[[sections]]\n[[sections.items]]\ntext = \"{{xa \\\"a\\\"}}\"\n"))
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
		check := func(s string) {
			if _, err := p.Expand(s, name1980); err != nil {
				t.Fatalf("loaded plan does not expand %q: %v", s, err)
			}
		}
		for _, s := range p.Opening {
			check(s)
		}
		for _, s := range p.Closing {
			check(s)
		}
		for _, s := range p.Sections {
			for _, it := range s.Items {
				check(it.Text)
				for _, sub := range it.Items {
					check(sub.Text)
				}
			}
		}
	})
}
