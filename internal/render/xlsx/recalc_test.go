package xlsx

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/report"
)

// recalcProfile is a LibreOffice user profile that recalculates every
// formula of an .xlsx file when it loads it (by default LibreOffice
// trusts the values the file carries, which would test nothing).
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// convert runs LibreOffice headless once on every file of names (in
// dir), converting each to format into dir/out, with a fresh profile that
// recalculates on load. It returns LibreOffice's messages.
func convert(t *testing.T, dir, format string, names ...string) (string, string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		msg := "LibreOffice (soffice) is not installed; scripts/test.sh installs libreoffice-calc-nogui"
		if os.Getenv("NTM_CI") == "1" { // scripts/test.sh: a missing tool is a failure
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	profile := filepath.Join(dir, "lo-profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", format, "--outdir", out}, names...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, stderr.String())
	}
	return out, stderr.String()
}

// loWarnings drops from LibreOffice's messages those about the machine
// (no Java), keeping any about the files.
func loWarnings(msgs string) []string {
	var out []string
	for _, l := range strings.Split(msgs, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.Contains(l, "javaldx") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// TestRecalculatedByLibreOffice has LibreOffice recalculate every
// formula of the sample's workbooks and of a made-up province's (with
// criteria lost, communes without a form, another region, discrepancies)
// and compares each recalculated value with the value the program put
// in the cell, then the main columns with the evaluation itself.
func TestRecalculatedByLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	dir := t.TempDir()
	type book struct {
		name   string
		fx     *fixture
		per    criteria.Period
		probes bool // also check the conditional formats
	}
	// The sample's first period has no earlier one; 24 made-up
	// communes have all the cases (criteria lost, no form, TDMNPB,
	// blank values, discrepancies).
	sample, synth := loadSample(t), synthetic(t, 24)
	books := []book{
		{"sample-2020-H2.xlsx", sample, h2020, false}, {"sample-2021-H1.xlsx", sample, h2021, true},
		{"synth-2021-H1.xlsx", synth, h2021, true}, {"synth-2022-H1.xlsx", synth, h2022, true},
	}
	var names []string
	probes := map[string][]probe{}
	for _, b := range books {
		wb := b.fx.workbook(t, b.per)
		var buf bytes.Buffer
		if err := Render(&buf, wb); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, b.name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, b.name)
		if b.probes {
			probes[b.name] = writeProbes(t, filepath.Join(dir, "probes-"+b.name), buf.Bytes(), wb)
			names = append(names, "probes-"+b.name)
		}
	}
	// A file whose one formula carries a wrong value: if LibreOffice
	// did not recalculate, this test would compare our values with
	// themselves.
	canary := excelize.NewFile()
	sw, _ := canary.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{2, 3, excelize.Cell{Formula: "A1+B1", Value: 99}})
	sw.Flush()
	if err := canary.SaveAs(filepath.Join(dir, "canary.xlsx")); err != nil {
		t.Fatal(err)
	}
	names = append(names, "canary.xlsx")

	out, msgs := convert(t, dir, "xlsx", names...)
	if w := loWarnings(msgs); len(w) > len(names) { // one "convert … using filter" line per file
		t.Errorf("LibreOffice warned:\n%s", strings.Join(w, "\n"))
	}
	for _, l := range loWarnings(msgs) {
		if !strings.HasPrefix(l, "convert ") {
			t.Errorf("LibreOffice: %s", l)
		}
	}
	c, err := excelize.OpenFile(filepath.Join(out, "canary.xlsx"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := c.GetCellValue("Sheet1", "C1"); v != "5" {
		t.Fatalf("LibreOffice did not recalculate: canary C1 = %q, want 5", v)
	}
	c.Close()

	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			ours, err := excelize.OpenFile(filepath.Join(dir, b.name), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			defer ours.Close()
			lo, err := excelize.OpenFile(filepath.Join(out, b.name), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			defer lo.Close()
			n := compareFormulas(t, ours, lo)
			if n < 50 {
				t.Errorf("only %d formulas compared", n)
			}
			checkAgainstEvaluation(t, lo, b.fx, b.per)
			if b.probes {
				checkMarks(t, filepath.Join(out, "probes-"+b.name), probes[b.name], b.fx, b.per)
			}
		})
	}
}

