package send

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/distribute"
	"github.com/ntm-project/ntm/internal/send/sendtest"
)

const password = "mật-khẩu-Bí-mật-42"

// layout writes documents and their packages into a fresh output folder:
// four communes by e-mail (one of which the server will refuse), a
// district by e-mail, and an addressee by hand.
func layout(t *testing.T, out string, version string) []distribute.Package {
	t.Helper()
	xa := func(name, id string) distribute.Addressee {
		return distribute.Addressee{Name: "UBND xã " + name, Email: "ubnd." + id + "@quangtri.example", Commune: id}
	}
	rs := []distribute.Recipient{{Addressees: []distribute.Addressee{
		xa("Thuận", "thuan"), xa("Cam Chính", "cam-chinh"), xa("Gio Mỹ", "gio-my"), xa("Gio Mai", "gio-mai"),
		{Name: "UBND huyện Gio Linh", Email: "ubnd.giolinh@quangtri.example", District: "Gio Linh"},
		{Name: "Văn thư Sở", Delivery: distribute.ByHand},
	}}}
	var docs []distribute.Document
	add := func(p string, k distribute.Kind, commune, title string, r []distribute.Recipient) {
		v := ""
		if k == distribute.Report {
			v = version // only the report changes between versions
		}
		data := []byte("%PDF-1.7 " + title + " " + v + strings.Repeat("\x00\xff", 3000))
		full := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		docs = append(docs, distribute.Document{Path: p, Kind: k, Period: "2021-H1", Commune: commune, Title: title,
			SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Pages: 2, Recipients: r})
	}
	add("2021-H1/bao-cao-2021-H1.pdf", distribute.Report, "", "Báo cáo số 15/BC-SKH ngày 15 tháng 6 năm 2021", rs)
	for _, id := range []string{"thuan", "cam-chinh", "gio-my", "gio-mai"} {
		add("2021-H1/bao-cao-xa-"+id+".pdf", distribute.CommuneReport, id, "Kết quả thực hiện tiêu chí của xã "+id, nil)
	}
	pkgs, probs := distribute.Distribute(distribute.Input{Documents: docs, Communes: []distribute.Commune{
		{ID: "thuan", Name: "Thuận", District: "Hướng Hóa"}, {ID: "cam-chinh", Name: "Cam Chính", District: "Cam Lộ"},
		{ID: "gio-my", Name: "Gio Mỹ", District: "Gio Linh"}, {ID: "gio-mai", Name: "Gio Mai", District: "Gio Linh"},
	}})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if _, err := distribute.WritePackages(out, pkgs, ""); err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func options(out string, s *sendtest.Server) Options {
	return Options{Out: out, Host: "127.0.0.1", Port: s.SMTPPort, TLS: TLSNone,
		From: "Sở Kế hoạch và Đầu tư <vanthu@skhdt.quangtri.example>", Timeout: 10 * time.Second,
		Now: func() time.Time { return time.Date(2021, 6, 16, 8, 0, 0, 0, time.UTC) }}
}

// delivered maps each address to the attachments (name → SHA-256) of
// every message it got.
func delivered(ms []sendtest.Message) map[string][]map[string]string {
	got := map[string][]map[string]string{}
	for _, m := range ms {
		att := map[string]string{}
		for _, a := range m.Attachments {
			att[a.FileName] = a.SHA256
		}
		got[m.To[0].Address] = append(got[m.To[0].Address], att)
	}
	return got
}

func TestSendWithMailpit(t *testing.T) {
	// The server refuses Cam Chính (a real 550 at RCPT TO) and accepts the others.
	srv := sendtest.Start(t, "--smtp-allowed-recipients", `^(ubnd\.(thuan|gio-my|gio-mai|giolinh))@`,
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	out := t.TempDir()
	pkgs := layout(t, out, "v1")
	opt := options(out, srv)
	opt.User, opt.Password = "vanthu", password

	dry := opt
	dry.DryRun = true
	o, err := Run(context.Background(), dry)
	if err != nil || len(srv.Messages(t)) != 0 || o.ByHand != 1 {
		t.Fatalf("dry run: %v, outcome %+v", err, o)
	}
	if _, err := os.Stat(filepath.Join(out, LogName)); !os.IsNotExist(err) {
		t.Fatal("dry run wrote the send log")
	}

	o, err = Run(context.Background(), opt)
	if !errors.Is(err, ErrSomeFailed) || o.Sent != 4 || o.Failed != 1 {
		t.Fatalf("first run: %v %+v", err, o)
	}
	ms := srv.Messages(t)
	want := map[string][]map[string]string{}
	for _, p := range pkgs {
		if p.Addressee.Delivery != distribute.Email || p.Addressee.Commune == "cam-chinh" {
			continue
		}
		att := map[string]string{}
		for _, f := range p.Files {
			att[f.Name] = f.SHA256
		}
		want[p.Addressee.Email] = []map[string]string{att}
	}
	got := delivered(ms)
	if len(got) != len(want) {
		t.Fatalf("delivered to %d addresses, want %d: %v", len(got), len(want), got)
	}
	for addr, w := range want {
		if g := got[addr]; len(g) != 1 || len(g[0]) != len(w[0]) {
			t.Fatalf("%s got %v, want exactly %v", addr, g, w)
		}
		for name, sum := range w[0] {
			if got[addr][0][name] != sum {
				t.Errorf("%s: attachment %s has SHA-256 %s, want %s", addr, name, got[addr][0][name], sum)
			}
		}
	}
	for _, m := range ms {
		if !strings.HasPrefix(m.To[0].Name, "UBND ") || !strings.Contains(m.Subject, "Sở Kế hoạch và Đầu tư gửi UBND") || !strings.Contains(m.Subject, "6 tháng đầu năm 2021") {
			t.Errorf("decoded To %q, Subject %q", m.To[0].Name, m.Subject)
		}
		if m.From.Name != "Sở Kế hoạch và Đầu tư" {
			t.Errorf("From name %q", m.From.Name)
		}
		head, _, _ := strings.Cut(m.Raw, "\r\n\r\n")
		head = strings.ReplaceAll(strings.ReplaceAll(head, "\r\n ", " "), "\r\n\t", " ") // unfold
		for _, l := range strings.Split(head, "\r\n") {
			if strings.HasPrefix(l, "Subject:") && !strings.Contains(l, "=?UTF-8?") {
				t.Errorf("Subject header not RFC 2047 encoded: %q", l)
			}
			for _, c := range l {
				if c > 127 {
					t.Errorf("raw header line holds 8-bit text: %q", l)
					break
				}
			}
		}
		if !strings.Contains(m.Text, "Kính gửi: UBND") || !strings.Contains(m.Text, "Tệp đính kèm: bao-cao-2021-H1.pdf (2 trang") {
			t.Errorf("body:\n%s", m.Text)
		}
		if strings.Contains(m.Raw, password) {
			t.Error("the password is in a message")
		}
	}
	for _, l := range o.Lines {
		if strings.Contains(l, "Cam Chính") && !strings.Contains(l, "CHƯA GỬI") {
			t.Errorf("refused addressee reported as %q", l)
		}
	}

	// A second run sends nothing new; the refused one is tried again and refused again.
	o, err = Run(context.Background(), opt)
	if !errors.Is(err, ErrSomeFailed) || o.Sent != 0 || o.Failed != 1 || o.UpToDate != 4 {
		t.Fatalf("second run: %v %+v", err, o)
	}
	if n := len(srv.Messages(t)); n != 4 {
		t.Fatalf("%d messages after the second run, want 4", n)
	}

	// The refusal lifted (another server that accepts all): only Cam Chính goes.
	srv2 := sendtest.Start(t, "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	opt2 := options(out, srv2)
	opt2.User, opt2.Password = "vanthu", password
	o, err = Run(context.Background(), opt2)
	if err != nil || o.Sent != 1 {
		t.Fatalf("after the refusal is lifted: %v %+v", err, o)
	}
	if ms2 := srv2.Messages(t); len(ms2) != 1 || ms2[0].To[0].Address != "ubnd.cam-chinh@quangtri.example" {
		t.Fatalf("second server got %v", ms2)
	}

	// A changed report goes again, with the commune reports that did not change left out.
	layout(t, out, "v2")
	o, err = Run(context.Background(), opt2)
	if err != nil || o.Sent != 5 {
		t.Fatalf("after a change: %v %+v", err, o)
	}
	for _, m := range srv2.Messages(t)[1:] {
		if len(m.Attachments) != 1 || m.Attachments[0].FileName != "bao-cao-2021-H1.pdf" {
			t.Fatalf("after a change %s got %v, want only the changed report", m.To[0].Address, m.Attachments)
		}
	}
	// -resend sends everything again, under new Message-IDs.
	opt2.Resend = true
	if o, err = Run(context.Background(), opt2); err != nil || o.Sent != 5 {
		t.Fatalf("resend: %v %+v", err, o)
	}
	ids := map[string]bool{}
	for _, m := range srv2.Messages(t) {
		if ids[m.MessageID] {
			t.Fatalf("Message-ID %s used twice", m.MessageID)
		}
		ids[m.MessageID] = true
	}

	// The password is nowhere: not in the log, the output folder, the outcome.
	filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), password) {
				t.Errorf("the password is in %s", p)
			}
		}
		return nil
	})
	if strings.Contains(strings.Join(o.Lines, "\n"), password) || strings.Contains(opt.String(), password) {
		t.Error("the password is in the outcome")
	}
}

