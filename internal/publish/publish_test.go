package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.pdf")
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "v1"); return err }); err != nil {
		t.Fatal(err)
	}
	// A failing writer must leave the earlier file whole and no temporary file.
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "v1" {
		t.Fatalf("after a failed write the file holds %q, want v1", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("directory holds %d entries, want only a.pdf: %v", len(entries), entries)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "v2"); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "v2" {
		t.Fatalf("file holds %q, want v2", got)
	}
}

func TestWriteNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "form.xlsx")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteNew(path, write("filled by the commune")); err != nil {
		t.Fatal(err)
	}
	err := WriteNew(path, write("blank"))
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "filled by the commune" {
		t.Fatalf("file overwritten: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

func TestCleanStaleAndLock(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".a.pdf.tmp-123", "sub/.b.xlsx.tmp-9", "keep.pdf", "sub/.hidden", ".dir.tmp-7/x"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("a second lock: %v, want ErrLocked", err)
	}
	n, err := CleanStale(dir)
	if err != nil || n != 3 {
		t.Fatalf("CleanStale removed %d (%v), want 3", n, err)
	}
	for _, name := range []string{"keep.pdf", "sub/.hidden"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s removed: %v", name, err)
		}
	}
	unlock()
	if u, err := Lock(dir); err != nil {
		t.Errorf("lock after unlock: %v", err)
	} else {
		u()
	}
}

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "a", "old.pdf")
	os.MkdirAll(filepath.Dir(old), 0o755)
	os.WriteFile(old, []byte("v1"), 0o644)
	var b Batch
	for i, name := range []string{"a/old.pdf", "a/new.pdf", "b/c/d.xlsx"} {
		if err := b.Write(filepath.Join(dir, filepath.FromSlash(name)), []byte{'v', byte('2' + i)}); err != nil {
			t.Fatal(err)
		}
	}
	// Before the commit the targets are untouched and the new ones absent.
	if got, _ := os.ReadFile(old); string(got) != "v1" {
		t.Fatalf("old file changed before commit: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "a", "new.pdf")); err == nil {
		t.Fatal("new file visible before commit")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a/old.pdf": "v2", "a/new.pdf": "v3", "b/c/d.xlsx": "v4"} {
		if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if n, _ := CleanStale(dir); n != 0 {
		t.Errorf("%d temporary files left after commit", n)
	}
	var ab Batch
	ab.Write(filepath.Join(dir, "x.pdf"), []byte("x"))
	ab.Abort()
	if n, _ := CleanStale(dir); n != 0 {
		t.Errorf("abort left %d temporary files", n)
	}
}
