package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/plan"
)

// update is the -update flag, declared in progress_test.go.

func testPlan() *plan.Plan {
	return &plan.Plan{
		File: "plan.toml",
		Document: plan.Document{
			ParentAgency: "UBND tỉnh Quảng Trị", Agency: "Sở Kế hoạch và Đầu tư", AgencyName: "Sở Kế hoạch và Đầu tư",
			Type: "Kế hoạch", Number: 5, Symbol: "KH-SKH", Place: "Quảng Trị",
			Date: time.Date(2021, 2, 3, 0, 0, 0, 0, time.UTC), Title: "Thử", DraftingUnitShort: "KTN",
		},
		Sections: []plan.Section{
			{Title: "Mục đích", Items: []plan.Item{{Text: "Hỗ trợ {{xa \"a\"}}", Items: []plan.Item{{Text: "con"}}}}},
			{Title: "Tổ chức", List: "numbered", Items: []plan.Item{{Text: "một"}, {Text: "hai"}}},
			{Title: "Ghi chú", List: "plain", Items: []plan.Item{{Text: "đoạn"}}},
		},
		Communes:   []plan.Commune{{ID: "a", Name: "An", District: "Bắc", Status: "chua-dat", Missing: []int{3, 10}}},
		Recipients: []plan.Recipient{{Line: "UBND tỉnh (b/c)"}, {Line: "Như trên"}},
		Archive:    "VT, KTN",
		Signer:     plan.Signer{Titles: []string{"kt. giám đốc", "Phó Giám đốc"}, Name: "Trương Chí Trung"},
	}
}

// names318 gives the names of QĐ 318's criteria as the embedded set has
// them.
func names318(t *testing.T) func(int) string {
	t.Helper()
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return setNames(t, cat, "qd318-2022")
}

func setNames(t *testing.T, cat *criteria.Catalogue, id string) func(int) string {
	t.Helper()
	set := cat.Set(id)
	if set == nil {
		t.Fatalf("no set %s", id)
	}
	return func(n int) string {
		if c := set.Criterion(n); c != nil {
			return c.Name
		}
		return ""
	}
}

func bodyTexts(part Part) []string {
	var out []string
	for _, b := range part.Body {
		out = append(out, b.Text)
	}
	return out
}

