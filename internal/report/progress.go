package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// BodyCutOff is the number of communes above which the consolidated
// report stops giving a paragraph and a table row per commune in its
// body: it summarises by district there and puts the one-row-per-commune
// table in Phụ lục I (without the per-commune criteria tables, which each
// commune's own report carries). A commune's paragraph is four to six
// lines; thirty of them are already six pages of section II, which is as
// much as a reader of a six-monthly report follows commune by commune. A
// province sponsors a few to a few dozen communes (Quảng Trị has 117
// xã in all); a national run has 10,000.
const BodyCutOff = 30

// The fixed headings of the consolidated report (Decree 30 report style:
// Roman section numbers, bold).
const (
	headImplementation = "I. Công tác triển khai"
	headResults        = "II. Kết quả thực hiện"
	headShortcomings   = "III. Tồn tại, hạn chế và nguyên nhân"
	headDirections     = "IV. Phương hướng, nhiệm vụ "
	headProposals      = "V. Kiến nghị, đề xuất"
	headSupport        = "1. Kết quả hỗ trợ của đơn vị"
	headByCommune      = "2. Kết quả thực hiện các tiêu chí của từng xã"
	headByDistrict     = "2. Kết quả thực hiện các tiêu chí theo huyện"
	headOverall        = "3. Tổng hợp chung"
	headCheck          = "4. Đối chiếu với kết quả tự đánh giá của các xã"
	titleFormat        = "Kết quả thực hiện công tác phụ trách, đỡ đầu xây dựng nông thôn mới %s"
)

// ProgressInput is what the consolidated report of one period is built
// from.
type ProgressInput struct {
	Plan    *plan.Plan
	Outcome *evaluate.Outcome
	Period  criteria.Period
	// Narrative is the clerk's text for the period; nil prints
	// narrative.Placeholder where that text goes.
	Narrative *narrative.Narrative
	Texts     *Texts
}

// reportHead is the report's number, date and how annexes refer to it.
type reportHead struct {
	number string // "Số: 15/BC-SKH", or "Số:      /BC-SKH" for the clerk to fill in
	ref    string // "Báo cáo số 15/BC-SKH ngày 30 tháng 6 năm 2021 của Sở Kế hoạch và Đầu tư"
	date   time.Time
}

// ReportSymbol is the ký hiệu of a progress report: the narrative's, else
// "BC-" and the plan's agency short name ("BC-SKH"), else "BC-" and the
// first group of the plan's symbol ("SKH-KTN" → "BC-SKH").
func ReportSymbol(p *plan.Plan, n *narrative.Narrative) string {
	if n != nil && n.Document.Symbol != "" {
		return n.Document.Symbol
	}
	short := p.Document.AgencyShort
	if short == "" {
		short, _, _ = strings.Cut(p.Document.Symbol, "-")
	}
	if short == "" {
		return "BC"
	}
	return "BC-" + short
}

// ReportDate is the report's date: the narrative's, else the last day
// of the period.
func ReportDate(per criteria.Period, n *narrative.Narrative) time.Time {
	if n != nil && !n.Document.Date.IsZero() {
		return n.Document.Date
	}
	return periodEnd(per)
}

func headOf(p *plan.Plan, per criteria.Period, n *narrative.Narrative) reportHead {
	sym := ReportSymbol(p, n)
	h := reportHead{date: ReportDate(per, n)}
	// A number not yet given is left blank in the header for the clerk
	// to write by hand, and shown "…" in running text (Decree 30's own
	// notation for a blank: "(Kèm theo … số …/… ngày …)").
	num, ref := "      /"+sym, "…/"+sym
	if n != nil && n.Document.Number > 0 {
		num = vnfmt.DocNumber(n.Document.Number, sym)
		ref = num
	}
	h.number = "Số: " + num
	h.ref = fmt.Sprintf("Báo cáo số %s %s của %s", ref, vnfmt.Date(h.date), agencyName(p))
	return h
}

func agencyName(p *plan.Plan) string {
	if p.Document.AgencyName != "" {
		return p.Document.AgencyName
	}
	return p.Document.Agency
}

