package plan

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/decree30"
	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

var (
	reCommuneID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	reEmail     = regexp.MustCompile(`^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$`)
	// reAuthority is an authority prefix written the decree's way.
	reAuthority = regexp.MustCompile(`^(TM|KT|Q|TL|TUQ)\. \S`)
	// reAuthorityLoose is one written otherwise ("KT GIÁM ĐỐC",
	// "K.T. GIÁM ĐỐC", "KT.GIÁM ĐỐC", "KT: GIÁM ĐỐC").
	reAuthorityLoose = regexp.MustCompile(`^(T\.?M|K\.?T|Q|T\.?L|T\.?U\.?Q)(\s*[.:,;]\s*|\s+)(\S.*)$`)
	// reAcademic are the titles Decree 30 keeps out of the signer's name.
	reAcademic = regexp.MustCompile(`^(GS|PGS|TS|ThS|KS|BS|CN|Th\.S|T\.S)\.?\s`)
)

// windowsNames are the file names Windows reserves: a commune ID that
// is one of them gives files no clerk can open there.
var windowsNames = []string{"con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"}

// validate checks the meaning of a decoded plan.
func (ld *loader) validate(p *Plan) {
	ld.validateDocument(p)
	ld.validateProgram(p)
	ld.validateCommunes(p)
	ld.x = p.NewExpander(stubName)
	ld.annexRef = make([]bool, len(p.Annexes))
	ld.validateBody(p)
	ld.validateAnnexes(p)
	ld.checkAnnexRefs(p)
	ld.validateRecipients(p)
	ld.validateArchive(p)
	ld.validateSigner(p)
	ld.validateLayout(p.Layout)
	if ld.total > maxDocumentText {
		ld.Errorf(ld.overAt, "nội dung kế hoạch sau khi điền dữ liệu dài %d ký tự, quá giới hạn %d ký tự (khoảng 600 trang) từ khóa này; hãy bớt nội dung hoặc tách thành nhiều văn bản", ld.total, maxDocumentText)
	}
}

// maxDocumentText is MaxDocumentText, smaller in the tests.
var maxDocumentText = MaxDocumentText

// requireInt reports a required positive integer that is missing or not
// positive.
func (ld *loader) requireInt(path string, value int, what string) {
	if ld.IsBad(path) {
		return
	}
	if !ld.Defined(path) {
		ld.Errorf(path, "thiếu khóa bắt buộc %q (%s)", tomldec.LastKey(path), what)
		return
	}
	if value <= 0 {
		ld.Errorf(path, "khóa %q cần một số lớn hơn 0 (%s), thấy %d", tomldec.LastKey(path), what, value)
	}
}

// oneOf checks that the value at path, when set, is one of list.
func (ld *loader) oneOf(path, value, what string, list []string) bool {
	if value == "" || ld.IsBad(path) || slices.Contains(list, value) {
		return true
	}
	if s := nearest(value, list); s != "" {
		ld.Errorf(path, "%s %q không có; có phải ý là %q? (cần một trong: %s)", what, value, s, strings.Join(list, ", "))
	} else {
		ld.Errorf(path, "%s %q không có; cần một trong: %s", what, value, strings.Join(list, ", "))
	}
	return false
}

func (ld *loader) validateDocument(p *Plan) {
	d := &p.Document
	ld.Require("document.agency", d.Agency, `tên cơ quan ban hành, ví dụ "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"`)
	ld.Require("document.type", d.Type, `tên loại văn bản, ví dụ "Kế hoạch"`)
	ld.requireInt("document.number", d.Number, "số của văn bản, ví dụ 2071")
	ld.Require("document.symbol", d.Symbol, `ký hiệu văn bản, ví dụ "SKH-KTN"`)
	ld.Require("document.place", d.Place, `địa danh, ví dụ "Quảng Trị"`)
	ld.Require("document.title", d.Title, "trích yếu nội dung")
	switch {
	case ld.IsBad("document.date"):
	case !ld.Defined("document.date"):
		ld.Errorf("document.date", "thiếu khóa bắt buộc \"date\" (ngày ban hành, ví dụ date = 2020-12-08)")
	case d.Date.Year() < 1945 || d.Date.Year() > 2100:
		ld.Errorf("document.date", "ngày ban hành %s không hợp lý: năm cần từ 1945 đến 2100", d.Date.Format("2006-01-02"))
	}
	if s := d.Symbol; s != "" && !ld.IsBad("document.symbol") {
		switch {
		case strings.HasPrefix(strings.ToLower(s), "số") || strings.Contains(s, "/"):
			_, rest, _ := strings.Cut(s, "/")
			ld.Errorf("document.symbol", "ký hiệu %q chỉ ghi phần sau dấu \"/\" (chương trình tự in \"Số: %02d/\"); viết symbol = %q", s, d.Number, strings.TrimSpace(rest))
		case strings.ContainsAny(s, " \t"):
			ld.Errorf("document.symbol", "ký hiệu %q viết liền, không có dấu cách; các nhóm chữ nối bằng dấu \"-\", ví dụ \"KH-SNN\"", s)
		case d.AgencyShort != "" && !ld.IsBad("document.agency_short") && !slices.Contains(strings.Split(s, "-"), d.AgencyShort):
			ld.Warnf("document.symbol", "ký hiệu %q không có chữ viết tắt tên cơ quan %q (agency_short); Nghị định 30 ghi ký hiệu gồm tên loại và tên cơ quan, ví dụ \"KH-%s\" — kế hoạch này có chép từ kế hoạch của cơ quan khác?", s, d.AgencyShort, d.AgencyShort)
		}
	}
	for _, k := range []struct{ key, v string }{{"document.agency", d.Agency}, {"document.parent_agency", d.ParentAgency}} {
		if ld.IsBad(k.key) || k.v == "" {
			continue
		}
		lines := strings.Split(k.v, "\n")
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				ld.Errorf(k.key, "tên cơ quan %q có dòng trống; \\n chỉ đặt giữa hai phần của tên để xuống dòng", tomldec.Clip(k.v))
				break
			}
		}
		if len(lines) > 3 {
			ld.Errorf(k.key, "tên cơ quan in tối đa 3 dòng; thấy %d", len(lines))
		}
	}
	for i, a := range d.KinhGui {
		at := tomlpos.Elem("document.kinh_gui", i)
		if len(d.KinhGui) == 1 && !ld.Defined(at) {
			at = "document.kinh_gui"
		}
		t := strings.TrimSpace(a)
		switch {
		case ld.IsBad(at):
		case t == "":
			ld.Errorf(at, "tên nơi nhận sau \"Kính gửi:\" không được để trống")
		case strings.HasPrefix(t, "-") || strings.HasSuffix(t, ";") || strings.HasSuffix(t, "."):
			clean := strings.TrimSpace(strings.TrimRight(strings.TrimPrefix(t, "-"), ";."))
			ld.Errorf(at, "ghi tên nơi nhận %q không kèm \"- \" ở đầu hay \";\", \".\" ở cuối (chương trình tự thêm theo Nghị định 30); viết %q", t, clean)
		case strings.HasPrefix(strings.ToLower(t), "kính gửi"):
			ld.Errorf(at, "không ghi chữ \"Kính gửi\" (chương trình tự in); viết %q", strings.TrimSpace(strings.TrimLeft(t[len("kính gửi"):], ": ")))
		}
	}
}

