package xlsx

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/report"
)

const sampleIn = "../../../input"

// fixture is a plan and its evaluation, with the problems found.
type fixture struct {
	plan     *plan.Plan
	outcome  *evaluate.Outcome
	problems diag.List
	sources  []report.Source
}

func (fx *fixture) workbook(tb testing.TB, per criteria.Period) *report.Workbook {
	tb.Helper()
	wb, err := report.BuildWorkbook(report.WorkbookInput{
		Plan: fx.plan, Outcome: fx.outcome, Period: per, Problems: fx.problems, Sources: fx.sources, Program: "ntm test",
	})
	if err != nil {
		tb.Fatal(err)
	}
	return wb
}

// loadSample reads and judges the sample in input/.
func loadSample(tb testing.TB) *fixture {
	tb.Helper()
	p, probs := plan.LoadFile(filepath.Join(sampleIn, "plan.toml"))
	if probs.Errors() > 0 {
		tb.Fatal(probs.Err())
	}
	cat, err := criteria.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(sampleIn, "assessments")
	as, ps := assess.ReadFS(os.DirFS(dir), dir, cat)
	probs.Append(ps)
	o, ps := evaluate.Run(p, cat, as, dir)
	probs.Append(ps)
	return &fixture{plan: p, outcome: o, problems: probs}
}

var (
	h2020 = criteria.Period{Year: 2020, Half: criteria.H2}
	h2021 = criteria.Period{Year: 2021, Half: criteria.H1}
	h2022 = criteria.Period{Year: 2022, Half: criteria.H1}
)

// synthNames are commune names with every kind of Vietnamese mark; one
// starts with "=", one holds characters a sheet name may not, and three
// are longer than a sheet name may be and alike in their first 31
// characters, two of them in one district.
var synthNames = []struct{ name, district string }{
	{"Thuận", "Hướng Hóa"}, {"Gio Mai", "Gio Linh"}, {"Gio Mỹ", "Gio Linh"}, {"Cam Chính", "Cam Lộ"},
	{"Cam Thủy", "Cam Lộ"}, {"Hướng Lập thuộc vùng đặc biệt khó khăn một", "Hướng Hóa"}, {"=1+1 Hải Lệ", "Hải Lăng"},
	{"Triệu Ái", "Triệu Phong"}, {"Hướng Lập thuộc vùng đặc biệt khó khăn hai", "Hướng Hóa"}, {"Hòa Bình [Đông]: khu/vực?", "Đakrông"},
	{"Đông Hưng", "Đông Hà"}, {"Hướng Lập thuộc vùng đặc biệt khó khăn ba", "Đakrông"}, {"Phú Mỹ", "Gio Linh"}, {"Tân Lập", "Hướng Hóa"},
}

