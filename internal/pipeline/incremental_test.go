package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestIncremental changes one commune's form and rebuilds: that
// commune's report and the period's consolidated report are rendered
// again, every other document is left untouched on disk (same inode and
// time), and the result is byte-identical to a build from scratch.
func TestIncremental(t *testing.T) {
	in := copyInput(t)
	out := t.TempDir()
	ctx := context.Background()
	if _, err := Build(ctx, Config{In: in, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := stats(t, out)
	setResult(t, filepath.Join(in, "assessments/2021-H1/gio-my.xlsx"), "4.2", 99.5)
	sum, err := Build(ctx, Config{In: in, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	after := stats(t, out)
	changed := map[string]bool{}
	for p, st := range after {
		if b, ok := before[p]; !ok || b != st {
			changed[p] = true
		}
	}
	for _, want := range []string{"2021-H1/xa/gio-my.pdf", "2021-H1/bao-cao-2021-H1.pdf", "2021-H1/tong-hop-2021-H1.xlsx"} {
		if !changed[want] {
			t.Errorf("%s was not rendered again", want)
		}
	}
	for _, kept := range []string{"ke-hoach-2071-SKH-KTN.pdf", "2021-H1/xa/thuan.pdf", "2021-H1/xa/gio-mai.pdf", "2021-H1/xa/cam-chinh.pdf", "2020-H2/tong-hop-2020-H2.xlsx"} {
		if changed[kept] {
			t.Errorf("%s was rewritten although nothing it is made from changed", kept)
		}
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "5 văn bản không đổi") {
		t.Errorf("notes: %v", sum.Notes)
	}
	// The same inputs from scratch: the same bytes.
	fresh := t.TempDir()
	if _, err := Build(ctx, Config{In: in, Out: fresh}); err != nil {
		t.Fatal(err)
	}
	for p := range after {
		if !(strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, ".xlsx")) || strings.Contains(p, "luu-tru") || strings.Contains(p, "noi-nhan") {
			continue
		}
		a, _ := os.ReadFile(filepath.Join(out, p))
		b, _ := os.ReadFile(filepath.Join(fresh, p))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the incremental build and a build from scratch", p)
		}
	}
}

// TestStaleRemoved withdraws a commune's form: its report of the last
// build is removed, and nothing else the inputs no longer make is left.
func TestStaleRemoved(t *testing.T) {
	in := copyInput(t)
	out := t.TempDir()
	ctx := context.Background()
	if _, err := Build(ctx, Config{In: in, Out: out}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(in, "assessments/2021-H1/thuan.xlsx"))
	if _, err := Build(ctx, Config{In: in, Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "2021-H1/xa/thuan.pdf")); err == nil {
		t.Error("the report of a commune whose form was withdrawn is still there")
	}
	if _, err := os.Stat(filepath.Join(out, "2021-H1/xa/gio-mai.pdf")); err != nil {
		t.Error("another commune's report went missing")
	}
}

type fileID struct {
	ino   uint64
	mtime int64
}

// stats is the identity of every file below dir.
func stats(t *testing.T, dir string) map[string]fileID {
	t.Helper()
	m := map[string]fileID{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = fileID{info.Sys().(*syscall.Stat_t).Ino, info.ModTime().UnixNano()}
		return nil
	})
	return m
}