func (ld *loader) validateProgram(p *Plan) {
	g := p.Program
	if g.Region != "" && !ld.IsBad("program.region") && !knownRegion(g.Region) {
		ld.Errorf("program.region", "vùng %q không có; cần một trong: %s", g.Region, regionList())
	}
	for _, y := range []struct {
		key  string
		year int
	}{{"program.start_year", g.StartYear}, {"program.end_year", g.EndYear}} {
		if ld.Defined(y.key) && !ld.IsBad(y.key) && (y.year < 2000 || y.year > 2100) {
			ld.Errorf(y.key, "năm %d không hợp lý: cần từ 2000 đến 2100", y.year)
		}
	}
	if g.StartYear > 0 && g.EndYear > 0 && g.StartYear > g.EndYear {
		ld.Errorf("program.end_year", "năm kết thúc %d trước năm bắt đầu %d", g.EndYear, g.StartYear)
	}
}

// regions are the region codes of criteria.Region, with their names.
// They are repeated here (not imported) so that the plan stage does not
// depend on the criteria package; keep them equal to criteria.Regions
// plus criteria.Chung.
var regions = []struct{ code, name string }{
	{"TDMNPB", "Trung du miền núi phía Bắc"},
	{"DBSH", "Đồng bằng sông Hồng"},
	{"BTB", "Bắc Trung Bộ"},
	{"DHNTB", "Duyên hải Nam Trung Bộ"},
	{"TN", "Tây Nguyên"},
	{"DNB", "Đông Nam Bộ"},
	{"DBSCL", "Đồng bằng sông Cửu Long"},
	{"chung", "chỉ tiêu chung toàn quốc"},
}

func knownRegion(r string) bool {
	for _, k := range regions {
		if k.code == r {
			return true
		}
	}
	return false
}

func regionList() string {
	var s []string
	for _, k := range regions {
		s = append(s, fmt.Sprintf("%s (%s)", k.code, k.name))
	}
	return strings.Join(s, ", ")
}

