package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/archive"
	"github.com/ntm-project/ntm/internal/distribute"
	"github.com/ntm-project/ntm/internal/pdfa"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/register"
	"github.com/ntm-project/ntm/internal/send/sendtest"
)

// buildAndDistribute runs the build, which makes every PDF archival and
// then lays out the packages, the register and the archive entry.
func buildAndDistribute(t *testing.T, cfg Config) *Summary {
	t.Helper()
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Build: %v\n%v", err, sum.Problems)
	}
	return sum
}

// tree reads every file under dir: path → bytes.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			b, _ := os.ReadFile(p)
			m[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	return m
}

// differing are the files, by name, that a and b do not hold alike
// (other bytes, or in one of them only), in name order.
func differing(a, b map[string][]byte) []string {
	var out []string
	for p, x := range a {
		if y, ok := b[p]; !ok || !bytes.Equal(x, y) {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func TestDistributeSample(t *testing.T) {
	out := t.TempDir()
	cfg := Config{In: sampleIn, Out: out}
	sum := buildAndDistribute(t, cfg)
	notes := strings.Join(sum.Notes, "\n")
	if !strings.Contains(notes, "lưu trữ: mục mới") {
		t.Fatalf("notes:\n%s", notes)
	}
	plan := filepath.Join(out, "ke-hoach-2071-SKH-KTN.pdf")
	pdfs := 0
	for p, b := range tree(t, out) {
		if strings.HasSuffix(p, ".pdf") && !strings.Contains(p, "/") || strings.HasPrefix(p, "2021-H1/") && strings.HasSuffix(p, ".pdf") && !strings.Contains(p, "noi-nhan") {
			pdfs++
			if probs := pdfa.Check(b); len(probs) > 0 {
				t.Errorf("%s is not PDF/A-2b as far as Check sees: %v", p, probs)
			}
		}
	}
	if pdfs != 6 {
		t.Errorf("checked %d PDFs, want the plan, the report and 4 commune reports", pdfs)
	}
	// Every addressee of the seed plan's Nơi nhận has its package with the plan.
	m, err := distribute.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	// The plan to its 13 addressees (2020-H2); the report of 2021-H1 to
	// the same 13, each commune's with its own report.
	if len(m.Packages) != 26 {
		t.Fatalf("%d packages, want 13 for the plan and 13 for the report of 2021-H1", len(m.Packages))
	}
	gm, _ := os.ReadFile(filepath.Join(out, "2021-H1", "noi-nhan", "UBND xã Gio Mai", distribute.CoverName))
	for _, want := range []string{"1. Báo cáo số …/BC-SKH", "Tệp: bao-cao-2021-H1.pdf", "2. ", "Tệp: gio-mai.pdf"} {
		if !strings.Contains(string(gm), want) {
			t.Errorf("Gio Mai's 2021-H1 cover list lacks %q:\n%s", want, gm)
		}
	}
	gl, _ := os.ReadFile(filepath.Join(out, "2021-H1", "noi-nhan", "UBND huyện Gio Linh", distribute.CoverName))
	if !strings.Contains(string(gl), "Tệp: gio-mai.pdf") || !strings.Contains(string(gl), "Tệp: gio-my.pdf") || strings.Count(string(gl), "Tệp: ") != 3 {
		t.Errorf("Gio Linh's package should hold the report and its two communes' reports:\n%s", gl)
	}
	if strings.Count(string(gm), "6 tháng đầu năm 2021, 6 tháng đầu năm 2021") > 0 {
		t.Errorf("the period is named twice:\n%s", gm)
	}
	if strings.Count(string(gm), "Tệp: ") != 2 {
		t.Errorf("Gio Mai gets another commune's report:\n%s", gm)
	}
	pkg := filepath.Join(out, "2020-H2", "noi-nhan", "UBND xã Gio Mai")
	a, _ := os.Stat(filepath.Join(pkg, "ke-hoach-2071-SKH-KTN.pdf"))
	c, _ := os.Stat(plan)
	if a == nil || !os.SameFile(a, c) {
		t.Fatal("Gio Mai's package does not hold the plan as a link")
	}
	cover, _ := os.ReadFile(filepath.Join(pkg, distribute.CoverName))
	if !strings.Contains(string(cover), "1. Kế hoạch số 2071/SKH-KTN ngày 08 tháng 12 năm 2020 — Thực hiện công tác phụ trách") {
		t.Errorf("cover list:\n%s", cover)
	}
	// The register holds the plan.
	st, err := register.ReadState(out)
	if err != nil || len(st.Entries) != 2 || st.Entries[0].Number != "2071/SKH-KTN" || st.Entries[0].Copies != 16 || st.Entries[0].ArchiveCopy != "VT, KGVX, KTN" ||
		st.Entries[1].Key != "report/2021-H1" || st.Entries[1].Number != "…/BC-SKH" || st.Entries[1].Year != 2021 {
		t.Fatalf("register: %v %+v", err, st)
	}
	// The archive entry verifies and holds the inputs.
	rep, err := Verify(cfg, "")
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v %+v", err, rep)
	}
	man, _ := archive.ReadManifest(filepath.Join(out, ArchiveDir, rep.Entry))
	kinds := map[archive.Kind]int{}
	for _, f := range man.Files {
		kinds[f.Kind]++
		if f.Kind == archive.KindPlan && (f.Document == nil || f.Document.PageAmount < 2 || f.Document.CodeNumber != "2071" || len(f.Document.To) != 13 || len(f.Addressees) != 13) {
			t.Errorf("plan record %+v %+v", f, f.Document)
		}
	}
	if kinds[archive.KindInput] < 9 || kinds[archive.KindPlan] != 1 || kinds[archive.KindReport] != 1 || kinds[archive.KindCommuneReport] != 4 || kinds[archive.KindRegister] != 2 || kinds[archive.KindPackage] != 1 {
		t.Errorf("archive kinds %v", kinds)
	}

	// A second build of the same inputs changes no byte and adds no entry.
	before := tree(t, out)
	sum = buildAndDistribute(t, cfg)
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "không có gì thay đổi") {
		t.Errorf("second run notes: %v", sum.Notes)
	}
	after := tree(t, out)
	if len(before) != len(after) {
		t.Fatalf("second run: %d files, then %d", len(before), len(after))
	}
	for _, p := range differing(before, after) {
		t.Errorf("second run changed %s", p)
	}
}

// TestReproducible builds the sample in two output folders: every file,
// PDFs, workbooks, manifests and the archive entry included, is
// byte-identical.
func TestReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	buildAndDistribute(t, Config{In: sampleIn, Out: a})
	buildAndDistribute(t, Config{In: sampleIn, Out: b})
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) || len(ta) < 20 {
		t.Fatalf("%d files and %d files", len(ta), len(tb))
	}
	for _, p := range differing(ta, tb) {
		t.Errorf("%s differs between two builds of the same inputs", p)
	}
}

