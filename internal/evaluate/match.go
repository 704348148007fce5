package evaluate

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// communeIndex finds the plan's communes by id, by name (with or without
// its district) and by file name, and keeps their order: built once per
// run, since a national run matches 20,000 forms against 10,000 communes.
//
// A commune is who the plan says it is: its id. Names repeat across
// districts ("Tân Lập") and differ only by a tone mark ("Ân Tú", "An
// Tú"), so a name is matched exactly (case, spacing and Unicode form
// aside) and only falls back to a comparison without marks when that
// leaves a single commune.
type communeIndex struct {
	byID   map[string]*plan.Commune
	byName map[string][]*plan.Commune // folded name
	byBare map[string][]*plan.Commune // name without marks
	order  map[*plan.Commune]int
	// district and districtBare are each commune's folded district, with
	// and without marks, computed once (names repeat by the hundred at
	// national scale, and each form is compared with every namesake).
	district, districtBare map[*plan.Commune]string
}

func indexCommunes(p *plan.Plan) communeIndex {
	x := communeIndex{byID: map[string]*plan.Commune{}, byName: map[string][]*plan.Commune{},
		byBare: map[string][]*plan.Commune{}, order: map[*plan.Commune]int{},
		district: map[*plan.Commune]string{}, districtBare: map[*plan.Commune]string{}}
	for i := range p.Communes {
		c := &p.Communes[i]
		x.order[c] = i
		d := districtKey(c.District)
		x.district[c], x.districtBare[c] = d, bare(d)
		if _, taken := x.byID[c.ID]; !taken {
			x.byID[c.ID] = c
		}
		n := communeKey(c.Name)
		x.byName[n] = append(x.byName[n], c)
		b := bare(n)
		x.byBare[b] = append(x.byBare[b], c)
	}
	return x
}

// match finds the commune a name designates when exactly one does, by
// its folded name or else its id; it serves callers that have only a
// name (and the tests).
func (x communeIndex) match(name string) *plan.Commune {
	if cs := x.byName[communeKey(name)]; len(cs) == 1 {
		return cs[0]
	}
	if c, ok := x.byID[strings.TrimSpace(name)]; ok {
		return c
	}
	return nil
}