// kinhGui is the narrative's "Kính gửi", else the addressees of the
// plan's recipient lines marked "(b/c)" (báo cáo: the superiors the
// report goes to), else none.
func kinhGui(p *plan.Plan, n *narrative.Narrative) []string {
	if n != nil && len(n.Document.KinhGui) > 0 {
		return append([]string(nil), n.Document.KinhGui...)
	}
	var out []string
	for _, r := range p.Recipients {
		if !strings.Contains(strings.ToLower(r.Line), "(b/c)") {
			continue
		}
		if len(r.Addressees) == 0 {
			out = append(out, strings.TrimSpace(strings.ReplaceAll(r.Line, "(b/c)", "")))
		}
		for _, a := range r.Addressees {
			out = append(out, a.Name)
		}
	}
	return out
}

// closingOf is the "Nơi nhận" and signer: the narrative's where given,
// else the plan's.
func closingOf(p *plan.Plan, n *narrative.Narrative) *Closing {
	c := &Closing{}
	recips, archive := p.Recipients, p.Archive
	if n != nil && len(n.Recipients) > 0 {
		recips = n.Recipients
	}
	if n != nil && n.Archive != "" {
		archive = n.Archive
	}
	c.Recipients = recipientLines(&plan.Plan{Recipients: recips, Archive: archive})
	if n != nil && len(n.Signer.Titles) > 0 {
		for _, t := range n.Signer.Titles {
			c.Signer.Titles = append(c.Signer.Titles, vnfmt.Upper(t))
		}
		c.Signer.Name = n.Signer.Name
		return c
	}
	for _, t := range p.Signer.TitleLines() {
		c.Signer.Titles = append(c.Signer.Titles, vnfmt.Upper(t))
	}
	c.Signer.Name = p.Signer.Name
	return c
}

// flow collects the blocks of a part and the first template error.
type flow struct {
	x      *Texts
	blocks []Block
	err    error
}

func (f *flow) heading(level int, text string) {
	f.blocks = append(f.blocks, Block{Kind: Heading, Level: level, Text: text, Bold: true})
}

func (f *flow) para(text string) {
	f.blocks = append(f.blocks, Block{Kind: Paragraph, Text: text})
}

func (f *flow) add(b Block) { f.blocks = append(f.blocks, b) }

// tpl runs a sentence template and adds its paragraphs, each prefixed
// with marker ("- " for an item).
func (f *flow) tpl(name string, data any, marker string) {
	if f.err != nil {
		return
	}
	ps, err := f.x.paragraphs(name, data)
	if err != nil {
		f.err = err
		return
	}
	for _, p := range ps {
		f.para(marker + p)
	}
}

// tpl2 runs two templates on the same data and adds their text as one
// paragraph (the first's last paragraph and the second's first joined).
func (f *flow) tpl2(a, b string, data any, marker string) {
	if f.err != nil {
		return
	}
	pa, err := f.x.paragraphs(a, data)
	if err != nil {
		f.err = err
		return
	}
	pb, err := f.x.paragraphs(b, data)
	if err != nil {
		f.err = err
		return
	}
	if len(pa) > 0 && len(pb) > 0 {
		pa[len(pa)-1] += " " + pb[0]
		pb = pb[1:]
	}
	for _, p := range append(pa, pb...) {
		f.para(marker + p)
		marker = ""
	}
}

// perCommune adds one "- " item per commune that still lacks criteria,
// or above the cut-off one paragraph for all of them.
func (f *flow) perCommune(sum *SummaryFacts, facts []*CommuneFacts, each, all string) {
	if sum.LackingCommunes == 0 {
		return
	}
	if sum.ByDistrict {
		f.tpl(all, sum, "")
		return
	}
	for _, cf := range facts {
		if cf.Returned && len(cf.Lacking) > 0 {
			f.tpl(each, cf, "- ")
		}
	}
}

// clerk adds the clerk's paragraphs, or the placeholder when there are
// none.
func (f *flow) clerk(paras []string, n *narrative.Narrative) {
	if len(paras) == 0 {
		if n == nil {
			f.add(Block{Kind: Paragraph, Text: narrative.Placeholder, Italic: true})
		}
		return
	}
	for _, p := range paras {
		f.para(oneParagraph(p))
	}
}

