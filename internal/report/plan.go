package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// Creator names the program in the documents' metadata.
const Creator = "ntm"

// nbsp is the no-break space put between the words of a commune's name
// in the recipients' lists, so that a line never splits a name.
const nbsp = "\u00a0"

// PlanDocument builds the plan itself as a document: the Decree 30
// header from the plan's agency, number, place and date, "Kính gửi"
// when the plan has addressees; the sections numbered I, II, III… with
// their items at every depth (headings in the plan's style, markers "1.",
// "a)", "- ", "+ " generated per level unless the plan gives its own),
// body tables; the recipients with the "Lưu:" line last and the signer's
// lines; then each annex on its own pages, with "Phụ lục", its title,
// "(Kèm theo Kế hoạch số … ngày … của …)" and its table, written or
// generated from the communes' data. Item texts are expanded with the
// plan's template functions, criterionName giving the official name of a
// criterion of the set in force; an item's first letter is put in
// capitals.
func PlanDocument(p *plan.Plan, criterionName func(n int) string) (*Document, error) {
	b := &planBuilder{p: p, x: p.NewExpander(criterionName), names: criterionName}
	doc, err := b.build()
	if err != nil {
		return nil, err
	}
	normalize(doc)
	return doc, nil
}

type planBuilder struct {
	p     *plan.Plan
	x     *plan.Expander
	names func(int) string
	total int // characters of expanded text, bounded by plan.MaxDocumentText
	body  *[]Block
}

// errAt is an expansion error at key path where of the plan's file.
func (b *planBuilder) errAt(where string, err error) error {
	return fmt.Errorf("%s: %s: %w", b.p.File, where, err)
}

// text expands a template; item puts its first letter in capitals.
func (b *planBuilder) text(s, where string, item bool) (string, error) {
	var out string
	var err error
	if item {
		out, err = b.x.Item(s)
	} else {
		out, err = b.x.Expand(s)
	}
	if err != nil {
		return "", b.errAt(where, err)
	}
	b.total += utf8.RuneCountInString(out)
	if b.total > plan.MaxDocumentText {
		return "", b.errAt(where, fmt.Errorf("nội dung kế hoạch sau khi điền dữ liệu dài quá %d ký tự", plan.MaxDocumentText))
	}
	return out, nil
}

func (b *planBuilder) add(bl Block) { *b.body = append(*b.body, bl) }

func (b *planBuilder) build() (*Document, error) {
	p := b.p
	d := p.Document
	number := vnfmt.DocNumber(d.Number, d.Symbol)
	off := &Official{
		Header: Header{
			Parent:    vnfmt.Upper(d.ParentAgency),
			Agency:    vnfmt.Upper(d.Agency),
			Number:    "Số: " + number,
			PlaceDate: vnfmt.PlaceDate(d.Place, d.Date),
		},
		Type:  vnfmt.Upper(d.Type),
		Title: d.Title,
	}
	names := nbspNames(p)
	for _, k := range d.KinhGui {
		off.KinhGui = append(off.KinhGui, names.Replace(strings.TrimSpace(k)))
	}
	author := d.AgencyName
	if author == "" {
		author = strings.Join(strings.Fields(d.Agency), " ")
	}
	doc := &Document{Meta: Meta{
		Title: d.Title, Author: author, Subject: d.Subject, Keywords: d.Keywords,
		Creator: Creator, Lang: "vi", Created: d.Date,
	}}
	if doc.Meta.Subject == "" {
		doc.Meta.Subject = fmt.Sprintf("%s số %s: %s", d.Type, number, d.Title)
	}
	layout := layoutOf(p.Layout)
	main := Part{Page: Page{Layout: layout}, Official: off}
	b.body = &main.Body
	for i, t := range p.Opening {
		s, err := b.text(t, fmt.Sprintf("opening[%d]", i), true)
		if err != nil {
			return nil, err
		}
		b.add(Block{Kind: Paragraph, Text: s})
	}
	for si, s := range p.Sections {
		where := fmt.Sprintf("sections[%d]", si)
		title, err := b.text(s.Title, where+".title", true)
		if err != nil {
			return nil, err
		}
		b.add(Block{Kind: Heading, Level: 1, Bold: true, Text: vnfmt.Roman(si+1) + ". " + title})
		if err := b.items(s.Items, listOf(s.List, s.Style), 1, where+".items"); err != nil {
			return nil, err
		}
	}
	for i, t := range p.Closing {
		s, err := b.text(t, fmt.Sprintf("closing[%d]", i), true)
		if err != nil {
			return nil, err
		}
		b.add(Block{Kind: Paragraph, Text: s})
	}
	main.Closing = &Closing{Recipients: recipientLines(p), Signer: signerOf(p)}
	doc.Parts = []Part{main}

	for ai, a := range p.Annexes {
		where := fmt.Sprintf("annexes[%d]", ai)
		title, err := b.text(a.Title, where+".title", false)
		if err != nil {
			return nil, err
		}
		part := Part{
			Page: Page{Layout: layout},
			Annex: &AnnexHead{
				Label: plan.AnnexLabel(ai+1, len(p.Annexes)),
				Title: vnfmt.Upper(title),
				Note:  fmt.Sprintf("(Kèm theo %s số%s%s %s của %s)", d.Type, nbsp, number, keepDate.Replace(vnfmt.Date(d.Date)), d.AgencyName),
			},
		}
		if a.Landscape {
			part.Page.Orientation = Landscape
		}
		b.body = &part.Body
		if a.Table != nil {
			if err := b.table(a.Table, where+".table"); err != nil {
				return nil, err
			}
		}
		if err := b.items(a.Items, listOf(a.List, ""), 1, where+".items"); err != nil {
			return nil, err
		}
		doc.Parts = append(doc.Parts, part)
	}
	return doc, nil
}

