package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var scaleCommunes = flag.Int("signal-communes", 2000, "communes of the interrupt and kill tests (10000 for the national scale)")

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demoInput generates, once per test run, a large input folder with
// `ntm demo` (communes × 2 periods).
func demoInput(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ntm-demo-")
		if err != nil {
			demoErr = err
			return
		}
		demoDir = filepath.Join(dir, "in")
		out, err := exec.Command(ntmBinary(t), "demo", "-communes", fmt.Sprint(*scaleCommunes), "-periods", "2", "-out", demoDir).CombinedOutput()
		if err != nil {
			demoErr = fmt.Errorf("ntm demo: %v\n%s", err, out)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoDir
}

// started runs ntm in the background with its output captured.
type started struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan error
}

func start(t *testing.T, args ...string) *started {
	t.Helper()
	s := &started{cmd: exec.Command(ntmBinary(t), args...), done: make(chan error, 1)}
	s.cmd.Stderr = &s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	return s
}

// wait returns the exit code, failing the test after timeout.
func (s *started) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case err := <-s.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				return 128 + int(ws.Signal())
			}
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(timeout):
		s.cmd.Process.Kill()
		t.Fatalf("ntm did not stop within %v\nstderr: %s", timeout, clipText(s.stderr.String()))
		return -1
	}
}

// TestInterrupt sends Ctrl-C (SIGINT) and SIGTERM to check and build at
// scale: each stops within a second, exits 130, says so, and leaves no
// temporary file; a second Ctrl-C ends the process at once.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("scale")
	}
	in := demoInput(t)
	tests := []struct {
		name  string
		cmd   string
		sigs  []syscall.Signal
		after time.Duration
	}{
		{"check, Ctrl-C", "check", []syscall.Signal{syscall.SIGINT}, 1500 * time.Millisecond},
		{"build, SIGTERM", "build", []syscall.Signal{syscall.SIGTERM}, 2500 * time.Millisecond},
		{"build, Ctrl-C twice", "build", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, 2500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := []string{tt.cmd, "-in", in}
			if tt.cmd == "build" {
				args = append(args, "-out", out)
			}
			s := start(t, args...)
			time.Sleep(tt.after)
			select {
			case err := <-s.done:
				t.Skipf("the run ended (%v) before the signal: the machine is too fast for %d communes", err, *scaleCommunes)
			default:
			}
			sent := time.Now()
			for _, sig := range tt.sigs {
				s.cmd.Process.Signal(sig)
				time.Sleep(50 * time.Millisecond)
			}
			code := s.wait(t, 10*time.Second)
			stop := time.Since(sent)
			t.Logf("exit %d %v after the signal", code, stop.Round(time.Millisecond))
			if code != exitInterrupted {
				t.Errorf("exit %d, want %d\nstderr: %s", code, exitInterrupted, clipText(s.stderr.String()))
			}
			if stop > time.Second {
				t.Errorf("stopped %v after the signal, want within a second", stop)
			}
			if !strings.Contains(s.stderr.String(), "đang dừng theo yêu cầu") {
				t.Errorf("stderr does not say it is stopping:\n%s", clipText(s.stderr.String()))
			}
			if strings.Contains(s.stderr.String(), "goroutine ") {
				t.Errorf("a stack trace:\n%s", clipText(s.stderr.String()))
			}
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.Contains(d.Name(), ".tmp-") {
					// A batch not yet committed leaves its temporary
					// files only when killed; a signal must clean them.
					t.Errorf("temporary file left after the signal: %s", p)
				}
				return nil
			})
		})
	}
}

// digestTree maps every file below dir (but the caches, the lock and
// temporary files) to its SHA-256.
func digestTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".cache" || temporary(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == ".ntm.lock" || temporary(d.Name()) || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m[rel] = sha256.Sum256(b)
		return nil
	})
	return m
}

// temporary reports the names a run in progress uses and the next run
// removes: ".<name>.tmp-…" files and folders, and ".old-…" folders
// (a package being swapped).
func temporary(name string) bool {
	return strings.Contains(name, ".tmp-") || strings.HasPrefix(name, ".old-")
}

// history reports the files that keep what earlier runs did, by design:
// the register of outgoing documents (a document keeps its row) and its
// state, the send log.
func history(p string) bool {
	return strings.HasPrefix(p, "so-dang-ky-van-ban-di.") || strings.HasPrefix(p, "nhat-ky-gui")
}

