package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The hostile-input corpus of issue #11: broken or malicious inputs, each
// with the outcome a clerk must get — the exit code, the message, and
// bounded time and memory, measured on the real binary.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// ntmBinary builds the command once per test run.
func ntmBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ntm-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "ntm")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// result is what one run of the binary did.
type result struct {
	code           int
	stdout, stderr string
	wall           time.Duration
	maxRSS         int64 // bytes
}

// runBinary runs ntm with args, killing it after timeout. The peak
// memory is measured by GNU time around the binary: a child started by Go
// (vfork) reports the test process's own peak in its rusage, since Linux
// carries the old address space's high-water mark across exec.
func runBinary(t *testing.T, timeout time.Duration, args ...string) result {
	t.Helper()
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		t.Fatalf("GNU time is needed to measure memory (apt-get install time; scripts/test.sh does): %v", err)
	}
	rssFile := filepath.Join(t.TempDir(), "maxrss")
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, timeBin, append([]string{"-f", "%M", "-o", rssFile, ntmBinary(t)}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err = cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), wall: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("ntm %v did not finish within %v\nstderr: %s", args, timeout, clipText(r.stderr))
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	if b, err := os.ReadFile(rssFile); err == nil {
		lines := strings.Fields(string(b))
		if len(lines) > 0 {
			if kb, err := strconv.ParseInt(lines[len(lines)-1], 10, 64); err == nil {
				r.maxRSS = kb * 1024
			}
		}
	}
	return r
}

