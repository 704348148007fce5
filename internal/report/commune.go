package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// CommuneInput is what one commune's report of one period is built from.
type CommuneInput struct {
	Plan      *plan.Plan
	Outcome   *evaluate.Outcome
	Period    criteria.Period
	CommuneID string
	// Narrative is the period's narrative (for the consolidated report's
	// number and date the sheet refers to); may be nil.
	Narrative *narrative.Narrative
	Texts     *Texts
}

// BuildCommuneReport builds the short report of one commune for one
// period, for its People's Committee: a sheet (no Decree 30 header; the
// consolidated report carries it) headed with the commune and period,
// the criteria met and what changed, what still lacks for its target and
// whether it is on track, the table of its criteria and indicators for
// this period and the one before, and a chart of the criteria met over
// every period on file up to this one. It fails when the commune has no
// form with results for the period.
//
// It indexes the plan's communes on every call; a run that builds the
// reports of many communes makes one Reports and calls its Commune.
func BuildCommuneReport(in CommuneInput) (*Document, error) {
	return NewReports(in.Plan, in.Outcome, in.Texts).Commune(in.CommuneID, in.Period, in.Narrative)
}

// Reports builds the reports of one run: it indexes the plan's communes
// (by ID, and which names occur twice) once, so that each commune's
// report costs only its own data. It is safe for concurrent use.
type Reports struct {
	plan    *plan.Plan
	outcome *evaluate.Outcome
	texts   *Texts
	names   namer
	byID    map[string]*plan.Commune
}

// NewReports prepares the reports of plan p judged in o, worded with x.
func NewReports(p *plan.Plan, o *evaluate.Outcome, x *Texts) *Reports {
	r := &Reports{plan: p, outcome: o, texts: x, names: newNamer(p), byID: make(map[string]*plan.Commune, len(p.Communes))}
	for i := range p.Communes {
		r.byID[p.Communes[i].ID] = &p.Communes[i]
	}
	return r
}

// Progress is BuildProgressReport of period per with narrative n.
func (r *Reports) Progress(per criteria.Period, n *narrative.Narrative) (*Document, error) {
	return BuildProgressReport(ProgressInput{Plan: r.plan, Outcome: r.outcome, Period: per, Narrative: n, Texts: r.texts})
}

// Commune is BuildCommuneReport of commune id for period per; n is the
// period's narrative (may be nil).
func (r *Reports) Commune(id string, per criteria.Period, n *narrative.Narrative) (*Document, error) {
	in := CommuneInput{Plan: r.plan, Outcome: r.outcome, Period: per, CommuneID: id, Narrative: n, Texts: r.texts}
	p := r.plan
	c := r.byID[id]
	if c == nil {
		return nil, fmt.Errorf("không có xã mã %q trong kế hoạch", in.CommuneID)
	}
	cf := communeFacts(in.Outcome, c, in.Period, r.names)
	if !cf.Returned {
		return nil, fmt.Errorf("%s chưa có biểu tự đánh giá %s", cf.Name, in.Period.Label())
	}
	var note string
	date := ReportDate(in.Period, in.Narrative)
	if in.Period == in.Outcome.Baseline {
		note = fmt.Sprintf("(Kết quả kỳ gốc của %s số %s ngày %s của %s)", p.Document.Type,
			vnfmt.DocNumber(p.Document.Number, p.Document.Symbol), vnfmt.ShortDate(p.Document.Date), agencyName(p))
	} else {
		note = "(Kèm theo " + headOf(p, in.Period, in.Narrative).ref + ")"
	}
	title := "Kết quả thực hiện các tiêu chí nông thôn mới của " + cf.Name
	if cf.District != "" && !strings.Contains(cf.Name, "(") {
		title += ", " + cf.District
	}
	title += " " + in.Period.Label()
	f := &flow{x: in.Texts}
	f.tpl(TplCommuneIntro, cf, "")
	f.heading(2, "1. Kết quả chung")
	f.tpl(TplCommune, cf, "")
	if len(cf.Discrepancies) > 0 {
		f.tpl(TplDiscrepancy, cf, "")
	}
	f.heading(2, "2. Mục tiêu và tiến độ")
	f.tpl(TplTarget, cf, "")
	f.tpl(TplRule, cf, "")
	f.heading(2, "3. Kết quả từng tiêu chí, chỉ tiêu")
	f.add(Block{Kind: Caption, Text: "Bảng 1. Kết quả thực hiện các tiêu chí, chỉ tiêu"})
	f.blocks = append(f.blocks, criteriaTableBlocks(cf, cf.PrevPeriod, 9)...)
	f.heading(2, "4. Số tiêu chí đạt qua các kỳ")
	f.add(Block{Kind: Caption, Text: "Biểu đồ 1. Số tiêu chí đạt qua các kỳ đánh giá"})
	f.add(Block{Kind: ChartBlock, Chart: historyChart(in.Outcome, c.ID, in.Period)})
	if f.err != nil {
		return nil, f.err
	}
	doc := &Document{
		Meta: Meta{
			Title: title, Author: agencyName(p), Subject: title,
			Keywords: []string{"nông thôn mới", c.Name, in.Period.Label()},
			Creator:  Creator, Lang: "vi", Created: date,
		},
		Parts: []Part{{
			Page:  Page{Layout: layoutOf(p.Layout)},
			Annex: &AnnexHead{Title: vnfmt.Upper(title), Note: note},
			Body:  f.blocks,
		}},
	}
	normalize(doc)
	return doc, nil
}

