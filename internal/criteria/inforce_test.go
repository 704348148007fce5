package criteria

import (
	"strings"
	"testing"
	"time"
)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestInForce(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		level string
		date  time.Time
		want  string
	}{
		{"ntm", date(2016, 11, 30), ""}, // QĐ 1980 takes effect on 01/12/2016
		{"ntm", date(2016, 12, 1), "qd1980-2016"},
		{"ntm", date(2020, 12, 8), "qd1980-2016"}, // the seed plan
		{"ntm", date(2022, 1, 5), "qd1980-2016"},  // QĐ 318 not yet signed
		{"ntm", date(2022, 3, 7), "qd1980-2016"},
		{"ntm", date(2022, 3, 8), "qd318-2022"},
		{"ntm", date(2025, 12, 31), "qd318-2022"},
		{"ntm", date(2026, 1, 1), ""}, // QĐ 318 covers 2021-2025 and has no successor here
		{"nang-cao", date(2022, 3, 7), ""},
		{"nang-cao", date(2023, 6, 30), "qd318-2022-nang-cao"},
		{"kieu-mau", date(2023, 6, 30), ""},
	}
	for _, tt := range tests {
		got := ""
		if s := c.InForce(tt.level, tt.date); s != nil {
			got = s.ID
		}
		if got != tt.want {
			t.Errorf("InForce(%q, %s) = %q, want %q", tt.level, tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
	// A date in another location counts by its calendar day.
	if s := c.InForce("ntm", time.Date(2022, 3, 8, 23, 0, 0, 0, time.FixedZone("ICT", 7*3600))); s == nil || s.ID != "qd318-2022" {
		t.Errorf("08/3/2022 23:00 ICT: %v", s)
	}
	if got := c.Until(c.Set("qd1980-2016")); !got.Equal(date(2022, 3, 7)) {
		t.Errorf("Until(qd1980-2016) = %v, want 2022-03-07", got)
	}
}

func TestForPeriodAndYear(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		period string
		want   string
	}{
		{"2016-H1", ""}, // 30/06/2016: before QĐ 1980
		{"2016-H2", "qd1980-2016"},
		{"2020-H2", "qd1980-2016"},
		{"2021-H1", "qd1980-2016"},
		{"2021-H2", "qd1980-2016"},
		{"2022-H1", "qd318-2022"}, // 30/06/2022: QĐ 318 since 08/3/2022
		{"2025-H2", "qd318-2022"},
		{"2026-H1", ""},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.period)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if s := c.ForPeriod("ntm", p); s != nil {
			got = s.ID
		}
		if got != tt.want {
			t.Errorf("ForPeriod(%s) = %q, want %q", tt.period, got, tt.want)
		}
		// ForYear is the set of the year's second half.
		if p.Half == H2 {
			gotY := ""
			if s := c.ForYear("ntm", p.Year); s != nil {
				gotY = s.ID
			}
			if gotY != tt.want {
				t.Errorf("ForYear(%d) = %q, want %q", p.Year, gotY, tt.want)
			}
		}
	}
	if p := (Period{2021, H1}); !p.Start().Equal(date(2021, 1, 1)) || !p.End().Equal(date(2021, 6, 30)) {
		t.Errorf("2021-H1 = %v … %v", p.Start(), p.End())
	}
	if p := (Period{2021, H2}); !p.Start().Equal(date(2021, 7, 1)) || !p.End().Equal(date(2021, 12, 31)) {
		t.Errorf("2021-H2 = %v … %v", p.Start(), p.End())
	}
}

