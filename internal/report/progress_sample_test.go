package report

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
)

// sample is the repository's input/ loaded and judged once per test run.
type sample struct {
	plan    *plan.Plan
	cat     *criteria.Catalogue
	outcome *evaluate.Outcome
	texts   *Texts
}

var (
	sampleOnce sync.Once
	sampleVal  *sample
	sampleErr  string
)

const inputDir = "../../input"

func loadSample(t testing.TB) *sample {
	t.Helper()
	sampleOnce.Do(func() {
		p, ps := plan.LoadFile(filepath.Join(inputDir, "plan.toml"))
		if p == nil {
			sampleErr = ps.Err().Error()
			return
		}
		cat, err := criteria.Embedded()
		if err != nil {
			sampleErr = err.Error()
			return
		}
		if ps := cat.ApplyDir(filepath.Join(inputDir, "criteria")); ps.Errors() > 0 {
			sampleErr = ps.Err().Error()
			return
		}
		dir := filepath.Join(inputDir, "assessments")
		as, aps := assess.ReadFS(os.DirFS(dir), dir, cat)
		if aps.Errors() > 0 {
			sampleErr = aps.Err().Error()
			return
		}
		o, eps := evaluate.Run(p, cat, as, dir)
		if eps.Errors() > 0 {
			sampleErr = eps.Err().Error()
			return
		}
		x, err := DefaultTexts()
		if err != nil {
			sampleErr = err.Error()
			return
		}
		sampleVal = &sample{plan: p, cat: cat, outcome: o, texts: x}
	})
	if sampleVal == nil {
		t.Fatalf("loading the sample: %s", sampleErr)
	}
	return sampleVal
}

func sampleNarrative(t testing.TB, per criteria.Period) *narrative.Narrative {
	t.Helper()
	start, end := PeriodBounds(per)
	n, ps := narrative.LoadFile(filepath.Join(inputDir, "assessments", per.String(), narrative.FileName), start, end)
	if ps.Errors() > 0 {
		t.Fatal(ps.Err())
	}
	return n
}

// docText is the document's text in reading order, one block a line, for
// golden files and checks: what the model says, before any layout.
func docText(d *Document) string {
	var b strings.Builder
	for pi, p := range d.Parts {
		if pi > 0 {
			b.WriteString("\n==== phần " + itoa(pi+1) + orient(p.Page.Orientation) + " ====\n")
		}
		if o := p.Official; o != nil {
			for _, s := range []string{o.Header.Parent, o.Header.Agency, o.Header.Number, o.Header.PlaceDate, o.Type, o.Title} {
				b.WriteString(s + "\n")
			}
			if len(o.KinhGui) > 0 {
				b.WriteString("Kính gửi: " + strings.Join(o.KinhGui, "; ") + "\n")
			}
		}
		if a := p.Annex; a != nil {
			b.WriteString(a.Label + "\n" + a.Title + "\n" + a.Note + "\n")
		}
		for _, bl := range p.Body {
			switch bl.Kind {
			case TableBlock:
				for _, r := range bl.Table.Header {
					b.WriteString("| " + cellsText(r) + "\n")
				}
				for _, r := range bl.Table.Rows {
					b.WriteString("| " + cellsText(r.Cells) + "\n")
				}
			case ChartBlock:
				c := bl.Chart
				b.WriteString("[biểu đồ] " + strings.Join(c.Categories, "; ") + "\n")
				for _, s := range c.Series {
					b.WriteString("  " + s.Name + ": " + strings.Join(s.Labels, " ") + "\n")
				}
			case PageBreak:
				b.WriteString("---- sang trang ----\n")
			default:
				b.WriteString(bl.Text + "\n")
			}
		}
		if c := p.Closing; c != nil {
			b.WriteString("Nơi nhận:\n" + strings.Join(c.Recipients, "\n") + "\n")
			b.WriteString(strings.Join(c.Signer.Titles, "\n") + "\n" + c.Signer.Name + "\n")
		}
	}
	return b.String()
}

func orient(o Orientation) string {
	if o == Landscape {
		return ", khổ ngang"
	}
	return ""
}

func cellsText(cs []Cell) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.Text
	}
	return strings.Join(s, " | ")
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n%10))) }

func TestDumpSample(t *testing.T) {
	s := loadSample(t)
	per := criteria.Period{Year: 2021, Half: criteria.H1}
	d, err := BuildProgressReport(ProgressInput{Plan: s.plan, Outcome: s.outcome, Period: per, Narrative: sampleNarrative(t, per), Texts: s.texts})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/progress.txt", []byte(docText(d)), 0o644)
	d, err = BuildCommuneReport(CommuneInput{Plan: s.plan, Outcome: s.outcome, Period: per, CommuneID: "thuan", Texts: s.texts})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/commune.txt", []byte(docText(d)), 0o644)
}
