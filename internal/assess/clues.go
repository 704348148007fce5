package assess

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
)

// Source tells where a clue about who or when was read.
type Source string

// The sources of a clue, most trusted first.
const (
	SourceLabel      Source = "label"      // a labelled cell: "Mã xã (không sửa):", "Xã:", "Huyện:", "Kỳ đánh giá:"
	SourceLetterhead Source = "letterhead" // the letterhead above the table: "UBND XÃ GIO MAI", "UBND HUYỆN GIO LINH"
	SourceTitle      Source = "title"      // a title line: "(Kèm theo … của UBND xã Gio Mai)", "6 THÁNG ĐẦU NĂM 2021"
	SourceHeader     Source = "header"     // the one result column's header: "Kết quả thực hiện 6 tháng đầu năm 2021"
	SourceSignature  Source = "signature"  // the signature block below the table: "TM. ỦY BAN NHÂN DÂN XÃ GIO MAI"
	SourceFileName   Source = "filename"   // the file's name: "gio-mai.xlsx" → "gio-mai"
	SourceFolder     Source = "folder"     // the period folder: "2021-H1/"
)

// ClueKind is what a clue is about.
type ClueKind string

// The kinds of clue.
const (
	ClueCommuneID ClueKind = "commune-id" // the plan's id, from the form's "Mã xã" cell
	ClueCommune   ClueKind = "commune"    // a commune's name, without "xã"
	ClueDistrict  ClueKind = "district"   // a district's name, without "huyện"
	CluePeriod    ClueKind = "period"     // the period assessed
)

// Clue is one thing the workbook says about who sent it or for when,
// with where it says it. The reader does not know the plan: the
// evaluation matches the clues (id, then name and district, then file
// name) against the plan's communes.
type Clue struct {
	Kind   ClueKind
	Text   string          // "Gio Mai", "Gio Linh", "gio-mai", "2021-H1" (NFC, as written, capitals made title case)
	Period criteria.Period // for CluePeriod
	Source Source
	Pos    diag.Pos // the cell (the file only, for file name and folder)
}

const maxClues = 24

// adminName is a "xã X" or "huyện Y" found in a text.
type adminName struct {
	kind ClueKind
	name string
	ubnd bool // preceded by "UBND" / "Ủy ban nhân dân"
}

var adminStop = map[string]bool{
	"huyen": true, "tinh": true, "xa": true, "ubnd": true, "nam": true, "ngay": true, "ky": true, "giai": true,
	"ve": true, "den": true, "theo": true, "thang": true, "nong": true, "quan": true, "thi": true, "thanh": true,
	"tp": true, "tx": true, "tt": true, "phuong": true, "so": true, "bao": true, "cua": true, "dat": true, "co": true,
	"va": true, "tai": true, "tren": true, "dia": true, "ban": true, "da": true, "chua": true, "duoc": true,
}

// adminNames finds the commune and district names in a line of text:
// "UBND XÃ GIO MAI", "của UBND xã Gio Mai)", "xã Gio Mai, huyện Gio Linh".
func adminNames(s string) []adminName {
	words := strings.Fields(s)
	if len(words) > 60 {
		words = words[:60]
	}
	var out []adminName
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = fold(w)
	}
	for i := 0; i < len(words); i++ {
		var kind ClueKind
		switch folded[i] {
		case "xa":
			kind = ClueCommune
		case "huyen":
			kind = ClueDistrict
		default:
			continue
		}
		if endsWithPunct(words[i]) || kind == ClueCommune && i+2 < len(words) && folded[i+1] == "hoi" && folded[i+2] == "chu" {
			continue // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
		}
		ubnd := i >= 1 && (folded[i-1] == "ubnd" || folded[i-1] == "tm ubnd")
		if !ubnd && i >= 4 && strings.Join(folded[i-4:i], " ") == "uy ban nhan dan" {
			ubnd = true
		}
		var name []string
		for j := i + 1; j < len(words) && len(name) < 4; j++ {
			w := strings.TrimLeft(words[j], "(\"“'")
			end := endsWithPunct(w)
			w = strings.TrimRight(w, ",;:.)\"”'!?")
			fw := folded[j]
			if w == "" || adminStop[fw] || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '-' }) {
				break
			}
			first, _ := utf8.DecodeRuneInString(w)
			if !ubnd && !unicode.IsUpper(first) {
				break
			}
			name = append(name, w)
			if end {
				break
			}
		}
		if len(name) == 0 {
			continue
		}
		n := strings.Join(name, " ")
		if isUpperText(n) || !unicode.IsUpper(firstRune(n)) {
			n = titleCase(n)
		}
		out = append(out, adminName{kind: kind, name: n, ubnd: ubnd})
		i += len(name)
	}
	return out
}

func endsWithPunct(w string) bool {
	return strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ")") || strings.HasSuffix(w, ".") || strings.HasSuffix(w, ":")
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func isUpperText(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		has = has || unicode.IsUpper(r)
	}
	return has
}