func clipText(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// hostileCase is one bad input and the outcome it must have.
type hostileCase struct {
	name  string
	cmd   string                        // build, check or init
	args  []string                      // extra arguments
	setup func(t *testing.T, in string) // breaks a copy of the sample
	code  int                           // expected exit code
	want  []string                      // substrings of stderr
	time  time.Duration                 // bound on wall time (0: 20 s)
	mem   int64                         // bound on peak RSS (0: 400 MB)
	check func(t *testing.T, r result)  // further checks
}

// writeFile replaces a file of the input copy.
func writeFile(t *testing.T, in, name string, data []byte) {
	t.Helper()
	p := filepath.Join(in, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// editPlan applies edit to the sample plan's text.
func editPlan(t *testing.T, in string, edit func(string) string) {
	t.Helper()
	p := filepath.Join(in, "plan.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, in, "plan.toml", []byte(edit(string(b))))
}

// replaceItem puts text as the first item of the first section.
func replaceItem(text string) func(string) string {
	return func(s string) string {
		const first = `text = "Nhằm góp phần`
		i := strings.Index(s, first)
		j := i + strings.Index(s[i:], "\n")
		return s[:i] + "text = " + text + s[j:]
	}
}

func planCases() []hostileCase {
	return []hostileCase{
		{name: "plan is a FIFO", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, "plan.toml"))
			if err := syscall.Mkfifo(filepath.Join(in, "plan.toml"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, code: 1, want: []string{"plan.toml", "không phải tệp thông thường (là đường ống FIFO)"}, time: 5 * time.Second},
		{name: "plan is a symlink to /dev/zero", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, "plan.toml"))
			os.Symlink("/dev/zero", filepath.Join(in, "plan.toml"))
		}, code: 1, want: []string{"plan.toml", "không phải tệp thông thường (là thiết bị)"}, time: 5 * time.Second},
		{name: "plan is a directory", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, "plan.toml"))
			os.Mkdir(filepath.Join(in, "plan.toml"), 0o755)
		}, code: 1, want: []string{"plan.toml", "là thư mục"}},
		{name: "plan missing", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, "plan.toml"))
		}, code: 1, want: []string{"plan.toml", "tệp không tồn tại"}},
		{name: "plan unreadable", cmd: "check", setup: func(t *testing.T, in string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads every file")
			}
			os.Chmod(filepath.Join(in, "plan.toml"), 0)
		}, code: 1, want: []string{"plan.toml", "không có quyền đọc tệp"}},
		{name: "10,000 nested inline tables", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string {
				return s + "\n[extra]\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n"
			})
		}, code: 1, want: []string{"plan.toml:", "lồng nhau quá 16 cấp"}, time: 3 * time.Second, mem: 100 << 20},
		{name: "10,000-part dotted key", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string { return s + "\n" + strings.Repeat("a.", 10000) + "b = 1\n" })
		}, code: 1, want: []string{"plan.toml:", "quá 16 phần nối bằng dấu chấm"}, time: 3 * time.Second, mem: 100 << 20},
		{name: "50 MB of paragraph text", cmd: "build", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"`+strings.Repeat("Nội dung rất dài ", 3<<20)+`"`))
		}, code: 1, want: []string{"plan.toml", "tệp quá lớn"}, time: 5 * time.Second, mem: 200 << 20},
		{name: "a key 1,000 characters long", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string {
				return strings.Replace(s, "[document]", "[document]\n"+strings.Repeat("k", 1000)+" = 1", 1)
			})
		}, code: 1, want: []string{"plan.toml:", "tên khóa dài quá 256 ký tự"}},
		{name: "UTF-16 plan", cmd: "check", setup: func(t *testing.T, in string) {
			b, _ := os.ReadFile(filepath.Join(in, "plan.toml"))
			u := []byte{0xFF, 0xFE}
			for _, c := range string(b[:200]) {
				u = append(u, byte(c), byte(c>>8))
			}
			writeFile(t, in, "plan.toml", u)
		}, code: 1, want: []string{"plan.toml", "UTF"}},
		{name: "invalid UTF-8 byte", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string { return strings.Replace(s, "Gio Mai\"", "Gio Mai\xff\"", 1) })
		}, code: 1, want: []string{"plan.toml:", "UTF-8"}},
		{name: "date typed dd/mm/yyyy", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string { return strings.Replace(s, "date = 2020-12-08", "date = 08/12/2020", 1) })
		}, code: 1, want: []string{"plan.toml:", "viết 2020-12-08 thay cho 08/12/2020"}},
		{name: "-out is the input folder", cmd: "build", args: []string{"-out", "@in"},
			code: 2, want: []string{"không được là thư mục dữ liệu đầu vào"}},
		{name: "-out inside the input folder", cmd: "build", args: []string{"-out", "@in/kết quả"},
			code: 2, want: []string{"không được là thư mục dữ liệu đầu vào"}},
	}
}

// templateCases are the item texts of issue #11: the template language
// reachable from the plan is only text and the documented functions.
func templateCases() []hostileCase {
	return []hostileCase{
		{name: "range over a billion", cmd: "build", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"{{range 1000000000}}{{xa \"thuan\"}}{{end}}"`))
		}, code: 1, want: []string{"plan.toml:", "range"}, time: 5 * time.Second, mem: 200 << 20},
		{name: "printf built-in", cmd: "build", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"{{printf \"%d\"}}"`))
		}, code: 1, want: []string{"plan.toml:", "printf"}},
		{name: "call built-in", cmd: "build", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"{{call .X}}"`))
		}, code: 1, want: []string{"plan.toml:"}},
		{name: "define and template", cmd: "build", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}"`))
		}, code: 1, want: []string{"plan.toml:"}, time: 5 * time.Second},
		{name: "unclosed action", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"Hỗ trợ {{xa \"thuan\""`))
		}, code: 1, want: []string{"plan.toml:"}},
		{name: "unknown commune in a helper", cmd: "check", setup: func(t *testing.T, in string) {
			editPlan(t, in, replaceItem(`"Hỗ trợ {{xa \"khong-co\"}}"`))
		}, code: 1, want: []string{"plan.toml:", "khong-co"}},
	}
}

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var cases []hostileCase
	cases = append(cases, planCases()...)
	cases = append(cases, templateCases()...)
	cases = append(cases, xlsxCases()...)
	cases = append(cases, otherCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "input")
			copyDir(t, sampleIn, in)
			if tc.setup != nil {
				tc.setup(t, in)
			}
			before := hashTree(t, in)
			out := filepath.Join(t.TempDir(), "output")
			args := []string{tc.cmd, "-in", in}
			if tc.cmd == "build" {
				args = append(args, "-out", out)
			}
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "@in", in))
			}
			limit := tc.time
			if limit == 0 {
				limit = 20 * time.Second
			}
			r := runBinary(t, limit+30*time.Second, args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, tc.code, clipText(r.stderr))
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, clipText(r.stderr))
				}
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
				t.Errorf("a stack trace reached the clerk:\n%s", clipText(r.stderr))
			}
			for _, line := range strings.Split(r.stderr, "\n") {
				if len(line) > 2000 {
					t.Errorf("a message line of %d bytes: quote a short excerpt only", len(line))
					break
				}
			}
			if r.wall > limit {
				t.Errorf("took %v, bound %v", r.wall, limit)
			}
			mem := tc.mem
			if mem == 0 {
				mem = 400 << 20
			}
			if r.maxRSS > mem {
				t.Errorf("peak RSS %d MB, bound %d MB", r.maxRSS>>20, mem>>20)
			}
			if after := hashTree(t, in); after != before && tc.cmd != "init" {
				t.Error("the input folder changed")
			}
			filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
				if err == nil && strings.Contains(filepath.Base(p), ".tmp-") {
					t.Errorf("a temporary file was left: %s", p)
				}
				return nil
			})
			if tc.check != nil {
				tc.check(t, r)
			}
			t.Logf("exit %d in %v, peak RSS %d MB", r.code, r.wall.Round(time.Millisecond), r.maxRSS>>20)
		})
	}
}

// copyDir copies the tree src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