// The columns of a commune's criteria table: TT, content, threshold,
// the previous period's result and verdict, this period's result,
// verdict and the commune's own verdict, and the change.
var criteriaColumns = []Column{
	{Width: 0.06, Align: AlignCenter}, {Width: 0.33}, {Width: 0.11, Align: AlignCenter},
	{Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter},
	{Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter},
	{Width: 0.10, Align: AlignCenter},
}

// firstColumns are criteriaColumns without the previous period and the
// change: the commune's first period on file.
var firstColumns = []Column{
	{Width: 0.07, Align: AlignCenter}, {Width: 0.45}, {Width: 0.13, Align: AlignCenter},
	{Width: 0.11, Align: AlignCenter}, {Width: 0.12, Align: AlignCenter}, {Width: 0.12, Align: AlignCenter},
}

// keep drops the cells of the previous period and of the change from a
// row of the criteria table when the commune has no previous period.
func keepCols(withPrev bool, cells []Cell) []Cell {
	if withPrev {
		return cells
	}
	return append(append([]Cell{}, cells[0:3]...), cells[5:8]...)
}

// criteriaTableBlocks is the table of every criterion and indicator of
// the commune for its previous and current period, and the notes under
// it: "(*)" marks a threshold not verified against the decision's text,
// bold a self-assessment that differs from the computed verdict.
func criteriaTableBlocks(cf *CommuneFacts, prevLabel string, size float64) []Block {
	if cf.HasPrev {
		prevLabel = cf.PrevPeriod
	}
	if prevLabel == "" {
		prevLabel = "Kỳ trước"
	}
	region := ""
	if cf.eval != nil {
		if name, ok := criteria.RegionName[cf.eval.Region]; ok {
			region = " (vùng " + name + ")"
			if cf.eval.Region == criteria.Chung {
				region = ""
			}
		}
	}
	t := &Table{Columns: criteriaColumns, Size: size}
	withPrev := cf.HasPrev
	if !withPrev {
		t.Columns = firstColumns
	}
	t.Header = [][]Cell{
		{
			{Text: "TT", RowSpan: 2, Bold: true}, {Text: "Tiêu chí, chỉ tiêu", RowSpan: 2, Bold: true},
			{Text: "Chỉ tiêu" + region, RowSpan: 2, Bold: true},
			{Text: capitalise(prevLabel), ColSpan: 2, Bold: true},
			{Text: capitalise(cf.Period), ColSpan: 3, Bold: true},
			{Text: "Thay đổi", RowSpan: 2, Bold: true},
		},
		{
			{Text: "Kết quả", Bold: true}, {Text: "Đánh giá", Bold: true},
			{Text: "Kết quả", Bold: true}, {Text: "Đánh giá", Bold: true}, {Text: "Xã tự đánh giá", Bold: true},
		},
	}
	if !withPrev {
		t.Header = [][]Cell{
			{t.Header[0][0], t.Header[0][1], t.Header[0][2], t.Header[0][4]},
			t.Header[1][2:],
		}
	}
	e, pe := cf.eval, cf.prev
	self := map[string]*bool{}
	for _, v := range e.Assessment.Values {
		self[v.IndicatorID] = v.Self
	}
	prevInd := map[string]criteria.IndicatorResult{}
	prevCrit := map[int]criteria.CriterionResult{}
	if pe != nil {
		for _, cr := range pe.Result.Criteria {
			prevCrit[cr.Criterion.Number] = cr
			if !cf.SetChanged {
				for _, ir := range cr.Indicators {
					prevInd[ir.Indicator.ID] = ir
				}
			}
		}
	}
	anyUnverified, anyDiffer, anyVerdict := false, false, false
	fromVerdict := map[string]bool{}
	for _, id := range e.FromVerdict {
		fromVerdict[id] = true
	}
	dash := "—"
	for _, cr := range e.Result.Criteria {
		n := cr.Criterion.Number
		prevV, change := dash, ""
		if pc, ok := prevCrit[n]; ok {
			prevV = verdictText(pc.Met)
			switch {
			case cr.Met && !pc.Met:
				change = "Đạt mới"
			case !cr.Met && pc.Met:
				change = "Không còn đạt"
			}
		}
		t.Rows = append(t.Rows, Row{Bold: true, Shade: true, Cells: keepCols(withPrev, []Cell{
			{Text: fmt.Sprint(n)}, {Text: cr.Criterion.Name}, {},
			{}, {Text: prevV}, {}, {Text: verdictText(cr.Met)}, {}, {Text: change},
		})})
		for _, ir := range cr.Indicators {
			ind := ir.Indicator
			th := ir.Threshold.Text
			if !ind.Verified {
				th += " (*)"
				anyUnverified = true
			}
			pv, pm := dash, dash
			if pir, ok := prevInd[ind.ID]; ok && pir.Has {
				pv, pm = valueText(ind, pir.Value), verdictText(pir.Met)
			}
			cv, cm := dash, verdictText(ir.Met)
			if ir.Has {
				cv = valueText(ind, ir.Value)
				if fromVerdict[ind.ID] {
					cv += " (**)"
					anyVerdict = true
				}
			} else {
				cm = "Chưa có số liệu"
			}
			sv := Cell{Text: ""}
			if s := self[ind.ID]; s != nil {
				sv.Text = verdictText(*s)
				if ir.Has && *s != ir.Met {
					sv.Bold = true
					anyDiffer = true
				}
			}
			id := ind.ID
			if len(cr.Indicators) == 1 && id == fmt.Sprint(n) {
				id = ""
			}
			t.Rows = append(t.Rows, Row{Cells: keepCols(withPrev, []Cell{
				{Text: id}, {Text: ind.Text}, {Text: th}, {Text: pv}, {Text: pm}, {Text: cv}, {Text: cm}, sv, {},
			})})
		}
	}
	total := Cell{Text: "Tổng số tiêu chí đạt", ColSpan: 3, Align: AlignLeft}
	met := Cell{Text: fmt.Sprintf("%s/%s", vnfmt.Number(cf.Met, 0), vnfmt.Number(cf.Total, 0)), ColSpan: 3}
	if withPrev {
		t.Rows = append(t.Rows, Row{Bold: true, Cells: []Cell{total, {Text: prevCount(cf), ColSpan: 2}, met, {Text: signed(cf.Change, true)}}})
	} else {
		t.Rows = append(t.Rows, Row{Bold: true, Cells: []Cell{total, met}})
	}
	out := []Block{{Kind: TableBlock, Table: t}}
	var notes []string
	if cf.SetChanged {
		notes = append(notes, fmt.Sprintf("Kỳ trước được đánh giá theo %s, kỳ này theo %s: hai kỳ được so sánh theo từng tiêu chí (cùng số thứ tự), không so sánh từng chỉ tiêu.", cf.PrevSet, cf.Set))
	}
	if anyUnverified {
		notes = append(notes, "(*) Chỉ tiêu chưa được đối chiếu với văn bản gốc của quyết định; kết quả đánh giá dựa trên chỉ tiêu này cần được kiểm tra lại.")
	}
	if anyVerdict {
		notes = append(notes, "(**) Xã không ghi số liệu; kết quả lấy theo xã tự đánh giá, chưa đối chiếu được với chỉ tiêu.")
	}
	if anyDiffer {
		notes = append(notes, "Chữ đậm ở cột “Xã tự đánh giá”: xã tự đánh giá khác với kết quả đánh giá theo số liệu của xã.")
	}
	for _, s := range notes {
		out = append(out, Block{Kind: Paragraph, Text: s, Italic: true, NoIndent: true})
	}
	return out
}

