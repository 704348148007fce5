package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/distribute"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/publish"
	"github.com/ntm-project/ntm/internal/report"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// Config is what every command needs to know.
type Config struct {
	In  string // input folder: plan.toml, criteria/*.toml, assessments/<period>/*.xlsx
	Out string // output folder
	// Progress is told how the run advances (nil: nothing shown).
	Progress Progress
	// Workers bounds the goroutines that read and render (0: one per
	// core); output is the same for any number.
	Workers int
	// Program names the program and its version in the archive's
	// manifest ("ntm 0.2.0").
	Program string
	// Build identifies this very build of the program (cmd/ntm gives the
	// Go build ID): what the last run kept in output/.cache (its readings
	// of the forms and of the plan, the keys of its documents) is used
	// only by the same build, since two builds of one version may read or
	// write differently. Empty: the version alone decides.
	Build string
	// Timings, when set, is told how long each stage of a build took
	// (the -timings flag, for whoever measures the program).
	Timings io.Writer
	sw      *stopwatch
}

func (cfg Config) program() string {
	if cfg.Program == "" {
		return "ntm"
	}
	return cfg.Program
}

// cacheID is what the caches of output/.cache are kept under: the
// program, its version and its build.
func (cfg Config) cacheID() string { return cfg.program() + "\x00" + cfg.Build }

// DefaultConfig reads input/ and writes output/ in the current folder.
func DefaultConfig() Config { return Config{In: "input", Out: "output"} }

// The layout of the input folder.
const (
	PlanFile       = "plan.toml"
	CriteriaDir    = "criteria"
	AssessmentsDir = "assessments"
	TemplatesDir   = "templates"
)

// maxTOML bounds every TOML file a clerk writes (the plan, a province's
// criteria, a narrative): a national plan of 10,000 communes is about
// 3 MB.
const maxTOML = 16 << 20

// ErrInput marks a failure caused by the inputs: the problems have been
// returned in a diag.List and the command exits 1.
var ErrInput = errors.New("dữ liệu đầu vào có lỗi")

// ErrInputAfterWrite is ErrInput for a command that wrote what it could
// before failing on the problems (init: the forms of the other communes).
var ErrInputAfterWrite = fmt.Errorf("%w; các tệp khác đã được ghi", ErrInput)

// Inputs is everything loaded from the input folder.
type Inputs struct {
	Plan      *plan.Plan
	Catalogue *criteria.Catalogue
	Set       *criteria.Set // the set named by the plan, or in force at its date
	// Outcome is the communes' forms, judged (nil until they are loaded).
	Outcome *evaluate.Outcome
	// Texts are the report templates (embedded, or the clerk's from
	// input/templates).
	Texts *report.Texts
	// ReportPeriods are the periods that get reports, and Narratives the
	// clerk's text of each (nil where the file is missing).
	ReportPeriods []criteria.Period
	Narratives    map[criteria.Period]*narrative.Narrative

	// Assessments are every form read (blank ones included), Problems
	// every problem found, Program the program and version printed in
	// the workbooks.
	Assessments []*assess.Assessment
	Problems    diag.List
	Program     string

	forms    *formCacheStore // the readings of this run, for the next
	planSave func() error    // keeps this run's loading of the plan (nil: nothing to keep)
	planSum  [32]byte        // SHA-256 of the plan's bytes as loaded
	stamp    string          // cacheStamp: the build and the criteria data
}

// lean is what the last stage (Distribute) reads of in: the plan and each
// form's name and hash (for the archive), without the forms' values, their
// judgement or the form cache, so that the collector can free those (about
// 330 MB in a national run) while the packages and the archive entry are
// made, instead of going over them again.
func (in *Inputs) lean() *Inputs {
	forms := make([]assess.Assessment, len(in.Assessments))
	l := &Inputs{Plan: in.Plan, Assessments: make([]*assess.Assessment, len(in.Assessments))}
	for i, a := range in.Assessments {
		forms[i] = assess.Assessment{File: a.File, SHA256: a.SHA256, Size: a.Size}
		l.Assessments[i] = &forms[i]
	}
	return l
}

// loadCatalogue gives the embedded criteria sets with the province's
// corrections from the input folder applied.
func loadCatalogue(cfg Config) (*criteria.Catalogue, diag.List, error) {
	cat, err := criteria.Embedded()
	if err != nil {
		return nil, nil, fmt.Errorf("bộ tiêu chí cài sẵn: %w", err)
	}
	return cat, cat.ApplyDir(filepath.Join(cfg.In, CriteriaDir)), nil
}

