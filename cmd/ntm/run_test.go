package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const sampleIn = "../../input"

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"help", []string{"help"}, 0, "Cách dùng:", ""},
		{"dash h", []string{"-h"}, 0, "Cách dùng:", ""},
		{"build -h", []string{"build", "-h"}, 0, "", "-out"},
		{"check -h", []string{"check", "-h"}, 0, "", "-in"},
		{"init -h", []string{"init", "-h"}, 0, "", "-period"},
		{"version", []string{"version"}, 0, "ntm " + version, ""},
		{"unknown command", []string{"xuat"}, 2, "", `không có lệnh "xuat"`},
		{"unknown flag", []string{"build", "-khong"}, 2, "", "-khong"},
		{"stray argument", []string{"check", "thua"}, 2, "", `thừa tham số "thua"`},
		{"init without period", []string{"init"}, 2, "", "cần -period"},
		{"check sample", []string{"check", "-in", sampleIn}, 0, "kỳ 2021-H1: 4 biểu; 3/4 xã đạt đủ tiêu chí; bình quân 17,75 tiêu chí/xã", ""},
		{"init bad period", []string{"init", "-in", sampleIn, "-period", "2021-H3"}, 2, "", `kỳ đánh giá "2021-H3" không hợp lệ`},
		{"missing input folder", []string{"check", "-in", "/nonexistent/ntm"}, 1, "", "plan.toml"},
		{"output inside input", []string{"build", "-in", sampleIn, "-out", sampleIn + "/assessments/x"}, 2, "", "không được là thư mục dữ liệu đầu vào"},
		{"output is input", []string{"build", "-in", sampleIn, "-out", sampleIn}, 2, "", "không được là thư mục dữ liệu đầu vào"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			if !strings.Contains(out, tt.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.inStdout, out)
			}
			if !strings.Contains(errs, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, errs)
			}
		})
	}
}

// hashTree is a digest of every file below dir, to show a command did not
// change its input.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			// A FIFO or a link to a device (the hostile cases): its name
			// and kind, never its contents.
			lines = append(lines, fmt.Sprintf("%v %s", d.Type(), p))
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%x %s", sha256.Sum256(b), p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing on CI (scripts/test.sh installs poppler-utils)", name)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils, or run scripts/test.sh)", name)
	}
	return p
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestBuildSample runs the default command on the sample input and checks
// the plan PDF as a reader would: its text, its fonts, its page size,
// that a second build gives the same bytes, and that input/ is untouched.
func TestBuildSample(t *testing.T) {
	before := hashTree(t, sampleIn)
	out1, out2 := t.TempDir(), t.TempDir()
	code, stdout, stderr := runCmd(t, "-in", sampleIn, "-out", out1)
	if code != 0 {
		t.Fatalf("build exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, _, stderr := runCmd(t, "build", "-in", sampleIn, "-out", out2); code != 0 {
		t.Fatalf("second build exit %d\n%s", code, stderr)
	}
	if after := hashTree(t, sampleIn); after != before {
		t.Fatal("build changed files under input/")
	}
	const name = "ke-hoach-2071-SKH-KTN.pdf"
	if !strings.Contains(stdout, name) {
		t.Errorf("summary does not name %s:\n%s", name, stdout)
	}
	a, err := os.ReadFile(filepath.Join(out1, name))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out2, name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two builds of the same input give different PDFs")
	}
	pdfPath := filepath.Join(out1, name)

	info := tool(t, "pdfinfo", pdfPath)
	for _, want := range []string{
		"Page size:       595.28 x 841.89 pts (A4)",
		"Title:           Thực hiện công tác phụ trách, đỡ đầu cho các xã xây dựng nông thôn mới",
		"Author:          Sở Kế hoạch và Đầu tư",
		"CreationDate:    Tue Dec  8 00:00:00 2020",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	fonts := tool(t, "pdffonts", pdfPath)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	if len(rows) == 0 {
		t.Fatal("pdffonts lists no font")
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", r)
		}
	}

	text := tool(t, "pdftotext", "-enc", "UTF-8", pdfPath, "-")
	if !norm.NFC.IsNormalString(text) {
		t.Error("extracted text is not NFC")
	}
	golden := filepath.Join("testdata", "plan.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/ntm -run TestBuildSample -update)", err)
	}
	if text != string(want) {
		t.Errorf("pdftotext differs from %s (rerun with -update after checking the PDF):\n%s", golden, text)
	}

	// Every sentence of the cleaned plan must be in the PDF, wherever the
	// lines break.
	flat := flatten(text)
	sentences, err := os.ReadFile(filepath.Join("testdata", "plan-sentences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range strings.Split(string(sentences), "\n") {
		if s = strings.TrimSpace(s); s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !strings.Contains(flat, flatten(s)) {
			t.Errorf("the PDF lacks: %s", s)
		}
	}
}

