package criteria

import (
	"reflect"
	"strings"
	"testing"
)

// gapSet is the sample set with indicator 1.2 left to the province (as
// criterion 2 of QĐ 1980 is) and indicator 5 without a known figure.
func gapSet(t *testing.T) *Set {
	t.Helper()
	data := strings.Replace(readSample(t), `thresholds = { chung = ">=70", BTB = ">=80", TDMNPB = ">=50" }`, `thresholds = { chung = ">= tỉnh quy định" }`, 1)
	data = strings.Replace(data, `thresholds = { chung = "≤6", BTB = "≤5" }`, `thresholds = { chung = "<= chưa rõ" }`, 1)
	s, probs := ParseSet("gap.toml", []byte(data))
	if len(probs) > 0 || s == nil {
		t.Fatalf("problems: %v", probs)
	}
	return s
}

func TestParseGaps(t *testing.T) {
	tests := []struct {
		kind Kind
		in   string
		op   Op
		gap  Gap
		text string
	}{
		{KindPercent, ">= tỉnh quy định", GE, GapProvince, TextProvince},
		{KindPercent, "≥ Tỉnh quy định", GE, GapProvince, TextProvince},
		{KindPercent, "tinh quy dinh", "", GapProvince, TextProvince},
		{KindPercent, "<= chưa rõ", LE, GapUnknown, TextUnknown},
		{KindMoney, "chưa rõ", "", GapUnknown, TextUnknown},
		{KindBool, "tỉnh quy định", "", GapProvince, TextProvince},
		{KindPercent, ">=70", GE, GapNone, "≥70%"},
	}
	for _, tt := range tests {
		op, th, msg := parseThreshold(tt.kind, tt.in)
		if msg != "" || op != tt.op || th.Gap != tt.gap || th.Text != tt.text || th.Judgeable() != (tt.gap == GapNone) {
			t.Errorf("parseThreshold(%s, %q) = %q %+v %q", tt.kind, tt.in, op, th, msg)
		}
	}
}

func TestEvaluateGaps(t *testing.T) {
	s := gapSet(t)
	v := allMet(sampleSet(t)) // values meeting the sample's figures
	r := Evaluate(s, BTB, 2020, v)
	c1, c5 := r.Criteria[0], r.Criteria[4]
	if c1.Status != Undetermined || c1.Met || c1.Indicators[1].Status != Undetermined || c1.Indicators[0].Status != Met {
		t.Errorf("criterion 1 with a province-defined indicator: %+v", c1)
	}
	if c5.Status != Undetermined || c5.Indicators[0].Threshold.Gap != GapUnknown {
		t.Errorf("criterion 5 with an unknown figure: %+v", c5)
	}
	if r.Met != 17 || r.Undetermined != 2 || len(r.MissingCriteria()) != 0 || !reflect.DeepEqual(r.UndeterminedCriteria(), []int{1, 5}) {
		t.Errorf("met %d undetermined %d missing %v undetermined %v", r.Met, r.Undetermined, r.MissingCriteria(), r.UndeterminedCriteria())
	}
	// A failing indicator decides: the criterion is Chưa đạt, not undetermined.
	v["1.1"] = 0
	if r := Evaluate(s, BTB, 2020, v); r.Criteria[0].Status != NotMet || !reflect.DeepEqual(r.MissingCriteria(), []int{1}) {
		t.Errorf("criterion 1 with 1.1 failing: %v, missing %v", r.Criteria[0].Status, r.MissingCriteria())
	}
	// A missing value is Chưa đạt even where the figure is missing too.
	delete(v, "5")
	if r := Evaluate(s, BTB, 2020, v); r.Criteria[4].Status != NotMet {
		t.Errorf("criterion 5 without a value: %v", r.Criteria[4].Status)
	}
	if got, want := Status(Undetermined).Label(), "Chưa đánh giá được"; got != want {
		t.Errorf("label %q", got)
	}
	if ids := indicatorIDs(s.Gaps(BTB, 2020)); !reflect.DeepEqual(ids, []string{"1.2", "5"}) {
		t.Errorf("Gaps = %v", ids)
	}
}

