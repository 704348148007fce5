package pdf

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/report"
)

// TestSampleDocumentsInFrame draws every document the sample gives — the
// plan, each period's consolidated report, every commune's report — and
// checks the trace of every page, portrait and landscape: nothing outside
// its page's frame but the page numbers, centred in the top margin.
func TestSampleDocumentsInFrame(t *testing.T) {
	const in = "../../../input"
	p, ps := plan.LoadFile(filepath.Join(in, "plan.toml"))
	if p == nil {
		t.Fatal(ps.Err())
	}
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if ps := cat.ApplyDir(filepath.Join(in, "criteria")); ps.Errors() > 0 {
		t.Fatal(ps.Err())
	}
	dir := filepath.Join(in, "assessments")
	as, aps := assess.ReadFS(os.DirFS(dir), dir, cat)
	if aps.Errors() > 0 {
		t.Fatal(aps.Err())
	}
	o, eps := evaluate.Run(p, cat, as, dir)
	if eps.Errors() > 0 {
		t.Fatal(eps.Err())
	}
	x, err := report.DefaultTexts()
	if err != nil {
		t.Fatal(err)
	}
	set := cat.Set(p.Program.CriteriaSet)
	planDoc, err := report.PlanDocument(p, func(n int) string { return set.Criterion(n).Name })
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*report.Document{"kế hoạch": planDoc}
	reps := report.NewReports(p, o, x)
	for _, per := range o.Periods {
		if per == o.Baseline {
			continue
		}
		start, end := report.PeriodBounds(per)
		n, _ := narrative.LoadFile(filepath.Join(dir, per.String(), narrative.FileName), start, end)
		d, err := reps.Progress(per, n)
		if err != nil {
			t.Fatal(err)
		}
		docs["báo cáo "+per.String()] = d
		for _, e := range o.ByPeriod[per] {
			d, err := reps.Commune(e.Commune.ID, per, n)
			if err != nil {
				t.Fatal(err)
			}
			docs["báo cáo "+e.Commune.ID+" "+per.String()] = d
		}
	}
	if len(docs) < 6 {
		t.Fatalf("only %d documents", len(docs))
	}
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			tr, _, info := traced(t, d)
			checkFrame(t, tr, info)
			landscape := 0
			for _, pg := range tr.Pages {
				if pg.W > pg.H {
					landscape++
				}
			}
			t.Logf("%d pages (%d landscape), %d text runs, %d shapes", info.Pages, landscape, len(tr.Texts), len(tr.Shapes))
		})
	}
}
