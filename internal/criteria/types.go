package criteria

import (
	"fmt"
	"strconv"
	"strings"
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

// Set is one criteria set, e.g. "1980-2016" (QĐ 1980/QĐ-TTg, xã NTM
// 2016-2020).
type Set struct {
	ID        string // stable key used by the plan and the forms, e.g. "qd1980-2016"
	Name      string // "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016-2020"
	Decision  string // "Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ"
	Level     string // "ntm", "nang-cao", "kieu-mau"
	FromYear  int    // first year the set applies to
	ToYear    int    // last year the set applies to
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
	Op        Op
	// Thresholds by region; Chung is the national column. A region not
	// listed falls back to Chung.
	Thresholds map[Region]Threshold
	// ByYear overrides Thresholds for indicators whose target moves each
	// year (income): year → region → threshold.
	ByYear   map[int]map[Region]Threshold
	Source   string // citation of the value
	Verified bool   // checked against the decision's text
	Note     string // what is uncertain
}

// Threshold is the target value of an indicator in one region.
// For KindBool, Value is 1 (Đạt); for KindZero, Value is 0.
type Threshold struct {
	Value float64
	Text  string // as printed in forms and reports, e.g. "≥70%", "Đạt", "Không"
}
