package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/archive"
	"github.com/ntm-project/ntm/internal/distribute"
	"github.com/ntm-project/ntm/internal/send"
	"github.com/ntm-project/ntm/internal/send/sendtest"
)

const testPassword = "Mật-khẩu-SMTP-7f3a"

// sendLayout lays out n communes' packages in out, as ntm build does.
func sendLayout(t *testing.T, out string, n int) []distribute.Package {
	t.Helper()
	var as []distribute.Addressee
	var communes []distribute.Commune
	var docs []distribute.Document
	add := func(p string, k distribute.Kind, commune string) {
		data := []byte(fmt.Sprintf("%%PDF-1.7 %s %s", p, strings.Repeat("\xe2\x82", 2000)))
		full := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, data, 0o644)
		s := sha256.Sum256(data)
		docs = append(docs, distribute.Document{Path: p, Kind: k, Period: "2021-H1", Commune: commune, Title: "Văn bản " + p,
			SHA256: hex.EncodeToString(s[:]), Size: int64(len(data)), Pages: 1})
	}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("xa-%02d", i)
		as = append(as, distribute.Addressee{Name: fmt.Sprintf("UBND xã Tân Lập %02d", i), Email: id + "@quangtri.example", Commune: id})
		communes = append(communes, distribute.Commune{ID: id, Name: "Tân Lập", District: "Hướng Hóa"})
		add("2021-H1/bao-cao-xa-"+id+".pdf", distribute.CommuneReport, id)
	}
	add("2021-H1/bao-cao-2021-H1.pdf", distribute.Report, "")
	docs[len(docs)-1].Recipients = []distribute.Recipient{{Addressees: as}}
	pkgs, probs := distribute.Distribute(distribute.Input{Documents: docs, Communes: communes})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if _, err := distribute.WritePackages(out, pkgs, ""); err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ntm")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func countState(t *testing.T, out, state string) int {
	b, _ := os.ReadFile(filepath.Join(out, send.LogName))
	return strings.Count(string(b), `"state":"`+state+`"`)
}

