package evaluate

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/plan"
)

// namesakes is a plan whose communes share names across districts or
// differ only by a tone mark, as a national list does.
func namesakes() *plan.Plan {
	return &plan.Plan{File: "plan.toml", Communes: []plan.Commune{
		{ID: "tan-lap-dp", Name: "Tân Lập", District: "Đan Phượng"},
		{ID: "tan-lap-ts", Name: "Tân Lập", District: "Thạch Thành"},
		{ID: "tan-lap-dh", Name: "Tân Lập", District: "Đồng Hỷ"},
		{ID: "an-tu-1", Name: "Ân Tú", District: "Lệ Thủy"},
		{ID: "an-tu-2", Name: "An Tú", District: "Lệ Thủy"},
		{ID: "cam-loc-1", Name: "Cẩm Lộc", District: "Cẩm Xuyên"},
		{ID: "cam-loc-2", Name: "Cam Lộc", District: "Can Lộc"},
		{ID: "thuan", Name: "Thuận", District: "Hướng Hóa"},
	}}
}

func TestResolveCommune(t *testing.T) {
	tests := []struct {
		name              string
		commune, district string
		file              string
		want              string // plan id, or "" when it must fail
		problem           string // a substring of the one problem, if any
	}{
		{"exact name", "Ân Tú", "", "x.xlsx", "an-tu-1", ""},
		{"name differing by a mark is another commune", "An Tú", "", "x.xlsx", "an-tu-2", ""},
		{"Cẩm Lộc", "xã Cẩm Lộc", "", "x.xlsx", "cam-loc-1", ""},
		{"Cam Lộc", "Cam Lộc", "", "x.xlsx", "cam-loc-2", ""},
		{"decomposed marks", "Ca\u0302\u0309m Lo\u0323\u0302c", "", "x.xlsx", "cam-loc-1", ""},
		{"repeated name told apart by district", "Tân Lập", "huyện Thạch Thành", "x.xlsx", "tan-lap-ts", ""},
		{"repeated name told apart by file name", "Tân Lập", "", "2021-H1/tan-lap-dh.xlsx", "tan-lap-dh", ""},
		{"repeated name, nothing decides", "Tân Lập", "", "x.xlsx", "", `không rõ biểu của xã nào: tên "Tân Lập" có thể là xã Tân Lập (huyện Đan Phượng) (mã tan-lap-dp), xã Tân Lập (huyện Thạch Thành) (mã tan-lap-ts), xã Tân Lập (huyện Đồng Hỷ) (mã tan-lap-dh); ghi tên huyện`},
		{"typed without marks, two candidates", "An Tu", "", "x.xlsx", "", "có thể là xã Ân Tú (huyện Lệ Thủy) (mã an-tu-1), xã An Tú (huyện Lệ Thủy) (mã an-tu-2); ghi đúng tên xã có dấu"},
		{"typed without marks, one candidate", "Thuan", "", "x.xlsx", "thuan", `tên xã "Thuan" viết khác dấu với kế hoạch; ntm hiểu là xã Thuận (huyện Hướng Hóa)`},
		{"no name: file name is the id", "", "", "2021-H1/cam-loc-2.xlsx", "cam-loc-2", "ntm hiểu đây là biểu của xã Cam Lộc (huyện Can Lộc) theo tên tệp"},
		{"no name: file name is the name", "", "", "2021-H1/thuan.xlsx", "thuan", "theo tên tệp"},
		{"no name: file name of a repeated name", "", "", "2021-H1/tan-lap.xlsx", "", "không biết đây là biểu của xã nào"},
		{"not in the plan", "Gio Hải", "", "x.xlsx", "", `xã "Gio Hải" không có trong kế hoạch`},
	}
	p := namesakes()
	x := indexCommunes(p)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var problems diag.List
			a := &assess.Assessment{File: tt.file, Commune: tt.commune, District: tt.district}
			c, ok := x.resolve(&problems, p, a)
			got := ""
			if ok {
				got = c.ID
			}
			if got != tt.want {
				t.Errorf("resolved to %q, want %q (problems %v)", got, tt.want, problems)
			}
			switch {
			case tt.problem == "" && len(problems) > 0:
				t.Errorf("unexpected problems: %v", problems)
			case tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0].Msg, tt.problem)):
				t.Errorf("problems = %v\nwant one containing %q", problems, tt.problem)
			case tt.problem != "" && tt.want == "" && problems.Errors() != 1:
				t.Errorf("a failed match must be an error: %v", problems)
			}
		})
	}
}

