package narrative

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/inputfile"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/tomldec"
)

// FileName is the narrative's name inside a period folder.
const FileName = "bao-cao.toml"

// Limits bound a narrative file: a report's text is a few pages; one
// megabyte is a hundred times that.
var Limits = tomldec.Limits{MaxBytes: 1 << 20, MaxDepth: 8, MaxKeyParts: 8, MaxKeyLen: 64}

// MaxParagraphs bounds the paragraphs of one section, and MaxRecipients
// the "Nơi nhận" lines: the report must stay a report.
const (
	MaxParagraphs = 200
	MaxRecipients = 100
)

// Narrative is the clerk's part of one period's progress report.
type Narrative struct {
	Document Document `toml:"document"`
	Text     Text     `toml:"text"`
	// Recipients replace the plan's "Nơi nhận" lines when given.
	Recipients []plan.Recipient `toml:"recipients"`
	// Archive replaces the plan's "Lưu:" line when given.
	Archive string `toml:"archive"`
	// Signer replaces the plan's signer when given.
	Signer Signer `toml:"signer"`

	// File is the path the narrative was loaded from, for messages, and
	// SHA256 the digest of its bytes (set by LoadFile).
	File   string   `toml:"-"`
	SHA256 [32]byte `toml:"-"`
}

// Document is the report's header data.
type Document struct {
	// Number is the report's number; 0 leaves it blank for the clerk to
	// write by hand once the document is registered ("Số:      /BC-SKH").
	Number int `toml:"number"`
	// Symbol is printed after "/"; empty: "BC-" and the plan's agency
	// short name ("BC-SKH").
	Symbol string `toml:"symbol,line"`
	// Date is the report's date; zero: the last day of the period.
	Date time.Time `toml:"date"`
	// KinhGui lists the addressees of "Kính gửi:"; empty: the addressees
	// of the plan's recipient lines marked "(b/c)".
	KinhGui []string `toml:"kinh_gui"`
	// Title replaces the computed trích yếu when given.
	Title string `toml:"title"`
}

// Text is the paragraphs of the sections the office writes. Each string
// is one paragraph, printed as written.
type Text struct {
	Opening        []string `toml:"opening"`        // before section I ("Thực hiện Kế hoạch số …")
	Implementation []string `toml:"implementation"` // I. Công tác triển khai
	Results        []string `toml:"results"`        // II, after the computed results (the office's own support: funds, advice)
	Shortcomings   []string `toml:"shortcomings"`   // III. Tồn tại, hạn chế và nguyên nhân
	Directions     []string `toml:"directions"`     // IV. Phương hướng, nhiệm vụ kỳ tới
	Proposals      []string `toml:"proposals"`      // V. Kiến nghị, đề xuất
	Closing        []string `toml:"closing"`        // after section V ("Trên đây là …")
}

// Signer is the signature block as printed: the authority and position
// lines, then the name.
type Signer struct {
	Titles []string `toml:"titles"`
	Name   string   `toml:"name,line"`
}

// LoadFile reads the narrative at path for period (shown as "6 tháng đầu
// năm 2021" in messages; start and end bound its date). A missing file
// gives a nil narrative and one warning: the report is still produced,
// with the placeholder in place of the clerk's text.
func LoadFile(path string, start, end time.Time) (*Narrative, diag.List) {
	data, err := inputfile.Read(path, int64(Limits.MaxBytes))
	if errors.Is(err, fs.ErrNotExist) {
		var l diag.List
		l.Warn(diag.Pos{File: path}, "chưa có tệp nội dung báo cáo; báo cáo của kỳ được lập với phần số liệu, các phần do đơn vị viết ghi “%s”", Placeholder)
		return nil, l
	}
	if err != nil {
		var l diag.List
		l.Add(diag.Pos{File: path}, "không đọc được tệp nội dung báo cáo: %v", err)
		return nil, l
	}
	n, list := Load(path, data, start, end)
	if n != nil {
		n.SHA256 = sha256.Sum256(data)
	}
	return n, list
}

// Placeholder is printed where the clerk's text is missing.
const Placeholder = "(nội dung do đơn vị bổ sung)"

// symbolRE is a ký hiệu as Decree 30 writes it: groups of capitals and
// digits joined by "-", no spaces ("BC-SKH", "BC-SKH-KTN").
var symbolRE = regexp.MustCompile(`^[A-ZĐ0-9&.]+(-[A-ZĐ0-9&.]+)*$`)