func TestLogRecovery(t *testing.T) {
	out := t.TempDir()
	lines := []string{
		`{"time":"2021-06-16T08:00:00Z","state":"dang-gui","message_id":"a@x","package":"p","addressee":"A","to":"a@x","files":[{"path":"f.pdf","sha256":"11"}]}`,
		`{"time":"2021-06-16T08:00:01Z","state":"da-gui","message_id":"a@x","package":"p","addressee":"A","to":"A@X","files":[{"path":"f.pdf","sha256":"11"}]}`,
		`{"time":"2021-06-16T08:00:02Z","state":"dang-gui","message_id":"b@x","package":"p","addressee":"B","to":"b@x","files":[{"path":"f.pdf","sha256":"11"}]}`,
		`{"time":"2021-06-16T08:00:03Z","state":"da-g`, // torn by a crash
	}
	os.WriteFile(filepath.Join(out, LogName), []byte(strings.Join(lines, "\n")), 0o644)
	h, err := ReadLog(out)
	if err != nil {
		t.Fatal(err)
	}
	if ok, n := h.Sent("a@x", "f.pdf", "11"); !ok || n != 1 {
		t.Errorf("a@x sent = %v %d", ok, n)
	}
	if ok, _ := h.Sent("b@x", "f.pdf", "11"); ok {
		t.Error("b@x counted as sent without a da-gui record")
	}
	if _, ok := h.Pending["b@x"]; !ok || len(h.Pending) != 1 || h.Torn != 1 {
		t.Errorf("pending %v, torn %d", h.Pending, h.Torn)
	}
	if h.FirstSent["f.pdf"] != time.Date(2021, 6, 16, 8, 0, 1, 0, time.UTC) {
		t.Errorf("first sent %v", h.FirstSent["f.pdf"])
	}
}

func TestOptionsRefuse(t *testing.T) {
	tests := []struct {
		opt  Options
		want string
	}{
		{Options{Host: "smtp.example.vn", TLS: TLSNone, User: "u", Password: password}, "không mã hóa"},
		{Options{Host: "smtp.example.vn", TLS: "ssl3"}, `-tls "ssl3"`},
	}
	for _, tt := range tests {
		_, err := (&conn{opt: tt.opt}).options()
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), password) {
			t.Errorf("%v: err %v, want %q", tt.opt, err, tt.want)
		}
	}
	// Certificates are checked unless asked otherwise.
	c := &conn{opt: Options{Host: "smtp.example.vn", TLS: TLSStartTLS}}
	if _, err := c.options(); err != nil {
		t.Fatal(err)
	}
}

func FuzzReadLog(f *testing.F) {
	f.Add([]byte(`{"state":"da-gui","message_id":"a","to":"a","files":[{"path":"p","sha256":"1"}]}` + "\n"))
	f.Add([]byte("\n\n{\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, LogName), b, 0o644)
		h, err := ReadLog(dir)
		if err != nil {
			return
		}
		var ids []string
		for id := range h.Pending {
			ids = append(ids, id)
		}
		sort.Strings(ids)
	})
}