// TestRunPeriodsAndBlankForms checks the rules of issue #6: a blank form
// is "chưa nộp" (one warning per period, left out of the counts, no
// error), a period outside the plan's years is one error at its cell,
// and Previous skips periods without forms.
func TestRunPeriodsAndBlankForms(t *testing.T) {
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	p := &plan.Plan{File: "plan.toml",
		Document: plan.Document{Date: time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC)},
		Program:  plan.Program{Region: "BTB", StartYear: 2020, EndYear: 2025},
		Communes: []plan.Commune{{ID: "a", Name: "An", District: "X"}, {ID: "b", Name: "Bình", District: "X"}}}
	set := cat.Set("qd1980-2016")
	filled := func(name string, per criteria.Period) *assess.Assessment {
		a := &assess.Assessment{File: per.String() + "/" + name + ".xlsx", Commune: name, Period: per, Set: set,
			PeriodPos: diag.Pos{File: name + ".xlsx", Sheet: "S", Cell: "C6"}}
		for _, ind := range set.Indicators() {
			a.Values = append(a.Values, assess.Value{IndicatorID: ind.ID, Has: true, Num: ind.ThresholdFor("BTB", per.Year).Value, Raw: "x"})
		}
		return a
	}
	blankForm := func(name string, per criteria.Period) *assess.Assessment {
		a := filled(name, per)
		for i := range a.Values {
			a.Values[i] = assess.Value{IndicatorID: a.Values[i].IndicatorID}
		}
		return a
	}
	h2 := criteria.Period{Year: 2020, Half: criteria.H2}
	h1 := criteria.Period{Year: 2021, Half: criteria.H1}
	typo := criteria.Period{Year: 2201, Half: criteria.H1}
	as := []*assess.Assessment{filled("An", h2), filled("Bình", h2), filled("An", h1), blankForm("Bình", h1), filled("An", typo)}
	out, problems := Run(p, cat, as, "assessments")
	if got := len(out.ByPeriod[h1]); got != 1 {
		t.Errorf("2021-H1 counts %d forms, want 1 (the blank one is not returned)", got)
	}
	if nr := out.NotReturned[h1]; len(nr) != 1 || nr[0].ID != "b" {
		t.Errorf("NotReturned[2021-H1] = %v, want [b]", nr)
	}
	var errs, notReturned int
	for _, pr := range problems {
		if pr.Severity == diag.Error {
			errs++
			if !strings.Contains(pr.Msg, "kỳ 2201-H1 nằm ngoài các năm của kế hoạch (2020–2025") || pr.Pos.Cell != "C6" {
				t.Errorf("unexpected error: %v", pr)
			}
		}
		if strings.Contains(pr.Msg, "chưa nộp biểu") {
			notReturned++
		}
	}
	if errs != 1 || notReturned != 1 {
		t.Errorf("%d errors and %d not-returned warnings, want 1 and 1:\n%v", errs, notReturned, problems)
	}
	if prev, ok := out.Previous(h1); !ok || prev != h2 {
		t.Errorf("Previous(2021-H1) = %v %v, want 2020-H2", prev, ok)
	}
	if _, ok := out.Previous(h2); ok {
		t.Error("Previous(baseline) must not exist")
	}
}