// TestApplyFillsGap gives the province's figure for a province-defined
// indicator: its comparison comes from the national data, the figure from
// the province, and the judgement is possible again.
func TestApplyFillsGap(t *testing.T) {
	c := &Catalogue{Sets: []*Set{gapSet(t)}}
	file := "set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTB = \">=75\" }\nverified = true\n[[indicators]]\nid = \"5\"\nthresholds = { BTB = \"<=4\" }\n"
	if probs := c.Apply("input/criteria/tinh.toml", []byte(file)); len(probs) > 0 {
		t.Fatal(probs)
	}
	s := c.Set("mau")
	v := allMet(sampleSet(t))
	v["1.2"], v["5"] = 75, 4
	r := Evaluate(s, BTB, 2020, v)
	if r.Met != NumCriteria {
		t.Errorf("met %d, undetermined %v, missing %v", r.Met, r.UndeterminedCriteria(), r.MissingCriteria())
	}
	if !r.Criteria[0].Indicators[1].Verified || r.Criteria[4].Indicators[0].Verified {
		t.Error("verified follows the province file: 1.2 yes, 5 no")
	}
	// Other regions keep the gap.
	if r := Evaluate(s, DBSH, 2020, v); r.Criteria[0].Status != Undetermined {
		t.Errorf("DBSH criterion 1: %v", r.Criteria[0].Status)
	}
	// The province cannot turn a ceiling into a floor, nor a floor into a ceiling.
	bad := "set = \"mau\"\n[[indicators]]\nid = \"1.2\"\nthresholds = { BTB = \"<=75\" }\n"
	c2 := &Catalogue{Sets: []*Set{gapSet(t)}}
	if probs := c2.Apply("t.toml", []byte(bad)); probs.Errors() != 1 || !strings.Contains(probs[0].Msg, `phép so sánh "<=" khác với ">="`) {
		t.Errorf("problems: %v", probs)
	}
}

func TestUnverified(t *testing.T) {
	s := sampleSet(t)
	// 1.2 (percent), 5 (percent), 6 (number), 7 (percent) are verified =
	// false; 8…19 are bool: their threshold is "Đạt", no figure to verify.
	want := []string{"1.2", "5", "6", "7"}
	if got := indicatorIDs(s.Unverified(BTB, 2020)); !reflect.DeepEqual(got, want) {
		t.Errorf("Set.Unverified = %v, want %v", got, want)
	}
	r := Evaluate(s, BTB, 2020, allMet(s))
	var got []string
	for _, ir := range r.Unverified() {
		got = append(got, ir.Indicator.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Result.Unverified = %v, want %v", got, want)
	}
	note := s.UnverifiedNote(BTB, 2020)
	if !strings.Contains(note, "4 chỉ tiêu của bộ tiêu chí mau (vùng BTB)") || !strings.Contains(note, "1.2, 5, 6, 7") {
		t.Errorf("note %q", note)
	}

	// verified_regions: only the listed columns are verified.
	data := strings.Replace(readSample(t), "  verified = false\n  note = \"Ghi chú thử\"", "  verified = false\n  verified_regions = [\"chung\", \"Bắc Trung Bộ\"]\n  note = \"Ghi chú thử\"", 1)
	s2, probs := ParseSet("v.toml", []byte(data))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	ind := s2.Indicator("1.2")
	for _, tt := range []struct {
		r    Region
		want bool
	}{{Chung, true}, {BTB, true}, {TDMNPB, false}, {DBSH, false}} {
		if got := ind.VerifiedFor(tt.r); got != tt.want {
			t.Errorf("1.2 VerifiedFor(%s) = %v", tt.r, got)
		}
	}
	if got := indicatorIDs(s2.Unverified(BTB, 2020)); !reflect.DeepEqual(got, []string{"5", "6", "7"}) {
		t.Errorf("with verified_regions: %v", got)
	}
	// verified_regions next to verified = true says nothing: an error.
	bad := strings.Replace(readSample(t), "  verified = true\n  source = \"nguồn riêng\"", "  verified = true\n  verified_regions = [\"BTB\"]\n  source = \"nguồn riêng\"", 1)
	if _, probs := ParseSet("b.toml", []byte(bad)); probs.Errors() != 1 || !strings.Contains(probs[0].Msg, "verified_regions chỉ dùng khi verified = false") {
		t.Errorf("problems: %v", probs)
	}
}

func indicatorIDs(inds []*Indicator) []string {
	var out []string
	for _, ind := range inds {
		out = append(out, ind.ID)
	}
	return out
}
