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
		var ps diag.List
		as, ps = assess.ReadFSContext(ctx, os.DirFS(dir), dir, in.Catalogue)
		problems.Append(ps)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return in, problems, fmt.Errorf("đọc thư mục %s: %w", dir, err)
	}
	if err := ctx.Err(); err != nil {
		return in, problems, err
	}
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