func prevCount(cf *CommuneFacts) string {
	if !cf.HasPrev {
		return "—"
	}
	return fmt.Sprintf("%s/%s", vnfmt.Number(cf.PrevMet, 0), vnfmt.Number(cf.PrevTotal, 0))
}

// signed prints a change with its sign: "+2", "0", "−1", or "—" when there
// is nothing to compare.
func signed(v float64, has bool) string {
	if !has {
		return "—"
	}
	switch {
	case v > 1e-9:
		return "+" + vnfmt.Number(v, 2)
	case v < -1e-9:
		return "−" + vnfmt.Number(-v, 2)
	}
	return "0"
}

// communeSummaryTable has one row per commune: criteria met before and
// now, the change, the group; full adds the district column's
// criteria still lacking (the annex of a national run).
func communeSummaryTable(facts []*CommuneFacts, s *SummaryFacts, full bool) *Table {
	prev := "Kỳ trước"
	if s.HasPrev {
		prev = capitalise(s.PrevPeriod)
	}
	t := &Table{Size: 12}
	if full {
		t.Size = 10
		t.Columns = []Column{{Width: 0.06, Align: AlignCenter}, {Width: 0.16}, {Width: 0.14}, {Width: 0.09, Align: AlignCenter},
			{Width: 0.09, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter}, {Width: 0.13, Align: AlignCenter}, {Width: 0.25}}
	} else {
		t.Size = 11
		t.Columns = []Column{{Width: 0.06, Align: AlignCenter}, {Width: 0.16}, {Width: 0.15}, {Width: 0.12, Align: AlignCenter},
			{Width: 0.12, Align: AlignCenter}, {Width: 0.14, Align: AlignCenter}, {Width: 0.25, Align: AlignCenter}}
	}
	head := []Cell{{Text: "TT", Bold: true}, {Text: "Xã", Bold: true}, {Text: "Huyện", Bold: true},
		{Text: prev, Bold: true}, {Text: capitalise(s.Period), Bold: true}, {Text: "Tăng (+), giảm (−)", Bold: true}, {Text: "Nhóm", Bold: true}}
	if full {
		head = append(head, Cell{Text: "Tiêu chí chưa đạt", Bold: true})
	}
	t.Header = [][]Cell{head}
	for i, cf := range facts {
		name := cf.c.Name
		district := cf.c.District
		prevT, curT, change, group := "—", "Chưa gửi biểu", "—", "—"
		if cf.HasPrev {
			prevT = vnfmt.Number(cf.PrevMet, 0)
		} else if !cf.Returned {
			prevT = "—"
		}
		if cf.Returned {
			curT = vnfmt.Number(cf.Met, 0)
			change = signed(cf.Change, cf.HasPrev)
			group = cf.Group
		}
		row := []Cell{{Text: fmt.Sprint(i + 1)}, {Text: name}, {Text: district}, {Text: prevT}, {Text: curT}, {Text: change}, {Text: group}}
		if full {
			var ns []string
			for _, c := range cf.Lacking {
				ns = append(ns, fmt.Sprint(c.number))
			}
			row = append(row, Cell{Text: strings.Join(ns, ", ")})
		}
		t.Rows = append(t.Rows, Row{Cells: row})
	}
	avg := Cell{Text: "Bình quân tiêu chí/xã", ColSpan: 3, Align: AlignLeft}
	row := []Cell{avg, {Text: avgText(s.PrevAverage, s.HasPrev)}, {Text: avgText(s.Average, s.Returned > 0)},
		{Text: signed(round2(s.AverageChange), s.HasPrev && s.Returned > 0)}, {}}
	if full {
		row = append(row, Cell{})
	}
	t.Rows = append(t.Rows, Row{Bold: true, Cells: row})
	return t
}