// keepDate keeps each number of a date with its word ("tháng 02"), so
// that a line never breaks between them.
var keepDate = strings.NewReplacer("ngày ", "ngày"+nbsp, "tháng ", "tháng"+nbsp, "năm ", "năm"+nbsp)

// listOf is a list's kind, the first schema's style key standing in for
// a plan built in Go without Load.
func listOf(list, style string) string {
	switch {
	case list != "":
		return list
	case style != "":
		return style
	}
	return plan.ListDash
}

// marker is the marker of the n-th (0-based) item of a list of kind k.
func marker(k string, n int) string {
	switch k {
	case plan.ListNumbered:
		return fmt.Sprintf("%d. ", n+1)
	case plan.ListLetters:
		if n < len(plan.Letters) {
			return plan.Letters[n] + ") "
		}
		return fmt.Sprintf("%d) ", n+1)
	case plan.ListPlus:
		return "+ "
	case plan.ListPlain:
		return ""
	}
	return "- "
}

// items adds a list of items at depth (1 under a section or annex).
func (b *planBuilder) items(items []plan.Item, list string, depth int, where string) error {
	n := 0
	for i, it := range items {
		at := fmt.Sprintf("%s[%d]", where, i)
		if it.Table != nil {
			if err := b.table(it.Table, at+".table"); err != nil {
				return err
			}
			continue
		}
		m := ""
		if it.MarkerSet {
			if m = strings.TrimSpace(it.Marker); m != "" {
				m += " "
			}
		} else {
			m = marker(list, n)
			n++
		}
		if it.Heading != "" {
			h, err := b.text(it.Heading, at+".heading", true)
			if err != nil {
				return err
			}
			bl := Block{Kind: Heading, Level: min(depth+1, 3), Text: m + h}
			switch it.Style {
			case plan.StyleItalic:
				bl.Italic = true
			case plan.StyleBoldItalic:
				bl.Bold, bl.Italic = true, true
			default:
				bl.Bold = true
			}
			b.add(bl)
			m = "" // the text under a heading has no marker of its own
		}
		if it.Text != "" {
			s, err := b.text(it.Text, at+".text", true)
			if err != nil {
				return err
			}
			b.add(Block{Kind: Paragraph, Text: m + s})
		}
		sub := it.List
		if sub == "" {
			sub = plan.SubList(list)
		}
		if err := b.items(it.Items, sub, depth+1, at+".items"); err != nil {
			return err
		}
	}
	return nil
}

var aligns = map[string]Align{"left": AlignLeft, "center": AlignCenter, "right": AlignRight, "justify": AlignJustify}

