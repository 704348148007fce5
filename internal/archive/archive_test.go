package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture writes an output and an input folder and returns the items to
// archive.
func fixture(t *testing.T, root string, form string) []Item {
	t.Helper()
	w := func(p, s string) string {
		p = filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	doc := &Document{CodeNumber: "2071", CodeNotation: "SKH-KTN", IssuedDate: "2020-12-08", TypeName: "Kế hoạch",
		Subject: "Thực hiện công tác phụ trách, đỡ đầu", OrganName: "Sở Kế hoạch và Đầu tư",
		SignerInfo: Signer{"Phó Giám đốc", "Trương Chí Trung"}, To: []Organ{{"UBND xã Gio Mai"}}, PageAmount: 3, Language: "vi"}
	return []Item{
		{File: File{Path: "output/ke-hoach-2071-SKH-KTN.pdf", Kind: KindPlan, Period: "2020-H2", Addressees: []string{"UBND xã Gio Mai"}, Document: doc},
			Source: w("out/ke-hoach-2071-SKH-KTN.pdf", "%PDF plan"), Immutable: true},
		{File: File{Path: "output/2021-H1/bao-cao-xa-gio-mai.pdf", Kind: KindCommuneReport, Period: "2021-H1", Commune: "gio-mai"},
			Source: w("out/2021-H1/bao-cao-xa-gio-mai.pdf", "%PDF commune"), Immutable: true},
		{File: File{Path: "input/plan.toml", Kind: KindInput}, Source: w("in/plan.toml", "[document]\n")},
		{File: File{Path: "input/assessments/2021-H1/gio-mai.xlsx", Kind: KindInput, Period: "2021-H1", Commune: "gio-mai"},
			Source: w("in/assessments/2021-H1/gio-mai.xlsx", form)},
	}
}

func TestCommitAndVerify(t *testing.T) {
	root := t.TempDir()
	arch := filepath.Join(root, "out", "luu-tru")
	items := fixture(t, root, "form v1")
	r1, err := Commit(arch, items, "ntm test")
	if err != nil {
		t.Fatal(err)
	}
	if !r1.Created || r1.Entry[:5] != "0001-" || r1.Linked != 2 || r1.Copied != 2 {
		t.Fatalf("first entry: %+v", r1)
	}
	rep, err := Verify(arch, r1.Entry)
	if err != nil || !rep.OK() || rep.Files != 4 {
		t.Fatalf("fresh entry does not verify: %v %+v", err, rep)
	}
	// sha256sum agrees, without ntm.
	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "--quiet", "-c", SumsName)
		cmd.Dir = r1.Dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sha256sum -c: %v\n%s", err, out)
		}
	}
	m, _ := ReadManifest(r1.Dir)
	var plan File
	for _, f := range m.Files {
		if f.Kind == KindPlan {
			plan = f
		}
	}
	if plan.Document == nil || plan.Document.CodeNotation != "SKH-KTN" || plan.Size != int64(len("%PDF plan")) || plan.Addressees[0] != "UBND xã Gio Mai" {
		t.Fatalf("manifest record of the plan: %+v", plan)
	}

	// The same files again: no new entry.
	r2, err := Commit(arch, fixture(t, root, "form v1"), "ntm test")
	if err != nil || r2.Created || r2.Entry != r1.Entry {
		t.Fatalf("identical run made an entry: %+v %v", r2, err)
	}
	// One input changed: a new entry that shares the unchanged files.
	r3, err := Commit(arch, fixture(t, root, "form v2"), "ntm test")
	if err != nil || !r3.Created || r3.Entry[:5] != "0002-" || r3.Shared != 3 || r3.Copied != 1 {
		t.Fatalf("changed run: %+v %v", r3, err)
	}
	a, _ := os.Stat(filepath.Join(r1.Dir, "input", "plan.toml"))
	b, _ := os.Stat(filepath.Join(r3.Dir, "input", "plan.toml"))
	if !os.SameFile(a, b) {
		t.Fatal("unchanged input not shared with the previous entry")
	}
	if m3, _ := ReadManifest(r3.Dir); m3.Previous != r1.Entry {
		t.Fatalf("previous = %q", m3.Previous)
	}
	if old, _ := os.ReadFile(filepath.Join(r1.Dir, "input", "assessments", "2021-H1", "gio-mai.xlsx")); string(old) != "form v1" {
		t.Fatalf("the first entry's form changed: %q", old)
	}
	if latest, _ := Latest(arch); latest != r3.Entry {
		t.Fatalf("Latest = %q", latest)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(dir string)
		want   string
	}{
		{"changed byte", func(d string) {
			p := filepath.Join(d, "input", "plan.toml")
			b, _ := os.ReadFile(p)
			b[0] ^= 1
			os.Remove(p) // a new inode: the source is linked elsewhere
			os.WriteFile(p, b, 0o644)
		}, "input/plan.toml: đã bị sửa"},
		{"deleted file", func(d string) { os.Remove(filepath.Join(d, "output", "2021-H1", "bao-cao-xa-gio-mai.pdf")) }, "output/2021-H1/bao-cao-xa-gio-mai.pdf: thiếu"},
		{"added file", func(d string) { os.WriteFile(filepath.Join(d, "output", "them.pdf"), []byte("x"), 0o644) }, "output/them.pdf: thừa"},
		{"edited manifest", func(d string) {
			p := filepath.Join(d, ManifestName)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte(`"size":9,`), []byte(`"size":10,`), 1), 0o644)
		}, "output/ke-hoach-2071-SKH-KTN.pdf: đã bị sửa"},
		{"edited sums", func(d string) { os.WriteFile(filepath.Join(d, SumsName), []byte("x"), 0o644) }, "SHA256SUMS: khác"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			arch := filepath.Join(root, "out", "luu-tru")
			r, err := Commit(arch, fixture(t, root, "form"), "ntm test")
			if err != nil {
				t.Fatal(err)
			}
			tt.tamper(r.Dir)
			rep, err := Verify(arch, r.Entry)
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, p := range rep.All() {
				all = append(all, p.String())
			}
			if rep.OK() || !strings.Contains(strings.Join(all, "\n"), tt.want) {
				t.Fatalf("Verify says %q, want %q", all, tt.want)
			}
		})
	}
}

