package report

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"github.com/ntm-project/ntm/templates"
)

// The sentence templates of the progress reports, one file each under
// templates/report/ (embedded), each overridable by the file of the same
// name under input/templates/report/. What each one receives is the
// struct named beside it; its fields are documented there.
const (
	TplRule          = "report/quy-tac-tien-do.tmpl" // trackRule: how "on track" is judged, printed once
	TplCommune       = "report/ket-qua-xa.tmpl"      // CommuneFacts: criteria met now and before, newly met, lost
	TplTarget        = "report/muc-tieu-xa.tmpl"     // CommuneFacts: what still lacks for the target, on track or not
	TplSummary       = "report/tong-hop.tmpl"        // SummaryFacts: groups, average and its change
	TplNotReturned   = "report/chua-nop.tmpl"        // SummaryFacts: communes without a form
	TplSetChange     = "report/doi-bo-tieu-chi.tmpl" // SummaryFacts: the periods are judged by different sets
	TplDiscrepancy   = "report/sai-lech.tmpl"        // CommuneFacts: self-assessment differs from the evaluation
	TplNoDiscrepancy = "report/khong-sai-lech.tmpl"  // SummaryFacts: no commune's self-assessment differs
	TplUnverified    = "report/chua-xac-minh.tmpl"   // SummaryFacts: judgements resting on unverified thresholds
	TplDistrict      = "report/tong-hop-huyen.tmpl"  // SummaryFacts: the body summarises by district (above the cut-off)
	TplShortcoming   = "report/ton-tai.tmpl"         // CommuneFacts: a commune that still lacks criteria (section III)
	TplDirection     = "report/phuong-huong.tmpl"    // CommuneFacts: what to support next (section IV)
	TplProposal      = "report/kien-nghi.tmpl"       // SummaryFacts: the communes behind their target (section V)
	TplClosing       = "report/ket-thuc.tmpl"        // SummaryFacts: "Trên đây là báo cáo …"
	TplCommuneIntro  = "report/xa-mo-dau.tmpl"       // CommuneFacts: the first paragraph of the per-commune report

	// Above the cut-off, one sentence for all communes in place of one
	// per commune.
	TplDiscrepancyAll = "report/sai-lech-chung.tmpl"     // SummaryFacts
	TplShortcomingAll = "report/ton-tai-chung.tmpl"      // SummaryFacts
	TplDirectionAll   = "report/phuong-huong-chung.tmpl" // SummaryFacts
)

// TextNames lists every template the builders use.
var TextNames = []string{
	TplRule, TplCommune, TplTarget, TplSummary, TplNotReturned, TplSetChange,
	TplDiscrepancy, TplNoDiscrepancy, TplUnverified, TplDistrict, TplShortcoming,
	TplDirection, TplProposal, TplClosing, TplCommuneIntro,
	TplDiscrepancyAll, TplShortcomingAll, TplDirectionAll,
}

// MaxTextOutput bounds what one execution of a template may write: a
// sentence template writes a few hundred bytes; a template that writes
// more than this is a mistake or an attack, and the build stops.
const MaxTextOutput = 64 << 10

// MaxRangeDepth is how deeply {{range}} may nest in a template.
const MaxRangeDepth = 1

// allowedFuncs are the functions a template may call: the helpers
// (Funcs) and text/template's comparisons and logic. printf, print,
// len, index, slice, call and the escapers are refused, and so are
// {{template}}, {{define}} and {{block}}.
var allowedFuncs = map[string]bool{
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"and": true, "or": true, "not": true,
}

// Texts is the loaded, checked set of sentence templates.
type Texts struct {
	t map[string]*template.Template
}

// Crit is a criterion as the templates see it: {{tieu_chi .}} prints
// "số 3 (Thủy lợi)", {{ten_tieu_chi .}} "Thủy lợi".
type Crit struct {
	number int
	name   string
}

// Date is a date as the templates see it: {{ngay .}} prints "ngày 30
// tháng 6 năm 2021", {{ngay_ngan .}} "30/6/2021".
type Date struct{ t time.Time }

// Funcs are the helpers every template may call:
//
//	so X [N]          a number the Vietnamese way, at most N decimals (default 2): "1.234,5"
//	ngay D            a date: "ngày 30 tháng 6 năm 2021"
//	ngay_ngan D       a short date: "30/6/2021"
//	noi LIST          a list joined "a, b và c" (strings or criteria)
//	tieu_chi C        a criterion: "số 3 (Thủy lợi)"
//	cac_tieu_chi CS   criteria joined: "số 2 (Giao thông) và số 6 (Cơ sở vật chất văn hóa)"
//	ten_tieu_chi C    a criterion's name: "Thủy lợi"
//	hoa_dau S         S with its first letter capitalised: "Xã Gio Mai"
//	thuong_dau S      S with its first letter in lower case: "từ 15 đến 18 tiêu chí"
func Funcs() template.FuncMap {
	return template.FuncMap{
		"so":           fnNumber,
		"ngay":         func(d Date) string { return vnfmt.Date(d.t) },
		"ngay_ngan":    func(d Date) string { return fmt.Sprintf("%d/%d/%d", d.t.Day(), int(d.t.Month()), d.t.Year()) },
		"noi":          fnJoin,
		"tieu_chi":     func(c Crit) string { return c.label() },
		"cac_tieu_chi": func(cs []Crit) string { return joinCrits(cs) },
		"ten_tieu_chi": func(c Crit) string { return c.name },
		"hoa_dau":      capitalise,
		"thuong_dau":   lowerFirst,
	}
}