// table adds a table, with its caption when it has a title.
func (b *planBuilder) table(t *plan.Table, where string) error {
	if t.Title != "" {
		s, err := b.text(t.Title, where+".title", false)
		if err != nil {
			return err
		}
		b.add(Block{Kind: Caption, Text: s})
	}
	var tab *Table
	var err error
	if t.Generated == plan.GeneratedCommunes {
		tab, err = b.communesTable(t, where)
	} else {
		tab, err = b.writtenTable(t, where)
	}
	if err != nil {
		return err
	}
	tab.Size = t.Size
	b.add(Block{Kind: TableBlock, Table: tab})
	return nil
}

func (b *planBuilder) cell(c plan.Cell, where string) (Cell, error) {
	s, err := b.text(c.Text, where, false)
	if err != nil {
		return Cell{}, err
	}
	return Cell{Text: s, ColSpan: c.ColSpan, RowSpan: c.RowSpan, Bold: c.Bold, Italic: c.Italic, Align: aligns[c.Align]}, nil
}

func (b *planBuilder) writtenTable(t *plan.Table, where string) (*Table, error) {
	tab := &Table{}
	n := len(t.Columns)
	if n == 0 && len(t.Rows) > 0 {
		for _, c := range t.Rows[0] {
			n += max(c.ColSpan, 1)
		}
	}
	total := 0.0
	for i := 0; i < n; i++ {
		w := 1.0
		if i < len(t.Columns) && t.Columns[i].Width > 0 {
			w = t.Columns[i].Width
		}
		total += w
		var al Align
		if i < len(t.Columns) {
			al = aligns[t.Columns[i].Align]
		}
		tab.Columns = append(tab.Columns, Column{Width: w, Align: al})
	}
	for i := range tab.Columns {
		tab.Columns[i].Width /= total
	}
	for r, row := range t.Header {
		var cells []Cell
		for ci, c := range row {
			cl, err := b.cell(c, fmt.Sprintf("%s.header[%d][%d]", where, r, ci))
			if err != nil {
				return nil, err
			}
			cl.Bold = true
			cells = append(cells, cl)
		}
		tab.Header = append(tab.Header, cells)
	}
	for r, row := range t.Rows {
		var cells []Cell
		for ci, c := range row {
			cl, err := b.cell(c, fmt.Sprintf("%s.rows[%d][%d]", where, r, ci))
			if err != nil {
				return nil, err
			}
			cells = append(cells, cl)
		}
		tab.Rows = append(tab.Rows, Row{Cells: cells})
	}
	return tab, nil
}

// communeColumns are the heading, relative width and alignment of each
// column of the table of sponsored communes.
var communeColumns = map[string]struct {
	title string
	width float64
	align Align
}{
	plan.FieldNo:       {"TT", 0.6, AlignCenter},
	plan.FieldCommune:  {"Xã", 1.6, AlignLeft},
	plan.FieldDistrict: {"Huyện", 1.4, AlignLeft},
	plan.FieldStatus:   {"Hiện trạng", 1.5, AlignLeft},
	plan.FieldTarget:   {"Mục tiêu", 1.7, AlignLeft},
	plan.FieldYear:     {"Năm phấn đấu", 1.2, AlignCenter},
	plan.FieldMissing:  {"Tiêu chí chưa đạt", 3.4, AlignLeft},
}