// TestSendKilledAndRerun kills `ntm send` with SIGKILL at several points
// of a run against a real SMTP server and reruns it: every message
// arrives exactly once, and the clerk is told which ones were in flight.
func TestSendKilledAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	srv := sendtest.Start(t, "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	out := t.TempDir()
	const n = 8
	pkgs := sendLayout(t, out, n)
	bin := buildBinary(t)
	args := []string{"send", "-out", out, "-smtp-host", "127.0.0.1", "-smtp-port", strconv.Itoa(srv.SMTPPort), "-tls", "none",
		"-smtp-user", "vanthu", "-from", "Sở Kế hoạch và Đầu tư <vanthu@skhdt.quangtri.example>"}
	env := append(os.Environ(), "NTM_SMTP_PASSWORD="+testPassword)
	var allOut bytes.Buffer

	// Two runs killed: after 2 messages went, then after 5, each time
	// while the program waits between logging a message and sending it.
	for _, killAt := range []int{2, 5} {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(env, send.PauseEnv+"=700ms")
		cmd.Stdout, cmd.Stderr = &allOut, &allOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		// Kill once killAt messages went and the next one is logged as
		// being sent (the program waits there): a message in flight.
		inFlight := func() bool {
			h, err := send.ReadLog(out)
			return err == nil && len(h.Pending) == 1 && countState(t, out, send.StateSent) >= killAt
		}
		for !inFlight() {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("ntm send did not reach %d messages:\n%s", killAt, allOut.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		if got := len(srv.Messages(t)); got != killAt {
			t.Fatalf("killed after %d sent: the server has %d messages", killAt, got)
		}
	}
	// The rerun delivers the rest.
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("rerun: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "được gửi lại vì lần chạy trước dừng khi đang gửi") || !strings.Contains(stdout.String(), "gửi lại") {
		t.Errorf("the in-flight message is not reported:\n%s\n%s", stdout.String(), stderr.String())
	}
	ms := srv.Messages(t)
	if len(ms) != n {
		t.Fatalf("%d messages arrived, want exactly %d", len(ms), n)
	}
	ids, to := map[string]int{}, map[string]int{}
	for _, m := range ms {
		ids[m.MessageID]++
		to[m.To[0].Address]++
	}
	for _, p := range pkgs {
		if to[p.Addressee.Email] != 1 {
			t.Errorf("%s got %d messages", p.Addressee.Email, to[p.Addressee.Email])
		}
	}
	for id, c := range ids {
		if c != 1 {
			t.Errorf("Message-ID %s arrived %d times", id, c)
		}
	}
	// Another run sends nothing.
	again := exec.Command(bin, args...)
	again.Env = env
	b, err := again.CombinedOutput()
	if err != nil || !strings.Contains(string(b), "đã gửi 0 thư") || len(srv.Messages(t)) != n {
		t.Fatalf("third run: %v\n%s", err, b)
	}
	allOut.Write(b)
	allOut.Write(stdout.Bytes())
	allOut.Write(stderr.Bytes())
	// The password is in no output, log or message.
	if strings.Contains(allOut.String(), testPassword) {
		t.Error("the password was printed")
	}
	log, _ := os.ReadFile(filepath.Join(out, send.LogName))
	if bytes.Contains(log, []byte(testPassword)) {
		t.Error("the password is in the send log")
	}
	for _, m := range srv.Messages(t) {
		if strings.Contains(m.Raw, testPassword) {
			t.Error("the password is in a message")
		}
	}
}

func TestSendUsage(t *testing.T) {
	out := t.TempDir()
	sendLayout(t, out, 2)
	tests := []struct {
		args []string
		env  map[string]string
		code int
		want string
	}{
		{[]string{"send", "-out", out}, nil, exitUsage, "cần -smtp-host"},
		{[]string{"send", "-out", out, "-smtp-host", "smtp.example.vn"}, nil, exitUsage, "cần -from"},
		{[]string{"send", "-out", out, "-smtp-host", "smtp.example.vn", "-from", "a@b.vn", "-smtp-user", "u"}, nil, exitUsage, "NTM_SMTP_PASSWORD trống"},
		{[]string{"send", "-out", out, "-dry-run"}, nil, exitOK, "sẽ gửi 2 thư"},
		{[]string{"send", "-out", t.TempDir(), "-dry-run"}, nil, exitFailure, "không có gói văn bản nào"},
	}
	for _, tt := range tests {
		for k, v := range tt.env {
			t.Setenv(k, v)
		}
		var o, e bytes.Buffer
		code := run(context.Background(), tt.args, &o, &e)
		if code != tt.code || !strings.Contains(o.String()+e.String(), tt.want) {
			t.Errorf("%v: code %d, want %d; output:\n%s%s", tt.args, code, tt.code, o.String(), e.String())
		}
	}
}

func TestVerifyCommand(t *testing.T) {
	out := t.TempDir()
	var o, e bytes.Buffer
	if code := run(context.Background(), []string{"verify", "-out", out}, &o, &e); code != exitFailure || !strings.Contains(e.String(), "chưa có mục lưu trữ") {
		t.Fatalf("no archive: code %d\n%s", code, e.String())
	}
	if code := run(context.Background(), []string{"verify", "-out", out, "a", "b"}, &o, &e); code != exitUsage {
		t.Fatalf("two entries: code %d", code)
	}
	src := filepath.Join(out, "a.pdf")
	os.WriteFile(src, []byte("%PDF"), 0o644)
	r, err := archive.Commit(filepath.Join(out, "luu-tru"), []archive.Item{{File: archive.File{Path: "output/a.pdf", Kind: archive.KindPlan}, Source: src}}, "ntm")
	if err != nil {
		t.Fatal(err)
	}
	o.Reset()
	if code := run(context.Background(), []string{"verify", "-out", out}, &o, &e); code != exitOK || !strings.Contains(o.String(), r.Entry+" nguyên vẹn") {
		t.Fatalf("whole entry: code %d\n%s", code, o.String())
	}
	os.WriteFile(filepath.Join(r.Dir, "output", "extra.pdf"), nil, 0o644)
	o.Reset()
	e.Reset()
	if code := run(context.Background(), []string{"verify", "-out", out, r.Entry}, &o, &e); code != exitFailure || !strings.Contains(e.String(), "output/extra.pdf: thừa") {
		t.Fatalf("extra file: code %d\n%s%s", code, o.String(), e.String())
	}
}