// copyTree copies dir to dst keeping hard links (the archive's entries
// share files), with cp -a.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp -a: %v\n%s", err, out)
	}
}

// TestKillBuild kills a build with SIGKILL at several points while it
// replaces the outputs of an earlier build: every output is then either
// the old file or the new one, every archive entry in place verifies,
// and a rerun gives exactly what a build from scratch gives.
func TestKillBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("scale")
	}
	base := t.TempDir()
	in := filepath.Join(base, "in")
	copyTree(t, demoInput(t), in)
	old := filepath.Join(base, "old")
	if r := runBinary(t, 10*time.Minute, "build", "-in", in, "-out", old); r.code != 0 {
		t.Fatalf("first build: exit %d\n%s", r.code, clipText(r.stderr))
	}
	// The new inputs: the latest period's narrative changes (every report
	// of the period changes) and a few forms are withdrawn.
	periods, _ := filepath.Glob(filepath.Join(in, "assessments", "*"))
	last := periods[len(periods)-1]
	narr := `[document]
number = 37
symbol = "BC-VPĐP"
[text]
implementation = ["Văn phòng đã tổ chức 04 đoàn kiểm tra tại các tỉnh."]
`
	if err := os.WriteFile(filepath.Join(last, "bao-cao.toml"), []byte(narr), 0o644); err != nil {
		t.Fatal(err)
	}
	forms, _ := filepath.Glob(filepath.Join(last, "*.xlsx"))
	for _, f := range forms[:3] {
		os.Remove(f)
	}
	fresh := filepath.Join(base, "fresh")
	began := time.Now()
	if r := runBinary(t, 10*time.Minute, "build", "-in", in, "-out", fresh); r.code != 0 {
		t.Fatalf("fresh build: exit %d\n%s", r.code, clipText(r.stderr))
	}
	full := time.Since(began)
	oldSums, newSums := digestTree(t, old), digestTree(t, fresh)
	for _, frac := range []float64{0.1, 0.35, 0.6, 0.85, 0.97} {
		t.Run(fmt.Sprintf("at %.0f%%", frac*100), func(t *testing.T) {
			out := filepath.Join(base, fmt.Sprintf("kill-%.0f", frac*100))
			copyTree(t, old, out)
			s := start(t, "build", "-in", in, "-out", out)
			time.Sleep(time.Duration(frac * float64(full)))
			s.cmd.Process.Signal(syscall.SIGKILL)
			s.wait(t, time.Minute)
			// Every file is old or new, whole.
			for p, sum := range digestTree(t, out) {
				if strings.HasPrefix(p, "luu-tru/") {
					continue
				}
				o, inOld := oldSums[p]
				n, inNew := newSums[p]
				if !(inOld && o == sum || inNew && n == sum) && !history(p) {
					t.Errorf("%s is neither the old file nor the new one", p)
				}
			}
			// Every archive entry in place verifies.
			entries, _ := filepath.Glob(filepath.Join(out, "luu-tru", "[0-9]*"))
			for _, e := range entries {
				if r := runBinary(t, time.Minute, "verify", "-out", out, filepath.Base(e)); r.code != 0 {
					t.Errorf("archive entry %s does not verify after the kill:\n%s", filepath.Base(e), clipText(r.stderr))
				}
			}
			// A rerun completes, leaves no temporary file and gives what a
			// build from scratch gives.
			if r := runBinary(t, 10*time.Minute, "build", "-in", in, "-out", out); r.code != 0 {
				t.Fatalf("rerun after the kill: exit %d\n%s", r.code, clipText(r.stderr))
			}
			got := digestTree(t, out)
			for p, sum := range newSums {
				if strings.HasPrefix(p, "luu-tru/") || history(p) {
					continue
				}
				if got[p] != sum {
					t.Errorf("after the rerun %s differs from a build from scratch", p)
				}
			}
			for p := range got {
				if _, ok := newSums[p]; !ok && !strings.HasPrefix(p, "luu-tru/") && !history(p) {
					t.Errorf("after the rerun %s is there, a build from scratch has no such file", p)
				}
			}
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && temporary(d.Name()) {
					t.Errorf("temporary file left after the rerun: %s", p)
				}
				return nil
			})
		})
	}
}
