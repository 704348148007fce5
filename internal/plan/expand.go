package plan

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

// FuncNames lists the template functions of item texts, in the order the
// README documents them.
var FuncNames = []string{"xa", "huyen", "thieu", "nam", "chua_dat", "da_dat"}

// Commune returns the commune with the given ID, or nil.
func (p *Plan) Commune(id string) *Commune {
	for i := range p.Communes {
		if p.Communes[i].ID == id {
			return &p.Communes[i]
		}
	}
	return nil
}

// CommuneLabel is how running text names the commune: "xã Gio Mai". A
// name that already starts with its kind ("phường …", "thị trấn …") is
// kept as written.
func (c *Commune) CommuneLabel() string {
	return withKind(c.Name, "xã", "xã ", "phường ", "thị trấn ")
}

// DistrictLabel is how running text names the commune's district:
// "huyện Gio Linh" ("thị xã …", "thành phố …", "quận …" kept as written).
func (c *Commune) DistrictLabel() string {
	return withKind(c.District, "huyện", "huyện ", "thị xã ", "thành phố ", "quận ")
}

func withKind(name, kind string, prefixes ...string) string {
	lower := strings.ToLower(name)
	for _, p := range prefixes {
		if strings.HasPrefix(lower, p) {
			return name
		}
	}
	return kind + " " + name
}

// funcError is an error raised by one of the template functions; its
// text is already the Vietnamese message.
type funcError struct{ msg string }

func (e *funcError) Error() string { return e.msg }

func funcErrorf(format string, args ...any) error {
	return &funcError{fmt.Sprintf(format, args...)}
}

// Expand executes text as a Go text/template with the plan's functions:
//
//	{{xa "gio-mai"}}     xã Gio Mai
//	{{huyen "gio-mai"}}  huyện Gio Linh
//	{{thieu "gio-mai"}}  the names of the commune's missing criteria,
//	                     lower-case, comma-separated, in number order
//	{{nam "gio-mai"}}    the commune's target year, 2021
//	{{chua_dat}}         the communes with status chua-dat, in plan order:
//	                     "xã Thuận, xã Gio Mai"
//	{{da_dat}}           the other communes: "xã Gio Mỹ, xã Cam Chính"
//
// criterionName gives the name of criterion n of the set in force
// ("Giao thông"); thieu lower-cases it. The error, in Vietnamese, names
// the function and the commune ID at fault.
func (p *Plan) Expand(text string, criterionName func(n int) string) (string, error) {
	funcs := template.FuncMap{
		"xa": func(id string) (string, error) {
			c, err := p.lookup("xa", id)
			if err != nil {
				return "", err
			}
			return c.CommuneLabel(), nil
		},
		"huyen": func(id string) (string, error) {
			c, err := p.lookup("huyen", id)
			if err != nil {
				return "", err
			}
			if strings.TrimSpace(c.District) == "" {
				return "", funcErrorf("hàm huyen: xã mã %q chưa có tên huyện (district)", id)
			}
			return c.DistrictLabel(), nil
		},
		"thieu": func(id string) (string, error) {
			c, err := p.lookup("thieu", id)
			if err != nil {
				return "", err
			}
			return missingNames(c, criterionName)
		},
		"nam": func(id string) (string, error) {
			c, err := p.lookup("nam", id)
			if err != nil {
				return "", err
			}
			if c.TargetYear == 0 {
				return "", funcErrorf("hàm nam: xã mã %q chưa có năm mục tiêu (target_year)", id)
			}
			return strconv.Itoa(c.TargetYear), nil
		},
		"chua_dat": func() (string, error) { return p.byStatus("chua_dat", true) },
		"da_dat":   func() (string, error) { return p.byStatus("da_dat", false) },
	}
	t, err := template.New("").Option("missingkey=error").Funcs(funcs).Parse(text)
	if err != nil {
		return "", errors.New(translateTemplate(err))
	}
	var b strings.Builder
	if err := t.Execute(&b, map[string]any{}); err != nil {
		var fe *funcError
		if errors.As(err, &fe) {
			return "", errors.New("mẫu văn bản: " + fe.msg)
		}
		return "", errors.New(translateTemplate(err))
	}
	return b.String(), nil
}

// lookup finds the commune id for template function fn.
func (p *Plan) lookup(fn, id string) (*Commune, error) {
	if c := p.Commune(id); c != nil {
		return c, nil
	}
	return nil, funcErrorf("hàm %s: không có xã mã %q trong danh sách communes (các mã: %s)", fn, id, communeIDs(p))
}

// communeIDs lists the plan's commune IDs for messages.
func communeIDs(p *Plan) string {
	var ids []string
	for _, c := range p.Communes {
		ids = append(ids, c.ID)
	}
	if len(ids) == 0 {
		return "chưa có xã nào"
	}
	return strings.Join(ids, ", ")
}

