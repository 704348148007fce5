package report_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/render/pdf"
	"github.com/ntm-project/ntm/internal/report"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// The tests in this file render the sample's reports with the PDF engine
// and read them back with pdftotext, as a reader would: they are in the
// external test package because the engine imports report.

var keepPDF = os.Getenv("NTM_KEEP_PDF") // a folder to leave the PDFs in, for looking at them

type sampleRun struct {
	plan    *plan.Plan
	outcome *evaluate.Outcome
	reports *report.Reports
}

func loadRun(t *testing.T) *sampleRun {
	t.Helper()
	p, ps := plan.LoadFile("../../input/plan.toml")
	if p == nil {
		t.Fatal(ps.Err())
	}
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if ps := cat.ApplyDir("../../input/criteria"); ps.Errors() > 0 {
		t.Fatal(ps.Err())
	}
	dir := "../../input/assessments"
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
	return &sampleRun{plan: p, outcome: o, reports: report.NewReports(p, o, x)}
}

func narrativeOf(t *testing.T, per criteria.Period) *narrative.Narrative {
	start, end := report.PeriodBounds(per)
	n, ps := narrative.LoadFile(filepath.Join("../../input/assessments", per.String(), narrative.FileName), start, end)
	if ps.Errors() > 0 {
		t.Fatal(ps.Err())
	}
	return n
}

// pdfText renders d and extracts its text with pdftotext (-layout off:
// reading order), skipping the test when poppler-utils is missing.
func pdfText(t *testing.T, d *report.Document, name string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils); scripts/test.sh installs it")
	}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keepPDF != "" {
		dir = keepPDF
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

// flat is the text with every run of white space one space, so that a
// phrase is found whatever the line breaks.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

// TestSamplePDFNumbers reads the consolidated report of 2021-H1 and the
// per-commune reports back from the PDFs and checks their numbers
// against the evaluation: criteria met now and before, the groups, the
// average, the criteria newly met and lost.
func TestSamplePDFNumbers(t *testing.T) {
	r := loadRun(t)
	per := criteria.Period{Year: 2021, Half: criteria.H1}
	prev, ok := r.outcome.Previous(per)
	if !ok {
		t.Fatal("no previous period in the sample")
	}
	d, err := r.reports.Progress(per, narrativeOf(t, per))
	if err != nil {
		t.Fatal(err)
	}
	text := flat(pdfText(t, d, "bao-cao-2021-H1"))
	var sum, prevSum float64
	count := map[criteria.Group]int{}
	for _, c := range r.plan.Communes {
		e, pe := r.outcome.Of(c.ID, per), r.outcome.Of(c.ID, prev)
		sum += float64(e.Result.Met)
		prevSum += float64(pe.Result.Met)
		count[e.Result.Group]++
		// The summary table's row: TT, name, district, before, now.
		row := fmt.Sprintf("%s %s %d %d", c.Name, c.District, pe.Result.Met, e.Result.Met)
		if !strings.Contains(text, row) {
			t.Errorf("no table row %q", row)
		}
		para := fmt.Sprintf("Xã %s: đạt %d/%d tiêu chí", c.Name, e.Result.Met, e.Result.Total)
		if !strings.Contains(text, para) {
			t.Errorf("no paragraph %q", para)
		}
		var newly, lost []string
		for i, cr := range e.Result.Criteria {
			label := fmt.Sprintf("số %d (%s)", cr.Criterion.Number, cr.Criterion.Name)
			switch was := pe.Result.Criteria[i].Met; {
			case cr.Met && !was:
				newly = append(newly, label)
			case !cr.Met && was:
				lost = append(lost, label)
			}
		}
		if len(newly) > 0 && !strings.Contains(text, "đạt mới tiêu chí "+report.JoinVi(newly)) {
			t.Errorf("%s: no 'đạt mới tiêu chí %s'", c.Name, report.JoinVi(newly))
		}
		if len(lost) > 0 && !strings.Contains(text, "không còn đạt tiêu chí "+report.JoinVi(lost)) {
			t.Errorf("%s: no 'không còn đạt tiêu chí %s'", c.Name, report.JoinVi(lost))
		}
		cd, err := r.reports.Commune(c.ID, per, narrativeOf(t, per))
		if err != nil {
			t.Fatal(err)
		}
		ct := flat(pdfText(t, cd, "bao-cao-"+c.ID+"-2021-H1", "-layout"))
		total := fmt.Sprintf("Tổng số tiêu chí đạt %d/%d %d/%d %s", pe.Result.Met, pe.Result.Total, e.Result.Met, e.Result.Total, change(e.Result.Met-pe.Result.Met))
		if !strings.Contains(ct, total) {
			t.Errorf("%s's report lacks %q", c.Name, total)
		}
	}
	n := float64(len(r.plan.Communes))
	for _, want := range []string{
		"Bình quân đạt " + vnfmt.Number(sum/n, 2) + " tiêu chí/xã",
		vnfmt.Number(prevSum/n, 2) + " tiêu chí/xã",
		"Phụ lục I", "Phụ lục II",
		"Kính gửi:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for i, g := range criteria.Groups {
		// Bảng 2's row: TT, label, before, now.
		if !regexp.MustCompile(fmt.Sprintf(`%d %s \d+ %d `, i+1, regexp.QuoteMeta(g.Label()), count[g])).MatchString(text) {
			t.Errorf("Bảng 2 has no row %d %s … %d", i+1, g.Label(), count[g])
		}
	}
}

func change(d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("+%d", d)
	case d < 0:
		return fmt.Sprintf("−%d", -d)
	}
	return "0"
}
