package plan

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ntm-project/ntm/internal/vnfmt"
)

// MaxExpanded bounds one paragraph, heading or cell after its template
// functions have run, in characters: about 150 pages of 14 pt text,
// room for {{chua_dat}} and {{da_dat}} on a national plan of 8,000 communes (250,000
// characters). A template cannot loop, so a text's size is the sum of
// what it calls; MaxDocumentText bounds the whole plan.
const MaxExpanded = 500_000

// FuncNames lists the template functions of item texts, in the order the
// README documents them. Those in Capitalised also exist with a capital
// first letter ({{Xa "gio-mai"}} = "Xã Gio Mai"), for the start of a
// sentence.
var FuncNames = []string{"xa", "huyen", "thieu", "nam", "chua_dat", "da_dat", "cac_xa", "so_xa", "giai_doan", "phu_luc", "co_quan"}

// Capitalised lists the functions that have a capitalised twin.
var Capitalised = []string{"xa", "huyen", "thieu", "chua_dat", "da_dat", "cac_xa"}

// The forms of {{thieu "id" "form"}}: how a commune's missing criteria
// are named.
const (
	MissingNames      = "ten"      // "giao thông, cơ sở vật chất văn hóa" (the default)
	MissingNumbers    = "so"       // "2, 6"
	MissingNumberName = "so-ten"   // "số 3 (Thủy lợi và phòng, chống thiên tai), số 10 (Thu nhập)"
	MissingCriteria   = "tieu-chi" // "tiêu chí số 3 (Thủy lợi và phòng, chống thiên tai), số 10 (Thu nhập)"
	FormCount         = "dem"      // "2" (also a form of the commune lists)
)

// MissingForms lists the forms of thieu.
var MissingForms = []string{MissingNames, MissingNumbers, MissingNumberName, MissingCriteria, FormCount}

// The forms of a list of communes ({{chua_dat "form"}}, {{da_dat
// "form"}}).
const (
	ListLabels = "xa"     // "xã Thuận, xã Gio Mai" (the default)
	ListGroup  = "cac-xa" // "các xã: Thuận, Gio Mai"; one commune: "xã Thuận"
	ListNames  = "ten"    // "Thuận, Gio Mai"
)

// ListForms lists the forms of the commune lists.
var ListForms = []string{ListLabels, ListGroup, ListNames, FormCount}

// Commune returns the commune with the given ID, or nil.
func (p *Plan) Commune(id string) *Commune {
	// A national plan has ten thousand communes, each named by its
	// addressees and item texts: Load indexes them; a plan built or
	// changed by hand since is searched.
	if p.byID != nil && len(p.Communes) == p.byIDLen && len(p.Communes) > 0 && &p.Communes[0] == p.byIDFirst {
		if i, ok := p.byID[id]; ok && p.Communes[i].ID == id {
			return &p.Communes[i]
		}
	}
	for i := range p.Communes {
		if p.Communes[i].ID == id {
			return &p.Communes[i]
		}
	}
	return nil
}

// index builds the index Commune uses.
func (p *Plan) index() {
	p.byID = make(map[string]int, len(p.Communes))
	for i := len(p.Communes) - 1; i >= 0; i-- {
		p.byID[p.Communes[i].ID] = i
	}
	p.byIDLen = len(p.Communes)
	if len(p.Communes) > 0 {
		p.byIDFirst = &p.Communes[0]
	}
}

// CommuneLabel is how running text names the commune: "xã Gio Mai". A
// name that already starts with its kind ("phường …", "thị trấn …") is
// kept as written. Plan.Label adds the district where the name is not
// unique in the plan.
func (c *Commune) CommuneLabel() string {
	return withKind(c.Name, "xã", "xã ", "phường ", "thị trấn ")
}

// DistrictLabel is how running text names the commune's district:
// "huyện Gio Linh" ("thị xã …", "thành phố …", "quận …" kept as written).
func (c *Commune) DistrictLabel() string {
	return withKind(c.District, "huyện", "huyện ", "thị xã ", "thành phố ", "quận ")
}