// communesTable is the table of sponsored communes from the plan's
// data: one row per commune (of the statuses asked for), its district,
// status, target and year, and the criteria it still lacks with their
// names. Without a district column, a plan whose communes lie in several
// districts gets a row per district above its communes.
func (b *planBuilder) communesTable(t *plan.Table, where string) (*Table, error) {
	p := b.p
	districts := map[string]bool{}
	var order []string
	for _, c := range p.Communes {
		k := strings.ToLower(strings.TrimSpace(c.District))
		if !districts[k] {
			districts[k] = true
			order = append(order, k)
		}
	}
	fields := t.Fields
	if len(fields) == 0 {
		for _, f := range plan.CommuneFields {
			if f == plan.FieldDistrict && len(order) < 2 {
				continue
			}
			fields = append(fields, f)
		}
	}
	tab := &Table{}
	total := 0.0
	var head []Cell
	for _, f := range fields {
		c := communeColumns[f]
		total += c.width
		tab.Columns = append(tab.Columns, Column{Width: c.width, Align: c.align})
		title := c.title
		switch f {
		case plan.FieldCommune:
			title = unitKinds(p)
		case plan.FieldStatus:
			title = fmt.Sprintf("Hiện trạng năm %d", p.Document.Date.Year())
		}
		head = append(head, Cell{Text: title, Bold: true})
	}
	for i := range tab.Columns {
		tab.Columns[i].Width /= total
	}
	tab.Header = [][]Cell{head}

	var cs []*plan.Commune
	for i := range p.Communes {
		c := &p.Communes[i]
		if len(t.Status) == 0 || slices.Contains(t.Status, c.Status) {
			cs = append(cs, c)
		}
	}
	group := !slices.Contains(fields, plan.FieldDistrict) && len(order) > 1
	if group {
		rank := map[string]int{}
		for i, k := range order {
			rank[k] = i
		}
		sort.SliceStable(cs, func(i, j int) bool {
			return rank[strings.ToLower(strings.TrimSpace(cs[i].District))] < rank[strings.ToLower(strings.TrimSpace(cs[j].District))]
		})
	}
	last := ""
	for i, c := range cs {
		if group {
			if k := strings.ToLower(strings.TrimSpace(c.District)); k != last {
				last = k
				tab.Rows = append(tab.Rows, Row{Bold: true, Cells: []Cell{{Text: plan.Capitalise(c.DistrictLabel()), ColSpan: len(fields), Align: AlignLeft}}})
			}
		}
		var cells []Cell
		for _, f := range fields {
			var s string
			switch f {
			case plan.FieldNo:
				s = fmt.Sprint(i + 1)
			case plan.FieldCommune:
				s = plan.Capitalise(c.Name)
			case plan.FieldDistrict:
				s = c.District
			case plan.FieldStatus:
				s = plan.StatusLabel[c.Status]
			case plan.FieldTarget:
				s = plan.TargetLabel[c.Target]
			case plan.FieldYear:
				if c.TargetYear > 0 {
					s = fmt.Sprint(c.TargetYear)
				}
			case plan.FieldMissing:
				var err error
				if s, err = b.missingCell(c); err != nil {
					return nil, b.errAt(fmt.Sprintf("%s (xã %s)", where, c.ID), err)
				}
			}
			b.total += utf8.RuneCountInString(s)
			cells = append(cells, Cell{Text: s})
		}
		tab.Rows = append(tab.Rows, Row{Cells: cells})
	}
	if b.total > plan.MaxDocumentText {
		return nil, b.errAt(where, fmt.Errorf("nội dung kế hoạch sau khi điền dữ liệu dài quá %d ký tự", plan.MaxDocumentText))
	}
	return tab, nil
}

// unitKinds heads the communes' column with the kinds of unit the plan
// has: "Xã", "Xã, thị trấn", "Xã, phường, thị trấn".
func unitKinds(p *plan.Plan) string {
	phuong, thiTran := false, false
	for i := range p.Communes {
		l := strings.ToLower(p.Communes[i].CommuneLabel())
		phuong = phuong || strings.HasPrefix(l, "phường ")
		thiTran = thiTran || strings.HasPrefix(l, "thị trấn ")
	}
	s := "Xã"
	if phuong {
		s += ", phường"
	}
	if thiTran {
		s += ", thị trấn"
	}
	return s
}

// missingCell lists a commune's missing criteria for a table cell, one
// criterion after another with its number: "2. Giao thông; 6. Cơ sở vật
// chất văn hóa" (names may hold commas, so ";" separates them).
func (b *planBuilder) missingCell(c *plan.Commune) (string, error) {
	nums := slices.Clone(c.Missing)
	sort.Ints(nums)
	nums = slices.Compact(nums)
	var parts []string
	for _, n := range nums {
		name := ""
		if b.names != nil {
			name = strings.TrimSpace(b.names(n))
		}
		if name == "" {
			return "", fmt.Errorf("bộ tiêu chí không có tiêu chí số %d", n)
		}
		parts = append(parts, fmt.Sprintf("%d. %s", n, plan.Capitalise(name)))
	}
	return strings.Join(parts, "; "), nil
}