func TestVerifyCatchesTampering(t *testing.T) {
	out := t.TempDir()
	cfg := Config{In: sampleIn, Out: out}
	buildAndDistribute(t, cfg)
	entry, _ := archive.Latest(filepath.Join(out, ArchiveDir))
	dir := filepath.Join(out, ArchiveDir, entry)
	// A changed byte (in a fresh copy: the file is linked to the output),
	// a deleted file, an added file.
	p := filepath.Join(dir, "input", "plan.toml")
	b, _ := os.ReadFile(p)
	b[10] ^= 0x20
	os.Remove(p)
	os.WriteFile(p, b, 0o644)
	os.Remove(filepath.Join(dir, "output", "phan-phoi.json"))
	os.WriteFile(filepath.Join(dir, "output", "them.txt"), []byte("x"), 0o644)
	rep, err := Verify(cfg, entry)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || len(rep.Changed) != 1 || len(rep.Missing) != 1 || len(rep.Extra) != 1 {
		t.Fatalf("report %+v", rep)
	}
}

func TestRecipientProblemsArePlaced(t *testing.T) {
	in, _, err := loadAll(context.Background(), Config{In: sampleIn})
	if err != nil {
		t.Fatal(err)
	}
	p := *in.Plan
	p.Recipients = append([]plan.Recipient(nil), in.Plan.Recipients...)
	// Two addressees whose folders would be one on Windows.
	p.Recipients = append(p.Recipients, plan.Recipient{Line: "UBND xã Gio Mai:", Addressees: []plan.Addressee{{Name: "UBND xã Gio Mai:"}, {Name: "UBND xã Gio Mai?"}}})
	inp := &Inputs{Plan: &p}
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "p.pdf"), []byte("%PDF"), 0o644)
	sum := &Summary{}
	err = Distribute(context.Background(), Config{In: sampleIn, Out: out}, inp, []Issued{PlanIssued(&p, "p.pdf", []byte("%PDF"))}, "ntm", sum)
	if !errors.Is(err, ErrInput) || err != ErrInputAfterWrite {
		t.Fatalf("err = %v", err)
	}
	got := sum.Problems.Err().Error()
	if !strings.Contains(got, "recipients[6].addressees[1]") || !strings.Contains(got, "cùng tên thư mục") {
		t.Fatalf("problem not placed at the addressee: %s", got)
	}
	if l := CheckRecipients(&p); l.Errors() != 1 || !strings.Contains(l.Err().Error(), "recipients[6].addressees[1]") {
		t.Fatalf("CheckRecipients: %v", l.Err())
	}
	if l := CheckRecipients(in.Plan); len(l) != 0 {
		t.Fatalf("the sample's recipients: %v", l.Err())
	}
}

// TestSendFillsRegister sends the sample's packages to a real SMTP server
// and checks that the register's "ngày chuyển" comes from the send log.
func TestSendFillsRegister(t *testing.T) {
	srv := sendtest.Start(t)
	out := t.TempDir()
	cfg := Config{In: sampleIn, Out: out}
	buildAndDistribute(t, cfg)
	at := time.Date(2021, 6, 26, 2, 0, 0, 0, time.UTC)
	o, err := Send(context.Background(), cfg, SendOptions{Host: "127.0.0.1", Port: srv.SMTPPort, TLS: "none",
		From: "Sở Kế hoạch và Đầu tư <vanthu@skhdt.quangtri.example>", Now: func() time.Time { return at }})
	if err != nil || o.Sent != 26 {
		t.Fatalf("send: %v %+v", err, o)
	}
	if n := len(srv.Messages(t)); n != 26 {
		t.Fatalf("%d messages", n)
	}
	st, err := register.ReadState(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range st.Entries {
		if e.Transferred != "26/06/2021" {
			t.Errorf("%s: ngày chuyển %q, want 26/06/2021", e.Key, e.Transferred)
		}
	}
	// The next build keeps the date.
	buildAndDistribute(t, cfg)
	st, _ = register.ReadState(out)
	if st.Entries[0].Transferred != "26/06/2021" {
		t.Errorf("after a rebuild: %+v", st.Entries[0])
	}
}