// isXa reports whether the commune is a xã (not a phường or thị trấn).
func (c *Commune) isXa() bool {
	return strings.HasPrefix(strings.ToLower(c.CommuneLabel()), "xã ")
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

// fold is the form names are compared in: NFC, lower case, single
// spaces. "Ân Tú" and "An Tú" stay apart.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// sameName reports the communes whose name another commune of the plan
// also has (in another district): their label carries the district.
func sameName(p *Plan) map[*Commune]bool {
	count := map[string]int{}
	for i := range p.Communes {
		count[fold(p.Communes[i].CommuneLabel())]++
	}
	dup := map[*Commune]bool{}
	for i := range p.Communes {
		c := &p.Communes[i]
		if count[fold(c.CommuneLabel())] > 1 {
			dup[c] = true
		}
	}
	return dup
}

// Label is how running text names commune c of p: "xã Gio Mai", or "xã
// Tân Lập (huyện Đức Hòa)" when another commune of the plan has the same
// name.
func (p *Plan) Label(c *Commune) string {
	return label(c, sameName(p)[c])
}

func label(c *Commune, dup bool) string {
	if dup && strings.TrimSpace(c.District) != "" {
		return c.CommuneLabel() + " (" + c.DistrictLabel() + ")"
	}
	return c.CommuneLabel()
}

// bareName is the commune's name without its kind, with the district
// when the name is not unique: "Gio Mai", "Tân Lập (huyện Đức Hòa)".
func bareName(c *Commune, dup bool) string {
	n := c.Name
	if strings.HasPrefix(strings.ToLower(n), "xã ") {
		n = strings.TrimSpace(n[len("xã "):])
	}
	if dup && strings.TrimSpace(c.District) != "" {
		n += " (" + c.DistrictLabel() + ")"
	}
	return n
}

// Capitalise puts the first letter of s in upper case: "xã Gio Mai" →
// "Xã Gio Mai". Text before the first letter (a digit, a bracket) is
// kept.
func Capitalise(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsUpper(r) {
				return s
			}
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			return s
		}
	}
	return s
}

// funcError is an error raised by one of the template functions; its
// text is already the Vietnamese message.
type funcError struct{ msg string }

func (e *funcError) Error() string { return e.msg }

func funcErrorf(format string, args ...any) error {
	return &funcError{fmt.Sprintf(format, args...)}
}

// An Expander runs the plan's templates. It is built once per document
// (NewExpander): it knows which commune names repeat and keeps the
// results of the list functions, which a national plan would otherwise
// compute for every call.
type Expander struct {
	p     *Plan
	names func(n int) string
	dup   map[*Commune]bool
	cache map[string]string
}

// NewExpander returns an expander of p's templates; criterionName gives
// the name of criterion n of the set in force ("Giao thông").
func (p *Plan) NewExpander(criterionName func(n int) string) *Expander {
	return &Expander{p: p, names: criterionName, dup: sameName(p), cache: map[string]string{}}
}

// Expand runs text with a new expander (see Expander.Expand).
func (p *Plan) Expand(text string, criterionName func(n int) string) (string, error) {
	return p.NewExpander(criterionName).Expand(text)
}

