package report

import (
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/plan"
)

func synthDoc(t *testing.T, p *plan.Plan, forms []form, per criteria.Period) *Document {
	t.Helper()
	s := loadSample(t)
	o := run(t, p, forms)
	d, err := BuildProgressReport(ProgressInput{Plan: p, Outcome: o, Period: per, Texts: s.texts})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNewCommuneAndSameName: a commune added to the plan after the
// baseline has no previous period (not judged for pace), and two
// communes of the same name are told apart by their district.
func TestNewCommuneAndSameName(t *testing.T) {
	cat := catalogue(t)
	set := cat.Set("qd1980-2016")
	p := synthPlan(2, 2)
	p.Communes[1].Name = p.Communes[0].Name // same name, other district
	p.Communes = append(p.Communes, plan.Commune{ID: "moi", Name: "Mới", District: "Thử 1", Status: "chua-dat", Target: "dat-chuan", TargetYear: 2025})
	c := p.Communes
	forms := []form{
		{commune: &c[0], per: h2020, set: set, missing: []int{2, 6, 10}},
		{commune: &c[1], per: h2020, set: set},
		{commune: &c[0], per: h2021, set: set, missing: []int{10}, selfWrong: []string{"10"}},
		{commune: &c[1], per: h2021, set: set, missing: []int{17}},
		{commune: &c[2], per: h2021, set: set, missing: []int{5, 11}},
	}
	d := synthDoc(t, p, forms, h2021)
	text := docText(d)
	golden(t, "progress-new-commune.golden", text)
	for _, want := range []string{
		"- Xã Thử 1 (huyện Thử 1): đạt 18/19 tiêu chí",
		"- Xã Thử 1 (huyện Thử 2): đạt 18/19 tiêu chí",
		"giảm 1 tiêu chí so với 6 tháng cuối năm 2020 (19/19); không còn đạt tiêu chí số 17 (Môi trường và an toàn thực phẩm)",
		"- Xã Mới: đạt 17/19 tiêu chí (nhóm từ 15 đến 18 tiêu chí); đây là kỳ đầu tiên xã có số liệu.",
		"Đây là kỳ đầu tiên xã có số liệu nên chưa đánh giá được tiến độ.",
		"Xã không còn đạt đủ các tiêu chí, chưa thực hiện được mục tiêu giữ vững, nâng cao chất lượng các tiêu chí nông thôn mới; cần khôi phục ngay tiêu chí số 17",
		"tự đánh giá khác với kết quả tính theo số liệu ở 1 chỉ tiêu: chỉ tiêu 10",
		"Đề nghị UBND các huyện và các Sở, ngành liên quan quan tâm, ưu tiên nguồn lực hỗ trợ xã Thử 1 (huyện Thử 2)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestSetChange: 2021-H2 judged by QĐ 1980, 2022-H1 by QĐ 318; the
// report says so and compares criterion by criterion.
func TestSetChange(t *testing.T) {
	cat := catalogue(t)
	old, nw := cat.Set("qd1980-2016"), cat.Set("qd318-2022")
	if nw == nil {
		t.Fatal("no set qd318-2022")
	}
	p := synthPlan(2, 1)
	c := p.Communes
	forms := []form{
		{commune: &c[0], per: h2020, set: old, missing: []int{5, 13}},
		{commune: &c[1], per: h2020, set: old},
		{commune: &c[0], per: y2021, set: old, missing: []int{5}},
		{commune: &c[1], per: y2021, set: old},
		{commune: &c[0], per: h2022, set: nw, missing: []int{13, 17}},
		{commune: &c[1], per: h2022, set: nw, missing: []int{8}},
	}
	d := synthDoc(t, p, forms, h2022)
	text := docText(d)
	golden(t, "progress-set-change.golden", text)
	for _, want := range []string{
		"6 tháng cuối năm 2021 các xã được đánh giá theo bộ tiêu chí ban hành kèm theo " + old.Decision,
		"kết quả hai kỳ được so sánh theo từng tiêu chí (cùng số thứ tự)",
		"so sánh theo từng tiêu chí vì kỳ trước đánh giá theo " + old.Decision,
		"đạt mới tiêu chí số 5 (",
		"không còn đạt tiêu chí số 13 (",
		"hai kỳ được so sánh theo từng tiêu chí (cùng số thứ tự), không so sánh từng chỉ tiêu.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestSecondHalfTitle: the second half's report covers the year.
func TestSecondHalfTitle(t *testing.T) {
	cat := catalogue(t)
	set := cat.Set("qd1980-2016")
	p := synthPlan(1, 1)
	forms := []form{{commune: &p.Communes[0], per: h2020, set: set, missing: []int{1}}, {commune: &p.Communes[0], per: y2021, set: set}}
	d := synthDoc(t, p, forms, y2021)
	o := d.Parts[0].Official
	if o.Title != "Kết quả thực hiện công tác phụ trách, đỡ đầu xây dựng nông thôn mới năm 2021" {
		t.Errorf("title %q", o.Title)
	}
	if o.Header.PlaceDate != "Quảng Trị, ngày 31 tháng 12 năm 2021" || o.Header.Number != "Số:       /BC-SKH" {
		t.Errorf("header %+v", o.Header)
	}
}

// TestCutOff: above BodyCutOff communes the body summarises by district
// and the annex has one row per commune, whatever the plan's size.
func TestCutOff(t *testing.T) {
	cat := catalogue(t)
	set := cat.Set("qd1980-2016")
	for _, n := range []int{BodyCutOff, BodyCutOff + 1, 200} {
		p := synthPlan(n, 7)
		var forms []form
		for i := range p.Communes {
			forms = append(forms, form{commune: &p.Communes[i], per: h2020, set: set, missing: []int{i % 19}})
			if i%5 != 0 {
				forms = append(forms, form{commune: &p.Communes[i], per: h2021, set: set})
			}
		}
		d := synthDoc(t, p, forms, h2021)
		body := d.Parts[0].Body
		items := 0
		for _, b := range body {
			if strings.HasPrefix(b.Text, "- Xã Thử ") {
				items++
			}
		}
		annex := d.Parts[1]
		if n <= BodyCutOff {
			if items < n {
				t.Errorf("%d communes: %d commune paragraphs, want one each", n, items)
			}
			continue
		}
		if items != 0 {
			t.Errorf("%d communes: %d commune paragraphs in the body, want a summary by district", n, items)
		}
		dt := table(t, body, "Bảng 1.")
		if len(dt.Rows) != 7 {
			t.Errorf("%d communes: district table has %d rows, want 7", n, len(dt.Rows))
		}
		if got := len(annex.Body[0].Table.Rows); got != n+1 {
			t.Errorf("%d communes: annex table has %d rows, want %d and the average", n, got, n)
		}
		if len(body) > 80 {
			t.Errorf("%d communes: body has %d blocks", n, len(body))
		}
	}
}

// TestJudgeTrack pins the on-track rule.
func TestJudgeTrack(t *testing.T) {
	set := &criteria.Set{Criteria: make([]*criteria.Criterion, 19)}
	tests := []struct {
		name       string
		target     string
		year       int
		first      criteria.Period
		firstMet   int
		met        int
		want       string
		pace, need float64
	}{
		{"reached", "dat-chuan", 2021, h2020, 17, 19, "reached", 0, 0},
		{"on track", "dat-chuan", 2025, h2020, 11, 14, "on track", 3, 5.0 / 9},
		{"exactly on track", "dat-chuan", 2021, h2020, 17, 18, "on track", 1, 1},
		{"one short", "dat-chuan", 2021, h2020, 16, 17, "behind", 1, 2},
		{"behind", "dat-chuan", 2021, h2020, 17, 17, "behind", 0, 2},
		{"missed at the target year's end", "dat-chuan", 2021, h2020, 15, 18, "missed", 1.5, 0},
		{"first period", "dat-chuan", 2025, h2021, 14, 14, "unjudged", 0, 5.0 / 9},
		{"no target year", "dat-chuan", 0, h2020, 14, 15, "unjudged", 0, 0},
		{"keeps", "nang-cao-chat-luong", 0, h2020, 19, 19, "reached", 0, 0},
		{"lost the standard", "nang-cao-chat-luong", 0, h2020, 19, 18, "behind", 0, 0},
	}
	for _, tt := range tests {
		c := &plan.Commune{Target: tt.target, TargetYear: tt.year, Status: "chua-dat"}
		if tt.target != "dat-chuan" {
			c.Status = "dat-chuan"
		}
		f := &CommuneFacts{}
		f.Target, f.Keep = targetText(c)
		r := &criteria.Result{Set: set, Met: tt.met, Total: 19}
		judgeTrack(f, c, tt.first, h2021, tt.firstMet, r)
		if tt.name == "missed at the target year's end" {
			f = &CommuneFacts{}
			judgeTrack(f, c, tt.first, y2021, tt.firstMet, r)
		}
		got := "?"
		switch {
		case f.Reached:
			got = "reached"
		case f.Missed:
			got = "missed"
		case f.OnTrack:
			got = "on track"
		case f.Behind:
			got = "behind"
		case f.Unjudged:
			got = "unjudged"
		}
		if got != tt.want || abs(f.Pace-tt.pace) > 1e-9 || abs(f.NeededPace-tt.need) > 1e-9 {
			t.Errorf("%s: %s, pace %v, needed %v; want %s, %v, %v", tt.name, got, f.Pace, f.NeededPace, tt.want, tt.pace, tt.need)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
