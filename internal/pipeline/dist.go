package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/archive"
	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/distribute"
	"github.com/ntm-project/ntm/internal/narrative"
	"github.com/ntm-project/ntm/internal/pdfa"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/publish"
	"github.com/ntm-project/ntm/internal/register"
	"github.com/ntm-project/ntm/internal/report"
	"github.com/ntm-project/ntm/internal/send"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// This file is the glue of the last stages of a build — distribution,
// register, archive — and of `ntm send` and `ntm verify`. Build calls
// Distribute once every document is written, with the list of what it
// wrote (Issued): the hashes it computed while writing are reused, so no
// output is read again.

// ArchiveDir is the archive's folder in the output folder.
const ArchiveDir = "luu-tru"

// Issued is one file a build wrote.
type Issued struct {
	Path    string       // slash path under the output folder: "ke-hoach-2071-SKH-KTN.pdf", "2021-H1/bao-cao-xa-thuan.pdf"
	Kind    archive.Kind // archive.KindPlan, KindReport, KindCommuneReport, KindWorkbook
	Period  string       // "2021-H1"; the plan's is the half-year of its date
	Commune string       // commune id of a commune's report
	SHA256  string       // hex; computed here when empty
	Size    int64
	// Official is the document's Decree 30 data when it is an official
	// document (numbered, with its own Nơi nhận): the plan, a consolidated
	// report. nil for an enclosure (a commune's report, a workbook).
	Official *Official
	// Pages is the number of pages of a PDF (0: read from the file).
	Pages int
	// Title names an enclosure in cover lists and e-mails ("Kết quả thực
	// hiện các tiêu chí của xã Thuận, 6 tháng đầu năm 2021").
	Title string
}

// Official is what the register, the archive's metadata and the
// distribution need of an official document.
type Official struct {
	TypeName   string    // "Kế hoạch"
	Number     int       // 0 while the clerk has not numbered it
	Symbol     string    // "SKH-KTN"
	Date       time.Time // the document's date
	Subject    string    // trích yếu
	Agency     string    // issuing agency in running text: "Sở Kế hoạch và Đầu tư"
	Signer     archive.Signer
	Recipients []plan.Recipient // the Nơi nhận, as the plan or the narrative gives it
	// RecipientsKey is where Recipients are in their file ("recipients"),
	// and Pos places a key of that file, for messages; nil means the
	// plan's file (a narrative file passes its own).
	RecipientsKey string
	Pos           func(key string) diag.Pos
	Archive       string // the "Lưu:" line without "Lưu:", "VT, KTN"
	// ArchiveCopies is the number of copies kept when the plan says it
	// ([archive] copies); 0: one per unit of the line.
	ArchiveCopies int
	Lang          string // "vi"
}

// PlanIssued describes the plan's PDF for Distribute.
func PlanIssued(p *plan.Plan, pdfPath string, pdf []byte) Issued {
	sum := sha256.Sum256(pdf)
	pages := 0
	if pdf != nil {
		pages, _ = pdfa.PageCount(pdf)
	}
	d := p.Document
	signer := planSigner(p)
	return Issued{
		Path: pdfPath, Kind: archive.KindPlan, Period: halfOf(d.Date).String(),
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(pdf)), Pages: pages,
		Official: &Official{TypeName: d.Type, Number: d.Number, Symbol: d.Symbol, Date: d.Date, Subject: d.Title,
			Agency: d.AgencyName, Signer: signer, Recipients: p.Recipients, RecipientsKey: "recipients", Archive: p.ArchiveLine(), ArchiveCopies: p.ArchiveSpec.Copies, Lang: "vi"},
	}
}

// planSigner is the plan's signer for Appendix VI: the last title line
// is the position ("PHÓ GIÁM ĐỐC" under "KT. GIÁM ĐỐC").
func planSigner(p *plan.Plan) archive.Signer {
	s := archive.Signer{FullName: p.Signer.Name}
	if t := p.Signer.TitleLines(); len(t) > 0 {
		s.Position = t[len(t)-1]
	}
	return s
}

