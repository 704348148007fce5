package criteria

import (
	"io/fs"
	"regexp"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestEmbeddedSets loads every data/*.toml file on its own (no problem,
// not even a warning) and checks the shape every set must have.
func TestEmbeddedSets(t *testing.T) {
	names, err := fs.Glob(dataFS, "data/*.toml")
	if err != nil || len(names) < 3 {
		t.Fatalf("data files: %v %v", names, err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, _ := dataFS.ReadFile(name)
			s, probs := ParseSet(name, data)
			if len(probs) > 0 || s == nil {
				t.Fatalf("problems: %v", probs)
			}
			if got := len(s.Criteria); got != NumCriteria {
				t.Fatalf("%d criteria, want %d", got, NumCriteria)
			}
			ids := map[string]bool{}
			for i, c := range s.Criteria {
				if c.Number != i+1 {
					t.Errorf("criterion %d is numbered %d", i+1, c.Number)
				}
				if c.Name == "" || c.Group == "" || len(c.Indicators) == 0 {
					t.Errorf("criterion %d: name %q group %q, %d indicators", c.Number, c.Name, c.Group, len(c.Indicators))
				}
				for _, ind := range c.Indicators {
					if ids[ind.ID] {
						t.Errorf("indicator %q twice", ind.ID)
					}
					ids[ind.ID] = true
					if ind.Criterion != c.Number {
						t.Errorf("indicator %q: criterion %d, want %d", ind.ID, ind.Criterion, c.Number)
					}
					if _, ok := ind.Thresholds[Chung]; !ok {
						t.Errorf("indicator %q: no national threshold", ind.ID)
					}
					if ind.Text == "" || ind.Source == "" {
						t.Errorf("indicator %q: text %q source %q", ind.ID, ind.Text, ind.Source)
					}
					if !ind.Verified && ind.Note == "" {
						t.Errorf("indicator %q: unverified without a note", ind.ID)
					}
					// A value that was checked names where: the indicator
					// cites its own source, not only the set's.
					if (ind.Verified || len(ind.RegionVerified) > 0) && ind.Source == s.Source {
						t.Errorf("indicator %q: verified without a source of its own", ind.ID)
					}
					for _, str := range []string{ind.Text, ind.Note, ind.Unit, c.Name} {
						if !norm.NFC.IsNormalString(str) {
							t.Errorf("indicator %q: text not NFC: %q", ind.ID, str)
						}
					}
					for _, r := range append([]Region{Chung}, Regions...) {
						th := ind.ThresholdFor(r, s.FromYear)
						if th.Text == "" {
							t.Errorf("indicator %q region %s: empty threshold text", ind.ID, r)
						}
					}
				}
			}
		})
	}
}

func TestEmbedded(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.IDs(), []string{"qd1980-2016", "qd318-2022", "qd318-2022-nang-cao"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("IDs = %v, want %v", got, want)
	}
	s := c.Set("qd1980-2016")
	if s == nil {
		t.Fatal("no qd1980-2016")
	}
	if got, want := len(s.Indicators()), 49; got != want {
		t.Errorf("qd1980-2016 has %d indicators, want %d", got, want)
	}
	if c.Set("nope") != nil {
		t.Error("Set(nope) is not nil")
	}
	if s.Criterion(10) == nil || s.Criterion(10).Name != "Thu nhập" || s.Criterion(20) != nil {
		t.Error("Criterion lookup")
	}
	if ind := s.Indicator("15.3"); ind == nil || ind.Op != LE || ind.ThresholdFor(BTB, 2019).Text != "≤24,2%" {
		t.Errorf("15.3 = %+v", ind)
	}
	if ind := s.Indicator("10"); ind == nil || ind.ThresholdFor(BTB, 2020).Value != 36 {
		t.Errorf("10 = %+v", ind)
	}

	t.Run("ForYear", func(t *testing.T) {
		tests := []struct {
			level string
			year  int
			want  string
		}{
			{"ntm", 2015, ""},
			{"ntm", 2016, "qd1980-2016"},
			{"ntm", 2020, "qd1980-2016"},
			{"ntm", 2021, "qd1980-2016"},
			{"ntm", 2022, "qd318-2022"},
			{"ntm", 2025, "qd318-2022"},
			{"ntm", 2026, ""},
			{"nang-cao", 2023, "qd318-2022-nang-cao"},
			{"kieu-mau", 2023, ""},
		}
		for _, tt := range tests {
			got := ""
			if s := c.ForYear(tt.level, tt.year); s != nil {
				got = s.ID
			}
			if got != tt.want {
				t.Errorf("ForYear(%q, %d) = %q, want %q", tt.level, tt.year, got, tt.want)
			}
		}
	})

	t.Run("deep copy", func(t *testing.T) {
		a, _ := Embedded()
		a.Set("qd1980-2016").Indicator("10").Thresholds[BTB] = Threshold{Value: 1, Text: "x"}
		a.Set("qd1980-2016").Criteria[0].Name = "đổi"
		b, _ := Embedded()
		if got := b.Set("qd1980-2016").Indicator("10").Thresholds[BTB].Value; got != 36 {
			t.Errorf("a change leaked into the next Embedded(): %v", got)
		}
		if got := b.Set("qd1980-2016").Criteria[0].Name; got != "Quy hoạch" {
			t.Errorf("a change leaked into the next Embedded(): %q", got)
		}
	})
}

// newStyle matches a tone mark placed the new way on the last vowel of
// "oa", "oe", "uy" ending a syllable ("hoá", "thuỷ"); the decisions print
// the old way ("hóa", "thủy"). "qu" + "ý" is not such a pair.
var newStyle = regexp.MustCompile(`(?i)(^|[^q])(oá|oà|oả|oã|oạ|oé|oè|oẻ|oẽ|oẹ|uý|uỳ|uỷ|uỹ|uỵ)(\P{L}|$)`)

// TestSpelling checks the data files as written: NFC, and "hóa", "thủy"
// as the decisions print them.
func TestSpelling(t *testing.T) {
	names, _ := fs.Glob(dataFS, "data/*.toml")
	for _, name := range names {
		data, _ := dataFS.ReadFile(name)
		if !norm.NFC.IsNormal(data) {
			t.Errorf("%s is not NFC", name)
		}
		for i, line := range regexp.MustCompile("\n").Split(string(data), -1) {
			if m := newStyle.FindString(line); m != "" {
				t.Errorf("%s:%d: %q: write the tone mark the old way (hóa, thủy)", name, i+1, m)
			}
		}
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{{"văn hoá", true}, {"Thuỷ lợi", true}, {"văn hóa", false}, {"thoát nghèo", false}, {"hoàn thành", false}, {"quý", false}, {"khoá", true}} {
		if got := newStyle.MatchString(tt.s); got != tt.want {
			t.Errorf("newStyle(%q) = %v", tt.s, got)
		}
	}
}

// TestFingerprint: the fingerprint changes with what the criteria say (a
// threshold, a note, a set's name) and not with the names of the files
// that corrected them.
func TestFingerprint(t *testing.T) {
	base := func(t *testing.T) *Catalogue {
		t.Helper()
		c, err := Embedded()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ind := func(c *Catalogue) *Indicator { return c.Sets[0].Criteria[1].Indicators[0] }
	want := base(t).Fingerprint()
	tests := []struct {
		name   string
		change func(c *Catalogue)
		same   bool
	}{
		{"nothing", func(*Catalogue) {}, true},
		{"file name", func(c *Catalogue) { c.Sets[0].Provinces = "/elsewhere/input/criteria/tinh.toml" }, true},
		{"threshold value", func(c *Catalogue) { setThresholds(ind(c), func(th *Threshold) { th.Value = 12345 }) }, false},
		{"threshold text", func(c *Catalogue) { setThresholds(ind(c), func(th *Threshold) { th.Text += "!" }) }, false},
		{"note", func(c *Catalogue) { ind(c).Source += " (sửa)" }, false},
		{"verified", func(c *Catalogue) { ind(c).Verified = !ind(c).Verified }, false},
		{"set name", func(c *Catalogue) { c.Sets[0].Name += " " }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base(t)
			tc.change(c)
			got := c.Fingerprint()
			if (got == want) != tc.same {
				t.Fatalf("same fingerprint = %v, want %v", got == want, tc.same)
			}
		})
	}
}

// setThresholds changes every regional threshold of i in a new map (a
// clone may share its maps with the embedded data).
func setThresholds(i *Indicator, change func(*Threshold)) {
	th := map[Region]Threshold{}
	for r, v := range i.Thresholds {
		change(&v)
		th[r] = v
	}
	if len(th) == 0 {
		v := Threshold{}
		change(&v)
		th[Region("BTB")] = v
	}
	i.Thresholds = th
}