// oneParagraph joins the lines of a clerk's multi-line string into one
// paragraph.
func oneParagraph(s string) string { return strings.Join(strings.Fields(s), " ") }

// progressFacts gathers every commune's facts and the summary.
func progressFacts(in ProgressInput, h reportHead) ([]*CommuneFacts, *SummaryFacts) {
	p, o, per := in.Plan, in.Outcome, in.Period
	nm := newNamer(p)
	s := &SummaryFacts{
		Agency: agencyName(p), Period: per.Label(), ReportSpan: reportSpan(per),
		Date:     Date{h.date},
		Communes: float64(len(p.Communes)), CutOff: BodyCutOff,
		PlanRef:     fmt.Sprintf("%s số %s ngày %s", p.Document.Type, vnfmt.DocNumber(p.Document.Number, p.Document.Symbol), vnfmt.ShortDate(p.Document.Date)),
		FirstPeriod: o.Baseline.Label(),
	}
	if next(per).Half == criteria.H1 {
		s.NextPeriod = "năm " + fmt.Sprint(next(per).Year)
	} else {
		s.NextPeriod = next(per).Label()
	}
	prevPer, hasPrev := o.Previous(per)
	s.HasPrev = hasPrev
	if hasPrev {
		s.PrevPeriod = prevPer.Label()
	}
	facts := make([]*CommuneFacts, len(p.Communes))
	s.Groups = make([]GroupFacts, len(criteria.Groups))
	for i, g := range criteria.Groups {
		s.Groups[i].Label = g.Label()
	}
	var sum, prevSum, prevN float64
	sets, prevSets := map[string]bool{}, map[string]bool{}
	var setList, prevSetList []string
	districts := map[string]bool{}
	unver := map[string]bool{}
	for i := range p.Communes {
		c := &p.Communes[i]
		districts[foldName(c.District)] = true
		f := communeFacts(o, c, per, nm)
		facts[i] = f
		if hasPrev {
			if pe := o.Of(c.ID, prevPer); returned(pe) {
				prevSum += float64(pe.Result.Met)
				prevN++
				s.Groups[pe.Result.Group].Prev++
				if n := setName(pe.Result.Set); !prevSets[n] {
					prevSets[n] = true
					prevSetList = append(prevSetList, n)
				}
			}
		}
		if !f.Returned {
			s.NotReturned = append(s.NotReturned, f.Name)
			continue
		}
		s.Returned++
		sum += f.Met
		g := f.eval.Result.Group
		s.Groups[g].Count++
		s.Groups[g].Names = append(s.Groups[g].Names, f.Name)
		if f.Reached {
			s.Reached++
		} else {
			s.LackingCommunes++
		}
		if len(f.Discrepancies) > 0 {
			s.DiscrepancyCommunes++
			s.DiscrepancyIndicators += float64(len(f.Discrepancies))
		}
		if f.Behind {
			s.Behind = append(s.Behind, f.Name)
		}
		if f.Missed {
			s.Missed = append(s.Missed, f.Name)
		}
		for _, id := range f.Unverified {
			if !unver[id] {
				unver[id] = true
				s.Unverified = append(s.Unverified, id)
			}
		}
		if n := f.Set; !sets[n] {
			sets[n] = true
			setList = append(setList, n)
		}
	}
	if s.Returned > 0 {
		s.Average = sum / s.Returned
	}
	if prevN > 0 {
		s.PrevAverage = prevSum / prevN
		s.PrevReturned = prevN
		s.AverageChange = s.Average - s.PrevAverage
		s.AverageChangeAbs = math.Abs(round2(s.AverageChange))
		s.AverageUp, s.AverageDown = round2(s.AverageChange) >= 0.01, round2(s.AverageChange) <= -0.01
	}
	s.NotReturnedCount = float64(len(s.NotReturned))
	s.BehindCount = float64(len(s.Behind))
	s.UnverifiedCount = float64(len(s.Unverified))
	s.Set = JoinVi(setList)
	s.PrevSet = JoinVi(prevSetList)
	s.SetChanged = hasPrev && prevN > 0 && s.Returned > 0 && s.Set != s.PrevSet
	s.Districts = float64(len(districts))
	s.ByDistrict = len(p.Communes) > BodyCutOff
	return facts, s
}