// halfOf is the half-year period of a date.
func halfOf(t time.Time) criteria.Period {
	h := criteria.H1
	if t.Month() > 6 {
		h = criteria.H2
	}
	return criteria.Period{Year: t.Year(), Half: h}
}

// ArchivalPDF turns a rendered PDF into the PDF/A-2b candidate that is
// written and archived (package pdfa).
func ArchivalPDF(pdf []byte) ([]byte, error) { return pdfa.Convert(pdf, pdfa.Options{Lang: "vi"}) }

// Distribute is the build's last stage: the packages per addressee and
// period, the register of outgoing documents, and the archive entry of the
// run. program is the program and version written in the archive
// ("ntm 0.1.0"). It reports what it did in sum.
func Distribute(ctx context.Context, cfg Config, in *Inputs, issued []Issued, program string, sum *Summary) error {
	for i := range issued {
		it := &issued[i]
		if it.SHA256 == "" || (it.Pages == 0 && strings.HasSuffix(it.Path, ".pdf")) {
			b, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(it.Path)))
			if err != nil {
				return err
			}
			s := sha256.Sum256(b)
			it.SHA256, it.Size = hex.EncodeToString(s[:]), int64(len(b))
			if strings.HasSuffix(it.Path, ".pdf") && it.Pages == 0 {
				it.Pages, _ = pdfa.PageCount(b)
			}
		}
	}
	cfg.sw.lap("đọc lại văn bản giữ nguyên")
	// The archive entry's inputs and documents are listed while the
	// packages are laid out (a walk of the input folder's 20.000 forms).
	listed := async(func() ([]archive.Item, error) { return archiveItems(cfg, in, issued) })
	// Who gets what.
	dIn, err := distributionInput(in, issued)
	if err != nil {
		return err
	}
	pkgs, probs := distribute.Distribute(dIn)
	list := recipientProblems(in.Plan, issued, probs)
	sum.Problems.Append(list)
	if list.Errors() > 0 {
		// The documents are written by now; only the distribution stops.
		return ErrInputAfterWrite
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := distribute.WritePackages(cfg.Out, pkgs, filepath.Join(cfg.Out, cacheDir, coverSpares))
	if err != nil {
		return err
	}
	cfg.sw.lap("gói văn bản theo nơi nhận")
	sum.Notes = append(sum.Notes, fmt.Sprintf("gói văn bản theo nơi nhận: %d gói (%d ghi mới, %d giữ nguyên, %d bỏ)", len(pkgs), st.Written, st.Kept, st.Removed))

	// The register.
	addressees := map[string][]string{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			addressees[f.Path] = append(addressees[f.Path], p.Addressee.Name)
		}
	}
	if err := writeRegister(cfg.Out, issued, sum); err != nil {
		return err
	}
	cfg.sw.lap("sổ đăng ký văn bản đi")
	if err := ctx.Err(); err != nil {
		return err
	}

	// The archive entry: inputs, outputs, the register, the packages' list.
	items, err := listed()
	if err != nil {
		return err
	}
	for i := range items {
		if p, ok := strings.CutPrefix(items[i].Path, "output/"); ok {
			items[i].Addressees = addressees[p]
		}
	}
	items = append(items, recordItems(cfg)...) // archive.Commit sorts them
	cfg.sw.lap("danh sách lưu trữ")
	res, err := archive.Commit(filepath.Join(cfg.Out, ArchiveDir), items, program)
	if err != nil {
		return err
	}
	cfg.sw.lap("lưu trữ")
	if res.Created {
		sum.Notes = append(sum.Notes, fmt.Sprintf("lưu trữ: mục mới %s (%d tệp: %d dùng chung với mục trước, %d liên kết, %d bản sao)",
			filepath.Join(cfg.Out, ArchiveDir, res.Entry), len(items), res.Shared, res.Linked, res.Copied))
	} else {
		sum.Notes = append(sum.Notes, fmt.Sprintf("lưu trữ: không có gì thay đổi so với mục %s", res.Entry))
	}
	return nil
}

