// Package decree30 is the one list of the layout facts of Decree
// 30/2020/NĐ-CP, Appendix I, that ntm uses: the ranges the decree allows
// for margins, sizes and spacing, and the value ntm takes within each
// range when the input says nothing. The plan loader checks a plan's
// [layout] against these ranges, the report model takes its defaults from
// here, and the PDF renderer takes its type sizes from here, so that a
// fact is written once.
//
// It is pure data and imports nothing from ntm.
package decree30

// Range is an interval the decree allows, with ntm's default inside it.
type Range struct {
	Min, Max, Default float64
	Unit              string // "mm", "pt", "lần dòng đơn"
	Name              string // Vietnamese name of the quantity, for messages
}

// Contains reports whether v lies within the range.
func (r Range) Contains(v float64) bool { return v >= r.Min-1e-9 && v <= r.Max+1e-9 }

// The page layout (Appendix I, §I and §II.6): margins, body text size,
// line spacing ("từ cách dòng đơn đến 1,5 dòng"), first-line indent ("1
// cm hoặc 1,27 cm") and the space between paragraphs ("tối thiểu 6 pt").
var (
	MarginTop    = Range{20, 25, 20, "mm", "lề trên"}
	MarginBottom = Range{20, 25, 20, "mm", "lề dưới"}
	MarginLeft   = Range{30, 35, 30, "mm", "lề trái"}
	MarginRight  = Range{15, 20, 15, "mm", "lề phải"}
	BodySize     = Range{13, 14, 14, "pt", "cỡ chữ nội dung"}
	LineSpacing  = Range{1, 1.5, 1.15, "lần dòng đơn", "khoảng cách dòng"}
	ParaSpacing  = Range{6, 12, 6, "pt", "khoảng cách giữa các đoạn"}
)

// Indents are the two first-line indents the decree allows, in mm.
var Indents = []float64{10, 12.7}

// DefaultIndent is the first-line indent ntm uses, mm.
const DefaultIndent = 12.7

// Type sizes (pt) ntm uses, each chosen within the decree's range for the
// box (the range is in the comment).
const (
	SizeParent       = 13 // ô 2, parent agency, 12–13, upright
	SizeAgency       = 13 // ô 2, issuing agency, 12–13, bold
	SizeAgencyMin    = 12 // ô 2, the least size, for a name that breaks badly at 13
	SizeMotto1       = 12 // ô 1, Quốc hiệu, 12–13, bold
	SizeMotto2       = 13 // ô 1, Tiêu ngữ, 13–14, bold
	SizeNumber       = 13 // ô 3, "Số:", 13
	SizePlaceDate    = 14 // ô 4, 13–14, italic
	SizePlaceDateMin = 13 // ô 4, the least size, for a place and date too long at 14
	SizeType         = 14 // ô 5a, tên loại, 13–14, bold
	SizeTitle        = 14 // ô 5a, trích yếu, 13–14, bold
	SizeKinhGui      = 14 // ô 9a, 13–14
	SizeRecvLabel    = 12 // ô 9b, "Nơi nhận:", 12, bold italic
	SizeRecv         = 11 // ô 9b, the list, 11
	SizeSigner       = 14 // ô 7a, 7b, 13–14, bold
	SizePageNo       = 13 // page numbers, 13–14, upright
	SizeAnnexLabel   = 14 // "Phụ lục I", 14, bold
	SizeAnnexTitle   = 14 // the appendix's title, 13–14, bold capitals
	SizeAnnexNote    = 14 // "(Kèm theo …)", 13–14, italic
)

// The national name and motto of ô 1, and the words that open ô 9a and
// ô 9b.
const (
	NationalName    = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	NationalMotto   = "Độc lập - Tự do - Hạnh phúc"
	KinhGuiLabel    = "Kính gửi:"
	RecipientsLabel = "Nơi nhận:"
)

// Rules (Appendix I, §II.1b, 2b, 5b): the rule under the motto is as long
// as the motto; the rules under the issuing agency's name and under the
// trích yếu are 1/3 to 1/2 of the line above them (the longest, when the
// name takes several lines), centred; ntm draws RuleShare of it.
const (
	RuleMin   = 1.0 / 3
	RuleMax   = 0.5
	RuleShare = 0.4
)

// The geometry ntm gives the boxes the decree places but does not
// measure (its diagram, Mục IV, is an image).
const (
	// HeaderLeftShare is the share of the header's width taken by ô 2
	// and 3 (agency, number); ô 1 and 4 (national name, place and date)
	// take the rest, flush with the right margin. The signer's block (ô
	// 7) is centred under ô 1.
	HeaderLeftShare = 0.42
	// SignatureSpace is the room between the signer's titles and name
	// for the signature and the seal (ô 7c, 8), mm.
	SignatureSpace = 25.0
)

// HeaderWidth is the widest the two-column header runs, mm: the text
// width of a portrait page with the default margins, so that on a
// landscape page the header keeps its proportions.
var HeaderWidth = PageWidth - MarginLeft.Default - MarginRight.Default

// A4 in millimetres.
const (
	PageWidth  = 210.0
	PageHeight = 297.0
)