// BuildProgressReport builds the consolidated report of one period: the
// official "BÁO CÁO" (Decree 30 layout) with its sections I–V, the
// computed results in II and the sentences that follow from them in
// III–V, the "Nơi nhận" and signer, and its annexes: Phụ lục I, the
// criteria and indicators of every commune for the two periods
// (landscape), and Phụ lục II, the chart of criteria met per commune.
// Above BodyCutOff communes the body summarises by district, Phụ lục I
// is the one-row-per-commune table and Phụ lục II charts the groups.
func BuildProgressReport(in ProgressInput) (*Document, error) {
	p, n := in.Plan, in.Narrative
	h := headOf(p, in.Period, n)
	facts, sum := progressFacts(in, h)
	title := fmt.Sprintf(titleFormat, sum.ReportSpan)
	if n != nil && n.Document.Title != "" {
		title = n.Document.Title
	}
	d := p.Document
	off := &Official{
		Header: Header{
			Parent: vnfmt.Upper(d.ParentAgency), Agency: vnfmt.Upper(d.Agency),
			Number: h.number, PlaceDate: vnfmt.PlaceDate(d.Place, h.date),
		},
		Type: "BÁO CÁO", Title: title, KinhGui: kinhGui(p, n),
	}
	f := &flow{x: in.Texts}
	var text narrative.Text
	if n != nil {
		text = n.Text
	}
	for _, s := range text.Opening {
		f.para(oneParagraph(s))
	}
	f.heading(1, headImplementation)
	f.clerk(text.Implementation, n)

	f.heading(1, headResults)
	f.heading(2, headSupport)
	f.clerk(text.Results, n)
	annexes := []Part{}
	if sum.ByDistrict {
		f.heading(2, headByDistrict)
		f.tpl(TplRule, sum, "")
		f.tpl(TplDistrict, sum, "")
		f.add(Block{Kind: Caption, Text: "Bảng 1. Kết quả thực hiện tiêu chí theo huyện"})
		f.add(Block{Kind: TableBlock, Table: districtTable(p, facts, sum)})
	} else {
		f.heading(2, headByCommune)
		f.tpl(TplRule, sum, "")
		for _, cf := range facts {
			if cf.Returned {
				f.tpl2(TplCommune, TplTarget, cf, "- ")
			} else {
				f.tpl(TplCommune, cf, "- ")
			}
		}
	}
	f.heading(2, headOverall)
	f.tpl(TplSummary, sum, "")
	if len(sum.NotReturned) > 0 {
		f.tpl(TplNotReturned, sum, "")
	}
	if sum.SetChanged {
		f.tpl(TplSetChange, sum, "")
	}
	tableNo := 1
	if sum.ByDistrict {
		tableNo = 2
	} else {
		f.add(Block{Kind: Caption, Text: "Bảng 1. Số tiêu chí đạt của các xã"})
		f.add(Block{Kind: TableBlock, Table: communeSummaryTable(facts, sum, false)})
		tableNo = 2
	}
	f.add(Block{Kind: Caption, Text: fmt.Sprintf("Bảng %d. Số xã theo nhóm số tiêu chí đạt", tableNo)})
	f.add(Block{Kind: TableBlock, Table: groupTable(sum)})

	f.heading(2, headCheck)
	switch {
	case sum.DiscrepancyCommunes == 0:
		f.tpl(TplNoDiscrepancy, sum, "")
	case sum.ByDistrict:
		f.tpl(TplDiscrepancyAll, sum, "")
	default:
		for _, cf := range facts {
			if len(cf.Discrepancies) > 0 {
				f.tpl(TplDiscrepancy, cf, "- ")
			}
		}
	}
	if len(sum.Unverified) > 0 {
		f.tpl(TplUnverified, sum, "")
	}

	f.heading(1, headShortcomings)
	f.clerk(text.Shortcomings, n)
	f.perCommune(sum, facts, TplShortcoming, TplShortcomingAll)
	f.heading(1, headDirections+sum.NextPeriod)
	f.clerk(text.Directions, n)
	f.perCommune(sum, facts, TplDirection, TplDirectionAll)
	f.heading(1, headProposals)
	f.clerk(text.Proposals, n)
	if len(sum.Behind) > 0 || len(sum.NotReturned) > 0 {
		f.tpl(TplProposal, sum, "")
	}
	if len(text.Closing) > 0 {
		for _, s := range text.Closing {
			f.para(oneParagraph(s))
		}
	} else {
		f.tpl(TplClosing, sum, "")
	}
	if f.err != nil {
		return nil, f.err
	}

	note := "(Kèm theo " + h.ref + ")"
	if sum.ByDistrict {
		annexes = append(annexes, Part{
			Page:  Page{Orientation: Landscape, Layout: layoutOf(p.Layout)},
			Annex: &AnnexHead{Label: "Phụ lục I", Title: vnfmt.Upper("Kết quả thực hiện các tiêu chí của các xã " + sum.ReportSpan), Note: note},
			Body:  []Block{{Kind: TableBlock, Table: communeSummaryTable(facts, sum, true)}},
		})
		annexes = append(annexes, Part{
			Page:  Page{Layout: layoutOf(p.Layout)},
			Annex: &AnnexHead{Label: "Phụ lục II", Title: vnfmt.Upper("Số xã theo nhóm số tiêu chí đạt"), Note: note},
			Body: []Block{
				{Kind: Caption, Text: "Biểu đồ 1. Số xã theo nhóm số tiêu chí đạt, " + periodPair(sum)},
				{Kind: ChartBlock, Chart: groupChart(sum)},
			},
		})
	} else {
		var body []Block
		for i, cf := range facts {
			if i > 0 {
				body = append(body, Block{Kind: PageBreak})
			}
			caption := fmt.Sprintf("Bảng I.%d. %s", i+1, capitalise(cf.Name))
			if cf.District != "" && !strings.Contains(cf.Name, "(") {
				caption += ", " + cf.District
			}
			body = append(body, Block{Kind: Caption, Text: caption})
			if !cf.Returned {
				body = append(body, Block{Kind: Paragraph, Text: capitalise(cf.Name) + " chưa gửi biểu tự đánh giá " + sum.Period + ".", NoIndent: true})
				continue
			}
			body = append(body, criteriaTableBlocks(cf, sum.PrevPeriod, 11)...)
		}
		annexes = append(annexes, Part{
			Page:  Page{Orientation: Landscape, Layout: layoutOf(p.Layout)},
			Annex: &AnnexHead{Label: "Phụ lục I", Title: vnfmt.Upper("Kết quả thực hiện các tiêu chí, chỉ tiêu của từng xã " + sum.ReportSpan), Note: note},
			Body:  body,
		})
		if sum.Returned > 0 {
			annexes = append(annexes, Part{
				Page:  Page{Layout: layoutOf(p.Layout)},
				Annex: &AnnexHead{Label: "Phụ lục II", Title: vnfmt.Upper("Số tiêu chí đạt của các xã"), Note: note},
				Body: []Block{
					{Kind: Caption, Text: "Biểu đồ 1. Số tiêu chí đạt của từng xã, " + periodPair(sum)},
					{Kind: ChartBlock, Chart: communeChart(facts, sum)},
				},
			})
		}
	}

	doc := &Document{
		Meta: Meta{
			Title: title, Author: agencyName(p),
			Subject:  fmt.Sprintf("Báo cáo %s: %s", strings.TrimPrefix(h.number, "Số: "), title),
			Keywords: []string{"nông thôn mới", "phụ trách, đỡ đầu", "báo cáo " + sum.ReportSpan},
			Creator:  Creator, Lang: "vi", Created: h.date,
		},
		Parts: append([]Part{{
			Page: Page{Layout: layoutOf(p.Layout)}, Official: off, Body: f.blocks, Closing: closingOf(p, n),
		}}, annexes...),
	}
	normalize(doc)
	return doc, nil
}

// periodPair names the two periods a chart compares.
func periodPair(s *SummaryFacts) string {
	if s.HasPrev {
		return s.PrevPeriod + " và " + s.Period
	}
	return s.Period
}
