package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// foreign is a prepare of TestReplaceFileSpare: someone else's file, made
// the spare's other name by link (os.Link, os.Symlink).
func foreign(link func(oldname, newname string) error) func(t *testing.T, dir, spare string) string {
	return func(t *testing.T, dir, spare string) string {
		keep := filepath.Join(dir, "someone's file")
		os.WriteFile(keep, []byte("not ntm's"), 0o644)
		if err := link(keep, spare); err != nil {
			t.Fatal(err)
		}
		return keep
	}
}

// TestReplaceFileSpare: the file is replaced whole, run after run, by the
// same two files (no inode made or freed after the first), and a spare
// that is not ntm's own plain file is never written.
func TestReplaceFileSpare(t *testing.T) {
	ino := func(p string) uint64 {
		t.Helper()
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Sys().(*syscall.Stat_t).Ino
	}
	for _, tc := range []struct {
		name string
		// prepare makes what is at the spare's name before the first call;
		// it returns a file whose bytes must not change, if any.
		prepare func(t *testing.T, dir, spare string) (keep string)
		reuse   bool // the spare's inode is used by the first call
	}{
		{"no spare yet", func(*testing.T, string, string) string { return "" }, false},
		{"a spare", func(t *testing.T, _, spare string) string {
			os.WriteFile(spare, []byte(strings.Repeat("old spare bytes ", 100)), 0o644)
			return ""
		}, true},
		{"a spare with a second name", foreign(os.Link), false},
		{"a link in the spare's place", foreign(os.Symlink), false},
		{"a folder in the spare's place", func(t *testing.T, _, spare string) string {
			os.Mkdir(spare, 0o755)
			return ""
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "pkg", "danh-muc.txt")
			spares := filepath.Join(dir, "spares")
			spare := filepath.Join(spares, "s")
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.MkdirAll(spares, 0o755)
			os.WriteFile(path, []byte("first"), 0o644)
			keep := tc.prepare(t, dir, spare)
			var kept []byte
			if keep != "" {
				kept, _ = os.ReadFile(keep)
			}
			first, spareIno := ino(path), uint64(0)
			if tc.reuse {
				spareIno = ino(spare)
			}
			var inodes map[uint64]bool
			for round, data := range []string{"second, longer than the first", "third", strings.Repeat("fourth ", 1000), ""} {
				if err := ReplaceFileSpare(path, spare, []byte(data)); err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
				got, err := os.ReadFile(path)
				if err != nil || !bytes.Equal(got, []byte(data)) {
					t.Fatalf("round %d: %q, %v; want %q", round, got, err, data)
				}
				if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644&^umask(t) {
					t.Errorf("round %d: mode %v", round, fi.Mode())
				}
				if round == 0 && tc.reuse && ino(path) != spareIno {
					t.Errorf("the spare was not used")
				}
				if round == 0 && ino(spare) != first {
					t.Errorf("round 0: the replaced file did not become the spare")
				}
				// After the first round, the same two files take turns.
				now := map[uint64]bool{ino(path): true, ino(spare): true}
				if round >= 1 && inodes != nil && !mapsEqual(now, inodes) {
					t.Errorf("round %d: files %v, before %v: not the same two", round, now, inodes)
				}
				inodes = now
				if keep != "" {
					if b, _ := os.ReadFile(keep); !bytes.Equal(b, kept) {
						t.Fatalf("round %d: a file that is not the spare was written: %q", round, b)
					}
				}
				names, _ := os.ReadDir(filepath.Dir(path))
				if len(names) != 1 {
					t.Errorf("round %d: the folder holds %d files (a temporary file left?)", round, len(names))
				}
			}
		})
	}
	// A file where the spares' folder should be: the file is still
	// replaced, without a spare.
	{
		dir := t.TempDir()
		path := filepath.Join(dir, "f")
		os.WriteFile(path, []byte("a"), 0o644)
		os.WriteFile(filepath.Join(dir, "spares"), []byte("not a folder"), 0o644)
		if err := ReplaceFileSpare(path, filepath.Join(dir, "spares", "s"), []byte("b")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "b" {
			t.Fatalf("%q", b)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "spares")); string(b) != "not a folder" {
			t.Fatalf("the file in the spares' place was written: %q", b)
		}
	}
	// Without a spare folder it is ReplaceFileNoSync.
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	os.WriteFile(path, []byte("a"), 0o644)
	if err := ReplaceFileSpare(path, "", []byte("b")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "b" {
		t.Fatalf("%q", b)
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Fatalf("%d files", len(names))
	}
}

func mapsEqual(a, b map[uint64]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// umask is the process's, read by setting it and back.
func umask(t *testing.T) os.FileMode {
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	return os.FileMode(m)
}
