package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"sync"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/inputfile"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/pdfa"
	"github.com/ntm-project/ntm/internal/publish"
	"github.com/ntm-project/ntm/internal/render/pdf"
	"github.com/ntm-project/ntm/internal/render/xlsx"
	"github.com/ntm-project/ntm/internal/report"
)

// The kinds of output, as the archive's manifest and the summary name
// them.
const (
	KindPlan          = "plan"
	KindReport        = "report"
	KindCommuneReport = "commune-report"
	KindWorkbook      = "workbook"
	KindRegister      = "register"
	KindPackage       = "package"
	KindInput         = "input"
)

// Output is one file a build writes, described before it is rendered:
// where it goes (slash-separated, under the output folder), what it is,
// and how to make it.
type Output struct {
	Path    string // "2021-H1/xa/thuan.pdf"
	Kind    string
	Period  criteria.Period // zero for the plan
	Commune string          // plan id, for a commune report
	What    string          // Vietnamese description for the summary
	// Build makes a PDF output's document, in the rendering worker, so
	// that ten thousand commune reports are never all in memory at once
	// and a document kept from the last run is never built.
	Build func() (*report.Document, error)
	// Title is the document's title (Meta.Title), once rendered or from
	// the last run's record; the register takes a consolidated report's
	// trích yếu from it.
	Title string
	// Render writes a non-PDF output (a workbook).
	Render func(w io.Writer) error

	// Key fingerprints everything the output is made from
	// (incremental.go); Kept is set when the file on disk was made from
	// the same and is left as it is.
	Key  [32]byte
	Kept bool

	// Filled in once written (or read from the last run's record):
	Size   int
	SHA256 [32]byte
	Pages  int
}

// Period folders and file names under the output folder.
const (
	communeDir = "xa" // <period>/xa/<commune id>.pdf
)

// reportName is a period's consolidated report: "2021-H1/bao-cao-2021-H1.pdf".
func reportName(per criteria.Period) string {
	return per.String() + "/bao-cao-" + per.String() + ".pdf"
}

// communeReportName is a commune's report of a period, named by its plan
// id (unique, ASCII): "2021-H1/xa/gio-mai.pdf".
func communeReportName(per criteria.Period, id string) string {
	return per.String() + "/" + communeDir + "/" + id + ".pdf"
}

// reportPeriods are the periods that get reports: every period after the
// baseline up to the latest one with forms (a period between without any
// form gets its report too, which says so).
func reportPeriods(in *Inputs) []criteria.Period {
	o := in.Outcome
	last, ok := o.Latest()
	if !ok {
		return nil
	}
	var out []criteria.Period
	for per := o.Baseline.Next(); !last.Before(per); per = per.Next() {
		out = append(out, per)
	}
	return out
}

// loadNarratives reads the narrative of every report period (a missing
// one is a warning: the report carries a placeholder).
func loadNarratives(cfg Config, periods []criteria.Period) (map[criteria.Period]*narrative.Narrative, diag.List) {
	var problems diag.List
	out := map[criteria.Period]*narrative.Narrative{}
	for _, per := range periods {
		start, end := report.PeriodBounds(per)
		p := filepath.Join(cfg.In, AssessmentsDir, per.String(), narrative.FileName)
		n, ps := narrative.LoadFile(p, start, end)
		problems.Append(ps)
		out[per] = n
	}
	return out, problems
}

// plannedOutputs lists every output of the run, each with how to make
// it: the plan, a workbook for each period with forms, and for each
// report period the consolidated report and the report of each commune
// that returned a form.
func plannedOutputs(in *Inputs, workers int) []*Output {
	// Every model is built when its document is rendered, in the
	// rendering workers: a document kept from the last run costs nothing,
	// and the consolidated reports are built while the workbooks render.
	outs := []*Output{{Path: PlanPDFName(in.Plan), Kind: KindPlan, What: "kế hoạch",
		Build: func() (*report.Document, error) { return report.PlanDocument(in.Plan, criterionNames(in.Set)) }}}
	// A consolidated workbook for every period with forms.
	sources := inputSources(in)
	for _, per := range in.Outcome.Periods {
		per := per
		outs = append(outs, &Output{Path: per.String() + "/" + report.WorkbookFileName(per), Kind: KindWorkbook, Period: per,
			What: "bảng tổng hợp " + per.Label() + ", Excel",
			Render: func(w io.Writer) error {
				wb, err := report.BuildWorkbook(report.WorkbookInput{Plan: in.Plan, Outcome: in.Outcome, Period: per,
					Problems: in.Problems, Sources: sources, Program: in.Program, Date: report.ReportDate(per, in.Narratives[per])})
				if err != nil {
					return err
				}
				return xlsx.Options{Workers: workers}.Render(w, wb)
			}})
	}
	reps := report.NewReports(in.Plan, in.Outcome, in.Texts)
	for _, per := range in.ReportPeriods {
		per, n := per, in.Narratives[per]
		outs = append(outs, &Output{Path: reportName(per), Kind: KindReport, Period: per, What: "báo cáo " + per.Label(),
			Build: func() (*report.Document, error) {
				doc, err := reps.Progress(per, n)
				if err != nil {
					return nil, fmt.Errorf("báo cáo kỳ %s: %w", per, err)
				}
				return doc, nil
			}})
		for _, e := range in.Outcome.ByPeriod[per] {
			id, per, n := e.Commune.ID, per, n
			outs = append(outs, &Output{Path: communeReportName(per, id), Kind: KindCommuneReport, Period: per, Commune: id,
				What: "báo cáo " + e.Commune.CommuneLabel() + " " + per.Label(),
				Build: func() (*report.Document, error) {
					doc, err := reps.Commune(id, per, n)
					if err != nil {
						return nil, fmt.Errorf("báo cáo xã %s kỳ %s: %w", id, per, err)
					}
					return doc, nil
				}})
		}
	}
	return outs
}