var spaces = regexp.MustCompile(`\s+`)

func flatten(s string) string { return spaces.ReplaceAllString(strings.TrimSpace(s), " ") }

// TestBadPlanWritesNothing shows that input problems exit 1, are all
// reported, and leave the output folder empty.
func TestBadPlanWritesNothing(t *testing.T) {
	in := t.TempDir()
	data, err := os.ReadFile(filepath.Join(sampleIn, "plan.toml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "number = 2071", "number = \"hai nghìn\"", 1)
	bad = strings.Replace(bad, "[signer]", "[signer]\nchuc_vu = \"x\"", 1)
	if bad == string(data) {
		t.Fatal("could not break the sample plan")
	}
	if err := os.WriteFile(filepath.Join(in, "plan.toml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := runCmd(t, "build", "-in", in, "-out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{"document.number", "chuc_vu", "chưa viết văn bản nào"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		t.Errorf("output written despite errors: %v", entries)
	}
}

var wordBox = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// TestPlanInsideMargins reads every word's box back from the plan PDF
// (pdftotext -bbox) and checks it lies inside Decree 30's margins of the
// sample (top 20, bottom 20, left 30, right 15 mm), except the page
// numbers, which sit centred in the top margin from page 2 on.
func TestPlanInsideMargins(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "-in", sampleIn, "-out", out); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	html := tool(t, "pdftotext", "-bbox", filepath.Join(out, "ke-hoach-2071-SKH-KTN.pdf"), "-")
	const mm = 72 / 25.4
	left, right := 30*mm, (210-15)*mm
	top, bottom := 20*mm, (297-20)*mm
	const eps = 0.5 // points
	pages := strings.Split(html, "<page ")[1:]
	if len(pages) < 2 {
		t.Fatalf("the plan has %d page(s); want 2 or more to check the page numbers", len(pages))
	}
	for i, page := range pages {
		words := wordBox.FindAllStringSubmatch(page, -1)
		if len(words) == 0 {
			t.Fatalf("page %d: no words", i+1)
		}
		numbered := false
		for _, w := range words {
			var x0, y0, x1, y1 float64
			fmt.Sscan(w[1], &x0)
			fmt.Sscan(w[2], &y0)
			fmt.Sscan(w[3], &x1)
			fmt.Sscan(w[4], &y1)
			if x0 < left-eps || x1 > right+eps {
				t.Errorf("page %d: %q spans x %.1f–%.1f pt, outside %.1f–%.1f", i+1, w[5], x0, x1, left, right)
			}
			if y1 <= top+eps {
				if i == 0 || w[5] != fmt.Sprint(i+1) {
					t.Errorf("page %d: %q in the top margin", i+1, w[5])
				}
				if mid := (x0 + x1) / 2; mid < (left+right)/2-2 || mid > (left+right)/2+2 {
					t.Errorf("page %d: page number not centred (middle %.1f pt)", i+1, mid)
				}
				numbered = true
				continue
			}
			if y0 < top-eps || y1 > bottom+eps {
				t.Errorf("page %d: %q spans y %.1f–%.1f pt, outside %.1f–%.1f", i+1, w[5], y0, y1, top, bottom)
			}
		}
		if i > 0 && !numbered {
			t.Errorf("page %d has no page number", i+1)
		}
	}
}

// TestBuildID: the executable running the tests has an identity for the
// caches, the same at every call.
func TestBuildID(t *testing.T) {
	a, b := buildID(), buildID()
	if a == "" || a != b {
		t.Fatalf("buildID() = %q then %q", a, b)
	}
}
