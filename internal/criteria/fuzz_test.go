package criteria

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/diag"
)

// checkProblems asserts what every problem list must satisfy.
func checkProblems(t *testing.T, file string, probs diag.List) {
	t.Helper()
	for _, p := range probs {
		if p.Pos.File != file || p.Msg == "" || !utf8.ValidString(p.Msg) || !utf8.ValidString(p.Pos.Key) {
			t.Fatalf("bad problem: %#v", p)
		}
	}
}

// checkSet asserts the invariants of a set that parsed without error.
func checkSet(t *testing.T, s *Set) {
	t.Helper()
	if len(s.Criteria) != NumCriteria {
		t.Fatalf("%d criteria", len(s.Criteria))
	}
	numbers := map[int]bool{}
	ids := map[string]bool{}
	for _, c := range s.Criteria {
		if c.Number < 1 || c.Number > NumCriteria || numbers[c.Number] {
			t.Fatalf("criterion number %d", c.Number)
		}
		numbers[c.Number] = true
		for _, ind := range c.Indicators {
			if ids[ind.ID] || ind.Criterion != c.Number {
				t.Fatalf("indicator %q in criterion %d", ind.ID, c.Number)
			}
			ids[ind.ID] = true
			for _, r := range append([]Region{Chung}, Regions...) {
				th, ok := ind.Threshold(r, 2020)
				if !ok && len(ind.ByYear) == 0 {
					t.Fatalf("indicator %q has no threshold for %s", ind.ID, r)
				}
				if Meets(ind, th, 50) && !th.Judgeable() {
					t.Fatalf("indicator %q: a threshold without a figure is met", ind.ID)
				}
			}
		}
	}
}

func addSeeds(f *testing.F) {
	base := readSample(f)
	f.Add([]byte(base))
	for _, r := range [][2]string{
		{`level = "ntm"`, `level = "ntm`},
		{`number = 19`, `number = 18`},
		{`id = "1.2"`, `id = "1.1"`},
		{`chung = ">=70"`, `chung = { value = ">=70", text = "x" }`},
		{`by_year.2018`, `by_year.18`},
		{`BTB = ">=80"`, `"Bắc Trung Bộ" = "≤80"`},
		{"[[criteria]]", "[[criteria.indicators]]"},
		{`chung = ">=45"`, `chung = ">= tỉnh quy định"`},
		{`chung = "<=26.7"`, `chung = "<= chưa rõ"`},
		{`verified = false`, `verified = false` + "\n  verified_regions = [\"chung\", \"BTX\"]"},
		{`effective = 2016-01-01`, `effective = "01/01/2016"`},
		{`thresholds = {`, `thresholds.x = {`},
	} {
		f.Add([]byte(strings.Replace(base, r[0], r[1], 1)))
	}
	f.Add([]byte(""))
	f.Add([]byte("criteria = [1, {number = 2}]\n"))
	f.Add([]byte("a = '''\nx\n'''\nb = [\n1,\n]\n[\"q.k\".z]\n"))
}

func FuzzParseSet(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			t.Skip("real set files are under 64 KiB")
		}
		s, probs := ParseSet("f.toml", data)
		checkProblems(t, "f.toml", probs)
		if s == nil {
			if probs.Errors() == 0 {
				t.Fatal("no set and no error")
			}
			return
		}
		if probs.Errors() > 0 {
			t.Fatal("a set despite errors")
		}
		checkSet(t, s)
	})
}

func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTB = \">=85\" }\n",
		"set = \"mau\"\n[[indicators]]\nid = \"3\"\nby_year.2017 = { BTB = \">=26\" }\n",
		"set = \"mau\"\n[[indicators]]\nid = \"1.3\"\ntext = \"x\"\nkind = \"percent\"\nthresholds = { chung = \">=50\" }\nverified = true\n",
		"set = \"mau\"\n[[indicators]]\nid = \"4\"\nthresholds = { BTB = \">=20\" }\n",
		"set = \"mau\"\n[[indicators]]\nid = \"17.1\"\ntext = \"x\"\nkind = \"bool\"\nverified = true\n",
		"set = \"mau\"\n[[indicators]]\nid = \"2\"\nkind = \"zero\"\nthresholds = { chung = \"Không\" }\n",
		"set = \"mau\"\nindicators = [{ id = \"1.1\", text = \"y\" }, 3]\n",
		"set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTB = \">= tỉnh quy định\" }\nverified_regions = [\"BTB\"]\n",
		"set = 3\n",
		"",
	} {
		f.Add([]byte(s))
	}
	base := sampleSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &Catalogue{Sets: []*Set{base.Clone()}}
		before := c.Sets[0]
		probs := c.Apply("p.toml", data)
		checkProblems(t, "p.toml", probs)
		if probs.Errors() > 0 {
			if c.Sets[0] != before || before.Provinces != "" {
				t.Fatal("catalogue changed despite errors")
			}
			return
		}
		checkSet(t, c.Sets[0])
		if base.Provinces != "" {
			t.Fatal("Apply changed the set it cloned from")
		}
	})
}