// resolve finds the plan's commune of form a: by the id the form
// carries, else by the name and district it gives, else by its file
// name. It reports, at the form's cells, a name not in the plan, a name
// that several communes share with nothing to tell them apart (listing
// them and saying what to add), and a form that names no commune at all
// (one error for the file, saying what was looked for).
func (x communeIndex) resolve(problems *diag.List, p *plan.Plan, a *assess.Assessment) (*plan.Commune, bool) {
	if id := strings.TrimSpace(a.CommuneID); id != "" {
		// The id `ntm init` wrote in a locked cell is the commune's
		// identity; a name that disagrees is only a warning.
		c, ok := x.byID[id]
		if !ok {
			problems.Add(a.CommuneIDPos, "mã xã %q không có trong kế hoạch %s; biểu này không phải do ntm init tạo cho kế hoạch này, hoặc ô mã xã đã bị sửa", a.CommuneID, p.File)
			return nil, false
		}
		if n := communeKey(a.Commune); n != "" && n != communeKey(c.Name) && bare(n) != bare(communeKey(c.Name)) {
			problems.Warn(a.CommunePos, "biểu ghi tên xã %q nhưng mã xã %q là của %s; ntm dùng mã xã", a.Commune, id, label(c))
		}
		return c, true
	}
	name := communeKey(a.Commune)
	if name == "" {
		if c := x.byFileName(a.File); c != nil {
			problems.Warn(diag.Pos{File: a.File, Sheet: a.Sheet}, "biểu không ghi tên xã; ntm hiểu đây là biểu của %s theo tên tệp", label(c))
			return c, true
		}
		problems.Add(diag.Pos{File: a.File, Sheet: a.Sheet},
			"không biết đây là biểu của xã nào: biểu không có ô “Mã xã:” hay “Xã:”, không có dòng “UBND XÃ …” ở đầu trang, và tên tệp %q không trùng mã xã nào của kế hoạch; ghi tên xã vào biểu hoặc đặt tên tệp theo mã xã (ví dụ %s.xlsx)",
			path.Base(filepath.ToSlash(a.File)), p.Communes[0].ID)
		return nil, false
	}
	cands := x.byName[name]
	approx := false
	if len(cands) == 0 {
		cands, approx = x.byBare[bare(name)], true
	}
	if d := communeKey(a.District); d != "" && len(cands) > 1 {
		dk := districtKey(d)
		db := bare(dk)
		var in []*plan.Commune
		for _, c := range cands {
			if x.district[c] == dk || x.districtBare[c] == db {
				in = append(in, c)
			}
		}
		if len(in) > 0 {
			cands = in
		}
	}
	if len(cands) > 1 {
		if c := x.byFileName(a.File); c != nil && contains(cands, c) {
			return c, true
		}
	}
	switch {
	case len(cands) == 0:
		problems.Add(a.CommunePos, "xã %q không có trong kế hoạch %s; các xã của kế hoạch: %s", a.Commune, p.File, communeNames(p))
		return nil, false
	case len(cands) > 1:
		var names []string
		for _, c := range cands {
			names = append(names, label(c)+" (mã "+c.ID+")")
		}
		what := "ghi tên huyện vào ô “Huyện:” của biểu"
		switch {
		case approx:
			what = "ghi đúng tên xã có dấu"
		case a.District != "":
			what = "ghi đúng tên huyện vào ô “Huyện:”"
		}
		problems.Add(a.CommunePos, "không rõ biểu của xã nào: tên %q có thể là %s; %s, hoặc đặt tên tệp theo mã xã (ví dụ %s.xlsx)",
			a.Commune, list(names, 10), what, cands[0].ID)
		return nil, false
	}
	c := cands[0]
	if approx {
		problems.Warn(a.CommunePos, "tên xã %q viết khác dấu với kế hoạch; ntm hiểu là %s", a.Commune, label(c))
	}
	return c, true
}

// byFileName is the commune whose id is the form's file name
// ("assessments/2021-H1/tan-lap-2.xlsx" → "tan-lap-2"), or whose name
// without marks is, when that names a single commune.
func (x communeIndex) byFileName(file string) *plan.Commune {
	base := path.Base(filepath.ToSlash(file))
	base = strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
	if c, ok := x.byID[base]; ok {
		return c
	}
	if cs := x.byBare[strings.ReplaceAll(base, "-", " ")]; len(cs) == 1 {
		return cs[0]
	}
	return nil
}

func contains(cs []*plan.Commune, c *plan.Commune) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// label names a commune for the clerk, with its district: "xã Tân Lập
// (huyện Đan Phượng)".
func label(c *plan.Commune) string {
	if c.District == "" {
		return c.CommuneLabel()
	}
	return c.CommuneLabel() + " (" + c.DistrictLabel() + ")"
}

// communeKey folds a commune's name for matching: NFC, lower case, single
// spaces, without a leading "xã", "phường" or "thị trấn".
func communeKey(s string) string {
	s = fold(s)
	for _, p := range []string{"xã ", "phường ", "thị trấn "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// districtKey folds a district's name the same way, without "huyện",
// "thị xã", "thành phố", "quận".
func districtKey(s string) string {
	s = fold(s)
	for _, p := range []string{"huyện ", "thị xã ", "thành phố ", "quận "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// bare is a folded name without its marks, for a last-resort match.
func bare(s string) string { return strings.ToLower(vnfmt.Words(s, ' ', "")) }

func communeNames(p *plan.Plan) string {
	names := make([]string, len(p.Communes))
	for i, c := range p.Communes {
		names[i] = c.Name
	}
	return list(names, 30)
}

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}