// compareFormulas compares, in every sheet, each formula cell's value in
// ours with its recalculated value in lo; it returns how many it compared.
func compareFormulas(t *testing.T, ours, lo *excelize.File) int {
	t.Helper()
	n := 0
	for _, sh := range ours.GetSheetList() {
		rows, err := ours.Rows(sh)
		if err != nil {
			t.Fatal(err)
		}
		r := 0
		for rows.Next() {
			r++
			cols, _ := rows.Columns()
			for c := range cols {
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				f, _ := ours.GetCellFormula(sh, ref)
				if f == "" {
					continue
				}
				want, _ := ours.GetCellValue(sh, ref)
				got, _ := lo.GetCellValue(sh, ref)
				if !sameValue(want, got) {
					t.Errorf("%s!%s =%s: LibreOffice computes %q, the program wrote %q", sh, ref, f, got, want)
				}
				n++
			}
		}
		rows.Close()
	}
	return n
}

// sameValue compares two cell values, numbers to 1e-9.
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(x))
}

// checkAgainstEvaluation reads the recalculated "Tổng hợp" and "Lịch
// sử" and compares them with the evaluation: each commune's count,
// group, previous count and change, and the totals.
func checkAgainstEvaluation(t *testing.T, lo *excelize.File, fx *fixture, per criteria.Period) {
	t.Helper()
	rows, err := lo.GetRows(report.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	hdr := rows[4]
	col := func(name string) int {
		for i, h := range hdr {
			if strings.HasPrefix(h, name) {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, hdr)
		return -1
	}
	prev, hasPrev := criteria.Period{}, false
	for _, p := range fx.outcome.Periods {
		if p.Before(per) {
			prev, hasPrev = p, true
		}
	}
	id, count, group := col("Mã xã"), col("Số tiêu chí đạt"), col("Nhóm")
	groups := map[string]int{"Chưa gửi biểu": 0}
	for _, g := range criteria.Groups {
		groups[g.Label()] = 0
	}
	for i := range fx.plan.Communes {
		c := &fx.plan.Communes[i]
		row := rows[5+i]
		cell := func(k int) string {
			if k < len(row) {
				return row[k]
			}
			return ""
		}
		if cell(id) != c.ID {
			t.Fatalf("row %d is %q, want commune %s", 6+i, cell(id), c.ID)
		}
		e := fx.outcome.Of(c.ID, per)
		wantCount, wantGroup := "", "Chưa gửi biểu"
		if e != nil {
			wantCount, wantGroup = strconv.Itoa(e.Result.Met), e.Result.Group.Label()
		}
		groups[wantGroup]++
		if cell(count) != wantCount || cell(group) != wantGroup {
			t.Errorf("%s: count %q group %q, evaluation %q %q", c.ID, cell(count), cell(group), wantCount, wantGroup)
		}
		if !hasPrev {
			continue
		}
		pe := fx.outcome.Of(c.ID, prev)
		wantPrev, wantChange := "", ""
		if pe != nil {
			wantPrev = strconv.Itoa(pe.Result.Met)
			if e != nil {
				wantChange = strconv.Itoa(e.Result.Met - pe.Result.Met)
			}
		}
		if got := cell(col("Số tiêu chí đạt kỳ trước")); got != wantPrev {
			t.Errorf("%s: previous count %q, evaluation %q", c.ID, got, wantPrev)
		}
		if got := cell(col("Tăng, giảm")); got != wantChange {
			t.Errorf("%s: change %q, evaluation %q", c.ID, got, wantChange)
		}
	}
	// The totals: each group's label in column A, its count in H.
	found := 0
	for _, row := range rows[5+len(fx.plan.Communes):] {
		if len(row) < 8 {
			continue
		}
		if n, ok := groups[row[0]]; ok {
			found++
			if row[7] != strconv.Itoa(n) {
				t.Errorf("total %q = %s, evaluation %d", row[0], row[7], n)
			}
		}
	}
	if found < len(groups) {
		t.Errorf("found %d of the %d groups' totals", found, len(groups))
	}
}
