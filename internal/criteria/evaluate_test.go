package criteria

import (
	"math"
	"reflect"
	"testing"
)

func TestMeets(t *testing.T) {
	s := sampleSet(t)
	tests := []struct {
		name   string
		id     string
		region Region
		year   int
		v      float64
		want   bool
	}{
		{"bool Đạt", "1.1", BTB, 2020, 1, true},
		{"bool Chưa đạt", "1.1", BTB, 2020, 0, false},
		{"bool half", "1.1", BTB, 2020, 0.5, false},
		{"percent above", "1.2", BTB, 2020, 85.5, true},
		{"percent at threshold", "1.2", BTB, 2020, 80, true},
		{"percent within epsilon", "1.2", BTB, 2020, 79.9999999, true},
		{"percent just below", "1.2", BTB, 2020, 79.99, false},
		{"percent national column", "1.2", DBSH, 2020, 70, true},
		{"percent national column below", "1.2", DBSH, 2020, 69.9, false},
		{"percent regional column", "1.2", TDMNPB, 2020, 50, true},
		{"stunting under ceiling", "4", BTB, 2020, 20, true},
		{"stunting at ceiling", "4", BTB, 2020, 24.2, true},
		{"stunting within epsilon", "4", BTB, 2020, 24.2000001, true},
		{"stunting over ceiling", "4", BTB, 2020, 24.3, false},
		{"stunting national ceiling", "4", TN, 2020, 26.7, true},
		{"poverty at ceiling", "5", BTB, 2020, 5, true},
		{"poverty over ceiling", "5", BTB, 2020, 5.01, false},
		{"poverty zero", "5", BTB, 2020, 0, true},
		{"zero none", "2", BTB, 2020, 0, true},
		{"zero one", "2", BTB, 2020, 1, false},
		{"zero negative", "2", BTB, 2020, -1, false},
		{"number equal", "6", BTB, 2020, 3, true},
		{"number above", "6", BTB, 2020, 4, false},
		{"money 2020 BTB", "3", BTB, 2020, 36, true},
		{"money 2020 BTB below", "3", BTB, 2020, 35.9, false},
		{"money 2018 BTB roadmap", "3", BTB, 2018, 29, true},
		{"money 2018 BTB below roadmap", "3", BTB, 2018, 28.5, false},
		{"money 2019 BTB roadmap", "3", BTB, 2019, 32, true},
		{"money 2018 other region uses the year's chung", "3", DBSH, 2018, 36, true},
		{"money 2019 other region has no year value", "3", DBSH, 2019, 44, false},
		{"NaN", "1.2", BTB, 2020, math.NaN(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := s.Indicator(tt.id)
			if got := Meets(ind, ind.ThresholdFor(tt.region, tt.year), tt.v); got != tt.want {
				t.Errorf("Meets(%s, %s %d, %v) = %v, want %v", tt.id, tt.region, tt.year, tt.v, got, tt.want)
			}
		})
	}
}

func TestThresholdFor(t *testing.T) {
	ind := sampleSet(t).Indicator("3")
	tests := []struct {
		name   string
		region Region
		year   int
		want   float64
	}{
		{"year and region", BTB, 2018, 29},
		{"year, national", DBSH, 2018, 36},
		{"year without that region: region", BTB, 2019, 32},
		{"year without region nor chung: region", TDMNPB, 2019, 45},
		{"no year: region", BTB, 2020, 36},
		{"no year, no region: chung", DNB, 2020, 45},
		{"chung itself", Chung, 2017, 45},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ind.ThresholdFor(tt.region, tt.year).Value; got != tt.want {
				t.Errorf("ThresholdFor(%s, %d) = %v, want %v", tt.region, tt.year, got, tt.want)
			}
		})
	}
	if got := (&Indicator{}).ThresholdFor(BTB, 2020); got != (Threshold{}) {
		t.Errorf("empty indicator: got %+v, want zero", got)
	}
}

