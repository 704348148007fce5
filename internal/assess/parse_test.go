package assess

import (
	"math"
	"testing"

	"github.com/ntm-project/ntm/internal/criteria"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{"85", 85, false},
		{"85,5", 85.5, false},
		{"85.5", 85.5, false},
		{"36,5", 36.5, false},
		{"1.234,5", 1234.5, false},
		{"1,234.5", 1234.5, false},
		{"1.234.567", 1234567, false},
		{"1,234,567", 1234567, false},
		{"1 234 567,25", 1234567.25, false},
		{"1\u00a0234", 1234, false},
		{"1,234", 1.234, false}, // single separator = decimal mark
		{"1.234", 1.234, false},
		{" -3 ", -3, false},
		{"−3,5", -3.5, false},
		{"+2", 2, false},
		{",5", 0.5, false},
		{"5,", 5, false},
		{"8.5500000000000005E-2", 0.0855, false},
		{"85.50000000000001", 85.5, false},
		{"1.1000000000000001", 1.1, false},
		{"", 0, true},
		{"-", 0, true},
		{"abc", 0, true},
		{"85,5%", 0, true},
		{"1.2.3,4,5", 0, true},
		{"1.23.456", 0, true},
		{"12 34", 0, true},
		{"NaN", 0, true},
		{"Inf", 0, true},
		{"1e999", 0, true},
		{"0x10", 0, true},
		{"--5", 0, true},
		{"1,2.3", 0, true},
		{"1.234,5,6", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("ParseNumber(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		raw     string
		kind    criteria.Kind
		pctCell bool
		want    float64
		err     string
	}{
		{"85,5%", criteria.KindPercent, false, 85.5, ""},
		{"85,5 %", criteria.KindPercent, false, 85.5, ""},
		{"85.5", criteria.KindPercent, false, 85.5, ""},
		{"0.855", criteria.KindPercent, true, 85.5, ""},
		{"0.85499999999999998", criteria.KindPercent, true, 85.5, ""},
		{"1", criteria.KindPercent, true, 100, ""},
		{"100", criteria.KindPercent, false, 100, ""},
		{"100,5", criteria.KindPercent, false, 0, `giá trị "100,5" lớn hơn 100%`},
		{"-1", criteria.KindPercent, false, 0, `giá trị "-1" là số âm`},
		{"abc", criteria.KindPercent, false, 0, `giá trị "abc" không phải là số`},
		{"", criteria.KindPercent, false, 0, "chưa có giá trị"},
		{"Đạt", criteria.KindBool, false, 1, ""},
		{"chưa đạt", criteria.KindBool, false, 0, ""},
		{"x", criteria.KindBool, false, 1, ""},
		{"1", criteria.KindBool, false, 0, `giá trị "1" không hợp lệ`},
		{"Không", criteria.KindZero, false, 0, ""},
		{"không có", criteria.KindZero, false, 0, ""},
		{"0", criteria.KindZero, false, 0, ""},
		{"3", criteria.KindZero, false, 3, ""},
		{"2,5", criteria.KindZero, false, 0, `giá trị "2,5" không phải là số nguyên`},
		{"Đạt", criteria.KindZero, false, 0, `giá trị "Đạt" không phải là số`},
		{"36,5", criteria.KindMoney, false, 36.5, ""},
		{"45,2 triệu đồng/người/năm", criteria.KindMoney, false, 45.2, ""},
		{"45 trđ", criteria.KindMoney, false, 45, ""},
		{"-2", criteria.KindMoney, false, 0, `giá trị "-2" là số âm`},
		{"85%", criteria.KindMoney, false, 0, `giá trị "85%" không phải là số`},
		{"1.234", criteria.KindNumber, false, 1.234, ""},
		{"0.5", criteria.KindNumber, true, 0.5, ""}, // percent format only matters for percent indicators
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.raw, func(t *testing.T) {
			got, err := ParseValue(tt.raw, tt.kind, tt.pctCell)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.err || (err == nil && got != tt.want) {
				t.Errorf("ParseValue(%q, %s, %v) = %v, %q; want %v, %q", tt.raw, tt.kind, tt.pctCell, got, gotErr, tt.want, tt.err)
			}
		})
	}
}

func TestParseVerdict(t *testing.T) {
	met := []string{"Đạt", "đạt", "DAT", "Dat", "ĐẠT", "x", "X", "✓", "✔", " Đạt. ", "Đạt chuẩn", "Đ", nfd("Đạt"), "TRUE"}
	notMet := []string{"Chưa đạt", "chua dat", "CHƯA ĐẠT", "Không đạt", "CĐ", "cđ", "-", "–", "Chưa", "Không", "FALSE", nfd("Chưa  đạt")}
	bad := []string{"", " ", "ok", "1", "0", "Đạt?", "Có", "v", "xx", "Đạt/Chưa đạt"}
	for _, s := range met {
		if m, ok := ParseVerdict(s); !ok || !m {
			t.Errorf("ParseVerdict(%q) = %v, %v; want met", s, m, ok)
		}
	}
	for _, s := range notMet {
		if m, ok := ParseVerdict(s); !ok || m {
			t.Errorf("ParseVerdict(%q) = %v, %v; want not met", s, m, ok)
		}
	}
	for _, s := range bad {
		if m, ok := ParseVerdict(s); ok {
			t.Errorf("ParseVerdict(%q) = %v, %v; want not understood", s, m, ok)
		}
	}
}

func TestFoldAndLabels(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kết quả\nkỳ  này", "ket qua ky nay"},
		{nfd("Đơn vị"), "don vi"},
		{"  Ghi chú, minh chứng ", "ghi chu minh chung"},
		{"Tỷ lệ %", "ty le %"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	keys := map[string]int{"STT": colTT, "Kết quả thực hiện kỳ này": colResult, "Kỳ trước": colPrev,
		"Tự đánh giá của xã": colSelf, "Chỉ tiêu đạt chuẩn": colThreshold, "Tên": -1}
	for in, want := range keys {
		if got := colKey(in); got != want {
			t.Errorf("colKey(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestParsePeriodText(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"2021-H1", "2021-H1"},
		{"2021-h2", "2021-H2"},
		{"2021 - H1", "2021-H1"},
		{"2021-H1 (6 tháng đầu năm 2021)", "2021-H1"},
		{"6 tháng đầu năm 2021", "2021-H1"},
		{"6 tháng cuối năm 2022", "2022-H2"},
		{"Năm 2023", "2023-H2"},
		{"H1/2021", "2021-H1"},
		{"quý 2", ""},
		{"2021", ""},
	}
	for _, tt := range tests {
		p, ok := parsePeriodText(tt.in)
		got := ""
		if ok {
			got = p.String()
		}
		if got != tt.want {
			t.Errorf("parsePeriodText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRoundSig(t *testing.T) {
	if got := roundSig(0.1 + 0.2); got != 0.3 {
		t.Errorf("roundSig(0.1+0.2) = %v", got)
	}
	if got := roundSig(math.Inf(1)); !math.IsInf(got, 1) {
		t.Errorf("roundSig(+Inf) = %v", got)
	}
}