func TestNotInForce(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set  string
		date time.Time
		want string // "" when in force
	}{
		{"qd1980-2016", date(2020, 12, 8), ""},
		{"qd318-2022", date(2022, 3, 8), ""},
		{"qd318-2022", date(2022, 1, 5), "bộ tiêu chí qd318-2022 (Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ (Phụ lục I)) chỉ áp dụng từ ngày 08/03/2022, sau ngày 05/01/2022; ngày 05/01/2022 áp dụng bộ qd1980-2016 (Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ)"},
		{"qd1980-2016", date(2023, 1, 2), "bộ tiêu chí qd1980-2016 (Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ) chỉ áp dụng đến hết ngày 07/03/2022, trước ngày 02/01/2023; ngày 02/01/2023 áp dụng bộ qd318-2022 (Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ (Phụ lục I))"},
		{"qd1980-2016", date(2016, 10, 20), "bộ tiêu chí qd1980-2016 (Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ) chỉ áp dụng từ ngày 01/12/2016, sau ngày 20/10/2016; ngày 20/10/2016 không có bộ tiêu chí cấp \"ntm\" nào trong danh mục"},
	}
	for _, tt := range tests {
		if got := c.NotInForce(c.Set(tt.set), tt.date); got != tt.want {
			t.Errorf("NotInForce(%s, %s) =\n%q\nwant\n%q", tt.set, tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
}

// TestDatesInData checks the dates of the embedded sets against the
// decisions (QĐ 1980 signed 17/10/2016, in force 01/12/2016; QĐ 318 signed
// and in force 08/3/2022).
func TestDatesInData(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id                string
		issued, effective time.Time
		from, to          int
	}{
		{"qd1980-2016", date(2016, 10, 17), date(2016, 12, 1), 2016, 2020},
		{"qd318-2022", date(2022, 3, 8), date(2022, 3, 8), 2021, 2025},
		{"qd318-2022-nang-cao", date(2022, 3, 8), date(2022, 3, 8), 2021, 2025},
	} {
		s := c.Set(tt.id)
		if !s.Issued.Equal(tt.issued) || !s.Effective.Equal(tt.effective) || s.FromYear != tt.from || s.ToYear != tt.to {
			t.Errorf("%s: issued %v effective %v years %d-%d", tt.id, s.Issued, s.Effective, s.FromYear, s.ToYear)
		}
	}
}

func TestDateProblems(t *testing.T) {
	base := readSample(t)
	tests := []struct {
		old, new, want string
	}{
		{"effective = 2016-01-01", `effective = "01/01/2016"`, `mau.toml:7:1 (khóa effective): lỗi: ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy: viết effective = 2016-01-01, thấy chuỗi "01/01/2016"`},
		{"effective = 2016-01-01", `effective = 2016-01-01T08:00:00`, `mau.toml:7:1 (khóa effective): lỗi: cần một ngày không kèm giờ, dạng NĂM-THÁNG-NGÀY không có dấu nháy (ví dụ effective = 2016-10-17), thấy ngày giờ 2016-01-01T08:00:00`},
		{"effective = 2016-01-01", "effective = 2015-12-31", `mau.toml:7:1 (khóa effective): lỗi: ngày có hiệu lực 31/12/2015 trước ngày ký 01/01/2016`},
		{"issued = 2016-01-01\n", "", `mau.toml (khóa issued): lỗi: thiếu khóa bắt buộc "issued" (ngày ký quyết định, ví dụ 2016-10-17)`},
		{"effective = 2016-01-01", "effective = 2021-01-01", `mau.toml:7:1 (khóa effective): lỗi: ngày có hiệu lực 01/01/2021 sau năm cuối 2020 của giai đoạn`},
	}
	for _, tt := range tests {
		_, probs := ParseSet("mau.toml", []byte(strings.Replace(base, tt.old, tt.new, 1)))
		if len(probs) != 1 || probs[0].Error() != tt.want {
			t.Errorf("%q → %q: problems %v, want %q", tt.old, tt.new, probs, tt.want)
		}
	}
}

func TestRegionForAndUsable(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set      string
		hardship bool
		want     Region
	}{
		{"qd1980-2016", true, BTB}, // no such rule in QĐ 1980
		{"qd318-2022", false, BTB},
		{"qd318-2022", true, TDMNPB},
		{"qd318-2022-nang-cao", true, TDMNPB}, // the rule applies to the nâng cao set too
	}
	for _, tt := range tests {
		if got := c.Set(tt.set).RegionFor(BTB, tt.hardship); got != tt.want {
			t.Errorf("%s RegionFor(BTB, %v) = %s, want %s", tt.set, tt.hardship, got, tt.want)
		}
	}
	for _, tt := range []struct {
		set string
		ok  bool
	}{{"qd1980-2016", true}, {"qd318-2022", true}, {"qd318-2022-nang-cao", false}} {
		ok, why := c.Set(tt.set).Usable()
		if ok != tt.ok || ok == (why != "") {
			t.Errorf("%s: Usable() = %v %q", tt.set, ok, why)
		}
	}
	nc := c.Set("qd318-2022-nang-cao")
	values := map[string]float64{}
	for _, ind := range nc.Indicators() {
		values[ind.ID] = 1
	}
	r := Evaluate(nc, BTB, 2023, values)
	if r.Met != 0 || r.Undetermined != NumCriteria || len(r.MissingCriteria()) != 0 || r.Unusable == "" {
		t.Errorf("unusable set judged: met %d undetermined %d missing %v", r.Met, r.Undetermined, r.MissingCriteria())
	}
}