// resolvePlan finds plan p's set in cat (the one it names, or else the
// one in force at its date) and checks that its communes' missing
// criteria are criteria of that set; problems are those found so far.
func resolvePlan(p *plan.Plan, cat *criteria.Catalogue, problems diag.List) (*Inputs, diag.List, error) {
	in := &Inputs{Plan: p, Catalogue: cat}
	if p == nil || problems.Errors() > 0 {
		return in, problems, nil
	}
	date := p.Document.Date
	if id := p.Program.CriteriaSet; id != "" {
		in.Set = cat.Set(id)
		if in.Set == nil {
			problems.Add(p.Pos("program.criteria_set"), "bộ tiêu chí %q không có; cần một trong: %s", id, strings.Join(cat.IDs(), ", "))
			return in, problems, nil
		}
		// A plan cites the set in force when it was signed.
		if why := cat.NotInForce(in.Set, date); why != "" {
			problems.Add(p.Pos("program.criteria_set"), "%s; sửa criteria_set hoặc ngày ban hành (document.date)", why)
			return in, problems, nil
		}
	} else if in.Set = cat.InForce("ntm", date); in.Set == nil {
		problems.Add(p.Pos("program"), "không có bộ tiêu chí nào áp dụng vào %s; ghi criteria_set với một trong: %s",
			vnfmt.Date(date), strings.Join(cat.IDs(), ", "))
		return in, problems, nil
	}
	for i, c := range p.Communes {
		for j, n := range c.Missing {
			if in.Set.Criterion(n) == nil {
				problems.Add(p.Pos(fmt.Sprintf("communes[%d].missing[%d]", i, j)), "bộ tiêu chí %s không có tiêu chí %d", in.Set.ID, n)
			}
		}
	}
	return in, problems, nil
}

// Written is one file a command wrote.
type Written struct {
	Path  string
	Bytes int
	What  string // Vietnamese description for the summary
}

// Summary is what a command did.
type Summary struct {
	Notes    []string // what was read and found, one line each
	Files    []Written
	Problems diag.List // warnings (and errors, when the command failed)
}

// Print writes the summary for the clerk.
func (s *Summary) Print(w io.Writer) {
	for _, n := range s.Notes {
		fmt.Fprintln(w, n)
	}
	for _, f := range s.Files {
		fmt.Fprintf(w, "đã ghi %s (%s, %s)\n", f.Path, f.What, sizeText(f.Bytes))
	}
}

func sizeText(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d byte", n)
	}
	return fmt.Sprintf("%d KB", (n+512)/1024)
}

// Build runs the whole job: it loads and checks every input and, when
// there is no error, writes the documents into cfg.Out: the plan, and for
// each period after the plan's baseline the consolidated report and the
// report of every commune that returned a form.
func Build(ctx context.Context, cfg Config) (_ *Summary, buildErr error) {
	if err := cfg.checkOut(); err != nil {
		return &Summary{}, err
	}
	cfg.sw = cfg.stopwatch()
	in, sum, err := loadChecked(ctx, cfg)
	if err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	in.Problems, in.Program = sum.Problems, cfg.program()
	// Only now, with inputs that hold no error, is output/ touched.
	unlock, err := publish.Lock(cfg.Out)
	if err != nil {
		return sum, err
	}
	defer unlock()
	if _, err := publish.CleanStaleOutputs(cfg.Out, ArchiveDir, "*/"+distribute.PackagesDir, cacheDir+"/"+coverSpares); err != nil {
		return sum, err
	}
	cfg.sw.lap("dọn tệp tạm cũ")
	if in.forms != nil || in.planSave != nil {
		// The readings of the forms and of the plan are saved for the
		// next run while this one renders.
		forms, planSave := in.forms, in.planSave // not in: see lean
		saved := async(func() (struct{}, error) {
			var errs []error
			if forms != nil {
				errs = append(errs, forms.save(cfg.Out))
			}
			if planSave != nil {
				errs = append(errs, planSave())
			}
			return struct{}{}, errors.Join(errs...)
		})
		defer func() {
			if _, err := saved(); err != nil && buildErr == nil {
				buildErr = err
			}
		}()
		if in.forms != nil && in.forms.hits > 0 {
			sum.Notes = append(sum.Notes, fmt.Sprintf("%d biểu không đổi từ lần chạy trước, không phải đọc lại", in.forms.hits))
		}
	}
	// The last run's record is read while the outputs are listed and
	// keyed.
	prevState := async(func() (map[string]stateEntry, error) { return outputsState(cfg.Out), nil })
	outs := plannedOutputs(in, cfg.Workers)
	sortOutputs(outs)
	cfg.sw.lap("liệt kê văn bản")
	keys, err := newKeyer(cfg, in)
	if err != nil {
		return sum, err
	}
	for _, o := range outs {
		switch o.Kind {
		case KindPlan:
			o.Key = keys.plan()
		case KindReport:
			o.Key = keys.report(o.Period)
		case KindCommuneReport:
			o.Key = keys.commune(o.Commune, o.Period)
		case KindWorkbook:
			o.Key = keys.workbook(o.Period)
		}
	}
	prev, err := prevState()
	if err != nil {
		return sum, err
	}
	if kept := reuse(cfg.Out, prev, outs); kept > 0 {
		sum.Notes = append(sum.Notes, fmt.Sprintf("%d văn bản không đổi so với lần chạy trước, giữ nguyên", kept))
	}
	if err := keptTitles(ctx, outs, cfg.Workers); err != nil {
		return sum, err
	}
	cfg.sw.lap("so với lần chạy trước")
	var batch publish.Batch
	if err := renderAll(ctx, cfg, outs, &batch); err != nil {
		batch.Abort()
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		batch.Abort()
		return sum, err
	}
	cfg.sw.lap("viết văn bản")
	if err := batch.Commit(); err != nil {
		return sum, err
	}
	cfg.sw.lap("đưa văn bản vào chỗ")
	// Stale documents go before the record is rewritten: a crash between
	// the two leaves the old record, which still names them.
	if n, err := removeStale(cfg.Out, prev, outs); err != nil {
		return sum, err
	} else if n > 0 {
		sum.Notes = append(sum.Notes, fmt.Sprintf("đã xóa %d văn bản của lần chạy trước mà dữ liệu hiện nay không còn tạo ra", n))
	}
	for _, o := range outs {
		o.Build, o.Render = nil, nil // they hold the forms and their judgement (see lean)
	}
	// The record of what this run wrote is saved while the packages are
	// laid out (a crash before it is saved leaves the last one, whose
	// keys the new documents do not match: they are rendered again).
	recorded := async(func() (struct{}, error) { return struct{}{}, saveOutputsState(cfg.Out, outs) })
	// The clerk's last steps: a package per addressee, the register of
	// outgoing documents, an archive entry of the run.
	err = Distribute(ctx, cfg, in.lean(), IssuedFromOutputs(in, outs), cfg.program(), sum)
	if _, rerr := recorded(); err == nil {
		err = rerr
	}
	if err != nil {
		return sum, err
	}
	sum.Files = append(sum.Files, summarise(cfg, outs)...)
	return sum, nil
}