func (ld *loader) validateCommunes(p *Plan) {
	if len(p.Communes) == 0 && !ld.IsBad("communes") {
		ld.Errorf("communes", "kế hoạch chưa có xã nào: thêm ít nhất một bảng [[communes]] (id, name, district, status)")
	}
	ids := map[string]int{}
	names := map[[2]string]int{} // folded commune label and district label
	warnedShort := false
	for i := range p.Communes {
		c := &p.Communes[i]
		at := tomlpos.Elem("communes", i)
		ld.Require(at+".id", c.ID, `mã xã, ví dụ "gio-mai"`)
		ld.Require(at+".name", c.Name, `tên xã, ví dụ "Gio Mai"`)
		ld.Require(at+".district", c.District, `tên huyện, ví dụ "Gio Linh"`)
		ld.Require(at+".status", c.Status, "hiện trạng: "+strings.Join(Statuses, ", "))
		if c.ID != "" && !ld.IsBad(at+".id") {
			switch {
			case !reCommuneID.MatchString(c.ID):
				ld.Errorf(at+".id", "mã xã %q chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ \"gio-mai\"", c.ID)
			case slices.Contains(windowsNames, c.ID):
				ld.Errorf(at+".id", "mã xã %q trùng tên thiết bị mà Windows dành riêng (không đặt được tên tệp %s.xlsx); chọn mã khác, ví dụ \"xa-%s\"", c.ID, c.ID, c.ID)
			}
			if j, ok := ids[c.ID]; ok {
				ld.Errorf(at+".id", "mã xã %q trùng với communes[%d]; mỗi xã một mã riêng (mã dùng làm tên tệp biểu, báo cáo của xã)", c.ID, j)
			} else {
				ids[c.ID] = i
			}
		}
		if strings.TrimSpace(c.Name) != "" && !ld.IsBad(at+".name") && !ld.IsBad(at+".district") {
			key := [2]string{fold(c.CommuneLabel()), fold(c.DistrictLabel())}
			if j, ok := names[key]; ok {
				ld.Errorf(at+".name", "tên xã %q trùng với communes[%d] trong cùng %s", c.Name, j, c.DistrictLabel())
			} else {
				names[key] = i
			}
		}
		for _, n := range []struct{ key, v, kind string }{{at + ".name", c.Name, "xã"}, {at + ".district", c.District, "huyện"}} {
			if want := properName(n.v); want != n.v && !ld.IsBad(n.key) {
				ld.Warnf(n.key, "tên riêng viết hoa chữ cái đầu mỗi tiếng: %q, thấy %q", want, n.v)
			}
		}
		if ld.Defined(at+".district_short") && !warnedShort {
			warnedShort = true
			ld.Warnf(at+".district_short", "khóa district_short không còn dùng (chương trình không in chữ viết tắt tên huyện); xóa các dòng district_short")
		}
		ld.oneOf(at+".status", c.Status, "hiện trạng", Statuses)
		ld.oneOf(at+".target", c.Target, "mục tiêu", Targets)
		if ld.Defined(at+".target_year") && !ld.IsBad(at+".target_year") && (c.TargetYear < 2000 || c.TargetYear > 2100) {
			ld.Errorf(at+".target_year", "năm mục tiêu %d không hợp lý: cần từ 2000 đến 2100", c.TargetYear)
		}
		if c.TargetYear != 0 && !ld.IsBad(at+".target_year") && c.TargetYear >= 2000 && c.TargetYear <= 2100 {
			switch y := p.Document.Date.Year(); {
			case !p.Document.Date.IsZero() && c.TargetYear < y:
				ld.Warnf(at+".target_year", "năm mục tiêu %d trước năm ban hành kế hoạch %d", c.TargetYear, y)
			case p.Program.EndYear > 0 && c.TargetYear > p.Program.EndYear:
				ld.Warnf(at+".target_year", "năm mục tiêu %d sau năm cuối của kế hoạch (program.end_year = %d)", c.TargetYear, p.Program.EndYear)
			case p.Program.StartYear > 0 && c.TargetYear < p.Program.StartYear:
				ld.Warnf(at+".target_year", "năm mục tiêu %d trước năm đầu của kế hoạch (program.start_year = %d)", c.TargetYear, p.Program.StartYear)
			}
		}
		if c.Status == StatusChuaDat && len(c.Missing) == 0 && !ld.IsBad(at+".missing") {
			ld.Warnf(at, "xã %s chưa đạt chuẩn nhưng chưa ghi các tiêu chí chưa đạt (khóa missing, ví dụ missing = [2, 6])", c.Name)
		}
		if c.Region != "" && !ld.IsBad(at+".region") && !knownRegion(c.Region) {
			ld.Errorf(at+".region", "vùng %q không có; cần một trong: %s", c.Region, regionList())
		}
		if c.Email != "" && !ld.IsBad(at+".email") && !reEmail.MatchString(c.Email) {
			ld.Errorf(at+".email", "địa chỉ thư điện tử %q không hợp lệ", c.Email)
		}
		if len(c.Missing) > 0 && c.Status != StatusChuaDat && slices.Contains(Statuses, c.Status) {
			ld.Errorf(at+".missing", "xã %s có hiện trạng %q nên không có tiêu chí chưa đạt; bỏ khóa missing hoặc sửa status thành \"chua-dat\"", c.Name, c.Status)
		}
		seen := map[int]int{}
		for k, n := range c.Missing {
			mk := tomlpos.Elem(at+".missing", k)
			if ld.IsBad(mk) {
				continue
			}
			if n < 1 || n > MaxCriterion {
				ld.Errorf(mk, "tiêu chí %d không có; cần số từ 1 đến %d", n, MaxCriterion)
				continue
			}
			if j, ok := seen[n]; ok {
				ld.Errorf(mk, "tiêu chí %d ghi hai lần (đã có ở missing[%d])", n, j)
				continue
			}
			seen[n] = k
		}
	}
}

// properName is name with the first letter of each word in capitals,
// the kind of unit before it ("thị trấn", "phường", "thị xã") kept in
// lower case: "tân lập" → "Tân Lập", "thị trấn khe sanh" → "thị trấn
// Khe Sanh".
func properName(name string) string {
	words := strings.Fields(name)
	kinds := map[string]bool{"xã": true, "phường": true, "thị": true, "trấn": true, "huyện": true, "quận": true, "thành": true, "phố": true}
	i := 0
	for i < len(words)-1 && kinds[strings.ToLower(words[i])] {
		i++
	}
	for ; i < len(words); i++ {
		words[i] = Capitalise(words[i])
	}
	out := strings.Join(words, " ")
	if strings.Join(strings.Fields(name), " ") == out {
		return name
	}
	return out
}

// stubName is the criterion-name callback used to check templates at
// load time, before the criteria set is known.
func stubName(n int) string { return fmt.Sprintf("tiêu chí %d", n) }

func (ld *loader) validateBody(p *Plan) {
	for i, s := range p.Opening {
		ld.checkTemplate(tomlpos.Elem("opening", i), s)
	}
	for i, s := range p.Closing {
		ld.checkTemplate(tomlpos.Elem("closing", i), s)
	}
	if len(p.Sections) == 0 && !ld.IsBad("sections") {
		ld.Errorf("sections", "kế hoạch chưa có phần nào: thêm ít nhất một bảng [[sections]] (title, items)")
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		at := tomlpos.Elem("sections", i)
		ld.Require(at+".title", s.Title, `tên phần, ví dụ "Mục đích, yêu cầu"`)
		ld.checkTemplate(at+".title", s.Title)
		ld.sectionList(at, &s.List, s.Style)
		ld.validateItems(p, at+".items", s.Items, s.List, 1)
	}
}