func TestCommitCleansStaleAndRefusesBadPaths(t *testing.T) {
	root := t.TempDir()
	arch := filepath.Join(root, "luu-tru")
	os.MkdirAll(filepath.Join(arch, ".tmp-0001-abc-123", "output"), 0o755)
	r, err := Commit(arch, fixture(t, root, "f"), "ntm")
	if err != nil || len(r.Cleaned) != 1 {
		t.Fatalf("stale staging folder not cleaned: %+v %v", r, err)
	}
	for _, p := range []string{"../x", "/abs", "a//b", "a/./b", "manifest.json", "a\nb", ""} {
		items := fixture(t, root, "f")
		items[0].Path = p
		if _, err := Commit(arch, items, "ntm"); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
	items := fixture(t, root, "f")
	items[1].Path = items[0].Path
	if _, err := Commit(arch, items, "ntm"); err == nil {
		t.Error("duplicate path accepted")
	}
}

func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"format":"ntm-luu-tru/1","entry":"0001-000000000000","program":"ntm","sums":"00","files":[{"path":"a","size":1,"sha256":"00","kind":"input"}]}`))
	f.Add([]byte(`{"format":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		name := "0001-000000000000"
		os.MkdirAll(filepath.Join(dir, name), 0o755)
		os.WriteFile(filepath.Join(dir, name, ManifestName), b, 0o644)
		rep, err := Verify(dir, name)
		if err == nil && rep == nil {
			t.Fatal("no report and no error")
		}
	})
}

// TestReadDigest: an input whose content as read earlier in the run
// (Item.ReadSHA256) is the previous entry's is linked to that copy even
// when its modification time says otherwise; a read content the previous
// entry lacks is not trusted, and the file is hashed and copied.
func TestReadDigest(t *testing.T) {
	root := t.TempDir()
	arch := filepath.Join(root, "out", "luu-tru")
	if _, err := Commit(arch, fixture(t, root, "form v1"), "ntm test"); err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	const form = 3 // the fixture's form
	later := time.Now().Add(time.Hour)
	tests := []struct {
		name         string
		content      string // the form's bytes now
		read         string // what the run read
		shared       int
		wantArchived string
	}{
		// Touched, not changed: the stat check alone would hash it again.
		{"read as the previous entry holds it", "form v1", "form v1", 3, "form v1"},
		// Changed after it was read: the entry keeps what the run read.
		{"changed after the read", "form v2", "form v1", 3, "form v1"},
		{"read content new to the archive", "form v3", "form v3", 2, "form v3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := fixture(t, root, tt.content)
			// A plan that differs each time: a new entry.
			os.WriteFile(filepath.Join(root, "out", "other.pdf"), []byte("%PDF plan "+tt.name), 0o644)
			items[0].Source = filepath.Join(root, "out", "other.pdf")
			if err := os.Chtimes(items[form].Source, later, later); err != nil {
				t.Fatal(err)
			}
			items[form].ReadSHA256, items[form].ReadSize = sum(tt.read), int64(len(tt.read))
			r, err := Commit(arch, items, "ntm test")
			if err != nil || !r.Created {
				t.Fatalf("%+v %v", r, err)
			}
			if r.Shared < tt.shared {
				t.Errorf("shared %d files, want at least %d", r.Shared, tt.shared)
			}
			got, _ := os.ReadFile(filepath.Join(r.Dir, "input", "assessments", "2021-H1", "gio-mai.xlsx"))
			if string(got) != tt.wantArchived {
				t.Errorf("archived form %q, want %q", got, tt.wantArchived)
			}
			if rep, err := Verify(arch, r.Entry); err != nil || !rep.OK() {
				t.Errorf("entry does not verify: %v %+v", err, rep)
			}
		})
	}
}

// TestByFolder: every item is in exactly one group, a group holds the
// items of one folder only (a subfolder's items sorting between them
// included), and the largest group comes first.
func TestByFolder(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  [][]int
	}{
		{"empty", nil, nil},
		{"one folder", []string{"a/1", "a/2"}, [][]int{{0, 1}}},
		{"largest first", []string{"a/1", "b/1", "b/2", "c/1"}, [][]int{{1, 2}, {0}, {3}}},
		{"subfolder between, ties in first-seen order", []string{"a/1", "a/b/1", "a/b/2", "a/z"}, [][]int{{0, 3}, {1, 2}}},
		{"top level", []string{"manifest.x", "in/a", "kế-hoạch.pdf"}, [][]int{{0, 2}, {1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items := make([]Item, len(tc.paths))
			for i, p := range tc.paths {
				items[i].Path = p
			}
			got := byFolder(items)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("byFolder(%q) = %v, want %v", tc.paths, got, tc.want)
			}
		})
	}
}
