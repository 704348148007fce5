// Package send e-mails each addressee the documents of its packages (as
// `ntm build` laid them out, listed in phan-phoi.json) over SMTP, and
// keeps a send log (nhat-ky-gui.jsonl in the output folder) that makes a
// rerun send only what has not gone yet, or what changed since (by
// SHA-256).
//
// The log is written around every message: a "dang-gui" record before
// the message goes, a "da-gui" record right after the server accepts it
// (or "loi" when it refuses), each appended with one write and synced
// (publish.Journal). So a crash never loses the record of a message the
// server accepted, except in the instant between the server's reply and
// the sync; a message whose "dang-gui" has no outcome after it is sent
// again on the next run, with the same Message-ID (a receiving system
// can recognise the duplicate), and the clerk is told it may already have
// arrived. A failure for one addressee is logged and reported; the others
// still go, and it is tried again on the next run.
//
// Message-IDs are derived from the content (address, package, the
// documents' SHA-256, and how many times the same bytes were sent before,
// so that -resend gives a new one). The password is taken as data and
// never written to the log, the output or an error message.
package send

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/mail"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/ntm-project/ntm/internal/distribute"
	"github.com/ntm-project/ntm/internal/publish"
)

// PauseEnv names the test-only slowdown: a Go duration that the send
// loop waits after logging a message as about to be sent and before
// sending it, so that a test can kill the program in the middle of a run.
const PauseEnv = "NTM_SEND_TEST_PAUSE"

// TLS modes.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, required (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption (a relay on the same machine)
)

// Options are the settings of a send run.
type Options struct {
	Out string // the output folder of ntm build

	Host     string
	Port     int // 0: the mode's usual port
	User     string
	Password string // from the environment only; never printed
	TLS      string // TLSStartTLS (default), TLSImplicit or TLSNone
	// InsecureSkipVerify turns off the check of the server's certificate;
	// only when the clerk asks for it explicitly.
	InsecureSkipVerify bool
	From               string // "Sở Kế hoạch và Đầu tư <vanthu@skhdt.quangtri.example>"

	DryRun bool // list what would go to whom; send nothing, write nothing
	Resend bool // send every package again, even what went already

	// Templates overrides the embedded mail templates (input/templates);
	// may be nil. TemplatesDisplay names it in messages.
	Templates        fs.FS
	TemplatesDisplay string

	Timeout time.Duration    // per SMTP command; 0: 30 s
	Now     func() time.Time // the clock of the log; nil: time.Now
}

// String never shows the password.
func (o Options) String() string {
	return fmt.Sprintf("smtp %s:%d user %q tls %s from %q", o.Host, o.Port, o.User, o.TLS, o.From)
}

// Outcome is what a run did, for the clerk.
type Outcome struct {
	Lines    []string // one per addressee, in Vietnamese
	Planned  int      // messages a dry run would send
	Sent     int      // messages accepted by the server
	Failed   int      // messages that did not go
	UpToDate int      // packages with nothing new to send
	ByHand   int      // packages for addressees who do not receive by e-mail
	// Retried lists the messages sent again because an earlier run stopped
	// between logging and the server's answer.
	Retried []string
	Torn    int
}

// ErrSomeFailed is returned when at least one message did not go.
var ErrSomeFailed = errors.New("có thư chưa gửi được")

// message is one e-mail to be sent.
type message struct {
	pkg     *distribute.Package
	files   []distribute.File
	id      string
	retried bool
}