// sectionList checks a section's list kind and moves the first schema's
// style key to it, saying what to write.
func (ld *loader) sectionList(at string, list *string, style string) {
	if ld.Defined(at + ".style") {
		switch {
		case ld.Defined(at + ".list"):
			ld.Errorf(at+".style", "phần này ghi cả list và style; chỉ giữ list (style là tên cũ của list)")
		case slices.Contains(Lists, style):
			ld.Warnf(at+".style", "khóa style của phần đã đổi tên thành list; viết list = %q", style)
			*list = style
		default:
			ld.oneOf(at+".style", style, "kiểu đánh dấu các mục", Lists)
		}
	}
	ld.oneOf(at+".list", *list, "kiểu đánh dấu các mục", Lists)
}

func (ld *loader) validateItems(p *Plan, path string, items []Item, list string, depth int) {
	if list == "" {
		list = ListDash
	}
	generated := 0 // items marked by the list's own markers
	for i := range items {
		it := &items[i]
		at := tomlpos.Elem(path, i)
		it.MarkerSet = ld.Defined(at + ".marker")
		if !it.MarkerSet {
			generated++
		}
		if depth > MaxDepth {
			ld.Errorf(at, "mục lồng nhau quá %d cấp", MaxDepth)
			return
		}
		hasText := ld.Defined(at+".text") || it.Text != ""
		hasHeading := ld.Defined(at+".heading") || it.Heading != ""
		switch {
		case it.Table != nil:
			if hasText || hasHeading {
				ld.Errorf(at+".table", "một mục chỉ là một bảng (table) hoặc một đoạn văn (text, heading); tên bảng ghi ở table.title")
			}
			if len(it.Items) > 0 {
				ld.Errorf(at+".items", "mục là bảng (table) không có mục con; đặt các đoạn văn sau bảng thành mục riêng")
			}
			ld.validateTable(p, at+".table", it.Table)
			continue
		case !hasText && !hasHeading && !ld.IsBad(at):
			ld.Errorf(at, "mục cần nội dung: text (đoạn văn), heading (tiêu đề) hoặc table (bảng)")
		}
		if hasText {
			ld.Require(at+".text", it.Text, "nội dung của mục")
			ld.checkTemplate(at+".text", it.Text)
		}
		if hasHeading {
			ld.Require(at+".heading", it.Heading, `tiêu đề của mục, ví dụ "Mục đích"`)
			ld.checkTemplate(at+".heading", it.Heading)
		}
		if it.Style != "" && !hasHeading && !ld.IsBad(at+".style") {
			ld.Errorf(at+".style", "style là kiểu chữ của tiêu đề (heading); mục này không có heading")
		} else {
			ld.oneOf(at+".style", it.Style, "kiểu chữ tiêu đề", HeadingStyles)
		}
		if ld.oneOf(at+".list", it.List, "kiểu đánh dấu các mục con", Lists) && it.List != "" && len(it.Items) == 0 {
			ld.Warnf(at+".list", "list là cách đánh dấu các mục con của mục này, nhưng mục không có mục con; muốn đổi dấu của chính mục này thì ghi list ở mục cha, hoặc marker = \"…\"")
		}
		if list == ListLetters && !it.MarkerSet && generated > len(Letters) {
			ld.Errorf(at, "danh sách a), b), c)… chỉ có %d điểm (đến y); chia danh sách hoặc dùng list = \"numbered\"", len(Letters))
		}
		sub := it.List
		if sub == "" {
			sub = SubList(list)
		}
		ld.validateItems(p, at+".items", it.Items, sub, depth+1)
	}
}