// distributionInput turns the issued documents and the plan into the
// distribution's data.
func distributionInput(in *Inputs, issued []Issued) (distribute.Input, error) {
	var d distribute.Input
	for _, c := range in.Plan.Communes {
		d.Communes = append(d.Communes, distribute.Commune{ID: c.ID, Name: c.Name, District: c.District})
	}
	communeName := map[string]string{}
	for _, c := range in.Plan.Communes {
		communeName[c.ID] = c.Name
	}
	for i, it := range issued {
		doc := distribute.Document{Path: it.Path, Kind: distKind(it.Kind), Period: it.Period, Commune: it.Commune,
			Title: it.Title, SHA256: it.SHA256, Size: it.Size, Pages: it.Pages}
		if doc.Kind == "" {
			continue
		}
		if o := it.Official; o != nil {
			doc.Title = officialTitle(o)
			doc.Recipients = recipients(o.Recipients, fmt.Sprintf("%d:%s", i, o.RecipientsKey))
		}
		if doc.Title == "" {
			doc.Title = path.Base(it.Path)
		}
		d.Documents = append(d.Documents, doc)
	}
	return d, nil
}

func distKind(k archive.Kind) distribute.Kind {
	switch k {
	case archive.KindPlan:
		return distribute.Plan
	case archive.KindReport:
		return distribute.Report
	case archive.KindCommuneReport:
		return distribute.CommuneReport
	case archive.KindWorkbook:
		return distribute.Workbook
	}
	return ""
}

// recipients maps the plan's (or a narrative's) Nơi nhận to the
// distribution's: name, e-mail, commune, district, delivery and
// documents of each addressee.
func recipients(rs []plan.Recipient, key string) []distribute.Recipient {
	var out []distribute.Recipient
	for i, r := range rs {
		dr := distribute.Recipient{Line: r.Line, Key: fmt.Sprintf("%s[%d]", key, i)}
		for j, a := range r.Addressees {
			da := distribute.Addressee{
				Name: a.Name, Email: a.Email, Commune: a.Commune, District: a.District,
				Delivery: distribute.Delivery(a.Delivery),
				Key:      fmt.Sprintf("%s[%d].addressees[%d]", key, i, j),
			}
			if a.Documents != nil {
				da.Documents = []distribute.Kind{}
				for _, d := range a.Documents {
					da.Documents = append(da.Documents, distribute.Kind(d))
				}
			}
			dr.Addressees = append(dr.Addressees, da)
		}
		out = append(out, dr)
	}
	return out
}

// recipientProblems places the distribution's problems in the file the
// recipients came from: a key "<document>:<key>" (see
// distributionInput) goes to that document's Pos, or to the plan's.
func recipientProblems(p *plan.Plan, issued []Issued, probs []distribute.Problem) diag.List {
	var l diag.List
	for _, pr := range probs {
		pos := diag.Pos{File: p.File}
		if doc, key, ok := strings.Cut(pr.Key, ":"); ok {
			var n int
			fmt.Sscan(doc, &n)
			pos = p.Pos(key)
			if n >= 0 && n < len(issued) && issued[n].Official != nil && issued[n].Official.Pos != nil {
				pos = issued[n].Official.Pos(key)
			}
		}
		if pr.Warning {
			l.Warn(pos, "%s", pr.Message)
		} else {
			l.Add(pos, "%s", pr.Message)
		}
	}
	return l
}

// officialTitle names a document the way the clerk does: "Kế hoạch số
// 2071/SKH-KTN ngày 08 tháng 12 năm 2020 — Thực hiện công tác …".
func officialTitle(o *Official) string {
	return fmt.Sprintf("%s số %s %s — %s", o.TypeName, docNumber(o), vnfmt.Date(o.Date), o.Subject)
}

