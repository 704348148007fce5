package plan

import (
	"time"

	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// Plan is one sponsorship plan ("Kế hoạch thực hiện công tác phụ trách,
// đỡ đầu …"): the document's header data, its body and annexes, the
// communes it covers, its recipients and its signer. Its TOML form is
// input/plan.toml; see the README for the schema.
//
// The tags' options (",line", ",max=N") are tomldec's: a line break in a
// one-line field is an error, and every text has a length cap so that a
// hostile plan cannot make documents of unbounded size.
type Plan struct {
	Document Document `toml:"document"`
	Program  Program  `toml:"program"`
	// Opening holds the paragraphs before section I ("Căn cứ …");
	// templates like Item.Text.
	Opening  []string  `toml:"opening,max=10000"`
	Sections []Section `toml:"sections"` // numbered I, II, III… by the program
	// Closing holds the paragraphs after the last section ("Trên đây
	// …"); templates like Item.Text.
	Closing    []string    `toml:"closing,max=10000"`
	Annexes    []Annex     `toml:"annexes"` // Phụ lục, after the signature
	Communes   []Commune   `toml:"communes"`
	Recipients []Recipient `toml:"recipients"`
	// ArchiveSpec is the "Lưu:" line as the plan writes it (a table, or
	// the line itself); Archive is the line it gives.
	ArchiveSpec Archive `toml:"archive"`
	// Archive is the "Lưu:" line without "Lưu:" and the final full stop,
	// "VT, KGVX, KTN": after Load, ArchiveLine's.
	Archive string `toml:"-"`
	Signer  Signer `toml:"signer"`
	Layout  Layout `toml:"layout"`

	// File is the path the plan was loaded from, for messages.
	File string `toml:"-"`
	// idx maps key paths to their lines in File.
	idx *tomlpos.Index
	// byID indexes Communes by id (index, at the end of Load).
	byID      map[string]int
	byIDLen   int
	byIDFirst *Commune
}

// Document is the header of the plan as a document under Decree
// 30/2020/NĐ-CP: who issues it, its number, place, date and title.
type Document struct {
	// ParentAgency is the direct parent agency (ô 2, upright), empty for
	// a People's Committee, which has none. A "\n" forces a line break.
	ParentAgency string `toml:"parent_agency,max=200"`
	// Agency is the issuing agency (ô 2, bold): "SỞ NÔNG NGHIỆP VÀ PHÁT
	// TRIỂN NÔNG THÔN"; a "\n" forces a line break where the clerk wants
	// it ("ỦY BAN NHÂN DÂN\nHUYỆN HƯƠNG KHÊ").
	Agency string `toml:"agency,max=200"`
	// AgencyName is the agency in running text, "Sở Kế hoạch và Đầu tư":
	// the PDF's author, the annexes' "(Kèm theo … của …)", {{co_quan}}.
	AgencyName string `toml:"agency_name,line,max=200"`
	// AgencyShort is the agency's abbreviation ("SKH", "SNN", "UBND"):
	// the symbol should hold it as one of its groups (a warning says so
	// when it does not — a plan copied from another office's).
	AgencyShort string    `toml:"agency_short,line,max=20"`
	Type        string    `toml:"type,line,max=60"`   // "Kế hoạch" (printed in caps)
	Number      int       `toml:"number"`             // 2071; printed with a leading 0 below 10
	Symbol      string    `toml:"symbol,line,max=30"` // "SKH-KTN" (printed after "/")
	Place       string    `toml:"place,line,max=60"`  // "Quảng Trị"
	Date        time.Time `toml:"date"`               // TOML local date, 2020-12-08; loaded as 00:00 UTC of that day
	Title       string    `toml:"title,line,max=500"` // trích yếu; one paragraph, the renderer wraps it
	Subject     string    `toml:"subject,line,max=500"`
	Keywords    []string  `toml:"keywords,line,max=100"`
	// KinhGui lists the addressees of "Kính gửi:" (ô 9a), as printed,
	// without "- " or ";": one is printed on the "Kính gửi:" line,
	// several as a list under it. Written as a string or an array.
	KinhGui StringList `toml:"kinh_gui,line,max=200"`
	// DraftingUnit is the unit that drafted the plan, "Phòng Kinh tế
	// ngành", for the register of outgoing documents (the unit that
	// keeps the copy); DraftingUnitShort is its abbreviation, printed in
	// the "Lưu:" line ("VT, KTN").
	DraftingUnit      string `toml:"drafting_unit,line,max=200"`
	DraftingUnitShort string `toml:"drafting_unit_short,line,max=20"`
}

// Program says which criteria set and region the plan's communes are
// judged against, and the years the plan covers.
type Program struct {
	Province    string `toml:"province,line,max=60"` // "Quảng Trị"
	Region      string `toml:"region"`               // criteria.Region code, "BTB"
	CriteriaSet string `toml:"criteria_set"`         // criteria set ID in force at the plan's date
	// StartYear and EndYear are the years the plan covers: {{giai_doan}}
	// prints "2021-2025", and a commune's target year outside them is
	// warned about.
	StartYear int `toml:"start_year"`
	EndYear   int `toml:"end_year"`
}

// Section is one Roman-numbered part of the body ("I. Mục đích, yêu
// cầu"), printed as a bold level-1 heading.
type Section struct {
	Title string `toml:"title,line,max=300"`
	// List is how the section's items are marked: ListDash ("- ", the
	// default), ListNumbered ("1.", "2."), ListLetters ("a)", "b)"),
	// ListPlus ("+ ") or ListPlain (no marker).
	List string `toml:"list"`
	// Style is the first schema's name of List; the loader moves it to
	// List with a warning saying what to write.
	Style string `toml:"style"`
	Items []Item `toml:"items"`
}

// Item is one entry of a section, an annex or another item: a paragraph
// (Text), a heading line (Heading, with an optional paragraph under it),
// or a table (Table). Its marker is generated from its list's kind and
// its place ("1.", "a)", "- ", "+ ") unless Marker says otherwise; its
// sub-items are marked by List, by default the kind after its own
// (1. → a) → - → +).
//
// Texts are templates with the functions listed in the README
// ({{xa "gio-mai"}}, {{thieu "thuan"}}, …): only text and calls of those
// functions with literal arguments.
type Item struct {
	Text    string `toml:"text,max=10000"`
	Heading string `toml:"heading,line,max=300"`
	// Style is the heading's type: StyleBold (default), StyleItalic,
	// StyleBoldItalic.
	Style string `toml:"style"`
	// Marker replaces the generated marker ("1.1."; "" for none).
	Marker string `toml:"marker,line,max=12"`
	List   string `toml:"list"`
	Items  []Item `toml:"items"`
	Table  *Table `toml:"table"`

	// MarkerSet is true when the plan writes Marker (even empty).
	MarkerSet bool `toml:"-"`
}

// Table is a bordered table of the body or of an annex: written in the
// plan (Header and Rows), or generated from the plan's data (Generated =
// "communes": the table of sponsored communes).
type Table struct {
	// Title is the caption printed centred above the table, as written
	// ("Bảng 1. Phân công theo dõi các tiêu chí"); optional.
	Title string `toml:"title,line,max=300"`
	// Columns gives the columns' relative widths and alignments; their
	// number must match the rows'. Omitted: equal widths.
	Columns []Column `toml:"columns"`
	// Header rows; a cell may span columns and rows.
	Header [][]Cell `toml:"header"`
	// Rows of the body; a cell may span columns.
	Rows [][]Cell `toml:"rows"`
	// Size is the font size in pt (10–14); 0 takes the renderer's.
	Size float64 `toml:"size"`

	// Generated builds the table from data: GeneratedCommunes.
	Generated string `toml:"generated"`
	// Fields are the columns of a generated table, in order (see
	// CommuneFields); omitted: all, without "huyen" when the plan's
	// communes are all of one district.
	Fields []string `toml:"fields"`
	// Status keeps only the communes of these statuses (Statuses).
	Status []string `toml:"status"`
}

// Column is one column of a written table.
type Column struct {
	Width float64 `toml:"width"` // relative weight, > 0
	Align string  `toml:"align"` // Aligns
}

// Cell is one cell of a written table: a string, or an inline table
// { text = "…", colspan = 2, rowspan = 2, bold = true, italic = true,
// align = "center" }. Its text is a template like Item.Text.
type Cell struct {
	Text    string `toml:"text,max=2000"`
	ColSpan int    `toml:"colspan"`
	RowSpan int    `toml:"rowspan"` // header cells only
	Bold    bool   `toml:"bold"`
	Italic  bool   `toml:"italic"`
	Align   string `toml:"align"`
}

type cellFields Cell

// DecodeTOML reads a cell written as a string or as an inline table.
func (c *Cell) DecodeTOML(d *tomldec.Decoder, raw any, path string) {
	if s, ok := raw.(string); ok {
		d.Into(&c.Text, s, path)
		if n := len([]rune(s)); n > 2000 {
			d.Wrong(path, "ô bảng dài %d ký tự; tối đa 2000 ký tự", n)
		}
		return
	}
	if _, ok := raw.(map[string]any); !ok {
		d.Wrong(path, "sai kiểu: ô của bảng là một chuỗi văn bản trong dấu nháy kép, hoặc một bảng { text = \"…\", colspan = 2 }; thấy %s", tomldec.Describe(raw))
		return
	}
	d.Into((*cellFields)(c), raw, path)
}

// Annex is one appendix (Phụ lục) printed after the signature, on its
// own pages: "Phụ lục I" (numbered in Roman when the plan has two or
// more), its title in capitals, "(Kèm theo Kế hoạch số …/… ngày … của
// …)", then its table and items.
type Annex struct {
	Title string `toml:"title,line,max=300"`
	// Landscape turns the annex's pages (a wide table).
	Landscape bool `toml:"landscape"`
	// Table is the annex's table, printed before its items.
	Table *Table `toml:"table"`
	// List marks the items like Section.List (default ListDash).
	List  string `toml:"list"`
	Items []Item `toml:"items"`
}

// Commune is one sponsored commune.
type Commune struct {
	// ID is the commune's identity everywhere (the file names of its
	// forms, reports, packages): [a-z0-9-], at most 64 characters.
	ID       string `toml:"id,line,max=64"`
	Name     string `toml:"name,line,max=80"`     // "Gio Mai" (printed "xã Gio Mai")
	District string `toml:"district,line,max=80"` // "Gio Linh" (printed "huyện Gio Linh")
	// DistrictShort is read and ignored: the first schema's key, never
	// printed; the loader warns that it can go.
	DistrictShort string `toml:"district_short"`
	// Status at the plan's date: "chua-dat" (not NTM yet), "dat-chuan"
	// (NTM), "nang-cao" (advanced NTM), "kieu-mau" (model NTM).
	Status string `toml:"status"`
	// Target: "dat-chuan", "nang-cao-chat-luong" (keep and raise quality),
	// "nang-cao", "kieu-mau".
	Target     string `toml:"target"`
	TargetYear int    `toml:"target_year"`
	// Missing lists the criteria (numbers of the set in force) the commune
	// had not met at the plan's date.
	Missing []int `toml:"missing"`
	// Region overrides the program's region, e.g. "TDMNPB" for a xã đặc
	// biệt khó khăn (QĐ 318).
	Region string `toml:"region"`
	Email  string `toml:"email,line,max=254"`
}

// Recipient is one line of "Nơi nhận" as printed, and the addressees it
// stands for ("UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai" = four).
type Recipient struct {
	Line       string      `toml:"line,line,max=200"` // without "- " and ";"
	Addressees []Addressee `toml:"addressees"`
}

// Addressee is one receiver of the documents: how it receives them and
// which. After Load, Delivery holds its default when the plan leaves it
// out; Documents stays nil then, and the distribution stage applies its
// defaults (a commune's People's Committee gets the plan, the
// consolidated report and its own report; a district's, those of its
// communes; an addressee tied to no commune or district, the workbook).
type Addressee struct {
	Name  string `toml:"name,line,max=200"`
	Email string `toml:"email,line,max=254"`
	// Commune is the ID of the commune whose People's Committee this is.
	Commune string `toml:"commune"`
	// District is the district whose communes' reports it gets (a
	// district People's Committee), as the communes write it.
	District string `toml:"district,line,max=80"`
	// Delivery is DeliveryEmail, DeliveryHand or DeliveryPost; default
	// email when Email is set, else by hand.
	Delivery string `toml:"delivery"`
	// Documents are the kinds of documents it gets, overriding the
	// defaults: DocPlan, DocReport, DocCommuneReport (limited to its
	// commune or district when it has one), DocWorkbook.
	Documents []string `toml:"documents"`
}

// Archive is the "Lưu:" line (ô 9b, last line): "VT", the other units
// that keep a copy, the drafting unit (document.drafting_unit_short),
// the drafter's initials and the number of copies: "Lưu: VT, KTN, NLJ
// (02b)". The plan writes it as a table (units, drafter, copies) or, as
// the first schema did, as the line itself: archive = "VT, KGVX, KTN".
type Archive struct {
	// Line is the line as written (without "Lưu:" and the final ".");
	// when set the other fields are empty.
	Line string `toml:"-"`
	// Units are the other units that keep a copy, printed after VT and
	// before the drafting unit ("KGVX").
	Units   []string `toml:"units,line,max=20"`
	Drafter string   `toml:"drafter,line,max=12"` // the drafter's initials, "NLJ"
	Copies  int      `toml:"copies"`              // copies kept, printed "(02b)"
}

type archiveFields Archive

// DecodeTOML reads the archive line written as a string or a table.
func (a *Archive) DecodeTOML(d *tomldec.Decoder, raw any, path string) {
	if s, ok := raw.(string); ok {
		d.Into(&a.Line, s, path)
		return
	}
	if _, ok := raw.(map[string]any); !ok {
		d.Wrong(path, "sai kiểu: archive là dòng \"Lưu:\" viết thành chuỗi (archive = \"VT, KTN\") hoặc một bảng [archive] (units, drafter, copies); thấy %s", tomldec.Describe(raw))
		return
	}
	d.Into((*archiveFields)(a), raw, path)
}

// Signer is the signature block (ô 7a, 7b): the title lines, then after
// the room for the signature and seal, the name.
type Signer struct {
	// Titles are the authority and position lines, in Decree 30's forms:
	// ["GIÁM ĐỐC"] (the head signs), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
	// ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
	// ["Q. GIÁM ĐỐC"], ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
	// ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]. Printed in capitals.
	Titles []string `toml:"titles,line,max=100"`
	Name   string   `toml:"name,line,max=80"` // "Trương Chí Trung"
	// Authority and Position are the first schema's two lines; the
	// loader moves them to Titles with a warning saying what to write.
	// After Load they mirror Titles when it has one line (Position) or
	// two (Authority, Position), for the readers of the first schema;
	// read TitleLines, which gives every form.
	Authority string `toml:"authority,line,max=100"`
	Position  string `toml:"position,line,max=100"`
}

// TitleLines are the signer's title lines: Titles, or the first
// schema's Authority and Position when Titles is empty.
func (s *Signer) TitleLines() []string {
	if len(s.Titles) > 0 {
		return s.Titles
	}
	var out []string
	for _, t := range []string{s.Authority, s.Position} {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Layout overrides the Decree 30 page layout within the decree's ranges.
// Zero values take the defaults.
type Layout struct {
	MarginTop    float64 `toml:"margin_top"`    // mm, 20–25
	MarginBottom float64 `toml:"margin_bottom"` // mm, 20–25
	MarginLeft   float64 `toml:"margin_left"`   // mm, 30–35
	MarginRight  float64 `toml:"margin_right"`  // mm, 15–20
	BodySize     float64 `toml:"body_size"`     // pt, 13–14
	LineSpacing  float64 `toml:"line_spacing"`  // multiple of single spacing, 1–1.5
	Indent       float64 `toml:"indent"`        // first-line indent, mm: 10 or 12.7
}

// StringList is a list of one-line texts that the plan may write as one
// string when it has one element: kinh_gui = "UBND tỉnh Hà Tĩnh".
type StringList []string

// DecodeTOML reads a string or an array of strings.
func (l *StringList) DecodeTOML(d *tomldec.Decoder, raw any, path string) {
	if s, ok := raw.(string); ok {
		var one string
		d.Into(&one, s, path)
		*l = StringList{one}
		return
	}
	var many []string
	d.Into(&many, raw, path)
	*l = many
}
