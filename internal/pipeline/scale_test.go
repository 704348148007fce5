package pipeline

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/form"
	"github.com/xuri/excelize/v2"
)

var (
	scaleDir      = flag.String("scale-dir", "", "write a generated input folder here (TestGenerateScale)")
	scaleCommunes = flag.Int("scale-communes", 100, "communes in the generated input folder")
)

// sampleSources are the sample's communes whose forms the generated
// communes copy, in turn, with their plan status and missing criteria.
var sampleSources = []struct{ id, district, status, missing string }{
	{"thuan", "Hướng Hóa", "chua-dat", "[5, 6, 10, 11, 13, 17, 18, 19]"},
	{"gio-mai", "Gio Linh", "chua-dat", "[2, 6]"},
	{"gio-my", "Gio Linh", "dat-chuan", ""},
	{"cam-chinh", "Cam Lộ", "dat-chuan", ""},
}

var scaleNames = []string{"Tân Lập", "Hòa Bình", "Phú Mỹ", "Đông Hưng", "Vĩnh Thủy", "Triệu Ái", "Hải Lệ", "Cam Thủy"}

// generateInput writes into dir the sample plan with n communes (the
// sample's four and n-4 more) and their forms for every sample period,
// each a copy of a sample commune's form under its new name.
func generateInput(tb testing.TB, dir string, n int) {
	tb.Helper()
	planText, err := os.ReadFile(filepath.Join(sampleIn, PlanFile))
	if err != nil {
		tb.Fatal(err)
	}
	var extra strings.Builder
	type job struct{ src, dst, name, id string }
	var jobs []job
	periods, _ := filepath.Glob(filepath.Join(sampleIn, AssessmentsDir, "*"))
	for i := 4; i < n; i++ {
		s := sampleSources[i%4]
		name := fmt.Sprintf("%s %d", scaleNames[i%len(scaleNames)], i)
		id := fmt.Sprintf("xa-%05d", i)
		fmt.Fprintf(&extra, "\n[[communes]]\nid = %q\nname = %q\ndistrict = %q\nstatus = %q\ntarget = \"dat-chuan\"\ntarget_year = 2025\n", id, name, s.district, s.status)
		if s.missing != "" {
			fmt.Fprintf(&extra, "missing = %s\n", s.missing)
		}
		for _, per := range periods {
			jobs = append(jobs, job{
				src:  filepath.Join(per, s.id+".xlsx"),
				dst:  filepath.Join(dir, AssessmentsDir, filepath.Base(per), id+".xlsx"),
				name: name,
				id:   id,
			})
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, PlanFile), append(planText, extra.String()...), 0o644); err != nil {
		tb.Fatal(err)
	}
	crit, _ := filepath.Glob(filepath.Join(sampleIn, CriteriaDir, "*.toml"))
	for _, f := range crit {
		data, _ := os.ReadFile(f)
		os.MkdirAll(filepath.Join(dir, CriteriaDir), 0o755)
		os.WriteFile(filepath.Join(dir, CriteriaDir, filepath.Base(f)), data, 0o644)
	}
	for _, per := range periods {
		if data, err := os.ReadFile(filepath.Join(per, "bao-cao.toml")); err == nil {
			os.MkdirAll(filepath.Join(dir, AssessmentsDir, filepath.Base(per)), 0o755)
			os.WriteFile(filepath.Join(dir, AssessmentsDir, filepath.Base(per), "bao-cao.toml"), data, 0o644)
		}
	}
	for _, s := range sampleSources {
		for _, per := range periods {
			data, err := os.ReadFile(filepath.Join(per, s.id+".xlsx"))
			if err != nil {
				tb.Fatal(err)
			}
			os.MkdirAll(filepath.Join(dir, AssessmentsDir, filepath.Base(per)), 0o755)
			os.WriteFile(filepath.Join(dir, AssessmentsDir, filepath.Base(per), s.id+".xlsx"), data, 0o644)
		}
	}
	var wg sync.WaitGroup
	ch := make(chan job)
	errs := make(chan error, len(jobs))
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				errs <- renameForm(j.src, j.dst, j.name, j.id)
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// renameForm copies the form src to dst with the commune's name and id
// changed.
func renameForm(src, dst, name, id string) error {
	return editForm(src, dst, func(f *excelize.File, sheet string, rows [][]string) bool {
		done := 0
		for r, row := range rows {
			for c, v := range row {
				switch strings.TrimSpace(v) {
				case "Xã:":
					cell, _ := excelize.CoordinatesToCellName(3, r+1)
					f.SetCellValue(sheet, cell, name)
					done++
				case form.IDLabel:
					// The id's value sits right of its merged label.
					for k := c + 1; k < len(row)+3; k++ {
						cell, _ := excelize.CoordinatesToCellName(k+1, r+1)
						if cur, _ := f.GetCellValue(sheet, cell); cur != "" && strings.TrimSpace(cur) != form.IDLabel {
							f.SetCellValue(sheet, cell, id)
							done++
							break
						}
					}
				}
			}
		}
		return done == 2
	})
}

// TestGenerateScale writes a generated input folder for whole-process
// timing: go test ./internal/pipeline -run TestGenerateScale
// -scale-dir /tmp/ntm-scale -scale-communes 1000.
func TestGenerateScale(t *testing.T) {
	if *scaleDir == "" {
		t.Skip("pass -scale-dir DIR to generate a large input folder")
	}
	generateInput(t, *scaleDir, *scaleCommunes)
}

// TestGeneratedInputChecks shows that a generated province-sized input is
// valid: the generator and the checks agree.
func TestGeneratedInputChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	generateInput(t, dir, 12)
	sum, err := Check(context.Background(), Config{In: dir})
	// The one warning every run gives while the criteria data holds
	// unverified thresholds is not a problem of the generated input.
	var left diag.List
	for _, p := range sum.Problems {
		// Run-level notes (unverified thresholds, the nâng cao set) have
		// no file.
		if p.Pos.File != "" {
			left = append(left, p)
		}
	}
	if err != nil || len(left) > 0 {
		var b strings.Builder
		left.Print(&b)
		t.Fatalf("generated input is not clean: %v\n%s", err, b.String())
	}
}

// BenchmarkCheck times check (read, evaluate, cross-check) on a generated
// province: 100 communes, two periods.
func BenchmarkCheck(b *testing.B) {
	dir := b.TempDir()
	generateInput(b, dir, 100)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Check(context.Background(), Config{In: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