// heavy reports the outputs that take long: every one but a commune's
// report.
func heavy(o *Output) bool { return o.Kind != KindCommuneReport }

// inputSources lists the inputs for the workbook's "Nguồn" sheet: the
// plan, the province's criteria files and every form read, each with its
// SHA-256.
func inputSources(in *Inputs) []report.Source {
	var out []report.Source
	add := func(path, what string, per criteria.Period, sum [32]byte) {
		out = append(out, report.Source{Path: path, SHA256: hex.EncodeToString(sum[:]), Period: per, What: what})
	}
	add(in.Plan.File, "Kế hoạch", criteria.Period{}, in.planSum)
	for _, s := range in.Catalogue.Sets {
		for _, f := range s.ProvinceFiles() {
			if b, err := inputfile.Read(f, maxTOML); err == nil {
				add(f, "Điều chỉnh bộ tiêu chí "+s.ID, criteria.Period{}, sha256.Sum256(b))
			}
		}
	}
	for _, a := range in.Assessments {
		if a.SHA256 != ([32]byte{}) {
			add(a.File, "", a.Period, a.SHA256)
		}
	}
	return out
}

// renderAll renders every output on all cores and stages it in batch
// (nothing is in place until the batch commits). The renderer's fonts
// are prepared once per process.
func renderAll(ctx context.Context, cfg Config, outs []*Output, batch *publish.Batch) error {
	r, err := pdf.NewRenderer()
	if err != nil {
		return err
	}
	rr := &renderer{cfg: cfg, r: r, batch: batch}
	pr := cfg.progress()
	pr.Stage("viết văn bản", len(outs))
	defer pr.Finish()
	// The long jobs (a national consolidated report, the workbooks) go
	// first, so that no core waits for one at the end; the order of work
	// changes no byte.
	order := make([]int, len(outs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return heavy(outs[order[a]]) && !heavy(outs[order[b]]) })
	return parallel(ctx, len(outs), cfg.Workers, func(_, j int) (err error) {
		defer pr.Step(1)
		o := outs[order[j]]
		if o.Kept {
			return nil
		}
		// A CPU profile (-cpuprofile) tells the kinds of output apart by
		// this label (go tool pprof -tagfocus output=report).
		pprof.Do(ctx, pprof.Labels("output", o.Kind), func(context.Context) { err = rr.render(o) })
		return err
	})
}

// renderer holds what the workers of renderAll share.
type renderer struct {
	cfg        Config
	r          *pdf.Renderer
	pool, conv sync.Pool
	batch      *publish.Batch
}

// render renders o and stages it in the batch. Each worker reuses a
// buffer for the document and one for its archival form.
func (rr *renderer) render(o *Output) error {
	buf, _ := rr.pool.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer rr.pool.Put(buf)
	buf.Reset()
	data := buf.Bytes()
	var doc *report.Document
	if o.Build != nil {
		var err error
		if doc, err = o.Build(); err != nil {
			return err
		}
	}
	switch {
	case doc != nil:
		o.Title = doc.Meta.Title
		info, err := rr.r.Render(buf, doc)
		if err != nil {
			return fmt.Errorf("%s: %w", o.Path, err)
		}
		o.Pages = info.Pages
		// Archival form (PDF/A-2b: XMP, sRGB output intent, /ID).
		cb, _ := rr.conv.Get().(*[]byte)
		if cb == nil {
			cb = new([]byte)
		}
		defer rr.conv.Put(cb)
		*cb, err = pdfa.ConvertAppend((*cb)[:0], buf.Bytes(), pdfa.Options{Lang: "vi"})
		if err != nil {
			return fmt.Errorf("%s: %w", o.Path, err)
		}
		data = *cb
	case o.Render != nil:
		if err := o.Render(buf); err != nil {
			return fmt.Errorf("%s: %w", o.Path, err)
		}
		data = buf.Bytes()
	}
	o.Size, o.SHA256 = len(data), sha256.Sum256(data)
	return rr.batch.Write(filepath.Join(rr.cfg.Out, filepath.FromSlash(o.Path)), data)
}

// summarise lists the files written for the clerk: each one when there
// are few of a kind, else one line per kind and period with the folder.
func summarise(cfg Config, outs []*Output) []Written {
	type group struct {
		kind string
		per  criteria.Period
	}
	counts := map[group][]*Output{}
	var order []group
	for _, o := range outs {
		g := group{o.Kind, o.Period}
		if _, ok := counts[g]; !ok {
			order = append(order, g)
		}
		counts[g] = append(counts[g], o)
	}
	var ws []Written
	for _, g := range order {
		var os []*Output
		for _, o := range counts[g] {
			if !o.Kept {
				os = append(os, o)
			}
		}
		if len(os) == 0 {
			continue
		}
		if len(os) <= 8 {
			for _, o := range os {
				ws = append(ws, Written{Path: filepath.Join(cfg.Out, filepath.FromSlash(o.Path)), Bytes: o.Size, What: o.What})
			}
			continue
		}
		total := 0
		for _, o := range os {
			total += o.Size
		}
		dir := path.Dir(os[0].Path)
		ws = append(ws, Written{Path: filepath.Join(cfg.Out, filepath.FromSlash(dir)) + string(filepath.Separator), Bytes: total,
			What: fmt.Sprintf("%d báo cáo xã %s", len(os), g.per.Label())})
	}
	return ws
}

// sortOutputs puts outputs in path order, so that runs list them alike.
func sortOutputs(outs []*Output) {
	sort.SliceStable(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
}