// Expand runs the template text: its plain text is kept, each
// {{function "argument"}} is replaced by what the function gives:
//
//	{{xa "gio-mai"}}             xã Gio Mai (xã Tân Lập (huyện Đức Hòa) where the name repeats)
//	{{huyen "gio-mai"}}          huyện Gio Linh
//	{{thieu "gio-mai"}}          the names of the commune's missing criteria, lower
//	                             case, in number order: "giao thông, cơ sở vật chất
//	                             văn hóa" ("; " between them when a name holds a comma)
//	{{thieu "id" "so"}}          "2, 6"
//	{{thieu "id" "so-ten"}}      "số 3 (Thủy lợi và phòng, chống thiên tai), số 10 (Thu nhập)"
//	{{thieu "id" "tieu-chi"}}    "tiêu chí số 3 (…), số 10 (…)"
//	{{thieu "id" "dem"}}         "2"
//	{{nam "gio-mai"}}            the commune's target year, 2021
//	{{chua_dat}}                 the communes not yet NTM: "xã Thuận, xã Gio Mai"
//	{{da_dat}}                   the other communes: "xã Gio Mỹ, xã Cam Chính"
//	{{chua_dat "cac-xa"}}        "các xã: Thuận, Gio Mai" (also "ten", "dem")
//	{{cac_xa "a" "b"}}           "các xã: A, B"; one commune: "xã A"
//	{{so_xa}}                    the number of communes, "4"
//	{{giai_doan}}                "2021-2025" (program.start_year, end_year)
//	{{phu_luc 1}}                "Phụ lục I" ("Phụ lục" when the plan has one)
//	{{co_quan}}                  the agency in running text, document.agency_name
//
// Xa, Huyen, Thieu, Chua_dat, Da_dat and Cac_xa give the same with a
// capital first letter. Nothing else of Go's template language is
// reachable: no range, if, variables, pipes or built-in functions, only
// text and calls with literal arguments, so that the text's size is
// bounded by what it calls (and by MaxExpanded). The error, in
// Vietnamese, names the function and the argument at fault.
func (x *Expander) Expand(text string) (string, error) {
	if !strings.Contains(text, "{{") {
		return x.check(text)
	}
	root, err := parseTemplate(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	n := 0
	for _, node := range root.Nodes {
		var s string
		switch nd := node.(type) {
		case *parse.TextNode:
			s = string(nd.Text)
		case *parse.ActionNode:
			s, err = x.call(nd)
			if err != nil {
				return "", errors.New("mẫu văn bản: " + err.Error())
			}
		case *parse.CommentNode:
			continue
		default:
			return "", notAllowed(node)
		}
		n += utf8.RuneCountInString(s)
		if n > MaxExpanded {
			return "", tooLong()
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// Item is Expand for the start of an item (a paragraph, a heading):
// its first letter is put in capitals, as a clerk writes it.
func (x *Expander) Item(text string) (string, error) {
	s, err := x.Expand(text)
	return Capitalise(s), err
}

func (x *Expander) check(text string) (string, error) {
	if utf8.RuneCountInString(text) > MaxExpanded {
		return "", tooLong()
	}
	return text, nil
}

func tooLong() error {
	return fmt.Errorf("mẫu văn bản: đoạn văn sau khi điền dữ liệu dài quá %d ký tự; hãy chia thành nhiều đoạn", MaxExpanded)
}

// parseTemplate parses text with text/template's parser, which knows
// only the plan's functions: Go's built-ins (printf, len, index…) are
// "not defined" there.
func parseTemplate(text string) (*parse.ListNode, error) {
	trees, err := parse.Parse("", text, "", "", parseFuncs)
	if err != nil {
		return nil, errors.New(translateTemplate(err))
	}
	if len(trees) > 1 {
		return nil, errors.New("mẫu văn bản: không dùng {{define}} hay {{block}}; chỉ dùng chữ và các hàm " + funcList())
	}
	t := trees[""]
	if t == nil || t.Root == nil {
		return &parse.ListNode{}, nil
	}
	return t.Root, nil
}

// parseFuncs are the names the parser accepts as functions.
var parseFuncs = func() map[string]any {
	m := map[string]any{}
	for _, f := range FuncNames {
		m[f] = true
	}
	for _, f := range Capitalised {
		m[capitalName(f)] = true
	}
	return m
}()

func capitalName(f string) string { return strings.ToUpper(f[:1]) + f[1:] }

func funcList() string { return strings.Join(FuncNames, ", ") }

// notAllowed names a construct of Go's template language that plan
// texts may not use.
func notAllowed(n parse.Node) error {
	what := ""
	switch n.(type) {
	case *parse.RangeNode:
		what = "{{range}}"
	case *parse.IfNode:
		what = "{{if}}"
	case *parse.WithNode:
		what = "{{with}}"
	case *parse.TemplateNode:
		what = "{{template}}"
	case *parse.BreakNode, *parse.ContinueNode:
		what = "{{break}}/{{continue}}"
	default:
		what = clipNode(n)
	}
	return fmt.Errorf("mẫu văn bản: không dùng %s; chỉ viết chữ và gọi các hàm (%s) với đối số viết sẵn, ví dụ {{xa \"gio-mai\"}}", what, funcList())
}

func clipNode(n parse.Node) string {
	s := n.String()
	if _, ok := n.(*parse.PipeNode); ok {
		s = "(" + s + ")"
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:37]) + "…"
	}
	return s
}

// arg is one literal argument of a call.
type arg struct {
	s     string
	n     int
	isNum bool
}

// fnSpec describes one template function: its arguments and its body.
type fnSpec struct {
	min, max int  // number of arguments; max < 0: any number from min
	number   bool // its argument is a number (phu_luc), else strings
	usage    string
	call     func(x *Expander, args []arg) (string, error)
}

var specs map[string]fnSpec

func init() {
	specs = map[string]fnSpec{
		"xa":        {1, 1, false, `{{xa "gio-mai"}}`, (*Expander).xa},
		"huyen":     {1, 1, false, `{{huyen "gio-mai"}}`, (*Expander).huyen},
		"thieu":     {1, 2, false, `{{thieu "gio-mai"}} hoặc {{thieu "gio-mai" "so-ten"}}`, (*Expander).thieu},
		"nam":       {1, 1, false, `{{nam "gio-mai"}}`, (*Expander).nam},
		"chua_dat":  {0, 1, false, `{{chua_dat}} hoặc {{chua_dat "cac-xa"}}`, func(x *Expander, a []arg) (string, error) { return x.byStatus("chua_dat", true, a) }},
		"da_dat":    {0, 1, false, `{{da_dat}} hoặc {{da_dat "cac-xa"}}`, func(x *Expander, a []arg) (string, error) { return x.byStatus("da_dat", false, a) }},
		"cac_xa":    {1, -1, false, `{{cac_xa "gio-mai" "gio-my"}}`, (*Expander).cacXa},
		"so_xa":     {0, 0, false, `{{so_xa}}`, func(x *Expander, _ []arg) (string, error) { return strconv.Itoa(len(x.p.Communes)), nil }},
		"giai_doan": {0, 0, false, `{{giai_doan}}`, (*Expander).giaiDoan},
		"phu_luc":   {1, 1, true, `{{phu_luc 1}}`, (*Expander).phuLuc},
		"co_quan":   {0, 0, false, `{{co_quan}}`, (*Expander).coQuan},
	}
}

// call runs one {{action}}: a single call of a plan function with
// literal arguments.
func (x *Expander) call(a *parse.ActionNode) (string, error) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || p.IsAssign {
		return "", fmt.Errorf("không dùng biến (%s); chỉ gọi các hàm %s", clipNode(a), funcList())
	}
	if len(p.Cmds) != 1 {
		return "", fmt.Errorf("không dùng dấu | (%s); mỗi lệnh {{ }} gọi một hàm", clipNode(a))
	}
	args := p.Cmds[0].Args
	id, ok := args[0].(*parse.IdentifierNode)
	if !ok {
		switch n := args[0].(type) {
		case *parse.FieldNode:
			return "", fmt.Errorf("không có dữ liệu %q; chỉ dùng các hàm %s", n.String(), funcList())
		case *parse.StringNode:
			return "", fmt.Errorf("lệnh %s thiếu tên hàm; ví dụ {{xa %s}}", clipNode(a), n.Quoted)
		}
		return "", fmt.Errorf("lệnh %s không phải lời gọi hàm; chỉ dùng các hàm %s", clipNode(a), funcList())
	}
	name := id.Ident
	base := name
	capital := false
	if _, ok := specs[name]; !ok {
		base, capital = strings.ToLower(name[:1])+name[1:], true
	}
	spec := specs[base]
	var lits []arg
	for _, n := range args[1:] {
		switch v := n.(type) {
		case *parse.StringNode:
			if spec.number {
				return "", fmt.Errorf("hàm %s cần số thứ tự của phụ lục, không có dấu nháy, ví dụ %s; thấy %s", name, spec.usage, v.Quoted)
			}
			lits = append(lits, arg{s: v.Text})
		case *parse.NumberNode:
			if !spec.number || !v.IsInt {
				return "", fmt.Errorf("đối số phải là mã xã trong dấu nháy kép, ví dụ {{xa \"gio-mai\"}}; thấy %s", v.Text)
			}
			lits = append(lits, arg{n: int(v.Int64), isNum: true})
		default:
			if spec.number {
				return "", fmt.Errorf("hàm %s cần số thứ tự của phụ lục viết sẵn, ví dụ %s; thấy %s", name, spec.usage, clipNode(n))
			}
			return "", fmt.Errorf("đối số phải viết sẵn trong dấu nháy kép, ví dụ {{xa \"gio-mai\"}}; thấy %s", clipNode(n))
		}
	}
	if len(lits) < spec.min || spec.max >= 0 && len(lits) > spec.max {
		switch {
		case spec.max == 0:
			return "", fmt.Errorf("hàm %s không nhận đối số, thấy %d", name, len(lits))
		case base == "xa" || base == "huyen" || base == "nam":
			return "", fmt.Errorf("hàm %s cần 1 đối số (mã xã trong dấu nháy kép, ví dụ {{%s \"gio-mai\"}}), thấy %d", name, name, len(lits))
		}
		return "", fmt.Errorf("hàm %s: số đối số không đúng (thấy %d); viết %s", name, len(lits), spec.usage)
	}
	key := name
	for _, l := range lits {
		key += "\x00" + l.s + strconv.Itoa(l.n)
	}
	if s, ok := x.cache[key]; ok {
		return s, nil
	}
	s, err := spec.call(x, lits)
	if err != nil {
		var fe *funcError
		if errors.As(err, &fe) {
			return "", errors.New(strings.Replace(fe.msg, "hàm "+base+":", "hàm "+name+":", 1))
		}
		return "", err
	}
	if capital {
		s = Capitalise(s)
	}
	if utf8.RuneCountInString(s) > MaxExpanded {
		return "", fmt.Errorf("hàm %s cho kết quả dài quá %d ký tự", name, MaxExpanded)
	}
	x.cache[key] = s
	return s, nil
}

// lookup finds the commune id for template function fn.
func (x *Expander) lookup(fn, id string) (*Commune, error) {
	if c := x.p.Commune(id); c != nil {
		return c, nil
	}
	if s := nearest(id, communeIDList(x.p)); s != "" {
		return nil, funcErrorf("hàm %s: không có xã mã %q trong danh sách communes; có phải ý là %q?", fn, id, s)
	}
	return nil, funcErrorf("hàm %s: không có xã mã %q trong danh sách communes (các mã: %s)", fn, id, communeIDs(x.p))
}

func (x *Expander) xa(a []arg) (string, error) {
	c, err := x.lookup("xa", a[0].s)
	if err != nil {
		return "", err
	}
	return label(c, x.dup[c]), nil
}

func (x *Expander) huyen(a []arg) (string, error) {
	c, err := x.lookup("huyen", a[0].s)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(c.District) == "" {
		return "", funcErrorf("hàm huyen: xã mã %q chưa có tên huyện (district)", a[0].s)
	}
	return c.DistrictLabel(), nil
}

func (x *Expander) nam(a []arg) (string, error) {
	c, err := x.lookup("nam", a[0].s)
	if err != nil {
		return "", err
	}
	if c.TargetYear == 0 {
		return "", funcErrorf("hàm nam: xã mã %q chưa có năm mục tiêu (target_year)", a[0].s)
	}
	return strconv.Itoa(c.TargetYear), nil
}

func (x *Expander) thieu(a []arg) (string, error) {
	c, err := x.lookup("thieu", a[0].s)
	if err != nil {
		return "", err
	}
	form := MissingNames
	if len(a) > 1 {
		form = a[1].s
		if !slices.Contains(MissingForms, form) {
			return "", formError("thieu", form, MissingForms)
		}
	}
	return MissingText(c, x.names, form)
}

func formError(fn, form string, forms []string) error {
	if s := nearest(form, forms); s != "" {
		return funcErrorf("hàm %s: cách viết %q không có; có phải ý là %q? (các cách: %s)", fn, form, s, strings.Join(forms, ", "))
	}
	return funcErrorf("hàm %s: cách viết %q không có; cần một trong: %s", fn, form, strings.Join(forms, ", "))
}

// MissingText names commune c's missing criteria in the given form (one
// of MissingForms), criterionName giving each criterion's official name.
func MissingText(c *Commune, criterionName func(int) string, form string) (string, error) {
	nums := slices.Clone(c.Missing)
	sort.Ints(nums)
	nums = slices.Compact(nums)
	if form == FormCount {
		return strconv.Itoa(len(nums)), nil
	}
	if len(nums) == 0 {
		return "", funcErrorf("hàm thieu: xã mã %q không có tiêu chí chưa đạt (khóa missing trống)", c.ID)
	}
	if form == MissingNumbers {
		s := make([]string, len(nums))
		for i, n := range nums {
			s[i] = strconv.Itoa(n)
		}
		return strings.Join(s, ", "), nil
	}
	if criterionName == nil {
		return "", funcErrorf("hàm thieu: chưa có bộ tiêu chí để lấy tên tiêu chí")
	}
	names := make([]string, len(nums))
	comma := false
	for i, n := range nums {
		name := strings.TrimSpace(criterionName(n))
		if name == "" {
			return "", funcErrorf("hàm thieu: xã mã %q: bộ tiêu chí không có tiêu chí số %d", c.ID, n)
		}
		comma = comma || strings.Contains(name, ",")
		names[i] = name
	}
	switch form {
	case MissingNumberName, MissingCriteria:
		s := make([]string, len(nums))
		for i, n := range nums {
			s[i] = fmt.Sprintf("số %d (%s)", n, Capitalise(names[i]))
		}
		out := strings.Join(s, ", ")
		if form == MissingCriteria {
			out = "tiêu chí " + out
		}
		return out, nil
	}
	for i := range names {
		names[i] = strings.ToLower(names[i])
	}
	sep := ", "
	if comma {
		sep = "; "
	}
	return strings.Join(names, sep), nil
}

// byStatus is the text of {{chua_dat}} (notYet) and {{da_dat}}.
func (x *Expander) byStatus(fn string, notYet bool, a []arg) (string, error) {
	form := ListLabels
	if len(a) > 0 {
		form = a[0].s
		if !slices.Contains(ListForms, form) {
			return "", formError(fn, form, ListForms)
		}
	}
	var cs []*Commune
	for i := range x.p.Communes {
		c := &x.p.Communes[i]
		if (c.Status == StatusChuaDat) == notYet {
			cs = append(cs, c)
		}
	}
	if form == FormCount {
		return strconv.Itoa(len(cs)), nil
	}
	if len(cs) == 0 {
		if notYet {
			return "", funcErrorf("hàm %s: không có xã nào có hiện trạng \"chua-dat\"", fn)
		}
		return "", funcErrorf("hàm %s: không có xã nào đã đạt chuẩn", fn)
	}
	return x.list(cs, form), nil
}

// list names communes cs in a form of ListForms.
func (x *Expander) list(cs []*Commune, form string) string {
	parts := make([]string, len(cs))
	allXa := true
	for _, c := range cs {
		allXa = allXa && c.isXa()
	}
	if form == ListGroup && (!allXa || len(cs) == 1) {
		form = ListLabels // "xã A"; "xã A, phường 1"
	}
	for i, c := range cs {
		switch form {
		case ListLabels:
			parts[i] = label(c, x.dup[c])
		default:
			parts[i] = bareName(c, x.dup[c])
		}
	}
	s := strings.Join(parts, ", ")
	if form == ListGroup {
		s = "các xã: " + s
	}
	return s
}

func (x *Expander) cacXa(a []arg) (string, error) {
	var cs []*Commune
	for _, l := range a {
		c, err := x.lookup("cac_xa", l.s)
		if err != nil {
			return "", err
		}
		cs = append(cs, c)
	}
	return x.list(cs, ListGroup), nil
}

func (x *Expander) giaiDoan([]arg) (string, error) {
	g := x.p.Program
	if g.StartYear == 0 || g.EndYear == 0 {
		return "", funcErrorf("hàm giai_doan: cần program.start_year và program.end_year")
	}
	return fmt.Sprintf("%d-%d", g.StartYear, g.EndYear), nil
}

func (x *Expander) phuLuc(a []arg) (string, error) {
	n := len(x.p.Annexes)
	if a[0].n < 1 || a[0].n > n {
		if n == 0 {
			return "", funcErrorf("hàm phu_luc: kế hoạch không có phụ lục nào ([[annexes]])")
		}
		return "", funcErrorf("hàm phu_luc: không có phụ lục số %d; kế hoạch có %d phụ lục (số 1 đến %d)", a[0].n, n, n)
	}
	return AnnexLabel(a[0].n, n), nil
}

// AnnexLabel is the label of annex i (1-based) of n: "Phụ lục" alone
// when the plan has one, "Phụ lục I", "Phụ lục II" … when it has more
// (Decree 30: two or more appendices are numbered in Roman numerals).
func AnnexLabel(i, n int) string {
	if n <= 1 {
		return "Phụ lục"
	}
	return "Phụ lục " + vnfmt.Roman(i)
}

func (x *Expander) coQuan([]arg) (string, error) {
	if s := strings.TrimSpace(x.p.Document.AgencyName); s != "" {
		return s, nil
	}
	return "", funcErrorf("hàm co_quan: cần document.agency_name (tên cơ quan viết trong câu)")
}

// communeIDs lists the plan's commune IDs for messages (the first 20).
func communeIDs(p *Plan) string {
	ids := communeIDList(p)
	if len(ids) == 0 {
		return "chưa có xã nào"
	}
	if len(ids) > 20 {
		return strings.Join(ids[:20], ", ") + fmt.Sprintf(" … (%d xã)", len(ids))
	}
	return strings.Join(ids, ", ")
}

func communeIDList(p *Plan) []string {
	ids := make([]string, 0, len(p.Communes))
	for _, c := range p.Communes {
		ids = append(ids, c.ID)
	}
	return ids
}

var (
	reTmplPrefix  = regexp.MustCompile(`^template: [^:]*:(\d+)(:\d+)?: (executing "[^"]*" at <([^>]*)>: )?`)
	reTmplFunc    = regexp.MustCompile(`function "([^"]*)" not defined`)
	reTmplNoEntry = regexp.MustCompile(`map has no entry for key "([^"]*)"`)
)

// translateTemplate puts a text/template parse error into Vietnamese.
func translateTemplate(err error) string {
	msg := err.Error()
	at := ""
	if m := reTmplPrefix.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if m[4] != "" {
			at = " (ở {{" + m[4] + "}})"
		}
	}
	known := funcList()
	switch {
	case reTmplFunc.MatchString(msg):
		m := reTmplFunc.FindStringSubmatch(msg)
		if s := nearest(m[1], FuncNames); s != "" {
			return fmt.Sprintf("mẫu văn bản: hàm %q không có; có phải ý là %q? (các hàm: %s)", m[1], s, known)
		}
		return fmt.Sprintf("mẫu văn bản: hàm %q không có (các hàm: %s)", m[1], known)
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
	case strings.Contains(msg, "unexpected {{end}}"):
		return "mẫu văn bản: {{end}} thừa; không dùng {{range}}, {{if}} hay {{end}}"
	}
	return "mẫu văn bản sai: " + msg + at
}