// Check loads and validates every input and writes nothing.
func Check(ctx context.Context, cfg Config) (*Summary, error) {
	_, sum, err := loadChecked(ctx, cfg)
	return sum, err
}

// loadChecked loads and checks every input, and says what it read. It
// fails with ErrInput when any input has an error: nothing is written then.
func loadChecked(ctx context.Context, cfg Config) (*Inputs, *Summary, error) {
	in, problems, err := loadAll(ctx, cfg) // the recipients checked with the plan (loadPlanFile)
	sum := &Summary{Problems: problems}
	if err == nil && problems.Errors() > 0 {
		err = ErrInput
	}
	if err == nil {
		sum.Notes = describe(in)
	}
	return in, sum, err
}

// describe says in a few lines what was read: the plan, the set, and for
// each period how many forms and how the communes stand.
func describe(in *Inputs) []string {
	p := in.Plan
	notes := []string{fmt.Sprintf("%s số %s (%s): %d xã, bộ tiêu chí %s, vùng %s",
		p.Document.Type, vnfmt.DocNumber(p.Document.Number, p.Document.Symbol), p.File,
		len(p.Communes), in.Set.ID, p.Program.Region)}
	o := in.Outcome
	if o == nil {
		return notes
	}
	for _, per := range o.Periods {
		evs := o.ByPeriod[per]
		full, total := 0, 0
		for _, e := range evs {
			total += e.Result.Met
			if e.Result.Met == e.Result.Total {
				full++
			}
		}
		mark := ""
		if per == o.Baseline {
			mark = " (kỳ gốc của kế hoạch)"
		}
		notes = append(notes, fmt.Sprintf("kỳ %s%s: %d biểu; %d/%d xã đạt đủ tiêu chí; bình quân %s tiêu chí/xã",
			per, mark, len(evs), full, len(evs), vnfmt.Number(float64(total)/float64(max(len(evs), 1)), 2)))
	}
	return notes
}

// criterionNames gives the official name of a criterion of set s.
func criterionNames(s *criteria.Set) func(int) string {
	return func(n int) string {
		if c := s.Criterion(n); c != nil {
			return c.Name
		}
		return fmt.Sprintf("tiêu chí %d", n)
	}
}

// PlanPDFName is the plan's file name: its type and number, in ASCII,
// e.g. "ke-hoach-2071-SKH-KTN.pdf".
func PlanPDFName(p *plan.Plan) string { return p.FileName() }
