package report

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/plan"
)

func testPlan() *plan.Plan {
	return &plan.Plan{
		File: "plan.toml",
		Document: plan.Document{
			ParentAgency: "UBND tỉnh Quảng Trị", Agency: "Sở Kế hoạch và Đầu tư", AgencyName: "Sở Kế hoạch và Đầu tư",
			Type: "Kế hoạch", Number: 5, Symbol: "KH-SKH", Place: "Quảng Trị",
			Date: time.Date(2021, 2, 3, 0, 0, 0, 0, time.UTC), Title: "Thử",
		},
		Sections: []plan.Section{
			{Title: "Mục đích", Items: []plan.Item{{Text: "Hỗ trợ {{xa \"a\"}}", Items: []plan.Item{{Text: "con"}}}}},
			{Title: "Tổ chức", Style: "numbered", Items: []plan.Item{{Text: "một"}, {Text: "hai"}}},
			{Title: "Ghi chú", Style: "plain", Items: []plan.Item{{Text: "đoạn"}}},
		},
		Communes:   []plan.Commune{{ID: "a", Name: "An", District: "Bắc", Status: "chua-dat"}},
		Recipients: []plan.Recipient{{Line: "UBND tỉnh (b/c)"}, {Line: "Như trên"}},
		Archive:    "VT, KTN",
		Signer:     plan.Signer{Authority: "kt. giám đốc", Position: "Phó Giám đốc", Name: "Trương Chí Trung"},
	}
}

func TestPlanDocument(t *testing.T) {
	doc, err := PlanDocument(testPlan(), func(int) string { return "x" })
	if err != nil {
		t.Fatal(err)
	}
	part := doc.Parts[0]
	var body []string
	for _, b := range part.Body {
		body = append(body, b.Text)
	}
	want := []string{"I. Mục đích", "- Hỗ trợ xã An", "+ con", "II. Tổ chức", "1. một", "2. hai", "III. Ghi chú", "đoạn"}
	if strings.Join(body, "|") != strings.Join(want, "|") {
		t.Errorf("body = %q\nwant   %q", body, want)
	}
	if part.Body[0].Kind != Heading || !part.Body[0].Bold || part.Body[0].Level != 1 {
		t.Errorf("section title is not a bold level-1 heading: %+v", part.Body[0])
	}
	checks := []struct{ got, want string }{
		{part.Official.Header.Parent, "UBND TỈNH QUẢNG TRỊ"},
		{part.Official.Header.Agency, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"},
		{part.Official.Header.Number, "Số: 05/KH-SKH"},
		{part.Official.Header.PlaceDate, "Quảng Trị, ngày 03 tháng 02 năm 2021"},
		{part.Official.Type, "KẾ HOẠCH"},
		{strings.Join(part.Closing.Signer.Titles, "|"), "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
		{strings.Join(part.Closing.Recipients, "|"), "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT, KTN."},
		{doc.Meta.Lang, "vi"},
		{doc.Meta.Created.Format("2006-01-02"), "2021-02-03"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestPlanDocumentNoArchiveEndsWithFullStop(t *testing.T) {
	p := testPlan()
	p.Archive = ""
	doc, err := PlanDocument(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := doc.Parts[0].Closing.Recipients
	if got := rs[len(rs)-1]; got != "- Như trên." {
		t.Errorf("last recipient = %q, want %q", got, "- Như trên.")
	}
}

func TestPlanDocumentTemplateError(t *testing.T) {
	p := testPlan()
	p.Sections[1].Items[1].Text = `{{xa "khong-co"}}`
	_, err := PlanDocument(p, nil)
	if err == nil || !strings.Contains(err.Error(), "sections[1].items[1]") || !strings.Contains(err.Error(), "khong-co") {
		t.Fatalf("err = %v, want the key and the unknown commune", err)
	}
}

func TestNormalizeNFC(t *testing.T) {
	p := testPlan()
	p.Document.Title = "Thu\u0309" // "Thủ" decomposed
	doc, err := PlanDocument(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Parts[0].Official.Title != "Thủ" || doc.Meta.Title != "Thủ" {
		t.Errorf("title not NFC: %q / %q", doc.Parts[0].Official.Title, doc.Meta.Title)
	}
}