// titleCase writes each word with a capital then small letters: "GIO
// MAI" → "Gio Mai".
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
	}
	return strings.Join(words, " ")
}

// clueWords are what a line naming a commune, a district or a period
// holds, in the ways it is typed (NFC): folding every title line costs
// more than looking for these first.
var clueWords = []string{"xã", "Xã", "XÃ", "xa ", "Xa ", "XA ", "huyện", "Huyện", "HUYỆN", "huyen", "Huyen", "HUYEN",
	"năm", "Năm", "NĂM", "nam", "Nam", "NAM", "H1", "H2", "h1", "h2", "H 1", "H 2"}

func mayHoldClue(s string) bool {
	for _, w := range clueWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// titlePeriod reads a period from a title line: "6 THÁNG ĐẦU NĂM 2021",
// "Báo cáo kết quả năm 2021", "kỳ 2021-H1"; a lone year only in a short
// line, so that a decision's date is not taken for the period.
func titlePeriod(f string) (criteria.Period, bool) {
	if rePeriodFirst.MatchString(f) || rePeriodLast.MatchString(f) || rePeriodCode.MatchString(f) || rePeriodCode2.MatchString(f) {
		return parsePeriodText(f)
	}
	if strings.Count(f, " ") <= 8 && rePeriodYear.MatchString(f) && !strings.Contains(f, "quyet dinh") && !strings.Contains(f, "giai doan") {
		return parsePeriodText(f)
	}
	return criteria.Period{}, false
}

// sheetClues collects the letterhead, title and signature clues of a
// sheet: the rows above the table header and a few rows below its end.
func (rd *reader) sheetClues(above, below int) {
	g := rd.g
	add := func(c Clue) {
		if len(rd.a.Clues) < maxClues {
			rd.a.Clues = append(rd.a.Clues, c)
		}
	}
	isValue := func(r, c int) bool {
		for _, lc := range rd.labels {
			if lc.found && lc.val == (rc{r, c}) {
				return true
			}
		}
		return false
	}
	scan := func(r, c int, inHeader bool) {
		if isValue(r, c) {
			return // a labelled value is a label's clue, not a title
		}
		s := g.str(r, c)
		if s == "" || len(s) > 400 {
			return
		}
		if _, _, _, ok := labelOf(s); ok {
			return
		}
		if !mayHoldClue(s) {
			return
		}
		f := g.folded(r, c)
		if !strings.Contains(f, "xa ") && !strings.Contains(f, "huyen ") {
			if inHeader {
				if p, ok := titlePeriod(f); ok {
					add(Clue{Kind: CluePeriod, Text: p.String(), Period: p, Source: SourceTitle, Pos: g.pos(r, c)})
				}
			}
			return
		}
		for _, n := range adminNames(s) {
			src := SourceTitle
			switch {
			case !inHeader:
				if !n.ubnd {
					continue
				}
				src = SourceSignature
			case n.ubnd && strings.Count(s, " ") <= 9:
				src = SourceLetterhead
			}
			add(Clue{Kind: n.kind, Text: n.name, Source: src, Pos: g.pos(r, c)})
		}
		if inHeader {
			if p, ok := titlePeriod(f); ok {
				add(Clue{Kind: CluePeriod, Text: p.String(), Period: p, Source: SourceTitle, Pos: g.pos(r, c)})
			}
		}
	}
	for r := 1; r < above; r++ {
		for c := 1; c <= g.width(r); c++ {
			if !g.merged(r, c) {
				scan(r, c, true)
			}
		}
	}
	for r := below; r > 0 && r <= g.maxRow && r < below+15; r++ {
		for c := 1; c <= g.width(r); c++ {
			if !g.merged(r, c) {
				scan(r, c, false)
			}
		}
	}
}

// fileClues are the clues of the file's path: its name without the
// extension, and its folder when that is a period.
func fileClues(name string) (commune Clue, period Clue, hasPeriod bool) {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	commune = Clue{Kind: ClueCommune, Text: base, Source: SourceFileName, Pos: diag.Pos{File: name}}
	dir := path.Base(path.Dir(strings.ReplaceAll(name, "\\", "/")))
	if p, err := criteria.ParsePeriod(dir); err == nil {
		return commune, Clue{Kind: CluePeriod, Text: p.String(), Period: p, Source: SourceFolder, Pos: diag.Pos{File: name}}, true
	}
	return commune, Clue{}, false
}

// Best returns the first clue of kind k in order of trust (label,
// letterhead, title, result column header, signature, file name, folder); ok is false when
// there is none.
func (a *Assessment) Best(k ClueKind) (Clue, bool) {
	order := []Source{SourceLabel, SourceLetterhead, SourceTitle, SourceHeader, SourceSignature, SourceFileName, SourceFolder}
	for _, src := range order {
		for _, c := range a.Clues {
			if c.Kind == k && c.Source == src {
				return c, true
			}
		}
	}
	return Clue{}, false
}
