package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/report"
)

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
	in, problems, err := loadPlan(cfg)
	if err != nil || problems.Errors() > 0 {
		return in, problems, err
	}
	dir := filepath.Join(cfg.In, AssessmentsDir)
	var as []*assess.Assessment
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		in.forms = loadFormCache(cfg.Out, cacheStamp(cfg.program(), in.Catalogue), in.Catalogue)
		pr := cfg.progress()
		pr.Stage("đọc biểu", countForms(dir))
		var ps diag.List
		as, ps = assess.ReadFSWith(ctx, os.DirFS(dir), dir, in.Catalogue, assess.FSOptions{
			Cache: in.forms, Progress: pr.Step, Workers: cfg.Workers,
		})
		pr.Finish()
		problems.Append(ps)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return in, problems, fmt.Errorf("đọc thư mục %s: %w", dir, err)
	}
	if err := ctx.Err(); err != nil {
		return in, problems, err
	}
	in.Assessments = as
	out, ps, err := evaluate.RunContext(ctx, in.Plan, in.Catalogue, as, dir)
	problems.Append(ps)
	if err != nil {
		return in, problems, err
	}
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
	return in, problems, nil
}