func (c Crit) label() string { return fmt.Sprintf("số %d (%s)", c.number, c.name) }

func joinCrits(cs []Crit) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.label()
	}
	return JoinVi(s)
}

// JoinVi joins items the Vietnamese way: "a", "a và b", "a, b và c".
func JoinVi(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " và " + items[len(items)-1]
}

func fnJoin(v any) (string, error) {
	switch x := v.(type) {
	case []string:
		return JoinVi(x), nil
	case []Crit:
		return joinCrits(x), nil
	}
	return "", fmt.Errorf("hàm noi cần một danh sách, thấy %T", v)
}

func fnNumber(v any, decimals ...int) (string, error) {
	d := 2
	if len(decimals) > 0 {
		d = decimals[0]
	}
	if d < 0 || d > 6 {
		return "", fmt.Errorf("hàm so: số chữ số thập phân %d ngoài khoảng 0–6", d)
	}
	switch x := v.(type) {
	case float64:
		return vnfmt.Number(x, d), nil
	case int:
		return vnfmt.Number(float64(x), d), nil
	}
	return "", fmt.Errorf("hàm so cần một số, thấy %T", v)
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// DefaultTexts is the embedded templates, without overrides. They are
// tested, so an error here is a bug of the program.
func DefaultTexts() (*Texts, error) {
	x, probs := LoadTexts(nil, "")
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return x, nil
}

// LoadTexts loads every template of TextNames: the file of that name
// under override when there is one (override may be nil; display is how
// that folder is shown, "input/templates"), else the embedded one. Each
// template is parsed and checked: only text, fields, {{if}}, {{with}},
// {{range}} over a list (not over a number, without an index variable,
// not nested), comparisons and the helpers of Funcs. Every problem
// names the file, line and column.
func LoadTexts(override fs.FS, display string) (*Texts, diag.List) {
	x := &Texts{t: map[string]*template.Template{}}
	var probs diag.List
	for _, name := range TextNames {
		src, err := templates.Open(name, override, display)
		if err != nil {
			probs.Add(diag.Pos{File: openName(err, display, name)}, "không đọc được tệp mẫu: %v", openErrText(err))
			continue
		}
		t, ps := parseText(src)
		probs.Append(ps)
		if t != nil {
			x.t[name] = t
		}
	}
	return x, probs
}

func openName(err error, display, name string) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Path, "/") {
		return pe.Path
	}
	if display != "" {
		return display + "/" + name
	}
	return "templates/" + name
}

func openErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, templates.ErrTooLarge) {
			return fmt.Sprintf("%v (tối đa %d KB)", pe.Err, templates.MaxSize>>10)
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// locRE reads the "name:line:col:" or "name:line:" that text/template
// puts before its messages.
var locRE = regexp.MustCompile(`^template: (.+?):(\d+):(?:(\d+):)? ?(.*)$`)

// templateProblem turns a text/template error into a problem at its file
// and line.
func templateProblem(display string, err error) diag.Problem {
	msg := err.Error()
	pos := diag.Pos{File: display}
	if m := locRE.FindStringSubmatch(msg); m != nil && strings.HasPrefix(m[1], display) {
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	msg = strings.TrimPrefix(msg, "template: ")
	var l diag.List
	l.Add(pos, "mẫu câu không dùng được: %s", msg)
	return l[0]
}

func parseText(src templates.Source) (*template.Template, diag.List) {
	var probs diag.List
	t, err := template.New(src.Display).Option("missingkey=error").Funcs(Funcs()).Parse(src.Text)
	if err != nil {
		probs = append(probs, templateProblem(src.Display, err))
		return nil, probs
	}
	if len(t.Templates()) > 1 {
		probs.Add(diag.Pos{File: src.Display}, "mẫu câu không dùng được: không được dùng {{define}} hay {{block}}; mỗi tệp là một mẫu")
		return nil, probs
	}
	c := &checker{tree: t.Tree, display: src.Display}
	c.walk(t.Tree.Root, 0)
	if len(c.probs) > 0 {
		return nil, c.probs
	}
	return t, nil
}

// checker walks a parsed template and refuses what the templates may not
// do.
type checker struct {
	tree    *parse.Tree
	display string
	probs   diag.List
}

func (c *checker) refuse(n parse.Node, format string, args ...any) {
	loc, _ := c.tree.ErrorContext(n)
	pos := diag.Pos{File: c.display}
	// loc is "name:line:col".
	if i := strings.LastIndex(loc, ":"); i > 0 {
		if j := strings.LastIndex(loc[:i], ":"); j > 0 {
			pos.Line, _ = strconv.Atoi(loc[j+1 : i])
			pos.Col, _ = strconv.Atoi(loc[i+1:])
		}
	}
	c.probs.Add(pos, "mẫu câu không dùng được: "+format, args...)
}

func (c *checker) walk(n parse.Node, ranges int) {
	switch n := n.(type) {
	case nil:
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, x := range n.Nodes {
			c.walk(x, ranges)
		}
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	case *parse.ActionNode:
		c.pipe(n.Pipe)
	case *parse.IfNode:
		c.pipe(n.Pipe)
		c.walk(n.List, ranges)
		c.walk(n.ElseList, ranges)
	case *parse.WithNode:
		c.pipe(n.Pipe)
		c.walk(n.List, ranges)
		c.walk(n.ElseList, ranges)
	case *parse.RangeNode:
		if ranges >= MaxRangeDepth {
			c.refuse(n, "không được lồng {{range}} trong {{range}}")
		}
		if len(n.Pipe.Decl) > 1 {
			c.refuse(n, "{{range}} không dùng biến chỉ số ($i, $x :=); chỉ {{range $x := .DanhSach}} hoặc {{range .DanhSach}}")
		}
		if len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 || !isFieldChain(n.Pipe.Cmds[0].Args[0]) {
			c.refuse(n, "{{range}} chỉ lặp trên một danh sách của dữ liệu (ví dụ {{range .Lost}}), không lặp trên số hay kết quả của hàm")
		} else {
			c.pipe(n.Pipe)
		}
		c.walk(n.List, ranges+1)
		c.walk(n.ElseList, ranges)
	case *parse.TemplateNode:
		c.refuse(n, "không được dùng {{template}}")
	default:
		c.refuse(n, "không được dùng %s", n)
	}
}

// isFieldChain reports a plain reference to data: .A.B, $x.A, $.
func isFieldChain(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode, *parse.DotNode:
		return true
	case *parse.VariableNode:
		return true
	case *parse.ChainNode:
		return isFieldChain(n.Node)
	}
	return false
}

func (c *checker) pipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for i, a := range cmd.Args {
			c.arg(a, cmd, i)
		}
	}
}

func (c *checker) arg(a parse.Node, cmd *parse.CommandNode, i int) {
	switch a := a.(type) {
	case *parse.IdentifierNode:
		if _, helper := Funcs()[a.Ident]; !helper && !allowedFuncs[a.Ident] {
			c.refuse(a, "hàm %q không có; các hàm dùng được: so, ngay, ngay_ngan, noi, tieu_chi, cac_tieu_chi, ten_tieu_chi, hoa_dau, thuong_dau, eq, ne, lt, le, gt, ge, and, or, not", a.Ident)
		}
	case *parse.NumberNode:
		// A number is only an argument of a function ({{so .X 1}},
		// {{gt .Lacking 0}}), never a value of its own that {{range}}
		// could loop over.
		if _, fn := cmd.Args[0].(*parse.IdentifierNode); !fn || i == 0 {
			c.refuse(a, "số %s chỉ được dùng làm đối số của một hàm (ví dụ {{so .Average 1}})", a.Text)
		}
	case *parse.PipeNode:
		c.pipe(a)
	case *parse.ChainNode:
		c.arg(a.Node, cmd, i)
	case *parse.FieldNode, *parse.DotNode, *parse.VariableNode, *parse.StringNode, *parse.BoolNode, *parse.NilNode:
	default:
		c.refuse(a, "không được dùng %s", a)
	}
}

// capWriter is a strings.Builder that refuses to grow past MaxTextOutput.
type capWriter struct{ b strings.Builder }

var errTooLong = fmt.Errorf("mẫu câu sinh ra quá %d KB văn bản", MaxTextOutput>>10)

func (w *capWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > MaxTextOutput {
		return 0, errTooLong
	}
	return w.b.Write(p)
}

// paragraphs runs template name on data and returns its paragraphs:
// blank lines separate them, and every other run of white space, line
// breaks included, is one space, so a template may be written over as
// many lines as it reads best.
func (x *Texts) paragraphs(name string, data any) ([]string, error) {
	t := x.t[name]
	if t == nil {
		return nil, fmt.Errorf("thiếu mẫu câu %s", name)
	}
	var w capWriter
	if err := t.Execute(&w, data); err != nil {
		if errors.Is(err, errTooLong) {
			return nil, fmt.Errorf("%s: %w", t.Name(), errTooLong)
		}
		p := templateProblem(t.Name(), err)
		return nil, p
	}
	return splitParagraphs(w.b.String()), nil
}

var blankLine = regexp.MustCompile(`\n[ \t\r]*\n`)

func splitParagraphs(s string) []string {
	var out []string
	for _, p := range blankLine.Split(s, -1) {
		if f := strings.Fields(p); len(f) > 0 {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out
}

// String prints the criterion as {{tieu_chi}} does.
func (c Crit) String() string { return c.label() }

// String prints the date as {{ngay}} does.
func (d Date) String() string { return vnfmt.Date(d.t) }