// docNumber is "2071/SKH-KTN", or "…/BC-SKH" while the number is blank.
func docNumber(o *Official) string {
	if o.Number == 0 {
		return "…/" + o.Symbol
	}
	return vnfmt.DocNumber(o.Number, o.Symbol)
}

// registerKey identifies an official document across runs.
func registerKey(it Issued) string {
	if it.Official != nil && it.Official.Number != 0 {
		return string(it.Kind) + "/" + vnfmt.Words(vnfmt.DocNumber(it.Official.Number, it.Official.Symbol), '-', "") + "/" + it.Official.Date.Format("2006")
	}
	return string(it.Kind) + "/" + it.Period
}

// writeRegister updates the register with this run's official documents
// and the send log's dates.
func writeRegister(out string, issued []Issued, sum *Summary) error {
	var docs []register.Issued
	var latest time.Time
	agency := ""
	for _, it := range issued {
		o := it.Official
		if o == nil {
			continue
		}
		if o.Date.After(latest) {
			latest = o.Date
		}
		agency = o.Agency
		var lines []string
		copies := 0
		for _, r := range o.Recipients {
			lines = append(lines, r.Line)
			copies += max(1, len(r.Addressees))
		}
		if o.ArchiveCopies > 0 {
			copies += o.ArchiveCopies
		} else {
			copies += len(splitList(o.Archive))
		}
		docs = append(docs, register.Issued{Issued: o.Date, Entry: register.Entry{
			Key: registerKey(it), Year: o.Date.Year(), Number: docNumber(o), Date: o.Date.Format("02/01/2006"),
			TypeAndSubject: o.TypeName + ": " + o.Subject, Signer: o.Signer.FullName,
			Recipients: strings.Join(lines, "; "), ArchiveCopy: o.Archive, Copies: copies, Path: it.Path,
		}})
	}
	return saveRegister(out, docs, register.Meta{Agency: agency, Created: latest}, sum)
}