// missingNames is the text of {{thieu id}}.
func missingNames(c *Commune, criterionName func(int) string) (string, error) {
	if len(c.Missing) == 0 {
		return "", funcErrorf("hàm thieu: xã mã %q không có tiêu chí chưa đạt (khóa missing trống)", c.ID)
	}
	if criterionName == nil {
		return "", funcErrorf("hàm thieu: chưa có bộ tiêu chí để lấy tên tiêu chí")
	}
	nums := append([]int(nil), c.Missing...)
	sort.Ints(nums)
	var names []string
	for i, n := range nums {
		if i > 0 && nums[i-1] == n {
			continue
		}
		name := strings.TrimSpace(criterionName(n))
		if name == "" {
			return "", funcErrorf("hàm thieu: xã mã %q: bộ tiêu chí không có tiêu chí số %d", c.ID, n)
		}
		names = append(names, strings.ToLower(name))
	}
	return strings.Join(names, ", "), nil
}

// byStatus is the text of {{chua_dat}} (notYet) and {{da_dat}}.
func (p *Plan) byStatus(fn string, notYet bool) (string, error) {
	var names []string
	for i := range p.Communes {
		c := &p.Communes[i]
		if (c.Status == StatusChuaDat) == notYet {
			names = append(names, c.CommuneLabel())
		}
	}
	if len(names) == 0 {
		if notYet {
			return "", funcErrorf("hàm %s: không có xã nào có hiện trạng \"chua-dat\"", fn)
		}
		return "", funcErrorf("hàm %s: không có xã nào đã đạt chuẩn", fn)
	}
	return strings.Join(names, ", "), nil
}

var (
	reTmplPrefix  = regexp.MustCompile(`^template: [^:]*:(\d+)(:\d+)?: (executing "[^"]*" at <([^>]*)>: )?`)
	reTmplFunc    = regexp.MustCompile(`function "([^"]*)" not defined`)
	reTmplArgs    = regexp.MustCompile(`wrong number of args for (\w+): want (\d+) got (\d+)`)
	reTmplType    = regexp.MustCompile(`(?:wrong type for value; )?expected string; (?:got|found) (.+)$`)
	reTmplNoEntry = regexp.MustCompile(`map has no entry for key "([^"]*)"`)
)

// translateTemplate puts a text/template error into Vietnamese.
func translateTemplate(err error) string {
	msg := err.Error()
	at := ""
	if m := reTmplPrefix.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if m[4] != "" {
			at = " (ở {{" + m[4] + "}})"
		}
	}
	known := strings.Join(FuncNames, ", ")
	switch {
	case reTmplFunc.MatchString(msg):
		m := reTmplFunc.FindStringSubmatch(msg)
		if s := nearest(m[1], FuncNames); s != "" {
			return fmt.Sprintf("mẫu văn bản: hàm %q không có; có phải ý là %q? (các hàm: %s)", m[1], s, known)
		}
		return fmt.Sprintf("mẫu văn bản: hàm %q không có (các hàm: %s)", m[1], known)
	case reTmplArgs.MatchString(msg):
		m := reTmplArgs.FindStringSubmatch(msg)
		if m[2] == "0" {
			return fmt.Sprintf("mẫu văn bản: hàm %s không nhận đối số, thấy %s", m[1], m[3])
		}
		return fmt.Sprintf("mẫu văn bản: hàm %s cần %s đối số (mã xã trong dấu nháy kép, ví dụ {{%s \"gio-mai\"}}), thấy %s", m[1], m[2], m[1], m[3])
	case reTmplType.MatchString(msg):
		m := reTmplType.FindStringSubmatch(msg)
		return fmt.Sprintf("mẫu văn bản: đối số phải là mã xã trong dấu nháy kép, ví dụ {{xa \"gio-mai\"}}; thấy %s", m[1])
	case reTmplNoEntry.MatchString(msg):
		m := reTmplNoEntry.FindStringSubmatch(msg)
		return fmt.Sprintf("mẫu văn bản: không có dữ liệu %q; chỉ dùng các hàm %s", "."+m[1], known)
	case strings.Contains(msg, "unclosed action"):
		return "mẫu văn bản: thiếu dấu \"}}\" đóng lệnh"
	case strings.Contains(msg, "unexpected EOF"):
		return "mẫu văn bản: hết văn bản giữa chừng (thiếu \"}}\" hoặc {{end}})"
	case strings.Contains(msg, "unterminated quoted string"):
		return "mẫu văn bản: thiếu dấu nháy kép đóng mã xã"
	case strings.Contains(msg, "missing value for command"), strings.Contains(msg, "empty command"):
		return "mẫu văn bản: lệnh {{ }} trống"
	}
	return "mẫu văn bản sai: " + msg + at
}