// signerOf is the signer's block: the title lines in capitals, the name.
func signerOf(p *plan.Plan) Signer {
	var titles []string
	for _, t := range p.Signer.TitleLines() {
		if t = strings.TrimSpace(t); t != "" {
			titles = append(titles, vnfmt.Upper(t))
		}
	}
	return Signer{Titles: titles, Name: strings.TrimSpace(p.Signer.Name)}
}

// recipientLines prints "Nơi nhận" the decree's way: each line "- …;",
// the "Lưu:" line last, ending with a full stop. Commune and district
// names keep their words together.
func recipientLines(p *plan.Plan) []string {
	names := nbspNames(p)
	var lines []string
	for _, r := range p.Recipients {
		lines = append(lines, "- "+names.Replace(strings.TrimSpace(r.Line))+";")
	}
	if a := p.ArchiveLine(); a != "" {
		lines = append(lines, "- Lưu: "+a+".")
	}
	return lines
}

// nbspNames replaces the spaces inside each commune's and district's
// name with no-break spaces, longest names first.
func nbspNames(p *plan.Plan) *strings.Replacer {
	seen := map[string]bool{}
	var names []string
	for _, c := range p.Communes {
		for _, n := range []string{c.Name, c.District} {
			n = norm.NFC.String(strings.Join(strings.Fields(n), " "))
			if strings.Contains(n, " ") && !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	var pairs []string
	for _, n := range names {
		pairs = append(pairs, n, strings.ReplaceAll(n, " ", nbsp))
	}
	return strings.NewReplacer(pairs...)
}

func layoutOf(l plan.Layout) Layout {
	return Layout{
		MarginTop: l.MarginTop, MarginBottom: l.MarginBottom,
		MarginLeft: l.MarginLeft, MarginRight: l.MarginRight,
		BodySize: l.BodySize, LineSpacing: l.LineSpacing, Indent: l.Indent,
	}.WithDefaults()
}

// normalize puts every string of doc in NFC: fpdf does no shaping, so a
// decomposed (NFD) tone mark would print beside its letter.
func normalize(doc *Document) {
	n := nfc
	m := &doc.Meta
	m.Title, m.Author, m.Subject = n(m.Title), n(m.Author), n(m.Subject)
	for i := range m.Keywords {
		m.Keywords[i] = n(m.Keywords[i])
	}
	for pi := range doc.Parts {
		pt := &doc.Parts[pi]
		if o := pt.Official; o != nil {
			h := &o.Header
			h.Parent, h.Agency, h.Number, h.PlaceDate = n(h.Parent), n(h.Agency), n(h.Number), n(h.PlaceDate)
			o.Type, o.Title = n(o.Type), n(o.Title)
			for i := range o.KinhGui {
				o.KinhGui[i] = n(o.KinhGui[i])
			}
		}
		if a := pt.Annex; a != nil {
			a.Label, a.Title, a.Note = n(a.Label), n(a.Title), n(a.Note)
		}
		for i := range pt.Body {
			b := &pt.Body[i]
			b.Text = n(b.Text)
			if t := b.Table; t != nil {
				for _, r := range t.Header {
					for j := range r {
						r[j].Text = n(r[j].Text)
					}
				}
				for _, r := range t.Rows {
					for j := range r.Cells {
						r.Cells[j].Text = n(r.Cells[j].Text)
					}
				}
			}
			if c := b.Chart; c != nil {
				for j := range c.Categories {
					c.Categories[j] = n(c.Categories[j])
				}
				for j := range c.Series {
					c.Series[j].Name = n(c.Series[j].Name)
				}
				c.ValueAxis = n(c.ValueAxis)
			}
		}
		if c := pt.Closing; c != nil {
			for i := range c.Recipients {
				c.Recipients[i] = n(c.Recipients[i])
			}
			for i := range c.Signer.Titles {
				c.Signer.Titles[i] = n(c.Signer.Titles[i])
			}
			c.Signer.Name = n(c.Signer.Name)
		}
	}
}
