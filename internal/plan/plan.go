package plan

import (
	"time"

	"github.com/ntm-project/ntm/internal/tomlpos"
)

// Plan is one sponsorship plan ("Kế hoạch thực hiện công tác phụ trách,
// đỡ đầu …"): the document's header data, its body, the communes it
// covers, its recipients and its signer. Its TOML form is input/plan.toml;
// see the README for the schema.
type Plan struct {
	Document   Document    `toml:"document"`
	Program    Program     `toml:"program"`
	Opening    []string    `toml:"opening"`  // paragraphs before section I ("Căn cứ …"); templates like Item.Text, render through Expand
	Sections   []Section   `toml:"sections"` // numbered I, II, III… by the renderer
	Closing    []string    `toml:"closing"`  // paragraphs after the last section ("Trên đây …"); templates like Item.Text
	Communes   []Commune   `toml:"communes"`
	Recipients []Recipient `toml:"recipients"`
	Archive    string      `toml:"archive"` // the "Lưu:" line without "Lưu:", e.g. "VT, KGVX, KTN"
	Signer     Signer      `toml:"signer"`
	Layout     Layout      `toml:"layout"`

	// File is the path the plan was loaded from, for messages.
	File string `toml:"-"`
	// idx maps key paths to their lines in File.
	idx *tomlpos.Index
}

// Document is the header of the plan as a document under Decree
// 30/2020/NĐ-CP: who issues it, its number, place, date and title.
type Document struct {
	ParentAgency      string    `toml:"parent_agency"`       // "UBND TỈNH QUẢNG TRỊ" (ô 2, not bold)
	Agency            string    `toml:"agency"`              // "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" (ô 2, bold)
	AgencyName        string    `toml:"agency_name"`         // in running text: "Sở Kế hoạch và Đầu tư"
	AgencyShort       string    `toml:"agency_short"`        // "SKH"
	Type              string    `toml:"type"`                // "Kế hoạch" (printed in caps)
	Number            int       `toml:"number"`              // 2071
	Symbol            string    `toml:"symbol"`              // "SKH-KTN" (printed after "/")
	Place             string    `toml:"place"`               // "Quảng Trị"
	Date              time.Time `toml:"date"`                // TOML local date, 2020-12-08; loaded as 00:00 UTC of that day
	Title             string    `toml:"title"`               // trích yếu
	Subject           string    `toml:"subject"`             // PDF subject; defaults to Title
	Keywords          []string  `toml:"keywords"`            // PDF keywords
	DraftingUnit      string    `toml:"drafting_unit"`       // "Phòng Kinh tế ngành"
	DraftingUnitShort string    `toml:"drafting_unit_short"` // "KTN"
}

// Program says which criteria set and region the plan's communes are
// judged against.
type Program struct {
	Province    string `toml:"province"`     // "Quảng Trị"
	Region      string `toml:"region"`       // criteria.Region code, "BTB"
	CriteriaSet string `toml:"criteria_set"` // criteria set ID in force at the plan's date
	StartYear   int    `toml:"start_year"`   // first year the plan covers
	EndYear     int    `toml:"end_year"`     // last year the plan covers
}

// Section is one Roman-numbered part of the body ("I. Mục đích, yêu cầu").
type Section struct {
	Title string `toml:"title"`
	// Style of the items: "dash" (default, "- "), "numbered" ("1.", "2.")
	// or "plain" (paragraphs).
	Style string `toml:"style"`
	Items []Item `toml:"items"`
}

// Item is a paragraph of a section. Its Text is a text/template with the
// functions listed in the README ({{xa "gio-mai"}}, {{thieu "thuan"}}, …)
// so that text that follows from data is not typed twice. Sub-items are
// printed as "+ " lines.
type Item struct {
	Text  string `toml:"text"`
	Items []Item `toml:"items"`
}

// Commune is one sponsored commune.
type Commune struct {
	ID            string `toml:"id"`             // stable key: "gio-mai"
	Name          string `toml:"name"`           // "Gio Mai" (printed "xã Gio Mai")
	District      string `toml:"district"`       // "Gio Linh" (printed "huyện Gio Linh")
	DistrictShort string `toml:"district_short"` // "GL"
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
	Email  string `toml:"email"`
}

// Recipient is one line of "Nơi nhận" as printed, and the addressees it
// stands for ("UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai" = four).
type Recipient struct {
	Line       string      `toml:"line"` // without "- " and ";"
	Addressees []Addressee `toml:"addressees"`
}

// Addressee is one receiver of the documents.
type Addressee struct {
	Name    string `toml:"name"`
	Email   string `toml:"email"`
	Commune string `toml:"commune"` // ID of the commune whose people's committee this is
}

// Signer is the signature block (ô 7a, 7b).
type Signer struct {
	Authority string `toml:"authority"` // "KT. GIÁM ĐỐC" (may be empty when the head signs)
	Position  string `toml:"position"`  // "PHÓ GIÁM ĐỐC"
	Name      string `toml:"name"`      // "Trương Chí Trung"
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
