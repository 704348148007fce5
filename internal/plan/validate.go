package plan

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/ntm-project/ntm/internal/decree30"
	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// Commune statuses (Commune.Status).
const (
	StatusChuaDat  = "chua-dat"  // not NTM yet
	StatusDatChuan = "dat-chuan" // NTM
	StatusNangCao  = "nang-cao"  // advanced NTM
	StatusKieuMau  = "kieu-mau"  // model NTM
)

// Statuses lists the valid Commune.Status values.
var Statuses = []string{StatusChuaDat, StatusDatChuan, StatusNangCao, StatusKieuMau}

// Targets lists the valid Commune.Target values.
var Targets = []string{"dat-chuan", "nang-cao-chat-luong", "nang-cao", "kieu-mau"}

// Section styles (Section.Style).
const (
	StyleDash     = "dash"
	StyleNumbered = "numbered"
	StylePlain    = "plain"
)

// Styles lists the valid Section.Style values.
var Styles = []string{StyleDash, StyleNumbered, StylePlain}

// MaxCriterion is the number of criteria of the national sets (QĐ
// 1980/QĐ-TTg and QĐ 318/QĐ-TTg both have 19).
const MaxCriterion = 19

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

var (
	reCommuneID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	reEmail     = regexp.MustCompile(`^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$`)
)