// Load decodes and checks a narrative written in TOML; name is the file
// named in problems, start and end the first and last day of its
// period. Every problem is reported at once; with an error the returned
// narrative is nil.
func Load(name string, data []byte, start, end time.Time) (*Narrative, diag.List) {
	n := &Narrative{File: name}
	dec, ok := tomldec.Decode(name, data, n, Limits)
	if !ok {
		return nil, dec.List()
	}
	d := n.Document
	if dec.Defined("document.number") && !dec.IsBad("document.number") && (d.Number < 1 || d.Number > 99999) {
		dec.Errorf("document.number", "số báo cáo %d không hợp lệ: cần từ 1 đến 99999, hoặc bỏ khóa này để văn thư điền tay", d.Number)
	}
	if d.Symbol != "" && !symbolRE.MatchString(d.Symbol) {
		dec.Errorf("document.symbol", "ký hiệu %q không đúng dạng: chữ in hoa và số, các nhóm nối bằng dấu gạch ngang, không có dấu cách hay dấu \"/\", ví dụ \"BC-SKH\"", d.Symbol)
	} else if d.Symbol != "" && !strings.HasPrefix(d.Symbol, "BC-") {
		dec.Warnf("document.symbol", "ký hiệu %q không bắt đầu bằng \"BC-\": theo Nghị định 30/2020/NĐ-CP, ký hiệu của báo cáo là BC-<cơ quan>, ví dụ \"BC-SKH\"", d.Symbol)
	}
	if !d.Date.IsZero() && !start.IsZero() {
		switch {
		case d.Date.Before(start):
			dec.Errorf("document.date", "ngày báo cáo %s trước ngày đầu kỳ báo cáo (%s)", d.Date.Format("02/01/2006"), start.Format("02/01/2006"))
		case d.Date.After(end.AddDate(1, 0, 0)):
			dec.Errorf("document.date", "ngày báo cáo %s muộn hơn một năm sau ngày cuối kỳ báo cáo (%s)", d.Date.Format("02/01/2006"), end.Format("02/01/2006"))
		}
	}
	oneLine := func(key string, list []string, what string) {
		for i, k := range list {
			switch {
			case strings.TrimSpace(k) == "":
				dec.Errorf(fmt.Sprintf("%s[%d]", key, i), "%s không được để trống", what)
			case strings.ContainsAny(k, "\r\n"):
				dec.Errorf(fmt.Sprintf("%s[%d]", key, i), "%s in trên một dòng, không được xuống dòng; mỗi dòng là một chuỗi riêng", what)
			}
		}
	}
	oneLine("document.kinh_gui", d.KinhGui, "tên nơi nhận “Kính gửi”")
	oneLine("signer.titles", n.Signer.Titles, "dòng chức vụ của người ký")
	sections := []struct {
		key   string
		paras []string
	}{
		{"opening", n.Text.Opening}, {"implementation", n.Text.Implementation}, {"results", n.Text.Results},
		{"shortcomings", n.Text.Shortcomings}, {"directions", n.Text.Directions},
		{"proposals", n.Text.Proposals}, {"closing", n.Text.Closing},
	}
	for _, s := range sections {
		if len(s.paras) > MaxParagraphs {
			dec.Errorf("text."+s.key, "quá nhiều đoạn (%d); mỗi phần tối đa %d đoạn", len(s.paras), MaxParagraphs)
		}
		for i, p := range s.paras {
			if strings.TrimSpace(p) == "" {
				dec.Errorf(fmt.Sprintf("text.%s[%d]", s.key, i), "đoạn văn trống: xóa chuỗi \"\" này hoặc viết nội dung")
			}
		}
	}
	if len(n.Recipients) > MaxRecipients {
		dec.Errorf("recipients", "quá nhiều dòng nơi nhận (%d); tối đa %d", len(n.Recipients), MaxRecipients)
	}
	for i, r := range n.Recipients {
		dec.Require(fmt.Sprintf("recipients[%d].line", i), r.Line, "dòng in ở mục Nơi nhận, ví dụ \"UBND tỉnh (b/c)\"")
	}
	if dec.Defined("signer") {
		if len(n.Signer.Titles) == 0 {
			dec.Errorf("signer", "thiếu khóa bắt buộc \"titles\" (các dòng quyền hạn, chức vụ, ví dụ [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"])")
		}
		dec.Require("signer.name", n.Signer.Name, "họ tên người ký, ví dụ \"Trương Chí Trung\"")
	}
	list := dec.List()
	list.Sort()
	if list.Errors() > 0 {
		return nil, list
	}
	return n, list
}