// Run sends what has not gone yet. It returns ErrSomeFailed (with the
// outcome) when a message was refused or could not be sent.
func Run(ctx context.Context, opt Options) (*Outcome, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.TLS == "" {
		opt.TLS = TLSStartTLS
	}
	man, err := distribute.ReadManifest(opt.Out)
	if err != nil {
		return nil, err
	}
	if len(man.Packages) == 0 {
		return nil, fmt.Errorf("%s không có gói văn bản nào: chạy ntm build trước", filepath.Join(opt.Out, distribute.ManifestName))
	}
	from, err := mail.ParseAddress(opt.From)
	if err != nil && !opt.DryRun {
		return nil, fmt.Errorf("địa chỉ gửi -from %q không hợp lệ: cần dạng \"Tên cơ quan <vanthu@example.vn>\"", opt.From)
	}
	domain := "ntm.invalid"
	if from != nil {
		if _, d, ok := strings.Cut(from.Address, "@"); ok {
			domain = d
		}
	}
	hist, err := ReadLog(opt.Out)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Torn: hist.Torn}
	pending := map[string]bool{}
	for id := range hist.Pending {
		pending[id] = true
	}
	var msgs []message
	pkgs := man.Packages
	sort.SliceStable(pkgs, func(i, j int) bool { return pkgs[i].Folder < pkgs[j].Folder })
	for i := range pkgs {
		p := &pkgs[i]
		if p.Addressee.Delivery != distribute.Email {
			out.ByHand++
			how := "giao tận tay"
			if p.Addressee.Delivery == distribute.ByPost {
				how = "gửi qua bưu điện"
			}
			out.Lines = append(out.Lines, fmt.Sprintf("%s: %s, %d văn bản trong %s (không gửi thư)", p.Addressee.Name, how, len(p.Files), p.Folder))
			continue
		}
		var files []distribute.File
		times := 0
		for _, f := range p.Files {
			done, n := hist.Sent(p.Addressee.Email, f.Path, f.SHA256)
			if !done || opt.Resend {
				files = append(files, f)
			}
			if done {
				times = max(times, n)
			}
		}
		if len(files) == 0 {
			out.UpToDate++
			continue
		}
		if !opt.Resend {
			times = 0
		}
		id := messageID(p, files, times, domain)
		msgs = append(msgs, message{pkg: p, files: files, id: id, retried: pending[id]})
	}
	if opt.DryRun {
		out.Planned = len(msgs)
		for _, m := range msgs {
			var names []string
			for _, f := range m.files {
				names = append(names, f.Name)
			}
			out.Lines = append(out.Lines, fmt.Sprintf("sẽ gửi %s <%s>, %s: %d tệp (%s)", m.pkg.Addressee.Name, m.pkg.Addressee.Email,
				distribute.PeriodLabel(m.pkg.Period), len(m.files), strings.Join(names, ", ")))
		}
		return out, nil
	}
	if len(msgs) == 0 {
		return out, nil
	}
	tmpl, err := loadTemplates(opt.Templates, opt.TemplatesDisplay)
	if err != nil {
		return nil, err
	}
	pause, _ := time.ParseDuration(os.Getenv(PauseEnv))
	journal, err := publish.OpenJournal(filepath.Join(opt.Out, LogName))
	if err != nil {
		return nil, err
	}
	defer journal.Close()
	c := &conn{opt: opt}
	defer c.close()
	for _, m := range msgs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		rec := Record{MessageID: m.id, Package: m.pkg.Folder, Addressee: m.pkg.Addressee.Name, To: m.pkg.Addressee.Email}
		for _, f := range m.files {
			rec.Files = append(rec.Files, LoggedFile{Path: f.Path, SHA256: f.SHA256})
		}
		msg, err := build(opt, from, m, man, tmpl)
		if err != nil {
			out.Failed++
			rec.State, rec.Error, rec.Time = StateFailed, redact(err.Error(), opt.Password), stamp(opt.Now())
			if err := appendRecord(journal, rec); err != nil {
				return out, err
			}
			out.Lines = append(out.Lines, fmt.Sprintf("CHƯA GỬI %s <%s>: %s", rec.Addressee, rec.To, rec.Error))
			continue
		}
		rec.State, rec.Time = StateSending, stamp(opt.Now())
		if err := appendRecord(journal, rec); err != nil {
			return out, err
		}
		if pause > 0 {
			select {
			case <-time.After(pause):
			case <-ctx.Done():
				return out, ctx.Err()
			}
		}
		err = c.send(ctx, msg)
		rec.Time = stamp(opt.Now())
		if err != nil {
			out.Failed++
			rec.State, rec.Error = StateFailed, redact(err.Error(), opt.Password)
			if err := appendRecord(journal, rec); err != nil {
				return out, err
			}
			out.Lines = append(out.Lines, fmt.Sprintf("CHƯA GỬI %s <%s>: %s; sẽ thử lại ở lần chạy sau", rec.Addressee, rec.To, rec.Error))
			continue
		}
		rec.State = StateSent
		if err := appendRecord(journal, rec); err != nil {
			return out, err
		}
		out.Sent++
		note := ""
		if m.retried {
			note = " (gửi lại: lần chạy trước dừng giữa chừng, thư có thể đã đến; Message-ID như cũ)"
			out.Retried = append(out.Retried, rec.Addressee)
		}
		out.Lines = append(out.Lines, fmt.Sprintf("đã gửi %s <%s>: %d tệp%s", rec.Addressee, rec.To, len(m.files), note))
	}
	if out.Failed > 0 {
		return out, ErrSomeFailed
	}
	return out, nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func appendRecord(j *publish.Journal, r Record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return j.Append(b)
}

// redact removes the password from a text that came from elsewhere (a
// server's reply, a library's error), should it ever hold it.
func redact(s, password string) string {
	if password != "" {
		s = strings.ReplaceAll(s, password, "***")
	}
	return s
}

