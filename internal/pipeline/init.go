package pipeline

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/form"
	"github.com/ntm-project/ntm/internal/publish"
)

// UsageError is a command-line value that is wrong (exit 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Init writes, for every commune of the plan, a blank assessment form for
// period into the input folder (assessments/<period>/<commune>.xlsx),
// prefilled with the commune's results of the period before where they
// exist. It never overwrites a form that is already there: a commune may
// have filled it.
func Init(ctx context.Context, cfg Config, period string) (*Summary, error) {
	sum := &Summary{}
	per, err := criteria.ParsePeriod(period)
	if err != nil {
		return sum, &UsageError{Msg: "-period: " + err.Error()}
	}
	in, problems, err := loadAll(ctx, cfg)
	sum.Problems = problems
	if err != nil {
		return sum, err
	}
	if in.Plan == nil || in.Set == nil {
		return sum, ErrInput
	}
	baseline := evaluate.BaselineOf(in.Plan)
	if g := in.Plan.Program; g.StartYear > 0 && per.Year < g.StartYear || g.EndYear > 0 && per.Year > g.EndYear {
		sum.Problems.Add(in.Plan.Pos("program"), "kỳ %s nằm ngoài các năm của kế hoạch (%d–%d, khóa start_year, end_year): không tạo biểu", per, g.StartYear, g.EndYear)
		return sum, ErrInput
	}
	if per.Before(baseline) {
		sum.Problems.Add(in.Plan.Pos("document.date"), "kỳ %s trước kỳ gốc %s của kế hoạch (kỳ chứa ngày ban hành): không tạo biểu", per, baseline)
		return sum, ErrInput
	}
	set := in.Catalogue.ForYear("ntm", per.Year)
	if set == nil {
		set = in.Set
	}
	dir := filepath.Join(cfg.In, AssessmentsDir)
	for i := range in.Plan.Communes {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		c := &in.Plan.Communes[i]
		spec := form.Spec{
			Province:  in.Plan.Program.Province,
			Agency:    in.Plan.Document.AgencyName,
			CommuneID: c.ID,
			Commune:   c.Name,
			District:  c.District,
			Period:    per,
			Set:       set,
			Region:    evaluate.RegionOf(in.Plan, c),
			Prev:      previous(in.Outcome, c.ID, per),
			Created:   time.Date(per.Year, time.Month(6*int(per.Half)-5), 1, 0, 0, 0, 0, time.UTC),
		}
		path := filepath.Join(dir, filepath.FromSlash(form.FileName(c.ID, per)))
		n := 0
		err := publish.WriteNew(path, func(w io.Writer) error {
			cw := &countWriter{w: w}
			err := form.Write(cw, spec)
			n = cw.n
			return err
		})
		switch {
		case errors.Is(err, publish.ErrExists):
			sum.Problems.Warn(diag.Pos{File: path}, "biểu đã có, giữ nguyên (không ghi đè)")
		case err != nil:
			return sum, err
		default:
			sum.Files = append(sum.Files, Written{Path: path, Bytes: n, What: "biểu tự đánh giá " + c.CommuneLabel() + ", " + per.Label()})
		}
	}
	if sum.Problems.Errors() > 0 {
		// The forms that could be written are written; the errors found
		// in the other inputs still make the command fail.
		return sum, ErrInputAfterWrite
	}
	return sum, nil
}

// previous is the commune's result text per indicator in the period
// before per, to prefill "Kết quả kỳ trước".
func previous(out *evaluate.Outcome, communeID string, per criteria.Period) map[string]string {
	if out == nil {
		return nil
	}
	e := out.Of(communeID, per.Prev())
	if e == nil {
		return nil
	}
	prev := map[string]string{}
	for _, v := range e.Assessment.Values {
		if !v.Has {
			continue
		}
		prev[v.IndicatorID] = v.Raw
		// A number the commune typed as text ("85,5") goes back as the
		// number it was read as, so that the form stores a number cell.
		if ind := e.Set.Indicator(v.IndicatorID); ind != nil && ind.Kind != criteria.KindBool {
			prev[v.IndicatorID] = strconv.FormatFloat(v.Num, 'f', -1, 64)
		}
	}
	return prev
}

type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}