// allMet is a value for every indicator of the sample set that meets
// its BTB threshold in 2020.
func allMet(s *Set) map[string]float64 {
	v := map[string]float64{}
	for _, ind := range s.Indicators() {
		v[ind.ID] = ind.ThresholdFor(BTB, 2020).Value
	}
	return v
}

func TestEvaluate(t *testing.T) {
	s := sampleSet(t)
	t.Run("all met", func(t *testing.T) {
		r := Evaluate(s, BTB, 2020, allMet(s))
		if r.Met != 19 || r.Total != 19 || r.Group != Group19 || len(r.MissingCriteria()) != 0 {
			t.Errorf("got met %d/%d group %v missing %v, want 19/19 Group19 none", r.Met, r.Total, r.Group, r.MissingCriteria())
		}
		for _, c := range r.Criteria {
			if !c.Met || !c.Complete {
				t.Errorf("criterion %d: met %v complete %v", c.Criterion.Number, c.Met, c.Complete)
			}
		}
	})
	t.Run("one indicator short, one missing", func(t *testing.T) {
		v := allMet(s)
		v["1.2"] = 79
		delete(v, "4")
		v["5"] = 6 // over the BTB ceiling of 5
		r := Evaluate(s, BTB, 2020, v)
		if got, want := r.MissingCriteria(), []int{1, 4, 5}; !reflect.DeepEqual(got, want) {
			t.Errorf("missing = %v, want %v", got, want)
		}
		if r.Met != 16 || r.Group != Group15to18 {
			t.Errorf("met %d group %v, want 16 Group15to18", r.Met, r.Group)
		}
		c1 := r.Criteria[0]
		if c1.Met || !c1.Complete || !c1.Indicators[0].Met || c1.Indicators[1].Met {
			t.Errorf("criterion 1: %+v", c1)
		}
		if got := c1.Indicators[1].Threshold.Text; got != "≥80%" {
			t.Errorf("threshold text = %q, want ≥80%%", got)
		}
		c4 := r.Criteria[3]
		if c4.Met || c4.Complete || c4.Indicators[0].Has {
			t.Errorf("criterion 4 (no value): %+v", c4)
		}
	})
	t.Run("no values", func(t *testing.T) {
		r := Evaluate(s, BTB, 2020, nil)
		if r.Met != 0 || r.Group != GroupUnder5 || len(r.MissingCriteria()) != 19 {
			t.Errorf("got met %d group %v", r.Met, r.Group)
		}
	})
	t.Run("region changes the outcome", func(t *testing.T) {
		v := allMet(s)
		v["1.2"] = 75 // below BTB's 80, above the national 70
		if r := Evaluate(s, BTB, 2020, v); r.Criteria[0].Met {
			t.Error("BTB: criterion 1 met with 75%, want not met")
		}
		if r := Evaluate(s, DBSH, 2020, v); !r.Criteria[0].Met {
			t.Error("DBSH: criterion 1 not met with 75%, want met")
		}
	})
}

func TestGroupOf(t *testing.T) {
	tests := []struct {
		met   int
		want  Group
		label string
	}{
		{19, Group19, "Đạt 19 tiêu chí"},
		{18, Group15to18, "Từ 15 đến 18 tiêu chí"},
		{15, Group15to18, "Từ 15 đến 18 tiêu chí"},
		{14, Group10to14, "Từ 10 đến 14 tiêu chí"},
		{10, Group10to14, "Từ 10 đến 14 tiêu chí"},
		{9, Group5to9, "Từ 5 đến 9 tiêu chí"},
		{5, Group5to9, "Từ 5 đến 9 tiêu chí"},
		{4, GroupUnder5, "Dưới 5 tiêu chí"},
		{0, GroupUnder5, "Dưới 5 tiêu chí"},
	}
	for _, tt := range tests {
		g := GroupOf(tt.met)
		if g != tt.want || g.Label() != tt.label {
			t.Errorf("GroupOf(%d) = %v %q, want %v %q", tt.met, g, g.Label(), tt.want, tt.label)
		}
	}
	if got, want := len(Groups), 5; got != want {
		t.Errorf("len(Groups) = %d, want %d", got, want)
	}
}
