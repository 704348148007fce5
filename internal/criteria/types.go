package criteria

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Region is one of the seven regions of the national sets, or Chung for
// the national ("chỉ tiêu chung") column.
type Region string

// The region codes used in the data files and in the plan.
const (
	Chung  Region = "chung"
	TDMNPB Region = "TDMNPB" // Trung du miền núi phía Bắc
	DBSH   Region = "DBSH"   // Đồng bằng sông Hồng
	BTB    Region = "BTB"    // Bắc Trung Bộ
	DHNTB  Region = "DHNTB"  // Duyên hải Nam Trung Bộ
	TN     Region = "TN"     // Tây Nguyên
	DNB    Region = "DNB"    // Đông Nam Bộ
	DBSCL  Region = "DBSCL"  // Đồng bằng sông Cửu Long
)

// Regions lists the seven regions in the order of the decisions' tables.
var Regions = []Region{TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL}

// RegionName is the Vietnamese name of each region code.
var RegionName = map[Region]string{
	Chung:  "Chung",
	TDMNPB: "Trung du miền núi phía Bắc",
	DBSH:   "Đồng bằng sông Hồng",
	BTB:    "Bắc Trung Bộ",
	DHNTB:  "Duyên hải Nam Trung Bộ",
	TN:     "Tây Nguyên",
	DNB:    "Đông Nam Bộ",
	DBSCL:  "Đồng bằng sông Cửu Long",
}

// Kind is what an indicator's value is.
type Kind string

// The indicator kinds.
const (
	KindBool    Kind = "bool"    // "Đạt" / "Chưa đạt"
	KindPercent Kind = "percent" // a percentage, 0–100
	KindMoney   Kind = "money"   // triệu đồng/người/năm
	KindZero    Kind = "zero"    // a count that must be 0 ("Không")
	KindNumber  Kind = "number"  // any other count or measure
)

// Op is the comparison of a value against its threshold.
type Op string

// The comparisons.
const (
	GE Op = ">=" // value ≥ threshold (most indicators)
	LE Op = "<=" // value ≤ threshold (ceilings: poverty, stunting)
	EQ Op = "="  // value = threshold (bool "Đạt", count "Không")
)

// Half is a six-month period of a year: H1 = 6 tháng đầu năm, H2 = 6
// tháng cuối năm (its report is the whole year's).
type Half int

// The halves.
const (
	H1 Half = 1
	H2 Half = 2
)

// Period is one six-monthly assessment period, written "2021-H1".
type Period struct {
	Year int
	Half Half
}

// ParsePeriod reads "2021-H1" or "2021-H2" (case-insensitive H).
func ParsePeriod(s string) (Period, error) {
	y, h, ok := strings.Cut(strings.TrimSpace(s), "-")
	if ok {
		year, err := strconv.Atoi(y)
		h = strings.ToUpper(h)
		if err == nil && year >= 1900 && year <= 9999 && (h == "H1" || h == "H2") {
			return Period{Year: year, Half: Half(h[1] - '0')}, nil
		}
	}
	return Period{}, fmt.Errorf("kỳ đánh giá %q không hợp lệ: cần dạng NĂM-H1 hoặc NĂM-H2, ví dụ 2021-H1", s)
}

// String formats the period as "2021-H1".
func (p Period) String() string { return fmt.Sprintf("%d-H%d", p.Year, p.Half) }

// Label is the Vietnamese name of the period: "6 tháng đầu năm 2021" or
// "năm 2021" (the second half's report covers the whole year).
func (p Period) Label() string {
	if p.Half == H1 {
		return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
	}
	return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
}

// Before reports whether p comes before q.
func (p Period) Before(q Period) bool {
	if p.Year != q.Year {
		return p.Year < q.Year
	}
	return p.Half < q.Half
}

// Next is the period after p.
func (p Period) Next() Period {
	if p.Half == H1 {
		return Period{p.Year, H2}
	}
	return Period{p.Year + 1, H1}
}

// Prev is the period before p.
func (p Period) Prev() Period {
	if p.Half == H2 {
		return Period{p.Year, H1}
	}
	return Period{p.Year - 1, H2}
}

// Catalogue is every criteria set known to the program: the embedded
// national sets, with a province's corrections applied.
type Catalogue struct {
	Sets []*Set
}