// synthetic builds a plan of n communes (the sample plan with its
// communes replaced) and judges forms made up for 2020-H2, 2021-H1 and
// 2022-H1:
// every few communes send no form for 2021-H1, one in seven is judged
// against the TDMNPB column, values scatter around their thresholds so
// that criteria are met, missed, gained and lost, and some communes'
// own verdicts differ from the computed ones.
func synthetic(tb testing.TB, n int) *fixture {
	tb.Helper()
	text, err := os.ReadFile(filepath.Join(sampleIn, "plan.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	src := string(text)
	// Keep the sample's own four communes (the recipients name them)
	// and add n-4; for n < 4 keep the first n.
	var b strings.Builder
	b.WriteString(src)
	for i := 4; i < n; i++ {
		s := synthNames[i%len(synthNames)]
		name := s.name
		if i >= len(synthNames) {
			name = fmt.Sprintf("%s %d", s.name, i)
		}
		fmt.Fprintf(&b, "\n[[communes]]\nid = %q\nname = %q\ndistrict = %q\nstatus = %q\ntarget = \"dat-chuan\"\ntarget_year = %d\n",
			fmt.Sprintf("xa-%05d", i), name, s.district, []string{"chua-dat", "dat-chuan"}[i%2], 2021+i%5)
		if i%2 == 0 {
			b.WriteString("missing = [2, 6]\n")
		}
		if i%7 == 3 {
			b.WriteString("region = \"TDMNPB\"\n")
		}
	}
	p, probs := plan.Load("input/plan.toml", []byte(b.String()))
	if p == nil {
		tb.Fatal(probs.Err())
	}
	if n < len(p.Communes) {
		p.Communes = p.Communes[:n]
	}
	cat, err := criteria.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	var as []*assess.Assessment
	var sources []report.Source
	sources = append(sources, report.Source{Path: "input/plan.toml", SHA256: strings.Repeat("ab", 32)})
	// 2022-H1 is judged against QĐ 318, whose thresholds are partly
	// unknown (criteria "chưa đánh giá được"); 2021-H2 has no forms.
	for pi, per := range []criteria.Period{h2020, h2021, h2022} {
		set := cat.ForPeriod("ntm", per)
		for i := range p.Communes {
			c := &p.Communes[i]
			if per != h2020 && i%9 == 5 {
				continue // no form this period
			}
			rng := rand.New(rand.NewPCG(uint64(i), uint64(pi)))
			file := fmt.Sprintf("input/assessments/%s/%s.xlsx", per, c.ID)
			a := &assess.Assessment{File: file, Sheet: "Tự đánh giá", Commune: c.Name, District: c.District, Period: per,
				SetID: set.ID, Set: set, FilledBy: "Nguyễn Văn A", FilledOn: fmt.Sprintf("15/%02d/%d", 6*int(per.Half), per.Year)}
			row := 14
			region := evaluate.RegionOf(p, c)
			for _, ind := range set.Indicators() {
				th := ind.ThresholdFor(region, per.Year)
				v := assess.Value{IndicatorID: ind.ID, Has: true,
					Cell: assess.Cell{Row: int32(row), Col: 7}, SelfCell: assess.Cell{Row: int32(row), Col: 8}}
				miss := rng.IntN(40) == 0 || (i%4 == 0 && rng.IntN(6) == 0)
				switch ind.Kind {
				case criteria.KindBool:
					v.Num = 1
					if miss {
						v.Num = 0
					}
				case criteria.KindZero:
					if miss {
						v.Num = float64(1 + rng.IntN(3))
					}
				default:
					base := th.Value
					if !th.Judgeable() {
						base = 70
					}
					d := base * (0.02 + rng.Float64()*0.1)
					if (ind.Op == criteria.LE) != miss {
						d = -d
					}
					v.Num = max(0, float64(int((base+d)*10))/10)
					if ind.Kind == criteria.KindPercent {
						v.Num = min(v.Num, 100)
					}
				}
				if i%11 == 1 && row%5 == 0 {
					v.Has = false // left blank
				}
				v.Raw = fmt.Sprint(v.Num)
				self := !miss
				if i%6 == 2 && row%7 == 0 {
					self = !self // the commune's own verdict differs
				}
				v.Self, v.SelfRaw = &self, map[bool]string{true: "Đạt", false: "Chưa đạt"}[self]
				if i%5 == 3 && row == 20 {
					v.Note = "=HYPERLINK(\"http://x\")"
				} else if row == 22 {
					v.Note = "Theo Quyết định số 12/QĐ-UBND ngày 03/02/" + fmt.Sprint(per.Year)
				}
				a.Values = append(a.Values, v)
				row++
			}
			as = append(as, a)
			sources = append(sources, report.Source{Path: file, Period: per, SHA256: fmt.Sprintf("%064x", i*2+pi)})
		}
	}
	o, ps := evaluate.Run(p, cat, as, "input/assessments")
	probs.Append(ps)
	return &fixture{plan: p, outcome: o, problems: probs, sources: sources}
}