// validate checks the meaning of a decoded plan.
func (ld *loader) validate(p *Plan) {
	ld.validateDocument(p)
	ld.validateProgram(p)
	ld.validateCommunes(p)
	ld.validateBody(p)
	ld.validateRecipients(p)
	ld.Require("signer.position", p.Signer.Position, `chức vụ người ký, ví dụ "PHÓ GIÁM ĐỐC"`)
	ld.Require("signer.name", p.Signer.Name, `họ tên người ký, ví dụ "Trương Chí Trung"`)
	ld.validateLayout(p.Layout)
}

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
	if s := d.Symbol; s != "" && (strings.HasPrefix(s, "/") || strings.ContainsAny(s, " \t")) {
		ld.Errorf("document.symbol", "ký hiệu %q viết liền, không có dấu cách và không có dấu \"/\" ở đầu (chương trình tự in \"Số: %d/\"), ví dụ \"SKH-KTN\"", s, d.Number)
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

func oneOf(v string, list []string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

func (ld *loader) validateCommunes(p *Plan) {
	if len(p.Communes) == 0 && !ld.IsBad("communes") {
		ld.Errorf("communes", "kế hoạch chưa có xã nào: thêm ít nhất một bảng [[communes]] (id, name, district, status)")
	}
	ids := map[string]int{}
	names := map[string]int{}
	for i, c := range p.Communes {
		at := tomlpos.Elem("communes", i)
		ld.Require(at+".id", c.ID, `mã xã, ví dụ "gio-mai"`)
		ld.Require(at+".name", c.Name, `tên xã, ví dụ "Gio Mai"`)
		ld.Require(at+".district", c.District, `tên huyện, ví dụ "Gio Linh"`)
		ld.Require(at+".status", c.Status, "hiện trạng: "+strings.Join(Statuses, ", "))
		if c.ID != "" && !ld.IsBad(at+".id") {
			if !reCommuneID.MatchString(c.ID) {
				ld.Errorf(at+".id", "mã xã %q chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ \"gio-mai\"", c.ID)
			}
			if j, ok := ids[c.ID]; ok {
				ld.Errorf(at+".id", "mã xã %q trùng với communes[%d]", c.ID, j)
			} else {
				ids[c.ID] = i
			}
		}
		if n := strings.TrimSpace(c.Name); n != "" {
			key := strings.ToLower(n)
			if j, ok := names[key]; ok {
				ld.Errorf(at+".name", "tên xã %q trùng với communes[%d]", c.Name, j)
			} else {
				names[key] = i
			}
		}
		if c.Status != "" && !ld.IsBad(at+".status") && !oneOf(c.Status, Statuses) {
			ld.Errorf(at+".status", "hiện trạng %q không có; cần một trong: %s", c.Status, strings.Join(Statuses, ", "))
		}
		if c.Target != "" && !ld.IsBad(at+".target") && !oneOf(c.Target, Targets) {
			ld.Errorf(at+".target", "mục tiêu %q không có; cần một trong: %s", c.Target, strings.Join(Targets, ", "))
		}
		if ld.Defined(at+".target_year") && !ld.IsBad(at+".target_year") && (c.TargetYear < 2000 || c.TargetYear > 2100) {
			ld.Errorf(at+".target_year", "năm mục tiêu %d không hợp lý: cần từ 2000 đến 2100", c.TargetYear)
		}
		if c.TargetYear != 0 && !ld.IsBad(at+".target_year") && c.TargetYear >= 2000 && c.TargetYear <= 2100 {
			switch y := p.Document.Date.Year(); {
			case !p.Document.Date.IsZero() && c.TargetYear < y:
				ld.Warnf(at+".target_year", "năm mục tiêu %d trước năm ban hành kế hoạch %d", c.TargetYear, y)
			case p.Program.EndYear > 0 && c.TargetYear > p.Program.EndYear:
				ld.Warnf(at+".target_year", "năm mục tiêu %d sau năm cuối của kế hoạch (program.end_year = %d)", c.TargetYear, p.Program.EndYear)
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
		if len(c.Missing) > 0 && c.Status != StatusChuaDat && oneOf(c.Status, Statuses) {
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

// stubName is the criterion-name callback used to check templates at
// load time, before the criteria set is known.
func stubName(n int) string { return fmt.Sprintf("tiêu chí %d", n) }

func (ld *loader) validateBody(p *Plan) {
	for i, s := range p.Opening {
		ld.checkTemplate(p, tomlpos.Elem("opening", i), s)
	}
	for i, s := range p.Closing {
		ld.checkTemplate(p, tomlpos.Elem("closing", i), s)
	}
	if len(p.Sections) == 0 && !ld.IsBad("sections") {
		ld.Errorf("sections", "kế hoạch chưa có phần nào: thêm ít nhất một bảng [[sections]] (title, items)")
	}
	for i, s := range p.Sections {
		at := tomlpos.Elem("sections", i)
		ld.Require(at+".title", s.Title, `tên phần, ví dụ "Mục đích, yêu cầu"`)
		ld.checkTemplate(p, at+".title", s.Title)
		if s.Style != "" && !ld.IsBad(at+".style") && !oneOf(s.Style, Styles) {
			ld.Errorf(at+".style", "kiểu trình bày %q không có; cần một trong: %s", s.Style, strings.Join(Styles, ", "))
		}
		ld.validateItems(p, at+".items", s.Items, 1)
	}
}

func (ld *loader) validateItems(p *Plan, path string, items []Item, depth int) {
	for i, it := range items {
		at := tomlpos.Elem(path, i)
		ld.Require(at+".text", it.Text, "nội dung của mục")
		ld.checkTemplate(p, at+".text", it.Text)
		if len(it.Items) > 0 && depth >= 2 {
			ld.Errorf(at+".items", "chỉ có một cấp mục con (dòng \"+\"); mục con không có mục con")
			continue
		}
		ld.validateItems(p, at+".items", it.Items, depth+1)
	}
}

// checkTemplate expands text with a stub criterion name to find template
// errors at load time.
func (ld *loader) checkTemplate(p *Plan, path, text string) {
	if ld.IsBad(path) || !strings.Contains(text, "{{") {
		return
	}
	if _, err := p.Expand(text, stubName); err != nil {
		ld.Errorf(path, "%v", err)
	}
}

func (ld *loader) validateRecipients(p *Plan) {
	if len(p.Recipients) == 0 && !ld.IsBad("recipients") {
		ld.Errorf("recipients", "kế hoạch chưa có nơi nhận: thêm ít nhất một bảng [[recipients]] (line, addressees)")
	}
	for i, r := range p.Recipients {
		at := tomlpos.Elem("recipients", i)
		ld.Require(at+".line", r.Line, `dòng in ở "Nơi nhận", ví dụ "UBND tỉnh (b/c)"`)
		if len(r.Addressees) == 0 && !ld.IsBad(at+".addressees") {
			ld.Warnf(at, "dòng nơi nhận %q chưa có người nhận (addressees); sẽ không gửi văn bản cho dòng này", r.Line)
		}
		for j, a := range r.Addressees {
			aat := tomlpos.Elem(at+".addressees", j)
			ld.Require(aat+".name", a.Name, `tên người nhận, ví dụ "UBND huyện Gio Linh"`)
			if a.Commune != "" && !ld.IsBad(aat+".commune") && p.Commune(a.Commune) == nil {
				ld.Errorf(aat+".commune", "không có xã mã %q trong danh sách communes (các mã: %s)", a.Commune, communeIDs(p))
			}
			if a.Email != "" && !ld.IsBad(aat+".email") && !reEmail.MatchString(a.Email) {
				ld.Errorf(aat+".email", "địa chỉ thư điện tử %q không hợp lệ", a.Email)
			}
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
	for i := range p.Sections {
		if p.Sections[i].Style == "" {
			p.Sections[i].Style = StyleDash
		}
	}
}