// Set is one criteria set, e.g. "qd1980-2016" (QĐ 1980/QĐ-TTg, xã NTM
// 2016-2020).
type Set struct {
	ID       string // stable key used by the plan and the forms, e.g. "qd1980-2016"
	Name     string // "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016-2020"
	Decision string // "Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ"
	Level    string // "ntm", "nang-cao", "kieu-mau"
	// Issued is the day the decision was signed, Effective the day from
	// which it applies (both UTC midnight; zero when the data gives
	// none, then Effective counts as 1 January of FromYear). A set is in
	// force from Effective until the day before the next set of its
	// level takes effect, the last one until 31 December of ToYear (see
	// Catalogue.InForce).
	Issued    time.Time
	Effective time.Time
	FromYear  int // first year of the period the decision covers ("giai đoạn 2016-2020")
	ToYear    int // last year of that period
	// HardshipRegion is the region whose column a xã đặc biệt khó khăn
	// (and the other communes the decision names) applies instead of its
	// own: TDMNPB for QĐ 318, both annexes. Empty when the decision has
	// no such rule. See RegionFor.
	HardshipRegion Region
	HardshipSource string // the decision's sentence or its citation
	// Unusable, when not empty, says why nothing may be judged against
	// the set (its indicators are not known yet); see Usable.
	Unusable  string
	Criteria  []*Criterion
	Source    string // where the data came from
	Provinces string // file(s) that corrected it, if any
}

// Criterion is one of the (usually 19) criteria of a set.
type Criterion struct {
	Number     int    // 1–19
	Name       string // official name, e.g. "Hệ thống chính trị và tiếp cận pháp luật"
	Group      string // the set's group, e.g. "Hạ tầng kinh tế - xã hội"
	Indicators []*Indicator
}

// Indicator is one measurable line of a criterion ("chỉ tiêu").
type Indicator struct {
	ID        string // "2.1"; a criterion with one indicator uses its number, "5"
	Criterion int    // number of the criterion it belongs to
	Text      string // the wording of the decision
	Unit      string // "%", "triệu đồng/người/năm", "" for bool
	Kind      Kind
	// Op is the comparison of every threshold of the indicator; empty
	// only when no threshold has one (all are "tỉnh quy định" or "chưa
	// rõ" without a comparison).
	Op Op
	// Thresholds by region; Chung is the national column. A region not
	// listed falls back to Chung.
	Thresholds map[Region]Threshold
	// ByYear overrides Thresholds for indicators whose target moves each
	// year (income): year → region → threshold.
	ByYear map[int]map[Region]Threshold
	Source string // citation of the values, with the sentence that gives them
	// Verified says whether the thresholds were checked against the
	// decision's text or an official restatement of it; RegionVerified
	// overrides it for single columns (Chung is the national one): the
	// columns a source confirmed while others were not, or the regions a
	// province's file changed. See VerifiedFor.
	Verified       bool
	RegionVerified map[Region]bool
	Note           string // what is uncertain
}

// Threshold is the target value of an indicator in one region.
// For KindBool, Value is 1 (Đạt); for KindZero, Value is 0.
type Threshold struct {
	Value float64
	Text  string // as printed in forms and reports, e.g. "≥70%", "Đạt", "Không"
	// Gap says why there is no figure to judge against; GapNone when
	// Value is one. Meets never holds for a threshold with a gap.
	Gap Gap
}

// Gap is why a threshold has no figure.
type Gap string

// The gaps.
const (
	GapNone Gap = ""
	// GapProvince: the decision leaves the figure to the province ("UBND
	// cấp tỉnh quy định cụ thể") and no province file gave it. Written
	// "tỉnh quy định" in the data.
	GapProvince Gap = "province"
	// GapUnknown: the decision has a figure but the data does not (it
	// could not be verified). Written "chưa rõ" in the data.
	GapUnknown Gap = "unknown"
)

// Judgeable reports whether the threshold has a figure to judge against.
func (t Threshold) Judgeable() bool { return t.Gap == GapNone }

// Reason is the clerk's explanation of a gap, "" for GapNone.
func (g Gap) Reason() string {
	switch g {
	case GapProvince:
		return "quyết định giao UBND cấp tỉnh quy định cụ thể mức đạt, nhưng chưa có mức của tỉnh (khai báo trong input/criteria/*.toml)"
	case GapUnknown:
		return "dữ liệu chưa có mức đạt của quyết định (chưa đối chiếu được văn bản)"
	}
	return ""
}

// VerifiedFor reports whether the indicator's threshold for region r (Chung:
// the national column) was checked against the decision's text.
func (ind *Indicator) VerifiedFor(r Region) bool {
	if v, ok := ind.RegionVerified[r]; ok {
		return v
	}
	return ind.Verified
}