// messageID is derived from what the message carries.
func messageID(p *distribute.Package, files []distribute.File, times int, domain string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00", strings.ToLower(p.Addressee.Email), p.Folder, times)
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%s\x00", f.Path, f.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))[:32] + "@" + domain
}

// build makes the e-mail of m: the templates' subject and body, the
// documents attached after checking their bytes against the manifest.
func build(opt Options, from *mail.Address, m message, man *distribute.Manifest, t *mailTemplates) (*gomail.Msg, error) {
	data := mailData{
		Addressee: m.pkg.Addressee.Name, Period: m.pkg.Period, PeriodLabel: distribute.PeriodLabel(m.pkg.Period),
		Sender: from.Name, Resent: opt.Resend,
	}
	for _, f := range m.files {
		data.Files = append(data.Files, mailFile{Title: f.Title, Name: f.Name, Pages: f.Pages, Size: sizeText(f.Size)})
	}
	subject, body, err := t.render(data)
	if err != nil {
		return nil, err
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(from.Name, from.Address); err != nil {
		return nil, fmt.Errorf("địa chỉ gửi: %w", err)
	}
	if err := msg.AddToFormat(m.pkg.Addressee.Name, m.pkg.Addressee.Email); err != nil {
		return nil, fmt.Errorf("địa chỉ nhận %q không hợp lệ", m.pkg.Addressee.Email)
	}
	msg.Subject(subject)
	msg.SetMessageIDWithValue(m.id)
	msg.SetDateWithValue(opt.Now())
	msg.SetUserAgent("ntm")
	msg.SetBodyString(gomail.TypeTextPlain, body)
	for _, f := range m.files {
		p := filepath.Join(opt.Out, filepath.FromSlash(f.Path))
		b, err := readLimited(p, f.Size)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			return nil, fmt.Errorf("tệp %s đã thay đổi sau lần ntm build cuối; chạy lại ntm build", p)
		}
		if err := msg.AttachReader(f.Name, bytes.NewReader(b), gomail.WithFileContentType(contentType(f.Name))); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

func readLimited(p string, size int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("không mở được %s: %w", p, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, size+1))
	if err != nil {
		return nil, fmt.Errorf("đọc %s: %w", p, err)
	}
	return b, nil
}

func contentType(name string) gomail.ContentType {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".txt":
		return gomail.TypeTextPlain
	}
	return "application/octet-stream"
}

func sizeText(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " byte"
	}
	return strconv.FormatInt((n+512)/1024, 10) + " KB"
}

// conn is one SMTP connection, dialled on first use and again after it
// broke.
type conn struct {
	opt    Options
	client *gomail.Client
	dialed bool
}

func (c *conn) options() ([]gomail.Option, error) {
	o := c.opt
	opts := []gomail.Option{gomail.WithTimeout(o.Timeout)}
	tc := &tls.Config{ServerName: o.Host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: o.InsecureSkipVerify}
	switch o.TLS {
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tc), gomail.WithPort(cmp(o.Port, 587)))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL(), gomail.WithTLSConfig(tc), gomail.WithPort(cmp(o.Port, 465)))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS), gomail.WithPort(cmp(o.Port, 25)))
	default:
		return nil, fmt.Errorf("-tls %q không có; cần starttls, tls hoặc none", o.TLS)
	}
	if o.User != "" {
		if o.TLS == TLSNone && !loopback(o.Host) {
			return nil, fmt.Errorf("không gửi mật khẩu qua kết nối không mã hóa tới %s: dùng -tls starttls hoặc tls", o.Host)
		}
		auth := gomail.SMTPAuthPlain
		if o.TLS == TLSNone {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(o.User), gomail.WithPassword(o.Password))
	}
	return opts, nil
}

func cmp(port, def int) int {
	if port > 0 {
		return port
	}
	return def
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (c *conn) send(ctx context.Context, m *gomail.Msg) error {
	if c.client == nil {
		opts, err := c.options()
		if err != nil {
			return err
		}
		cl, err := gomail.NewClient(c.opt.Host, opts...)
		if err != nil {
			return err
		}
		c.client = cl
	}
	if !c.dialed {
		if err := c.client.DialWithContext(ctx); err != nil {
			return fmt.Errorf("không kết nối được máy chủ thư %s: %w", c.opt.Host, err)
		}
		c.dialed = true
	}
	err := c.client.Send(m)
	if err != nil {
		var se *gomail.SendError
		// A refused recipient leaves the connection usable; anything else
		// is dialled again for the next message.
		if !errors.As(err, &se) || se.Reason != gomail.ErrSMTPRcptTo {
			c.client.Close()
			c.dialed = false
		}
	}
	return err
}

func (c *conn) close() {
	if c.client != nil && c.dialed {
		c.client.Close()
	}
}