func avgText(v float64, has bool) string {
	if !has {
		return "—"
	}
	return vnfmt.Number(v, 2)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// groupTable counts the communes of each group, before and now.
func groupTable(s *SummaryFacts) *Table {
	prev := "Kỳ trước"
	if s.HasPrev {
		prev = capitalise(s.PrevPeriod)
	}
	t := &Table{Size: 12, Columns: []Column{{Width: 0.08, Align: AlignCenter}, {Width: 0.38}, {Width: 0.18, Align: AlignCenter},
		{Width: 0.18, Align: AlignCenter}, {Width: 0.18, Align: AlignCenter}}}
	t.Header = [][]Cell{{{Text: "TT", Bold: true}, {Text: "Nhóm", Bold: true}, {Text: prev + " (số xã)", Bold: true},
		{Text: capitalise(s.Period) + " (số xã)", Bold: true}, {Text: "Tăng (+), giảm (−)", Bold: true}}}
	var prevTotal float64
	for i, g := range s.Groups {
		prevTotal += g.Prev
		t.Rows = append(t.Rows, Row{Cells: []Cell{{Text: fmt.Sprint(i + 1)}, {Text: g.Label},
			{Text: countText(g.Prev, s.HasPrev)}, {Text: vnfmt.Number(g.Count, 0)}, {Text: signed(g.Count-g.Prev, s.HasPrev)}}})
	}
	t.Rows = append(t.Rows, Row{Bold: true, Cells: []Cell{{Text: "Tổng số xã có biểu tự đánh giá", ColSpan: 2, Align: AlignLeft},
		{Text: countText(prevTotal, s.HasPrev)}, {Text: vnfmt.Number(s.Returned, 0)}, {Text: signed(s.Returned-prevTotal, s.HasPrev)}}})
	t.Rows = append(t.Rows, Row{Bold: true, Cells: []Cell{{Text: "Bình quân tiêu chí/xã", ColSpan: 2, Align: AlignLeft},
		{Text: avgText(s.PrevAverage, s.HasPrev)}, {Text: avgText(s.Average, s.Returned > 0)}, {Text: signed(round2(s.AverageChange), s.HasPrev && s.Returned > 0)}}})
	return t
}

func countText(v float64, has bool) string {
	if !has {
		return "—"
	}
	return vnfmt.Number(v, 0)
}

// districtTable summarises the communes of each district (above the
// cut-off): communes, forms returned, the groups, the average and its
// change.
func districtTable(p *plan.Plan, facts []*CommuneFacts, s *SummaryFacts) *Table {
	type agg struct {
		name                       string
		communes, returned         int
		groups                     [5]int
		sum, prevSum, prevN, curPN float64
	}
	var order []*agg
	by := map[string]*agg{}
	for _, cf := range facts {
		k := foldName(cf.c.District)
		a := by[k]
		if a == nil {
			a = &agg{name: cf.c.District}
			if a.name == "" {
				a.name = "(không ghi huyện)"
			}
			by[k] = a
			order = append(order, a)
		}
		a.communes++
		if !cf.Returned {
			continue
		}
		a.returned++
		a.groups[cf.eval.Result.Group]++
		a.sum += cf.Met
		if cf.HasPrev {
			a.prevSum += cf.PrevMet
			a.curPN += cf.Met
			a.prevN++
		}
	}
	t := &Table{Size: 11, Columns: []Column{{Width: 0.06, Align: AlignCenter}, {Width: 0.2}, {Width: 0.08, Align: AlignCenter},
		{Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter},
		{Width: 0.08, Align: AlignCenter}, {Width: 0.08, Align: AlignCenter}, {Width: 0.09, Align: AlignCenter}, {Width: 0.09, Align: AlignCenter}}}
	t.Header = [][]Cell{
		{{Text: "TT", RowSpan: 2, Bold: true}, {Text: "Huyện", RowSpan: 2, Bold: true}, {Text: "Số xã", RowSpan: 2, Bold: true},
			{Text: "Có biểu", RowSpan: 2, Bold: true}, {Text: "Số xã theo số tiêu chí đạt", ColSpan: 5, Bold: true},
			{Text: "Bình quân tiêu chí/xã", RowSpan: 2, Bold: true}, {Text: "Tăng (+), giảm (−) so với kỳ trước", RowSpan: 2, Bold: true}},
		{{Text: "19", Bold: true}, {Text: "15–18", Bold: true}, {Text: "10–14", Bold: true}, {Text: "5–9", Bold: true}, {Text: "Dưới 5", Bold: true}},
	}
	for i, a := range order {
		row := []Cell{{Text: fmt.Sprint(i + 1)}, {Text: a.name}, {Text: fmt.Sprint(a.communes)}, {Text: fmt.Sprint(a.returned)}}
		for _, g := range a.groups {
			row = append(row, Cell{Text: fmt.Sprint(g)})
		}
		avg, change := "—", "—"
		if a.returned > 0 {
			avg = vnfmt.Number(a.sum/float64(a.returned), 2)
		}
		if a.prevN > 0 {
			change = signed(round2((a.curPN-a.prevSum)/a.prevN), true)
		}
		row = append(row, Cell{Text: avg}, Cell{Text: change})
		t.Rows = append(t.Rows, Row{Cells: row})
	}
	return t
}

// chartTicks are the value axis marks 0, 5, 10 … up to the first
// multiple of 5 at or above max.
func chartTicks(max float64) []Tick {
	top := math.Ceil(max/5) * 5
	if top < 5 {
		top = 5
	}
	step := 5.0
	if top > 50 {
		step = math.Ceil(top/50) * 10
		top = math.Ceil(max/step) * step
	}
	var ts []Tick
	for v := 0.0; v <= top+1e-9; v += step {
		ts = append(ts, Tick{Value: v, Label: vnfmt.Number(v, 0)})
	}
	return ts
}

// communeChart draws the criteria met per commune, previous and current
// period.
func communeChart(facts []*CommuneFacts, s *SummaryFacts) *Chart {
	ch := &Chart{Horizontal: true, ValueAxis: "Số tiêu chí đạt", ShowValues: true}
	prev := Series{Name: capitalise(s.PrevPeriod)}
	cur := Series{Name: capitalise(s.Period)}
	top := 0.0
	for _, cf := range facts {
		name := cf.c.Name
		if strings.Contains(cf.Name, "(") {
			name += " (" + cf.c.DistrictLabel() + ")"
		}
		ch.Categories = append(ch.Categories, name)
		pv, pl := 0.0, "—"
		if cf.HasPrev {
			pv, pl = cf.PrevMet, vnfmt.Number(cf.PrevMet, 0)
		}
		cv, cl := 0.0, "—"
		if cf.Returned {
			cv, cl = cf.Met, vnfmt.Number(cf.Met, 0)
			top = math.Max(top, cf.Total)
		}
		prev.Values, prev.Labels = append(prev.Values, pv), append(prev.Labels, pl)
		cur.Values, cur.Labels = append(cur.Values, cv), append(cur.Labels, cl)
	}
	if s.HasPrev {
		ch.Series = append(ch.Series, prev)
	}
	ch.Series = append(ch.Series, cur)
	ch.Ticks = chartTicks(math.Max(top, 19))
	return ch
}

// groupChart draws the number of communes in each group, previous and
// current period (above the cut-off).
func groupChart(s *SummaryFacts) *Chart {
	ch := &Chart{ValueAxis: "Số xã", ShowValues: true}
	prev := Series{Name: capitalise(s.PrevPeriod)}
	cur := Series{Name: capitalise(s.Period)}
	top := 0.0
	for _, g := range s.Groups {
		ch.Categories = append(ch.Categories, g.Label)
		prev.Values, prev.Labels = append(prev.Values, g.Prev), append(prev.Labels, vnfmt.Number(g.Prev, 0))
		cur.Values, cur.Labels = append(cur.Values, g.Count), append(cur.Labels, vnfmt.Number(g.Count, 0))
		top = math.Max(top, math.Max(g.Prev, g.Count))
	}
	if s.HasPrev {
		ch.Series = append(ch.Series, prev)
	}
	ch.Series = append(ch.Series, cur)
	ch.Ticks = chartTicks(top)
	return ch
}

// historyChart draws the commune's criteria met in every period on file
// up to p.
func historyChart(o *evaluate.Outcome, id string, p criteria.Period) *Chart {
	ps, es := history(o, id, p)
	ch := &Chart{Horizontal: true, ValueAxis: "Số tiêu chí đạt", ShowValues: true}
	s := Series{Name: "Số tiêu chí đạt"}
	top := 19.0
	for i, e := range es {
		ch.Categories = append(ch.Categories, capitalise(ps[i].Label()))
		s.Values = append(s.Values, float64(e.Result.Met))
		s.Labels = append(s.Labels, fmt.Sprintf("%d/%d", e.Result.Met, e.Result.Total))
		top = math.Max(top, float64(e.Result.Total))
	}
	ch.Series = []Series{s}
	ch.Ticks = chartTicks(top)
	return ch
}
