package report

import (
	"flag"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/cputime"
)

var scale = flag.Int("scale-communes", 0, "also build the consolidated report of this many synthetic communes (TestScale)")

// BenchmarkBuildCommuneReport builds one commune's report of the sample
// (2021-H1, two periods on file) the way a run does, through one
// Reports; cpu-ns/op is the CPU time per report.
func BenchmarkBuildCommuneReport(b *testing.B) {
	s := loadSample(b)
	r := NewReports(s.plan, s.outcome, s.texts)
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		if _, err := r.Commune("thuan", h2021, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkBuildCommuneReports builds the report of one commune after
// another of a plan of N communes, as a run does (each with its own names
// and figures, where BuildCommuneReport repeats one), at each of
// cputime.Scales.
func BenchmarkBuildCommuneReports(b *testing.B) {
	s := loadSample(b)
	cputime.EachScale(b, func(b *testing.B, n int) {
		p, o := synthRun(b, n)
		r := NewReports(p, o, s.texts)
		b.ReportAllocs()
		c0 := cputime.Process()
		i := 0
		for b.Loop() {
			if _, err := r.Commune(p.Communes[i%n].ID, h2021, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
	})
}

// BenchmarkBuildProgressReport builds the sample's consolidated report.
func BenchmarkBuildProgressReport(b *testing.B) {
	s := loadSample(b)
	in := ProgressInput{Plan: s.plan, Outcome: s.outcome, Period: h2021, Texts: s.texts}
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		if _, err := BuildProgressReport(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
}

// TestScale builds the consolidated report of a national plan
// (-scale-communes 10000) and one commune's report of it, and says what
// they cost.
func TestScale(t *testing.T) {
	n := *scale
	if n == 0 {
		if testing.Short() {
			t.Skip("short")
		}
		n = 300
	}
	set := catalogue(t).Set("qd1980-2016")
	p := synthPlan(n, max(n/14, 1))
	if n < 2 {
		t.Fatal("-scale-communes must be at least 2")
	}
	var forms []form
	for i := range p.Communes {
		forms = append(forms, form{commune: &p.Communes[i], per: h2020, set: set, missing: []int{i%19 + 1, (i+7)%19 + 1}})
		if i%9 != 0 {
			forms = append(forms, form{commune: &p.Communes[i], per: h2021, set: set, missing: []int{(i+7)%19 + 1}})
		}
	}
	o := run(t, p, forms)
	s := loadSample(t)
	c0, w0 := cputime.Process(), time.Now()
	d, err := BuildProgressReport(ProgressInput{Plan: p, Outcome: o, Period: h2021, Texts: s.texts})
	if err != nil {
		t.Fatal(err)
	}
	c1, w1 := cputime.Process(), time.Now()
	r := NewReports(p, o, s.texts)
	c1 = cputime.Process()
	const k = 200
	var cd *Document
	for i := range k {
		if cd, err = r.Commune(p.Communes[(i*37)%n].ID, h2020, nil); err != nil {
			t.Fatal(err)
		}
	}
	c2 := cputime.Process()
	per := (c2 - c1) / k
	rows := 0
	for _, pt := range d.Parts {
		for _, b := range pt.Body {
			if b.Table != nil {
				rows += len(b.Table.Rows)
			}
		}
	}
	t.Logf("%d communes: consolidated report %v CPU (%v wall), %d body blocks, %d table rows; one commune's report %v CPU, %d blocks",
		n, c1-c0, w1.Sub(w0), len(d.Parts[0].Body), rows, per, len(cd.Parts[0].Body))
	if per > 2*time.Millisecond {
		t.Errorf("one commune's report costs %v CPU to build at %d communes, want well under the renderer's 4 ms", per, n)
	}
	if len(d.Parts[0].Body) > 100+n/10 {
		t.Errorf("body of %d blocks for %d communes", len(d.Parts[0].Body), n)
	}
}

// BenchmarkWorkbookModel builds the consolidated workbook's model of a
// plan of N communes and goes through every row of every sheet, as the
// renderer does, at each of cputime.Scales: the model's share of
// -bench Workbook (package xlsx), without the writing.
func BenchmarkWorkbookModel(b *testing.B) {
	cputime.EachScale(b, func(b *testing.B, n int) {
		p, o := synthRun(b, n)
		in := WorkbookInput{Plan: p, Outcome: o, Period: h2021}
		b.ReportAllocs()
		c0 := cputime.Process()
		cells := 0
		for b.Loop() {
			wb, err := BuildWorkbook(in)
			if err != nil {
				b.Fatal(err)
			}
			for _, sh := range wb.Sheets {
				if sh.Rows == nil {
					continue
				}
				for row := range sh.Rows {
					cells += len(row.Cells)
				}
			}
		}
		b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N)/1e6, "cpu-ms/op")
		b.ReportMetric(float64(cells)/float64(b.N), "cells/op")
	})
}
