package plan

import "github.com/ntm-project/ntm/internal/decree30"

// Commune statuses (Commune.Status).
const (
	StatusChuaDat  = "chua-dat"  // not NTM yet
	StatusDatChuan = "dat-chuan" // NTM
	StatusNangCao  = "nang-cao"  // advanced NTM
	StatusKieuMau  = "kieu-mau"  // model NTM
)

// Statuses lists the valid Commune.Status values.
var Statuses = []string{StatusChuaDat, StatusDatChuan, StatusNangCao, StatusKieuMau}

// StatusLabel is how a table prints each status.
var StatusLabel = map[string]string{
	StatusChuaDat:  "Chưa đạt chuẩn",
	StatusDatChuan: "Đạt chuẩn NTM",
	StatusNangCao:  "Đạt chuẩn NTM nâng cao",
	StatusKieuMau:  "Đạt chuẩn NTM kiểu mẫu",
}

// Targets lists the valid Commune.Target values.
var Targets = []string{"dat-chuan", "nang-cao-chat-luong", "nang-cao", "kieu-mau"}

// TargetLabel is how a table prints each target.
var TargetLabel = map[string]string{
	"dat-chuan":           "Đạt chuẩn NTM",
	"nang-cao-chat-luong": "Nâng cao chất lượng các tiêu chí",
	"nang-cao":            "Đạt chuẩn NTM nâng cao",
	"kieu-mau":            "Đạt chuẩn NTM kiểu mẫu",
}

// List kinds (Section.List, Item.List, Annex.List): how the items of a
// list are marked.
const (
	ListNumbered = "numbered" // "1.", "2." (khoản)
	ListLetters  = "letters"  // "a)", "b)" (điểm), in the Vietnamese alphabet
	ListDash     = "dash"     // "- "
	ListPlus     = "plus"     // "+ "
	ListPlain    = "plain"    // no marker: paragraphs
)

// Lists lists the valid list kinds, in the order of the usual depths of
// an administrative text (1. → a) → - → +): a list's sub-items take the
// kind after its own unless they say otherwise.
var Lists = []string{ListNumbered, ListLetters, ListDash, ListPlus, ListPlain}

// SubList is the default kind of the sub-items of an item in a list of
// kind k.
func SubList(k string) string {
	switch k {
	case ListNumbered:
		return ListLetters
	case ListLetters:
		return ListDash
	default: // dash, plus, plain
		return ListPlus
	}
}

// Letters are the markers of ListLetters: the Vietnamese alphabet
// without the letters with marks other than đ (Decree 30: "các chữ cái
// tiếng Việt theo thứ tự bảng chữ cái").
var Letters = []string{"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"}

// Heading styles (Item.Style).
const (
	StyleBold       = "bold"
	StyleItalic     = "italic"
	StyleBoldItalic = "bold-italic"
)

// HeadingStyles lists the valid Item.Style values.
var HeadingStyles = []string{StyleBold, StyleItalic, StyleBoldItalic}

// Aligns lists the valid alignments of a column or a cell.
var Aligns = []string{"left", "center", "right", "justify"}

// GeneratedCommunes is the table of sponsored communes, built from the
// [[communes]] data.
const GeneratedCommunes = "communes"

// The columns of the table of sponsored communes (Table.Fields).
const (
	FieldNo       = "tt"         // "TT"
	FieldCommune  = "xa"         // the commune's name
	FieldDistrict = "huyen"      // its district
	FieldStatus   = "hien-trang" // status at the plan's date
	FieldTarget   = "muc-tieu"   // target
	FieldYear     = "nam"        // target year
	FieldMissing  = "thieu"      // the criteria still lacking, with their names
)

// CommuneFields lists the columns of the table of sponsored communes.
var CommuneFields = []string{FieldNo, FieldCommune, FieldDistrict, FieldStatus, FieldTarget, FieldYear, FieldMissing}

// Delivery modes (Addressee.Delivery).
const (
	DeliveryEmail = "email"    // by e-mail to Addressee.Email
	DeliveryHand  = "tay"      // handed over
	DeliveryPost  = "buu-dien" // by post
)

// Deliveries lists the valid delivery modes.
var Deliveries = []string{DeliveryEmail, DeliveryHand, DeliveryPost}

// Kinds of documents an addressee gets (Addressee.Documents).
const (
	DocPlan          = "ke-hoach"   // the plan
	DocReport        = "bao-cao"    // the consolidated report of a period
	DocCommuneReport = "bao-cao-xa" // the communes' own reports: its commune's, its district's communes', or all
	DocWorkbook      = "tong-hop"   // the consolidated workbook
)

// Documents lists the valid kinds of documents.
var Documents = []string{DocPlan, DocReport, DocCommuneReport, DocWorkbook}

// Authorities are the signer's authority prefixes of Decree 30 (ô 7a):
// thay mặt (a collective body), quyền (acting head), ký thay (a deputy
// for the head), thừa lệnh, thừa ủy quyền.
var Authorities = []string{"TM.", "Q.", "KT.", "TL.", "TUQ."}

// MaxCriterion is the number of criteria of the national sets (QĐ
// 1980/QĐ-TTg and QĐ 318/QĐ-TTg both have 19).
const MaxCriterion = 19

// Limits on the size of what a plan can make: a plan's documents are
// bounded by these, whatever its file holds.
const (
	// MaxDocumentText bounds the text of all the plan's paragraphs,
	// headings and cells after expansion, in characters: about 600
	// pages, a national plan's table of communes included.
	MaxDocumentText = 2_000_000
	// MaxDepth bounds the nesting of items below a section or annex
	// (1. → a) → - → + → + …).
	MaxDepth = 6
	// MaxTableRows and MaxTableColumns bound a table.
	MaxTableRows    = 20000
	MaxTableColumns = 20
)

// DefaultLayout is the Decree 30/2020/NĐ-CP page layout used for every
// Layout field left at zero: ntm's defaults within the decree's ranges
// (package decree30).
var DefaultLayout = Layout{
	MarginTop:    decree30.MarginTop.Default,
	MarginBottom: decree30.MarginBottom.Default,
	MarginLeft:   decree30.MarginLeft.Default,
	MarginRight:  decree30.MarginRight.Default,
	BodySize:     decree30.BodySize.Default,
	LineSpacing:  decree30.LineSpacing.Default,
	Indent:       decree30.DefaultIndent,
}