func saveRegister(out string, docs []register.Issued, meta register.Meta, sum *Summary) error {
	hist, err := send.ReadLog(out)
	if err != nil {
		return err
	}
	book, state, wb, err := register.Update(out, docs, hist.FirstSent, meta)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
		what string
	}{{register.WorkbookName, wb, "sổ đăng ký văn bản đi, XLSX"}, {register.StateName, state, ""}} {
		p := filepath.Join(out, f.name)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.data) {
			continue
		}
		if err := publish.WriteFile(p, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
			return err
		}
		if f.what != "" && sum != nil {
			sum.Files = append(sum.Files, Written{Path: p, Bytes: len(f.data), What: fmt.Sprintf("%s, %d văn bản", f.what, len(book.Entries))})
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// archiveItems lists the inputs and documents an entry holds: every input
// file and every issued file (their addressees are added once the packages
// are made; recordItems are the rest).
func archiveItems(cfg Config, in *Inputs, issued []Issued) ([]archive.Item, error) {
	var items []archive.Item
	// The forms as the reader found them (hashed when read, or known by
	// their stat identity from the form cache): an unchanged one is
	// linked to the previous entry's copy without two stat calls each.
	read := make(map[string]*assess.Assessment, len(in.Assessments))
	for _, a := range in.Assessments {
		if a.SHA256 != ([32]byte{}) {
			read[a.File] = a
		}
	}
	err := filepath.WalkDir(cfg.In, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != cfg.In && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		// Excel's lock files and hidden files are not inputs.
		if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(cfg.In, p)
		rel = filepath.ToSlash(rel)
		it := archive.Item{File: archive.File{Path: "input/" + rel, Kind: archive.KindInput}, Source: p}
		if a := read[p]; a != nil {
			it.ReadSHA256, it.ReadSize = hex.EncodeToString(a.SHA256[:]), a.Size
		}
		if parts := strings.Split(rel, "/"); len(parts) == 3 && parts[0] == AssessmentsDir {
			it.Period = parts[1]
			if strings.HasSuffix(parts[2], ".xlsx") {
				it.Commune = strings.TrimSuffix(parts[2], ".xlsx")
			}
		}
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("đọc thư mục đầu vào để lưu trữ: %w", err)
	}
	for _, is := range issued {
		it := archive.Item{
			File: archive.File{Path: "output/" + is.Path, Size: is.Size, SHA256: is.SHA256, Kind: is.Kind, Period: is.Period,
				Commune: is.Commune},
			Source:    filepath.Join(cfg.Out, filepath.FromSlash(is.Path)),
			Immutable: strings.HasSuffix(is.Path, ".pdf"),
		}
		if o := is.Official; o != nil {
			doc := &archive.Document{TypeName: o.TypeName, CodeNotation: o.Symbol, IssuedDate: o.Date.Format("2006-01-02"),
				Subject: o.Subject, OrganName: o.Agency, SignerInfo: o.Signer, PageAmount: is.Pages, Language: o.Lang}
			if o.Number != 0 {
				doc.CodeNumber = fmt.Sprint(o.Number)
			}
			for _, r := range o.Recipients {
				for _, a := range r.Addressees {
					doc.To = append(doc.To, archive.Organ{OrganName: a.Name})
				}
			}
			it.Document = doc
		}
		items = append(items, it)
	}
	return items, nil
}

// recordItems are the archive entry's records of the run, written after
// the documents: the register and the packages' list.
func recordItems(cfg Config) []archive.Item {
	var items []archive.Item
	for _, f := range []struct {
		name string
		kind archive.Kind
	}{{register.WorkbookName, archive.KindRegister}, {register.StateName, archive.KindRegister}, {distribute.ManifestName, archive.KindPackage}} {
		p := filepath.Join(cfg.Out, f.name)
		if _, err := os.Stat(p); err == nil {
			items = append(items, archive.Item{File: archive.File{Path: "output/" + f.name, Kind: f.kind}, Source: p})
		}
	}
	return items
}

// SendOptions are the settings of `ntm send` (package send); Out and the
// templates' folder are filled from cfg.
type SendOptions = send.Options

// Send e-mails what the last build laid out and has not gone yet, then
// brings the register's "ngày chuyển" up to date from the send log.
func Send(ctx context.Context, cfg Config, opt SendOptions) (*send.Outcome, error) {
	opt.Out = cfg.Out
	if !opt.DryRun {
		// The send log and the register are written: one ntm at a time.
		unlock, err := publish.Lock(cfg.Out)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	if opt.Templates == nil {
		dir := filepath.Join(cfg.In, "templates")
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			opt.Templates, opt.TemplatesDisplay = os.DirFS(dir), dir
		}
	}
	out, err := send.Run(ctx, opt)
	if out != nil && out.Sent > 0 && !opt.DryRun {
		// The rows keep their data; only "ngày chuyển" changes.
		prev, rerr := register.ReadState(cfg.Out)
		if rerr == nil && len(prev.Entries) > 0 {
			var latest time.Time
			for _, e := range prev.Entries {
				if d, err := time.Parse("02/01/2006", e.Date); err == nil && d.After(latest) {
					latest = d
				}
			}
			agency := ""
			if p, _ := plan.LoadFile(filepath.Join(cfg.In, PlanFile)); p != nil {
				agency = p.Document.AgencyName
			}
			rerr = saveRegister(cfg.Out, nil, register.Meta{Agency: agency, Created: latest}, nil)
		}
		if rerr != nil {
			err = errors.Join(err, fmt.Errorf("cập nhật ngày chuyển trong sổ đăng ký: %w", rerr))
		}
	}
	return out, err
}

// Verify checks an archive entry (the latest when entry is "").
func Verify(cfg Config, entry string) (*archive.Report, error) {
	dir := filepath.Join(cfg.Out, ArchiveDir)
	if entry == "" {
		latest, err := archive.Latest(dir)
		if err != nil {
			return nil, err
		}
		if latest == "" {
			return nil, fmt.Errorf("chưa có mục lưu trữ nào trong %s: chạy ntm build trước", dir)
		}
		entry = latest
	}
	entry = filepath.Base(filepath.Clean(entry)) // a path to the entry is accepted too
	return archive.Verify(dir, entry)
}

// CheckRecipients reports the problems of the plan's Nơi nhận that would
// stop the distribution (two addressees sharing a folder, an addressee by
// e-mail without an address, an unknown delivery or kind of document), so
// that `ntm check` finds them before anything is written.
func CheckRecipients(p *plan.Plan) diag.List {
	issued := []Issued{{Path: "ke-hoach.pdf", Kind: archive.KindPlan, Period: halfOf(p.Document.Date).String(),
		Official: &Official{Recipients: p.Recipients, RecipientsKey: "recipients"}}}
	d, _ := distributionInput(&Inputs{Plan: p}, issued)
	_, probs := distribute.Distribute(d)
	return recipientProblems(p, issued, probs)
}

// IssuedFromOutputs describes what Build wrote (its outputs, once the
// batch is committed, with their sizes, hashes and pages) for Distribute:
// the plan and the reports as official documents (number, date, trích
// yếu, signer, Nơi nhận and "Lưu:" from the plan or the period's
// narrative), the commune reports and workbooks as enclosures.
func IssuedFromOutputs(in *Inputs, outs []*Output) []Issued {
	p := in.Plan
	var issued []Issued
	for _, o := range outs {
		it := Issued{Path: o.Path, Kind: archive.Kind(o.Kind), Commune: o.Commune, Size: int64(o.Size), Pages: o.Pages, Title: upperFirst(o.What)}
		if o.Size > 0 {
			it.SHA256 = hex.EncodeToString(o.SHA256[:]) // else Distribute reads the file
		}
		if o.Period != (criteria.Period{}) {
			it.Period = o.Period.String()
		}
		if o.Title != "" && o.Kind != KindReport && o.Kind != KindPlan {
			it.Title = o.Title
			if o.Period != (criteria.Period{}) && !strings.Contains(it.Title, o.Period.Label()) {
				it.Title += ", " + o.Period.Label()
			}
		}
		switch o.Kind {
		case KindPlan:
			pi := PlanIssued(p, o.Path, nil)
			pi.SHA256, pi.Size, pi.Pages, pi.Title = it.SHA256, it.Size, it.Pages, it.Title
			it = pi
		case KindReport:
			it.Official = reportOfficial(p, in.Narratives[o.Period], o)
		}
		issued = append(issued, it)
	}
	return issued
}

// reportOfficial is a consolidated report's official data: the
// narrative's where it gives them, else the plan's. Its date and symbol
// are the report's own (package report), its trích yếu the document's
// title (a kept report's from the last run's record).
func reportOfficial(p *plan.Plan, n *narrative.Narrative, o *Output) *Official {
	off := &Official{TypeName: "Báo cáo", Agency: p.Document.AgencyName, Lang: "vi",
		Subject: o.Title, Date: report.ReportDate(o.Period, n), Symbol: report.ReportSymbol(p, n),
		Signer:     planSigner(p),
		Recipients: p.Recipients, RecipientsKey: "recipients", Archive: p.ArchiveLine(), ArchiveCopies: p.ArchiveSpec.Copies}
	if n != nil {
		off.Number = n.Document.Number
		if len(n.Recipients) > 0 {
			off.Recipients = n.Recipients
			file := n.File
			off.Pos = func(key string) diag.Pos { return diag.Pos{File: file, Key: key} }
		}
		if n.Archive != "" {
			off.Archive, off.ArchiveCopies = n.Archive, 0
		}
		if n.Signer.Name != "" {
			off.Signer.FullName = n.Signer.Name
			if len(n.Signer.Titles) > 0 {
				off.Signer.Position = n.Signer.Titles[len(n.Signer.Titles)-1]
			}
		}
	}
	return off
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
