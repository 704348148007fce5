package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

func TestSafeName(t *testing.T) {
	long := strings.Repeat("Ủy ban nhân dân xã ", 20)
	tests := []struct {
		in, want string
		max      int
	}{
		{"UBND xã Gio Mỹ", "UBND xã Gio Mỹ", 0},
		{"Phòng Tổng hợp - Quy hoạch", "Phòng Tổng hợp - Quy hoạch", 0},
		{"UBND xa\u0303 Thua\u0323\u0302n", "UBND xã Thuận", 0}, // decomposed input is composed
		{`a/b\c:d*e?f"g<h>i|j`, "a_b_c_d_e_f_g_h_i_j", 0},
		{"CON", "CON_", 0},
		{"con.txt", "con_.txt", 0},
		{"Lpt1", "Lpt1_", 0},
		{"COM10", "COM10", 0},
		{"Console", "Console", 0},
		{"tên. . .", "tên", 0},
		{"  ..ẩn", "ẩn", 0},
		{"dòng\nhai\tba", "dòng_hai_ba", 0},
		{"a  \u00a0 b", "a b", 0},
		{"", "_", 0},
		{"...", "_", 0},
		{"..", "_", 0},
		{"Đắk Lắk", "Đắk", 7},   // "Đắk " is 7 bytes; the trailing space is dropped
		{"Đắk Lắk", "Đắk L", 9}, // "Đắk Lắ" would be 11: cut before "ắ", not inside it
		{"abq\u0303x", "ab", 3}, // q̃ has no composed form: the q goes with its mark
		{"abq\u0303x", "abq\u0303", 5},
		{strings.Repeat("0", 256), strings.Repeat("0", 255), 0},
		{"a\xf1\u0345\u0308", "a_\u0308\u0345", 0}, // marks after a broken byte are put in canonical order
	}
	for _, tt := range tests {
		if got := SafeName(tt.in, tt.max); got != tt.want {
			t.Errorf("SafeName(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
	got := SafeName(long, 0)
	if len(got) > MaxNameBytes || !utf8.ValidString(got) || strings.HasSuffix(got, " ") {
		t.Errorf("long name: %d bytes, valid %v, %q", len(got), utf8.ValidString(got), got)
	}
}

func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"UBND xã Gio Mỹ", "CON.txt", "a/b", " . ", "\xff\xfe"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		got := SafeName(s, max%300)
		if got == "" || len(got) > MaxNameBytes || !utf8.ValidString(got) {
			t.Fatalf("SafeName(%q) = %q", s, got)
		}
		if strings.ContainsAny(got, "<>:\"/\\|?*\x00\n\r") || strings.HasSuffix(got, ".") || strings.HasSuffix(got, " ") || strings.HasPrefix(got, ".") {
			t.Fatalf("SafeName(%q) = %q: not a valid Windows name", s, got)
		}
		stem, _, _ := strings.Cut(got, ".")
		if reserved[strings.ToUpper(stem)] {
			t.Fatalf("SafeName(%q) = %q: a reserved device name", s, got)
		}
		if again := SafeName(got, max%300); again != got {
			t.Fatalf("SafeName is not idempotent: %q → %q → %q", s, got, again)
		}
	})
}

func TestNamesCollision(t *testing.T) {
	var n Names
	if _, ok := n.Claim("UBND xã Thuận", "a"); !ok {
		t.Fatal("first claim refused")
	}
	if _, ok := n.Claim("An Tú", "b"); !ok {
		t.Fatal("An Tú refused")
	}
	if _, ok := n.Claim("Ân Tú", "c"); !ok {
		t.Fatal("Ân Tú collides with An Tú, but they are different names")
	}
	prev, ok := n.Claim("ubnd XÃ thuận", "d")
	if ok || prev != "a" {
		t.Fatalf("case-only difference not detected: %q %v", prev, ok)
	}
	if _, ok := n.Claim("UBND xã Thuận", "a"); !ok {
		t.Fatal("the same owner claiming again is not a collision")
	}
}

func TestLinkShares(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(src, []byte("v1"), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "pkg", "a.pdf")
	linked, err := Link(src, dst)
	if err != nil || !linked {
		t.Fatalf("Link: %v, linked %v", err, linked)
	}
	a, _ := os.Stat(src)
	b, _ := os.Stat(dst)
	if !os.SameFile(a, b) {
		t.Fatal("dst is not the same file as src")
	}
	// A later WriteFile of src replaces it; the link keeps the old bytes.
	if err := WriteFile(src, func(w io.Writer) error { _, err := w.Write([]byte("v2")); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); string(got) != "v1" {
		t.Fatalf("linked copy changed to %q", got)
	}
	if _, err := Link(src, dst); !errors.Is(err, os.ErrExist) {
		t.Fatalf("Link onto an existing file: %v, want ErrExist", err)
	}
	if err := CopyFile(src, filepath.Join(dir, "c.pdf")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "c.pdf")); string(got) != "v2" {
		t.Fatalf("copy holds %q", got)
	}
}

func TestDirCommitReplaceClean(t *testing.T) {
	parent := t.TempDir()
	st, err := StageDir(parent, "0001")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(st, "f"), []byte("1"), 0o644)
	if err := CommitDir(st, "0001"); err != nil {
		t.Fatal(err)
	}
	st2, _ := StageDir(parent, "0001")
	if err := CommitDir(st2, "0001"); !errors.Is(err, ErrExists) {
		t.Fatalf("CommitDir over an entry: %v, want ErrExists", err)
	}
	os.WriteFile(filepath.Join(st2, "f"), []byte("2"), 0o644)
	if err := ReplaceDir(st2, "0001"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(parent, "0001", "f")); string(got) != "2" {
		t.Fatalf("after ReplaceDir f = %q", got)
	}
	// What a crash leaves: a staging folder, an old folder, a temp file.
	StageDir(parent, "0002")
	os.MkdirAll(filepath.Join(parent, ".old-0001-123", "x"), 0o755)
	os.WriteFile(filepath.Join(parent, ".manifest.json.tmp-42"), nil, 0o644)
	removed, err := CleanStaleDirs(parent)
	if err != nil || len(removed) != 3 {
		t.Fatalf("CleanStaleDirs removed %v, %v; want 3", removed, err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "0001" {
		t.Fatalf("left %v, want only 0001", entries)
	}
}

// TestNameKeyASCII: the ASCII shortcut of NameKey gives what full case
// folding gives, for every ASCII character and for names as they come.
func TestNameKeyASCII(t *testing.T) {
	slow := func(s string) string { return cases.Fold().String(norm.NFC.String(s)) }
	var all strings.Builder
	for c := 0; c < utf8.RuneSelf; c++ {
		all.WriteByte(byte(c))
	}
	tests := []struct{ in, want string }{
		{all.String(), ""}, // want: slow(in)
		{"BAO-CAO-2021-H1.pdf", "bao-cao-2021-h1.pdf"},
		{"UBND Xã Thuận", "ubnd xã thuận"},
		{"Trươ\u0300ng", "trường"},
		{"K", "k"},
	}
	for _, tt := range tests {
		want := tt.want
		if want == "" {
			want = slow(tt.in)
		}
		if got := NameKey(tt.in); got != want || got != slow(tt.in) {
			t.Errorf("NameKey(%q) = %q, want %q (full folding: %q)", tt.in, got, want, slow(tt.in))
		}
	}
}
