package report

import (
	"fmt"

	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// Creator names the program in the documents' metadata.
const Creator = "ntm"

// PlanDocument builds the plan itself as a document: the header from the
// plan's agency, number, place and date; sections numbered I, II, III…;
// "- " items with their "+ " sub-items, or "1.", "2." items; the
// recipients with the "Lưu:" line last; the signer. Item texts are
// expanded with the plan's template functions, criterionName giving the
// official name of a criterion of the set in force.
func PlanDocument(p *plan.Plan, criterionName func(n int) string) (*Document, error) {
	d := p.Document
	off := &Official{
		Header: Header{
			Parent:    vnfmt.Upper(d.ParentAgency),
			Agency:    vnfmt.Upper(d.Agency),
			Number:    "Số: " + vnfmt.DocNumber(d.Number, d.Symbol),
			PlaceDate: vnfmt.PlaceDate(d.Place, d.Date),
		},
		Type:  vnfmt.Upper(d.Type),
		Title: d.Title,
	}
	part := Part{Page: Page{Layout: layoutOf(p.Layout)}, Official: off}
	doc := &Document{
		Meta: Meta{
			Title:    d.Title,
			Author:   d.AgencyName,
			Subject:  d.Subject,
			Keywords: d.Keywords,
			Creator:  Creator,
			Lang:     "vi",
			Created:  d.Date,
		},
	}
	var titles []string
	for _, t := range []string{p.Signer.Authority, p.Signer.Position} {
		if t != "" {
			titles = append(titles, vnfmt.Upper(t))
		}
	}
	closing := &Closing{Signer: Signer{Titles: titles, Name: p.Signer.Name}}
	if doc.Meta.Author == "" {
		doc.Meta.Author = d.Agency
	}
	if doc.Meta.Subject == "" {
		doc.Meta.Subject = fmt.Sprintf("%s số %s: %s", d.Type, vnfmt.DocNumber(d.Number, d.Symbol), d.Title)
	}
	expand := func(text, where string) (string, error) {
		s, err := p.Expand(text, criterionName)
		if err != nil {
			return "", fmt.Errorf("%s: %s: %w", p.File, where, err)
		}
		return s, nil
	}
	para := func(text, where string, kind BlockKind, bold bool) error {
		s, err := expand(text, where)
		if err != nil {
			return err
		}
		part.Body = append(part.Body, Block{Kind: kind, Text: s, Bold: bold, Level: level(kind)})
		return nil
	}
	for i, t := range p.Opening {
		if err := para(t, fmt.Sprintf("opening[%d]", i), Paragraph, false); err != nil {
			return nil, err
		}
	}
	for si, s := range p.Sections {
		title := vnfmt.Roman(si+1) + ". " + s.Title
		if err := para(title, fmt.Sprintf("sections[%d].title", si), Heading, true); err != nil {
			return nil, err
		}
		for ii, it := range s.Items {
			marker := "- "
			switch s.Style {
			case "numbered":
				marker = fmt.Sprintf("%d. ", ii+1)
			case "plain":
				marker = ""
			}
			where := fmt.Sprintf("sections[%d].items[%d]", si, ii)
			if err := para(marker+it.Text, where, Paragraph, false); err != nil {
				return nil, err
			}
			for ci, sub := range it.Items {
				if err := para("+ "+sub.Text, fmt.Sprintf("%s.items[%d]", where, ci), Paragraph, false); err != nil {
					return nil, err
				}
			}
		}
	}
	for i, t := range p.Closing {
		if err := para(t, fmt.Sprintf("closing[%d]", i), Paragraph, false); err != nil {
			return nil, err
		}
	}
	closing.Recipients = recipientLines(p)
	part.Closing = closing
	doc.Parts = []Part{part}
	normalize(doc)
	return doc, nil
}

// recipientLines prints "Nơi nhận" the decree's way: each line "- …;",
// the "Lưu:" line last, ending with a full stop.
func recipientLines(p *plan.Plan) []string {
	var lines []string
	for _, r := range p.Recipients {
		lines = append(lines, "- "+r.Line+";")
	}
	if p.Archive != "" {
		lines = append(lines, "- Lưu: "+p.Archive+".")
	} else if n := len(lines); n > 0 {
		lines[n-1] = lines[n-1][:len(lines[n-1])-1] + "."
	}
	return lines
}

// level is 1 for the section headings the plan builds, 0 otherwise.
func level(k BlockKind) int {
	if k == Heading {
		return 1
	}
	return 0
}

func layoutOf(l plan.Layout) Layout {
	out := DefaultLayout()
	set := func(dst *float64, v float64) {
		if v != 0 {
			*dst = v
		}
	}
	set(&out.MarginTop, l.MarginTop)
	set(&out.MarginBottom, l.MarginBottom)
	set(&out.MarginLeft, l.MarginLeft)
	set(&out.MarginRight, l.MarginRight)
	set(&out.BodySize, l.BodySize)
	set(&out.LineSpacing, l.LineSpacing)
	set(&out.Indent, l.Indent)
	return out
}

// normalize puts every string of doc in NFC: fpdf does no shaping, so a
// decomposed (NFD) tone mark would print beside its letter.
func normalize(doc *Document) {
	n := norm.NFC.String
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