// validateTable checks a written table's shape (every row fills the
// columns, spans fit) or a generated table's options.
func (ld *loader) validateTable(p *Plan, at string, t *Table) {
	ld.checkTemplate(at+".title", t.Title)
	if t.Size != 0 && !ld.IsBad(at+".size") && (t.Size < 10 || t.Size > 14) {
		ld.Errorf(at+".size", "cỡ chữ của bảng từ 10 đến 14 pt, thấy %s", num(t.Size))
	}
	if t.Generated != "" {
		if !ld.oneOf(at+".generated", t.Generated, "bảng sinh từ dữ liệu", []string{GeneratedCommunes}) {
			return
		}
		for _, k := range []string{"header", "rows", "columns"} {
			if ld.Defined(at + "." + k) {
				ld.Errorf(at+"."+k, "bảng sinh từ dữ liệu (generated = %q) không ghi %s; chọn cột bằng fields = [%s]", t.Generated, k, quoteList(CommuneFields))
			}
		}
		seen := map[string]bool{}
		for i, f := range t.Fields {
			fk := tomlpos.Elem(at+".fields", i)
			if ld.oneOf(fk, f, "cột", CommuneFields) && seen[f] {
				ld.Errorf(fk, "cột %q ghi hai lần", f)
			}
			seen[f] = true
		}
		for i, s := range t.Status {
			ld.oneOf(tomlpos.Elem(at+".status", i), s, "hiện trạng", Statuses)
		}
		return
	}
	for _, k := range []string{"fields", "status"} {
		if ld.Defined(at + "." + k) {
			ld.Errorf(at+"."+k, "khóa %s chỉ dùng cho bảng sinh từ dữ liệu (generated = \"communes\")", k)
		}
	}
	if len(t.Rows) == 0 && !ld.IsBad(at+".rows") {
		ld.Errorf(at+".rows", "bảng chưa có dòng nào: ghi rows = [[\"…\", \"…\"], …], hoặc generated = \"communes\" để lập bảng các xã")
		return
	}
	if len(t.Rows) > MaxTableRows {
		ld.Errorf(at+".rows", "bảng có %d dòng; tối đa %d", len(t.Rows), MaxTableRows)
		return
	}
	n := len(t.Columns)
	if n == 0 {
		for _, c := range t.Rows[0] {
			n += max(c.ColSpan, 1)
		}
	}
	if n > MaxTableColumns {
		ld.Errorf(at, "bảng có %d cột; tối đa %d", n, MaxTableColumns)
		return
	}
	for i, c := range t.Columns {
		ck := tomlpos.Elem(at+".columns", i)
		if !ld.IsBad(ck+".width") && (c.Width < 0 || ld.Defined(ck+".width") && c.Width == 0) {
			ld.Errorf(ck+".width", "độ rộng cột là một số lớn hơn 0 (tỉ lệ so với các cột khác), thấy %s", num(c.Width))
		}
		ld.oneOf(ck+".align", c.Align, "cách căn lề", Aligns)
	}
	// The header: rowspans carry into the rows below.
	carry := make([]int, n) // rows still covered in each column
	for r, row := range t.Header {
		rk := tomlpos.Elem(at+".header", r)
		col := 0
		for ci, c := range row {
			ck := tomlpos.Elem(rk, ci)
			for col < n && carry[col] > 0 {
				col++
			}
			ld.checkCell(ck, c, true)
			span := max(c.ColSpan, 1)
			if col+span > n {
				ld.Errorf(ck, "dòng tiêu đề %d có nhiều ô hơn %d cột của bảng", r+1, n)
				break
			}
			rs := max(c.RowSpan, 1)
			if r+rs > len(t.Header) {
				ld.Errorf(ck+".rowspan", "ô gộp %d dòng nhưng phần tiêu đề chỉ còn %d dòng", rs, len(t.Header)-r)
				rs = len(t.Header) - r
			}
			for k := col; k < col+span; k++ {
				carry[k] = rs
			}
			col += span
		}
		filled := 0
		for k := range carry {
			if carry[k] > 0 {
				filled++
				carry[k]--
			}
		}
		if filled < n {
			ld.Errorf(rk, "dòng tiêu đề %d có %d cột, bảng có %d cột", r+1, filled, n)
		}
	}
	for r, row := range t.Rows {
		rk := tomlpos.Elem(at+".rows", r)
		cols := 0
		for ci, c := range row {
			ck := tomlpos.Elem(rk, ci)
			ld.checkCell(ck, c, false)
			cols += max(c.ColSpan, 1)
		}
		if cols != n && !ld.IsBad(rk) {
			ld.Errorf(rk, "dòng %d có %d cột, bảng có %d cột (một ô gộp nhiều cột ghi { text = \"…\", colspan = 2 })", r+1, cols, n)
		}
	}
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func (ld *loader) checkCell(at string, c Cell, header bool) {
	if ld.Defined(at + ".text") {
		ld.checkTemplate(at+".text", c.Text)
	} else {
		ld.checkTemplate(at, c.Text)
	}
	if c.ColSpan < 0 || c.ColSpan > MaxTableColumns {
		ld.Errorf(at+".colspan", "số cột gộp %d không hợp lý", c.ColSpan)
	}
	if c.RowSpan < 0 || c.RowSpan > 10 {
		ld.Errorf(at+".rowspan", "số dòng gộp %d không hợp lý", c.RowSpan)
	}
	if c.RowSpan > 1 && !header {
		ld.Errorf(at+".rowspan", "chỉ ô của dòng tiêu đề (header) gộp được nhiều dòng")
	}
	ld.oneOf(at+".align", c.Align, "cách căn lề", Aligns)
}

func (ld *loader) validateAnnexes(p *Plan) {
	if len(p.Annexes) > 0 && strings.TrimSpace(p.Document.AgencyName) == "" && !ld.IsBad("document.agency_name") {
		ld.Errorf("document.agency_name", "kế hoạch có phụ lục nên cần agency_name (tên cơ quan viết trong câu, in ở dòng \"(Kèm theo Kế hoạch số … của …)\"), ví dụ agency_name = \"Sở Kế hoạch và Đầu tư\"")
	}
	for i := range p.Annexes {
		a := &p.Annexes[i]
		at := tomlpos.Elem("annexes", i)
		ld.Require(at+".title", a.Title, `tên phụ lục, ví dụ "Danh sách các xã được phân công phụ trách, đỡ đầu"`)
		ld.checkTemplate(at+".title", a.Title)
		if a.Table == nil && len(a.Items) == 0 && !ld.IsBad(at) {
			ld.Errorf(at, "phụ lục chưa có nội dung: ghi table (bảng) hoặc items (các mục)")
		}
		if a.Table != nil {
			ld.validateTable(p, at+".table", a.Table)
		}
		ld.oneOf(at+".list", a.List, "kiểu đánh dấu các mục", Lists)
		ld.validateItems(p, at+".items", a.Items, a.List, 1)
	}
}

// checkTemplate expands text with a stub criterion name to find template
// errors at load time, and counts the text toward MaxDocumentText.
func (ld *loader) checkTemplate(path, text string) {
	if ld.IsBad(path) {
		return
	}
	s := text
	if strings.Contains(text, "{{") {
		var err error
		if s, err = ld.x.Expand(text); err != nil {
			ld.Errorf(path, "%v", err)
			return
		}
	}
	n := utf8.RuneCountInString(s)
	if !strings.HasPrefix(path, "annexes") {
		ld.noteAnnexRefs(s)
	}
	if ld.total <= maxDocumentText && ld.total+n > maxDocumentText {
		ld.overAt = path
	}
	ld.total += n
}

// noteAnnexRefs records which annexes the body text s points to ("chi
// tiết tại Phụ lục II"), by their labels.
func (ld *loader) noteAnnexRefs(s string) {
	if len(ld.annexRef) == 0 || !strings.Contains(strings.ToLower(s), "phụ lục") {
		return
	}
	lower := strings.ToLower(s)
	for i := range ld.annexRef {
		if ld.annexRef[i] {
			continue
		}
		label := strings.ToLower(AnnexLabel(i+1, len(ld.annexRef)))
		for rest := lower; ; {
			k := strings.Index(rest, label)
			if k < 0 {
				break
			}
			rest = rest[k+len(label):]
			if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsLetter(r) {
				ld.annexRef[i] = true
				break
			}
		}
	}
}

// checkAnnexRefs warns about an annex the body never points to: Decree
// 30 wants the document to say where its annexes are.
func (ld *loader) checkAnnexRefs(p *Plan) {
	for i, ok := range ld.annexRef {
		if !ok && !ld.IsBad(tomlpos.Elem("annexes", i)) {
			ld.Warnf(tomlpos.Elem("annexes", i), "nội dung kế hoạch chưa chỉ dẫn đến %s (Nghị định 30: văn bản có phụ lục phải có chỉ dẫn về phụ lục); ghi ví dụ \"chi tiết tại {{phu_luc %d}}\"", AnnexLabel(i+1, len(p.Annexes)), i+1)
		}
	}
}

func (ld *loader) validateRecipients(p *Plan) {
	if len(p.Recipients) == 0 && !ld.IsBad("recipients") {
		ld.Errorf("recipients", "kế hoạch chưa có nơi nhận: thêm ít nhất một bảng [[recipients]] (line, addressees)")
	}
	districts := map[string]string{} // folded district label → as written
	for _, c := range p.Communes {
		if c.District != "" {
			districts[fold(c.DistrictLabel())] = c.District
		}
	}
	for i := range p.Recipients {
		r := &p.Recipients[i]
		at := tomlpos.Elem("recipients", i)
		ld.Require(at+".line", r.Line, `dòng in ở "Nơi nhận", ví dụ "UBND tỉnh (b/c)"`)
		if t := strings.TrimSpace(r.Line); !ld.IsBad(at+".line") && (strings.HasPrefix(t, "-") || strings.HasSuffix(t, ";")) {
			ld.Errorf(at+".line", "ghi dòng nơi nhận không kèm \"- \" ở đầu và \";\" ở cuối (chương trình tự thêm); viết %q", strings.TrimSpace(strings.TrimRight(strings.TrimPrefix(t, "-"), ";")))
		}
		if fold(strings.TrimSpace(r.Line)) == "như trên" && len(p.Document.KinhGui) == 0 && !ld.IsBad(at+".line") {
			ld.Warnf(at+".line", "\"Như trên\" là các nơi ở dòng \"Kính gửi\", nhưng văn bản không có Kính gửi (document.kinh_gui)")
		}
		if len(r.Addressees) == 0 && !ld.IsBad(at+".addressees") {
			ld.Warnf(at, "dòng nơi nhận %q chưa có người nhận (addressees); sẽ không gửi văn bản cho dòng này", r.Line)
		}
		for j := range r.Addressees {
			a := &r.Addressees[j]
			aat := tomlpos.Elem(at+".addressees", j)
			ld.Require(aat+".name", a.Name, `tên người nhận, ví dụ "UBND huyện Gio Linh"`)
			if a.Commune != "" && !ld.IsBad(aat+".commune") && p.Commune(a.Commune) == nil {
				if s := nearest(a.Commune, communeIDList(p)); s != "" {
					ld.Errorf(aat+".commune", "không có xã mã %q trong danh sách communes; có phải ý là %q?", a.Commune, s)
				} else {
					ld.Errorf(aat+".commune", "không có xã mã %q trong danh sách communes (các mã: %s)", a.Commune, communeIDs(p))
				}
			}
			if a.District != "" && !ld.IsBad(aat+".district") {
				d := fold(withKind(a.District, "huyện", "huyện ", "thị xã ", "thành phố ", "quận "))
				if w, ok := districts[d]; ok {
					a.District = w
				} else {
					ld.Errorf(aat+".district", "không có xã nào của kế hoạch thuộc huyện %q (các huyện: %s)", a.District, districtNames(p))
				}
				if a.Commune != "" {
					ld.Errorf(aat+".district", "người nhận là UBND một xã (commune) hoặc một huyện (district), không cả hai")
				}
			}
			if a.Email != "" && !ld.IsBad(aat+".email") && !reEmail.MatchString(a.Email) {
				ld.Errorf(aat+".email", "địa chỉ thư điện tử %q không hợp lệ", a.Email)
			}
			if ld.oneOf(aat+".delivery", a.Delivery, "cách gửi", Deliveries) && a.Delivery == DeliveryEmail && a.Email == "" {
				ld.Errorf(aat+".delivery", "gửi bằng thư điện tử (delivery = \"email\") nhưng chưa có địa chỉ: ghi email = \"…\"")
			}
			seen := map[string]bool{}
			for k, doc := range a.Documents {
				dk := tomlpos.Elem(aat+".documents", k)
				if ld.oneOf(dk, doc, "loại văn bản", Documents) && seen[doc] {
					ld.Errorf(dk, "loại văn bản %q ghi hai lần", doc)
				}
				seen[doc] = true
			}
			if ld.Defined(aat+".documents") && len(a.Documents) == 0 && !ld.IsBad(aat+".documents") {
				ld.Warnf(aat+".documents", "người nhận %q không nhận văn bản nào (documents = [])", a.Name)
			}
		}
	}
}

func districtNames(p *Plan) string {
	var out []string
	seen := map[string]bool{}
	for _, c := range p.Communes {
		if !seen[fold(c.District)] {
			seen[fold(c.District)] = true
			out = append(out, c.District)
		}
	}
	return strings.Join(out, ", ")
}

func (ld *loader) validateArchive(p *Plan) {
	a := &p.ArchiveSpec
	const at = "archive"
	switch {
	case ld.IsBad(at):
	case a.Line != "":
		t := strings.TrimSpace(a.Line)
		switch {
		case strings.ContainsAny(t, "\r\n"):
			ld.Errorf(at, "dòng \"Lưu:\" in trên một dòng, không được xuống dòng (thấy %q); bỏ ký tự xuống dòng \\n", tomldec.Clip(t))
		case strings.HasPrefix(strings.ToLower(t), "lưu"):
			ld.Errorf(at, "không ghi chữ \"Lưu:\" và dấu chấm cuối (chương trình tự in); viết archive = %q", strings.TrimRight(strings.TrimSpace(strings.TrimLeft(t[len("lưu"):], ": ")), ". "))
		case strings.HasSuffix(t, "."):
			ld.Errorf(at, "không ghi dấu chấm cuối dòng \"Lưu\" (chương trình tự thêm); viết archive = %q", strings.TrimRight(t, ". "))
		case !strings.HasPrefix(t, "VT"):
			ld.Warnf(at, "Nghị định 30 ghi dòng Lưu bắt đầu bằng \"VT\" (văn thư), rồi chữ viết tắt đơn vị soạn thảo, ví dụ archive = \"VT, %s\"", orDefault(p.Document.DraftingUnitShort, "KTN"))
		}
	case !ld.Defined(at) && p.Document.DraftingUnitShort == "":
		ld.Warnf("document.drafting_unit_short", "dòng \"Lưu:\" chỉ có VT: ghi drafting_unit_short (chữ viết tắt đơn vị soạn thảo, ví dụ \"KTN\")")
	default:
		for i, u := range a.Units {
			uk := tomlpos.Elem(at+".units", i)
			if t := strings.TrimSpace(u); t == "" || strings.ContainsAny(t, ",;.") {
				ld.Errorf(uk, "mỗi đơn vị lưu một chuỗi, không có dấu phẩy hay dấu chấm, ví dụ units = [\"KGVX\", \"KTN\"]; thấy %q", u)
			} else if t == "VT" || t == p.Document.DraftingUnitShort {
				ld.Errorf(uk, "không ghi %q trong units (chương trình tự in VT đầu tiên và đơn vị soạn thảo drafting_unit_short cuối cùng)", t)
			}
		}
		if p.Document.DraftingUnitShort == "" {
			ld.Warnf(at, "dòng \"Lưu:\" cần chữ viết tắt đơn vị soạn thảo: ghi document.drafting_unit_short, ví dụ \"KTN\"")
		}
		if d := a.Drafter; d != "" && strings.ContainsAny(d, " ,;.") && !ld.IsBad(at+".drafter") {
			ld.Errorf(at+".drafter", "ký hiệu người soạn thảo viết liền, ví dụ \"NLJ\"; thấy %q", d)
		}
		if !ld.IsBad(at+".copies") && (a.Copies < 0 || a.Copies > 999) {
			ld.Errorf(at+".copies", "số bản lưu từ 1 đến 999, thấy %d", a.Copies)
		}
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func (ld *loader) validateSigner(p *Plan) {
	s := &p.Signer
	old := ld.Defined("signer.authority") || ld.Defined("signer.position")
	switch {
	case old && ld.Defined("signer.titles"):
		ld.Errorf("signer.titles", "người ký ghi cả titles và authority/position; chỉ giữ titles")
		return
	case old:
		lines := s.TitleLines()
		q := make([]string, len(lines))
		for i, l := range lines {
			q[i] = fmt.Sprintf("%q", strings.ToUpper(l))
		}
		key := "signer.position"
		if ld.Defined("signer.authority") {
			key = "signer.authority"
		}
		if !ld.IsBad("signer.authority") && !ld.IsBad("signer.position") {
			ld.Warnf(key, "authority và position đã thay bằng titles (các dòng quyền hạn, chức vụ); viết titles = [%s]", strings.Join(q, ", "))
		}
		s.Titles = lines
	}
	if ld.IsBad("signer") || ld.IsBad("signer.titles") || ld.IsBad("signer.authority") || ld.IsBad("signer.position") {
		return
	}
	ld.signerTitles(s, old)
	ld.Require("signer.name", s.Name, `họ tên người ký, ví dụ "Trương Chí Trung"`)
	if reAcademic.MatchString(s.Name) && !ld.IsBad("signer.name") {
		ld.Warnf("signer.name", "Nghị định 30 không ghi học hàm, học vị trước họ tên người ký; viết %q", strings.TrimSpace(reAcademic.ReplaceAllString(s.Name, "")))
	}
}

// signerTitles checks the signer's lines against Decree 30's forms.
func (ld *loader) signerTitles(s *Signer, old bool) {
	for i := range s.Titles {
		if ld.IsBad(tomlpos.Elem("signer.titles", i)) {
			return // a line break or a length, already reported
		}
	}
	if len(s.Titles) == 0 {
		ld.Errorf("signer.titles", `thiếu chức vụ người ký: ghi titles = ["GIÁM ĐỐC"] khi người đứng đầu ký, hoặc titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`)
	}
	if len(s.Titles) > 4 {
		ld.Errorf("signer.titles", "khối chữ ký tối đa 4 dòng quyền hạn, chức vụ; thấy %d", len(s.Titles))
	}
	titleKey := func(i int) string {
		if old {
			return "signer"
		}
		return tomlpos.Elem("signer.titles", i)
	}
	kt := 0
	wrong := false
	for i, t := range s.Titles {
		k := titleKey(i)
		u := strings.ToUpper(strings.TrimSpace(t))
		last := i == len(s.Titles)-1
		if u == "" {
			ld.Errorf(k, "dòng chức vụ không được để trống")
			continue
		}
		prefix := ""
		if m := reAuthority.FindStringSubmatch(u); m != nil {
			prefix = m[1] + "."
		} else if m := reAuthorityLoose.FindStringSubmatch(u); m != nil {
			want := strings.ReplaceAll(m[1], ".", "") + ". " + m[3]
			ld.Errorf(k, "quyền hạn viết như Nghị định 30: chữ viết tắt, dấu chấm rồi một dấu cách — %q, thấy %q", want, t)
			wrong = true
			continue
		}
		switch prefix {
		case "TM.":
			if i != 0 || last {
				ld.Errorf(k, "\"TM.\" (thay mặt tập thể) đứng ở dòng đầu, dưới là chức vụ người ký, ví dụ titles = [\"TM. ỦY BAN NHÂN DÂN\", \"CHỦ TỊCH\"]")
			}
		case "KT.", "TL.", "TUQ.":
			if last {
				ld.Errorf(k, "sau %q cần dòng chức vụ của người ký, ví dụ titles = [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]", prefix)
			}
			if prefix == "KT." {
				kt++
				if kt > 1 {
					ld.Errorf(k, "khối chữ ký chỉ có một dòng \"KT.\"")
				}
			}
		}
		if last && !wrong && strings.HasPrefix(u, "PHÓ ") && (i == 0 || !strings.HasPrefix(strings.ToUpper(s.Titles[i-1]), "KT.")) {
			ld.Warnf(k, "cấp phó ký thay cấp trưởng thì ghi \"KT.\" ở dòng trên, ví dụ titles = [\"KT. %s\", %q]", strings.TrimPrefix(u, "PHÓ "), u)
		}
	}
}

// validateLayout checks each [layout] value against Decree 30's range
// (package decree30); zero takes the default.
func (ld *loader) validateLayout(l Layout) {
	rules := []struct {
		key   string
		value float64
		r     decree30.Range
	}{
		{"margin_top", l.MarginTop, decree30.MarginTop},
		{"margin_bottom", l.MarginBottom, decree30.MarginBottom},
		{"margin_left", l.MarginLeft, decree30.MarginLeft},
		{"margin_right", l.MarginRight, decree30.MarginRight},
		{"body_size", l.BodySize, decree30.BodySize},
		{"line_spacing", l.LineSpacing, decree30.LineSpacing},
	}
	for _, r := range rules {
		path := "layout." + r.key
		if !ld.Defined(path) || ld.IsBad(path) || r.value == 0 {
			continue // zero takes the default
		}
		if !r.r.Contains(r.value) {
			ld.Errorf(path, "Nghị định 30/2020/NĐ-CP quy định %s từ %s đến %s %s, thấy %s", r.r.Name, num(r.r.Min), num(r.r.Max), r.r.Unit, num(r.value))
		}
	}
	if ld.Defined("layout.indent") && !ld.IsBad("layout.indent") && l.Indent != 0 && !slices.ContainsFunc(decree30.Indents, func(v float64) bool { return math.Abs(l.Indent-v) < 0.001 }) {
		ld.Errorf("layout.indent", "Nghị định 30/2020/NĐ-CP quy định lùi đầu dòng 10 mm hoặc 12.7 mm (1 cm hoặc 1,27 cm), thấy %s", num(l.Indent))
	}
}

// num formats a layout number without trailing zeros.
func num(f float64) string { return fmt.Sprintf("%g", f) }

// applyDefaults fills the zero values that have defaults.
func (p *Plan) applyDefaults() {
	l, d := &p.Layout, DefaultLayout
	for _, f := range []struct{ v, def *float64 }{
		{&l.MarginTop, &d.MarginTop}, {&l.MarginBottom, &d.MarginBottom},
		{&l.MarginLeft, &d.MarginLeft}, {&l.MarginRight, &d.MarginRight},
		{&l.BodySize, &d.BodySize}, {&l.LineSpacing, &d.LineSpacing}, {&l.Indent, &d.Indent},
	} {
		if *f.v == 0 {
			*f.v = *f.def
		}
	}
	if p.Document.Subject == "" {
		p.Document.Subject = p.Document.Title
	}
	p.Archive = p.ArchiveLine()
	switch t := p.Signer.Titles; len(t) {
	case 1:
		p.Signer.Authority, p.Signer.Position = "", t[0]
	case 2:
		p.Signer.Authority, p.Signer.Position = t[0], t[1]
	default:
		p.Signer.Authority, p.Signer.Position = "", ""
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		if s.List == "" {
			s.List = ListDash
		}
		s.Style = ""
	}
	for i := range p.Annexes {
		if p.Annexes[i].List == "" {
			p.Annexes[i].List = ListDash
		}
	}
	for i := range p.Recipients {
		for j := range p.Recipients[i].Addressees {
			p.Recipients[i].Addressees[j].applyDefaults()
		}
	}
}

// applyDefaults fills the addressee's delivery: e-mail when it has an
// address, else by hand.
func (a *Addressee) applyDefaults() {
	if a.Delivery == "" {
		a.Delivery = DeliveryHand
		if a.Email != "" {
			a.Delivery = DeliveryEmail
		}
	}
}