func TestPlanDocument(t *testing.T) {
	doc, err := PlanDocument(testPlan(), func(int) string { return "x" })
	if err != nil {
		t.Fatal(err)
	}
	part := doc.Parts[0]
	want := []string{"I. Mục đích", "- Hỗ trợ xã An", "+ Con", "II. Tổ chức", "1. Một", "2. Hai", "III. Ghi chú", "Đoạn"}
	if got := bodyTexts(part); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("body = %q\nwant   %q", got, want)
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
		{fmt.Sprint(len(doc.Parts)), "1"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestPlanBody feeds the constructs of the body one at a time and checks
// the blocks they give: markers per level, headings and their styles,
// marker overrides, tables.
func TestPlanBody(t *testing.T) {
	tests := []struct {
		name  string
		list  string
		items []plan.Item
		want  []string // one per block: kind, level, style, text
	}{
		{"depths under a numbered section", plan.ListNumbered, []plan.Item{
			{Heading: "Mục đích", Items: []plan.Item{
				{Text: "một", Items: []plan.Item{{Text: "hai", Items: []plan.Item{{Text: "ba", Items: []plan.Item{{Text: "bốn"}}}}}}},
				{Text: "năm"},
			}},
			{Heading: "Yêu cầu", Style: plan.StyleItalic},
		}, []string{"H2 b 1. Mục đích", "P a) Một", "P - Hai", "P + Ba", "P + Bốn", "P b) Năm", "H2 i 2. Yêu cầu"}},
		{"heading with its paragraph, bold italic", plan.ListNumbered, []plan.Item{
			{Heading: "Kiểm tra", Style: plan.StyleBoldItalic, Text: "định kỳ 6 tháng."},
		}, []string{"H2 bi 1. Kiểm tra", "P Định kỳ 6 tháng."}},
		{"a list kind chosen for the sub-items", plan.ListNumbered, []plan.Item{
			{Heading: "Mục đích", List: plan.ListDash, Items: []plan.Item{{Text: "a"}, {Text: "b"}}},
		}, []string{"H2 b 1. Mục đích", "P - A", "P - B"}},
		{"letters at the first level, headings at depth 2", plan.ListLetters, []plan.Item{
			{Text: "x"}, {Text: "y", Items: []plan.Item{{Heading: "Chi tiết"}}},
		}, []string{"P a) X", "P b) Y", "H3 b - Chi tiết"}},
		{"markers written by the plan do not count", plan.ListNumbered, []plan.Item{
			{Text: "một"}, {Text: "phụ", Marker: "1.1.", MarkerSet: true}, {Text: "hai"}, {Text: "không dấu", MarkerSet: true},
		}, []string{"P 1. Một", "P 1.1. Phụ", "P 2. Hai", "P Không dấu"}},
		{"a table with its caption", plan.ListDash, []plan.Item{
			{Table: &plan.Table{Title: "Bảng 1. Thử", Header: [][]plan.Cell{{{Text: "TT"}, {Text: "Xã"}}}, Rows: [][]plan.Cell{{{Text: "1"}, {Text: `{{xa "a"}}`}}}}},
		}, []string{"C Bảng 1. Thử", "T TT|Xã / 1|xã An"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlan()
			p.Sections = []plan.Section{{Title: "Phần", List: tt.list, Items: tt.items}}
			doc, err := PlanDocument(p, func(int) string { return "x" })
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range doc.Parts[0].Body[1:] {
				got = append(got, blockLine(b))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// blockLine is a compact form of a block for TestPlanBody.
func blockLine(b Block) string {
	style := ""
	if b.Bold {
		style += "b"
	}
	if b.Italic {
		style += "i"
	}
	switch b.Kind {
	case Heading:
		return fmt.Sprintf("H%d %s %s", b.Level, style, b.Text)
	case Caption:
		return "C " + b.Text
	case TableBlock:
		var rows []string
		for _, r := range b.Table.Header {
			rows = append(rows, cellTexts(r))
		}
		for _, r := range b.Table.Rows {
			rows = append(rows, cellTexts(r.Cells))
		}
		return "T " + strings.Join(rows, " / ")
	}
	return "P " + b.Text
}

func cellTexts(cs []Cell) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Text)
	}
	return strings.Join(s, "|")
}

// TestPlanClosing checks the signer's forms, the "Lưu:" line and the
// no-break spaces inside commune names in the recipients' lines.
func TestPlanClosing(t *testing.T) {
	tests := []struct {
		name       string
		edit       func(p *plan.Plan)
		recipients string
		titles     string
	}{
		{"archive written in full", func(p *plan.Plan) {}, "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT, KTN.", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
		{"archive from the drafting unit, drafter and copies", func(p *plan.Plan) {
			p.Archive, p.ArchiveSpec = "", plan.Archive{Drafter: "NLJ", Copies: 2}
		}, "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT, KTN, NLJ (02b).", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
		{"other units before the drafting unit", func(p *plan.Plan) {
			p.Archive, p.ArchiveSpec = "", plan.Archive{Units: []string{"KGVX"}}
		}, "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT, KGVX, KTN.", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
		{"no archive at all: still the decree's VT", func(p *plan.Plan) {
			p.Archive = ""
			p.Document.DraftingUnitShort = ""
		}, "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT.", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
		{"collective body, three lines", func(p *plan.Plan) {
			p.Signer = plan.Signer{Titles: []string{"TM. Ủy ban nhân dân", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, Name: "A"}
		}, "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT, KTN.", "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH"},
		{"first schema's authority and position", func(p *plan.Plan) {
			p.Signer = plan.Signer{Authority: "KT. GIÁM ĐỐC", Position: "PHÓ GIÁM ĐỐC", Name: "A"}
		}, "- UBND tỉnh (b/c);|- Như trên;|- Lưu: VT, KTN.", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
		{"no-break spaces in commune and district names", func(p *plan.Plan) {
			p.Communes = []plan.Commune{{ID: "a", Name: "Gio Mai", District: "Gio Linh", Status: "dat-chuan"}, {ID: "thuan", Name: "Thuận", District: "Hướng Hóa", Status: "dat-chuan"}}
			p.Recipients = []plan.Recipient{{Line: "UBND các xã Thuận, Gio Mai"}, {Line: "UBND huyện Gio Linh, Hướng Hóa"}}
		}, "- UBND các xã Thuận, Gio\u00a0Mai;|- UBND huyện Gio\u00a0Linh, Hướng\u00a0Hóa;|- Lưu: VT, KTN.", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlan()
			tt.edit(p)
			doc, err := PlanDocument(p, nil)
			if err != nil {
				t.Fatal(err)
			}
			c := doc.Parts[0].Closing
			if got := strings.Join(c.Recipients, "|"); got != tt.recipients {
				t.Errorf("recipients = %q, want %q", got, tt.recipients)
			}
			if got := strings.Join(c.Signer.Titles, "|"); got != tt.titles {
				t.Errorf("titles = %q, want %q", got, tt.titles)
			}
		})
	}
}

func TestPlanKinhGuiAndAnnexes(t *testing.T) {
	p := testPlan()
	p.Communes = append(p.Communes, plan.Commune{ID: "b", Name: "Gia Phố", District: "Nam", Status: "dat-chuan", Target: "nang-cao", TargetYear: 2024})
	p.Document.KinhGui = plan.StringList{"UBND xã Gia Phố", "UBND huyện Bắc"}
	p.Annexes = []plan.Annex{
		{Title: "Danh sách các xã", Landscape: true, Table: &plan.Table{Generated: plan.GeneratedCommunes}},
		{Title: "Xã chưa đạt", Table: &plan.Table{Generated: plan.GeneratedCommunes, Fields: []string{"tt", "xa", "thieu"}, Status: []string{"chua-dat"}},
			Items: []plan.Item{{Text: "ghi chú."}}},
	}
	doc, err := PlanDocument(p, names318(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(doc.Parts[0].Official.KinhGui, "|"), "UBND xã Gia\u00a0Phố|UBND huyện Bắc"; got != want {
		t.Errorf("KinhGui = %q, want %q", got, want)
	}
	if len(doc.Parts) != 3 {
		t.Fatalf("%d parts, want the plan and two annexes", len(doc.Parts))
	}
	a1, a2 := doc.Parts[1], doc.Parts[2]
	checks := []struct{ got, want string }{
		{a1.Annex.Label, "Phụ lục I"},
		{a2.Annex.Label, "Phụ lục II"},
		{a1.Annex.Title, "DANH SÁCH CÁC XÃ"},
		{a1.Annex.Note, "(Kèm theo Kế hoạch số\u00a005/KH-SKH ngày\u00a003 tháng\u00a002 năm\u00a02021 của Sở Kế hoạch và Đầu tư)"},
		{fmt.Sprint(a1.Page.Orientation == Landscape, a2.Page.Orientation == Portrait), "true true"},
		{fmt.Sprint(a1.Official == nil, a1.Closing == nil), "true true"},
		// Two districts and a district column: no group rows.
		{blockLine(a1.Body[0]), "T TT|Xã|Huyện|Hiện trạng năm 2021|Mục tiêu|Năm phấn đấu|Tiêu chí chưa đạt / " +
			"1|An|Bắc|Chưa đạt chuẩn|||3. Thủy lợi và phòng, chống thiên tai; 10. Thu nhập / " +
			"2|Gia Phố|Nam|Đạt chuẩn NTM|Đạt chuẩn NTM nâng cao|2024|"},
		// No district column but two districts: a row per district.
		{blockLine(a2.Body[0]), "T TT|Xã|Tiêu chí chưa đạt / Huyện Bắc / 1|An|3. Thủy lợi và phòng, chống thiên tai; 10. Thu nhập"},
		{blockLine(a2.Body[1]), "P - Ghi chú."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
	var sum float64
	for _, c := range a1.Body[0].Table.Columns {
		sum += c.Width
	}
	if sum < 0.999 || sum > 1.001 {
		t.Errorf("column widths sum to %v, want 1", sum)
	}
	// One annex: "Phụ lục" without a number.
	p.Annexes = p.Annexes[:1]
	doc, err = PlanDocument(p, names318(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Parts[1].Annex.Label; got != "Phụ lục" {
		t.Errorf("single annex label = %q, want %q", got, "Phụ lục")
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

func TestPlanDocumentCriterionUnknownToTheSet(t *testing.T) {
	p := testPlan()
	p.Annexes = []plan.Annex{{Title: "A", Table: &plan.Table{Generated: plan.GeneratedCommunes}}}
	_, err := PlanDocument(p, func(n int) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "annexes[0].table (xã a)") || !strings.Contains(err.Error(), "số 3") {
		t.Fatalf("err = %v, want the annex, the commune and the criterion", err)
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

// samples are the plans whose documents are kept as golden files: the
// seed and the two samples of other offices.
var samples = []struct{ name, path string }{
	{"seed", "../../input/plan.toml"},
	{"snn-ha-tinh", "../plan/testdata/snn-ha-tinh.toml"},
	{"ubnd-huong-khe", "../plan/testdata/ubnd-huong-khe.toml"},
}

// TestSampleDocuments builds each sample plan's document and compares a
// dump of it, block by block, with testdata/<name>.golden.
func TestSampleDocuments(t *testing.T) {
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			p, problems := plan.LoadFile(s.path)
			if p == nil || len(problems) > 0 {
				t.Fatalf("%s: %v", s.path, problems.Err())
			}
			doc, err := PlanDocument(p, setNames(t, cat, p.Program.CriteriaSet))
			if err != nil {
				t.Fatal(err)
			}
			got := dump(doc)
			golden := filepath.Join("testdata", s.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -run TestSampleDocuments -update)", err)
			}
			if got != string(want) {
				t.Errorf("document differs from %s (rerun with -update after checking):\n%s", golden, got)
			}
		})
	}
}

// dump writes doc as text, one box or block a line, strings quoted so
// that line breaks and no-break spaces show.
func dump(doc *Document) string {
	var b strings.Builder
	m := doc.Meta
	fmt.Fprintf(&b, "meta title=%q author=%q subject=%q keywords=%q lang=%s created=%s\n", m.Title, m.Author, m.Subject, m.Keywords, m.Lang, m.Created.Format("2006-01-02"))
	for i, pt := range doc.Parts {
		orient := "portrait"
		if pt.Page.Orientation == Landscape {
			orient = "landscape"
		}
		l := pt.Page.Layout
		fmt.Fprintf(&b, "part %d %s margins=%g/%g/%g/%g body=%g spacing=%g indent=%g\n", i+1, orient, l.MarginTop, l.MarginBottom, l.MarginLeft, l.MarginRight, l.BodySize, l.LineSpacing, l.Indent)
		if o := pt.Official; o != nil {
			fmt.Fprintf(&b, "  header parent=%q agency=%q number=%q place-date=%q\n", o.Header.Parent, o.Header.Agency, o.Header.Number, o.Header.PlaceDate)
			fmt.Fprintf(&b, "  type=%q title=%q\n", o.Type, o.Title)
			for _, k := range o.KinhGui {
				fmt.Fprintf(&b, "  kinh-gui %q\n", k)
			}
		}
		if a := pt.Annex; a != nil {
			fmt.Fprintf(&b, "  annex label=%q title=%q note=%q\n", a.Label, a.Title, a.Note)
		}
		for _, bl := range pt.Body {
			dumpBlock(&b, bl)
		}
		if c := pt.Closing; c != nil {
			for _, r := range c.Recipients {
				fmt.Fprintf(&b, "  recipient %q\n", r)
			}
			fmt.Fprintf(&b, "  signer %q name=%q\n", c.Signer.Titles, c.Signer.Name)
		}
	}
	return b.String()
}

func dumpBlock(b *strings.Builder, bl Block) {
	style := ""
	if bl.Bold {
		style += " bold"
	}
	if bl.Italic {
		style += " italic"
	}
	if bl.NoIndent {
		style += " no-indent"
	}
	switch bl.Kind {
	case Paragraph:
		fmt.Fprintf(b, "  p%s %q\n", style, bl.Text)
	case Heading:
		fmt.Fprintf(b, "  h%d%s %q\n", bl.Level, style, bl.Text)
	case Caption:
		fmt.Fprintf(b, "  caption%s %q\n", style, bl.Text)
	case TableBlock:
		t := bl.Table
		var cols []string
		for _, c := range t.Columns {
			cols = append(cols, fmt.Sprintf("%.3f%s", c.Width, alignName(c.Align)))
		}
		fmt.Fprintf(b, "  table size=%g columns=[%s]\n", t.Size, strings.Join(cols, " "))
		for _, r := range t.Header {
			fmt.Fprintf(b, "    head %s\n", dumpCells(r))
		}
		for _, r := range t.Rows {
			mark := "row "
			if r.Bold {
				mark = "row bold "
			}
			fmt.Fprintf(b, "    %s%s\n", mark, dumpCells(r.Cells))
		}
	default:
		fmt.Fprintf(b, "  block kind=%d %q\n", bl.Kind, bl.Text)
	}
}

func dumpCells(cs []Cell) string {
	var s []string
	for _, c := range cs {
		x := fmt.Sprintf("%q", c.Text)
		if c.ColSpan > 1 {
			x += fmt.Sprintf(" cols=%d", c.ColSpan)
		}
		if c.RowSpan > 1 {
			x += fmt.Sprintf(" rows=%d", c.RowSpan)
		}
		if c.Bold {
			x += " bold"
		}
		if c.Italic {
			x += " italic"
		}
		x += alignName(c.Align)
		s = append(s, x)
	}
	return "| " + strings.Join(s, " | ") + " |"
}

func alignName(a Align) string {
	switch a {
	case AlignLeft:
		return " left"
	case AlignCenter:
		return " center"
	case AlignRight:
		return " right"
	case AlignJustify:
		return " justify"
	}
	return ""
}

// TestFirstSchemaSameDocument builds the seed plan as the first schema
// wrote it and as input/plan.toml now writes it: the same document,
// block for block.
func TestFirstSchemaSameDocument(t *testing.T) {
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var dumps []string
	for _, path := range []string{"../plan/testdata/seed-first-schema.toml", "../../input/plan.toml"} {
		p, problems := plan.LoadFile(path)
		if p == nil {
			t.Fatalf("%s: %v", path, problems.Err())
		}
		doc, err := PlanDocument(p, setNames(t, cat, p.Program.CriteriaSet))
		if err != nil {
			t.Fatal(err)
		}
		dumps = append(dumps, dump(doc))
	}
	if dumps[0] != dumps[1] {
		t.Errorf("the first schema's seed gives another document:\n%s\nthe seed now:\n%s", dumps[0], dumps[1])
	}
}
