package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (rewrite with: go test ./internal/report -update)", err)
	}
	if string(want) != got {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(rewrite with -update after checking)", path, i+1, g, w)
			}
		}
	}
}

func buildProgress(t *testing.T, p *plan.Plan, s *sample, per criteria.Period, n *narrative.Narrative) *Document {
	t.Helper()
	d, err := BuildProgressReport(ProgressInput{Plan: p, Outcome: s.outcome, Period: per, Narrative: n, Texts: s.texts})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bodyText is the official part's body, one block a line.
func bodyText(d *Document) string {
	var b strings.Builder
	for _, bl := range d.Parts[0].Body {
		b.WriteString(bl.Text + "\n")
	}
	return b.String()
}

// table returns the body's table under the caption that starts with
// prefix.
func table(t *testing.T, blocks []Block, prefix string) *Table {
	t.Helper()
	for i, b := range blocks {
		if b.Kind == Caption && strings.HasPrefix(b.Text, prefix) && i+1 < len(blocks) && blocks[i+1].Table != nil {
			return blocks[i+1].Table
		}
	}
	t.Fatalf("no table captioned %q", prefix)
	return nil
}

// TestSampleNumbers checks the consolidated report of 2021-H1 against the
// evaluation itself: each commune's criteria met now and before, the
// criteria newly met and lost by name, the groups and the average. The
// expectations are computed here from evaluate.Outcome, not by the
// builder's code.
func TestSampleNumbers(t *testing.T) {
	s := loadSample(t)
	per, prev := h2021, h2020
	d := buildProgress(t, s.plan, s, per, sampleNarrative(t, per))
	body := bodyText(d)
	rows := table(t, d.Parts[0].Body, "Bảng 1.").Rows
	groups := map[criteria.Group][2]int{}
	var sum, prevSum float64
	for i, c := range s.plan.Communes {
		e, pe := s.outcome.Of(c.ID, per), s.outcome.Of(c.ID, prev)
		if e == nil || pe == nil {
			t.Fatalf("sample lacks a form of %s", c.ID)
		}
		sum += float64(e.Result.Met)
		prevSum += float64(pe.Result.Met)
		g := groups[e.Result.Group]
		g[0]++
		groups[e.Result.Group] = g
		g = groups[pe.Result.Group]
		g[1]++
		groups[pe.Result.Group] = g
		cells := rows[i].Cells
		if cells[1].Text != c.Name || cells[3].Text != fmt.Sprint(pe.Result.Met) || cells[4].Text != fmt.Sprint(e.Result.Met) {
			t.Errorf("Bảng 1 row %d = %q, want %s %d → %d", i+1, cellsText(cells), c.Name, pe.Result.Met, e.Result.Met)
		}
		if cells[6].Text != e.Result.Group.Label() {
			t.Errorf("Bảng 1 row %d group %q, want %q", i+1, cells[6].Text, e.Result.Group.Label())
		}
		// The commune's paragraph names the criteria newly met and lost.
		var para string
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "- Xã "+c.Name+":") {
				para = l
			}
		}
		want := fmt.Sprintf("đạt %d/%d tiêu chí", e.Result.Met, e.Result.Total)
		if !strings.Contains(para, want) {
			t.Errorf("%s: paragraph %q lacks %q", c.ID, para, want)
		}
		for j, cr := range e.Result.Criteria {
			was := pe.Result.Criteria[j].Met
			label := fmt.Sprintf("số %d (%s)", cr.Criterion.Number, cr.Criterion.Name)
			switch {
			case cr.Met && !was:
				if !strings.Contains(para, "đạt mới tiêu chí") || !strings.Contains(para, label) {
					t.Errorf("%s: newly met %s not in %q", c.ID, label, para)
				}
			case !cr.Met && was:
				if !strings.Contains(para, "không còn đạt") || !strings.Contains(para, label) {
					t.Errorf("%s: lost %s not in %q", c.ID, label, para)
				}
			}
		}
	}
	n := float64(len(s.plan.Communes))
	for _, want := range []string{
		"Bình quân đạt " + vnfmt.Number(sum/n, 2) + " tiêu chí/xã",
		"(" + vnfmt.Number(prevSum/n, 2) + " tiêu chí/xã)",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	gt := table(t, d.Parts[0].Body, "Bảng 2.")
	for i, g := range criteria.Groups {
		cells := gt.Rows[i].Cells
		if cells[1].Text != g.Label() || cells[2].Text != fmt.Sprint(groups[g][1]) || cells[3].Text != fmt.Sprint(groups[g][0]) {
			t.Errorf("Bảng 2 row %q, want %s: %d → %d", cellsText(cells), g.Label(), groups[g][1], groups[g][0])
		}
	}
}

// TestGoldenSample keeps the whole text of the sample's reports: the
// consolidated report of 2021-H1 and the four per-commune reports of
// both periods.
func TestGoldenSample(t *testing.T) {
	s := loadSample(t)
	golden(t, "progress-2021-H1.golden", docText(buildProgress(t, s.plan, s, h2021, sampleNarrative(t, h2021))))
	for _, per := range []criteria.Period{h2020, h2021} {
		for _, c := range s.plan.Communes {
			d, err := BuildCommuneReport(CommuneInput{Plan: s.plan, Outcome: s.outcome, Period: per, CommuneID: c.ID,
				Narrative: sampleNarrative(t, per), Texts: s.texts})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, fmt.Sprintf("commune-%s-%s.golden", c.ID, per), docText(d))
		}
	}
}

// TestNoFormsReturned: the sample has no form for 2021-H2, and no
// narrative either; the year's report says so, counts nothing and shows
// the placeholders.
func TestNoFormsReturned(t *testing.T) {
	s := loadSample(t)
	d := buildProgress(t, s.plan, s, y2021, nil)
	text := docText(d)
	golden(t, "progress-2021-H2-no-forms.golden", text)
	for _, want := range []string{
		"Kết quả thực hiện công tác phụ trách, đỡ đầu xây dựng nông thôn mới năm 2021",
		"chưa xã nào trong 4 xã",
		"Còn 4 xã chưa gửi biểu tự đánh giá 6 tháng cuối năm 2021",
		narrative.Placeholder,
		"Quảng Trị, ngày 31 tháng 12 năm 2021",
		"IV. Phương hướng, nhiệm vụ năm 2022",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if len(d.Parts) != 2 {
		t.Errorf("%d parts, want the report and Phụ lục I only (no chart without data)", len(d.Parts))
	}
}
