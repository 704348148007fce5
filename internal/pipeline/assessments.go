package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/report"
)

// readForms reads every form of the input folder with the criteria of
// cat, through the cache of the last run's readings.
func readForms(ctx context.Context, cfg Config, cat *criteria.Catalogue, stamp string) ([]*assess.Assessment, *formCacheStore, diag.List, error) {
	dir := filepath.Join(cfg.In, AssessmentsDir)
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil, nil
		}
		return nil, nil, nil, fmt.Errorf("đọc thư mục %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, nil, nil, nil
	}
	forms := loadFormCache(cfg.Out, stamp, dir, cat)
	pr := cfg.progress()
	pr.Stage("đọc biểu", countForms(dir))
	as, ps := assess.ReadFSWith(ctx, os.DirFS(dir), dir, cat, assess.FSOptions{
		Cache: forms, Progress: pr.Step, Workers: cfg.Workers,
	})
	pr.Finish()
	return as, forms, ps, nil
}

// countForms is how many workbooks dir holds, for the progress bar (a
// quick count of names; the reader decides what it reads).
func countForms(dir string) int {
	n := 0
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			sub, _ := os.ReadDir(filepath.Join(dir, e.Name()))
			n += len(sub)
		}
	}
	return n
}

// loadAll loads the plan and the criteria, then reads every assessment
// workbook and evaluates it. The problems of every stage are collected
// together, so that one run shows the clerk all of them.
func loadAll(ctx context.Context, cfg Config) (*Inputs, diag.List, error) {
	// The plan is parsed while the forms are read: reading needs only the
	// criteria, and a national plan takes as long to parse as the forms
	// take to be found in the cache.
	planned := async(func() (loadedPlan, error) { return loadPlanFile(cfg), nil })
	cat, cps, err := loadCatalogue(cfg)
	if err != nil {
		planned()
		return nil, nil, err
	}
	var (
		as    []*assess.Assessment
		forms *formCacheStore
		fps   diag.List
		ferr  error
	)
	stamp := cacheStamp(cfg.cacheID(), cat) // once: it fingerprints the whole catalogue
	cfg.sw.lap("đọc bộ tiêu chí")
	if cps.Errors() == 0 {
		as, forms, fps, ferr = readForms(ctx, cfg, cat, stamp)
	}
	cfg.sw.lap("đọc biểu")
	pl, err := planned()
	cfg.sw.lap("chờ đọc kế hoạch")
	if err != nil {
		return nil, nil, err
	}
	in, problems, err := resolvePlan(pl.plan, cat, append(pl.problems, cps...))
	if err != nil || problems.Errors() > 0 {
		return in, problems, err
	}
	if ferr != nil {
		return in, problems, ferr
	}
	in.forms, in.planSave, in.planSum, in.stamp = forms, pl.save, pl.sum, stamp
	problems.Append(fps)
	if err := ctx.Err(); err != nil {
		return in, problems, err
	}
	in.Assessments = as
	cfg.sw.lap("đối chiếu kế hoạch")
	out, ps, err := evaluate.RunContext(ctx, in.Plan, in.Catalogue, as, filepath.Join(cfg.In, AssessmentsDir))
	problems.Append(ps)
	if err != nil {
		return in, problems, err
	}
	cfg.sw.lap("đánh giá")
	in.Outcome = out
	tplDir := filepath.Join(cfg.In, TemplatesDir)
	var override fs.FS
	if st, err := os.Stat(tplDir); err == nil && st.IsDir() {
		override = os.DirFS(tplDir)
	}
	texts, ps := report.LoadTexts(override, tplDir)
	problems.Append(ps)
	in.Texts = texts
	in.ReportPeriods = reportPeriods(in)
	narrs, ps := loadNarratives(cfg, in.ReportPeriods)
	problems.Append(ps)
	in.Narratives = narrs
	cfg.sw.lap("mẫu văn bản, thuyết minh")
	return in, problems, nil
}
