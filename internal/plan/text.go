package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// nearest returns the candidate closest to key when it is close enough to
// be a likely typo (see tomldec.Nearest).
func nearest(key string, candidates []string) string { return tomldec.Nearest(key, candidates) }

// looksLegacy reports whether s looks like Vietnamese typed in a legacy
// 8-bit encoding (see tomldec.LooksLegacy).
func looksLegacy(s string) bool { return tomldec.LooksLegacy(s) }

// ArchiveLine is the "Lưu:" line without "Lưu:" and the final full stop,
// the decree's way: "VT", the other units that keep a copy (the plan's
// [archive] units), the drafting unit (document.drafting_unit_short),
// the drafter's initials and the number of copies: "VT, KTN, NLJ (02b)",
// "VT, KGVX, KTN". A line written in full (archive = "VT, KGVX, KTN") is
// returned as written.
func (p *Plan) ArchiveLine() string {
	if p.Archive != "" {
		return strings.TrimSpace(p.Archive)
	}
	a := p.ArchiveSpec
	if a.Line != "" {
		return strings.TrimSpace(a.Line)
	}
	parts := []string{"VT"}
	for _, u := range a.Units {
		parts = append(parts, strings.TrimSpace(u))
	}
	if u := strings.TrimSpace(p.Document.DraftingUnitShort); u != "" && !slices.Contains(parts, u) {
		parts = append(parts, u)
	}
	if a.Drafter != "" {
		parts = append(parts, strings.TrimSpace(a.Drafter))
	}
	s := strings.Join(parts, ", ")
	if a.Copies > 0 {
		s += fmt.Sprintf(" (%02db)", a.Copies)
	}
	return s
}

// FileName is the plan's PDF file name: its type and its number as
// printed, in ASCII, "/" made "-": "Kế hoạch" 2071 "SKH-KTN" →
// "ke-hoach-2071-SKH-KTN.pdf", 5 "KH-SNN" → "ke-hoach-05-KH-SNN.pdf".
func (p *Plan) FileName() string {
	d := p.Document
	num := strings.ReplaceAll(vnfmt.DocNumber(d.Number, d.Symbol), "/", "-")
	return vnfmt.Slug(d.Type) + "-" + vnfmt.Words(num, '-', "") + ".pdf"
}

// CommunesFor are the communes in addressee a's scope, whose own
// reports it gets (DocCommuneReport): its commune, the communes of its
// district, or, for an addressee tied to neither, all of them.
func (p *Plan) CommunesFor(a *Addressee) []*Commune {
	var out []*Commune
	district := fold(withKind(a.District, "huyện", "huyện ", "thị xã ", "thành phố ", "quận "))
	for i := range p.Communes {
		c := &p.Communes[i]
		switch {
		case a.Commune != "":
			if c.ID == a.Commune {
				out = append(out, c)
			}
		case a.District != "":
			if fold(c.DistrictLabel()) == district {
				out = append(out, c)
			}
		default:
			out = append(out, c)
		}
	}
	return out
}
