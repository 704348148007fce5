package distribute

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// sample is the seed plan's Nơi nhận, a report of 2021-H1 with its own
// list, the four communes' reports and the workbook.
func sample() Input {
	xa := func(name, id string) Addressee {
		return Addressee{Name: "UBND xã " + name, Email: "ubnd." + id + "@quangtri.example", Commune: id}
	}
	planRecipients := []Recipient{
		{Line: "UBND tỉnh (b/c)", Addressees: []Addressee{{Name: "UBND tỉnh Quảng Trị", Email: "ubnd@quangtri.example"}}},
		{Line: "UBND các huyện GL, CL", Addressees: []Addressee{
			{Name: "UBND huyện Gio Linh", Email: "ubnd.giolinh@quangtri.example", District: "Gio Linh"},
			{Name: "UBND huyện Cam Lộ", District: "Cam Lộ", Delivery: ByPost},
		}},
		{Line: "UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai", Addressees: []Addressee{
			xa("Thuận", "thuan"), xa("Cam Chính", "cam-chinh"), xa("Gio Mỹ", "gio-my"), xa("Gio Mai", "gio-mai"),
		}},
		{Line: "GD", Addressees: []Addressee{{Name: "Giám đốc Sở", Documents: []Kind{Report}}}},
	}
	docs := []Document{
		{Path: "ke-hoach.pdf", Kind: Plan, Period: "2020-H2", Title: "Kế hoạch số 2071/SKH-KTN", Recipients: planRecipients},
		{Path: "2021-H1/bao-cao.pdf", Kind: Report, Period: "2021-H1", Title: "Báo cáo", Recipients: planRecipients[:3]},
		{Path: "2021-H1/tong-hop.xlsx", Kind: Workbook, Period: "2021-H1", Title: "Biểu tổng hợp"},
	}
	for _, id := range []string{"thuan", "cam-chinh", "gio-my", "gio-mai"} {
		docs = append(docs, Document{Path: "2021-H1/bao-cao-xa-" + id + ".pdf", Kind: CommuneReport, Period: "2021-H1", Commune: id, Title: "Báo cáo xã " + id})
	}
	return Input{Documents: docs, Communes: []Commune{
		{"thuan", "Thuận", "Hướng Hóa"}, {"cam-chinh", "Cam Chính", "Cam Lộ"}, {"gio-my", "Gio Mỹ", "Gio Linh"}, {"gio-mai", "Gio Mai", "Gio Linh"},
	}}
}

func TestWhoGetsWhat(t *testing.T) {
	pkgs, probs := Distribute(sample())
	if len(probs) > 0 {
		t.Fatalf("problems: %+v", probs)
	}
	got := map[string][]string{}
	for _, p := range pkgs {
		var names []string
		for _, f := range p.Files {
			names = append(names, f.Path)
		}
		got[p.Folder] = names
	}
	want := map[string][]string{
		"2020-H2/noi-nhan/UBND tỉnh Quảng Trị": {"ke-hoach.pdf"},
		"2020-H2/noi-nhan/UBND huyện Gio Linh": {"ke-hoach.pdf"},
		"2020-H2/noi-nhan/UBND huyện Cam Lộ":   {"ke-hoach.pdf"},
		"2020-H2/noi-nhan/UBND xã Thuận":       {"ke-hoach.pdf"},
		"2020-H2/noi-nhan/UBND xã Cam Chính":   {"ke-hoach.pdf"},
		"2020-H2/noi-nhan/UBND xã Gio Mỹ":      {"ke-hoach.pdf"},
		"2020-H2/noi-nhan/UBND xã Gio Mai":     {"ke-hoach.pdf"},
		// The province: the report and the workbook.
		"2021-H1/noi-nhan/UBND tỉnh Quảng Trị": {"2021-H1/bao-cao.pdf", "2021-H1/tong-hop.xlsx"},
		// A district: the report and its communes' reports.
		"2021-H1/noi-nhan/UBND huyện Gio Linh": {"2021-H1/bao-cao.pdf", "2021-H1/bao-cao-xa-gio-my.pdf", "2021-H1/bao-cao-xa-gio-mai.pdf"},
		"2021-H1/noi-nhan/UBND huyện Cam Lộ":   {"2021-H1/bao-cao.pdf", "2021-H1/bao-cao-xa-cam-chinh.pdf"},
		// A commune: the report and its own.
		"2021-H1/noi-nhan/UBND xã Thuận":     {"2021-H1/bao-cao.pdf", "2021-H1/bao-cao-xa-thuan.pdf"},
		"2021-H1/noi-nhan/UBND xã Cam Chính": {"2021-H1/bao-cao.pdf", "2021-H1/bao-cao-xa-cam-chinh.pdf"},
		"2021-H1/noi-nhan/UBND xã Gio Mỹ":    {"2021-H1/bao-cao.pdf", "2021-H1/bao-cao-xa-gio-my.pdf"},
		"2021-H1/noi-nhan/UBND xã Gio Mai":   {"2021-H1/bao-cao.pdf", "2021-H1/bao-cao-xa-gio-mai.pdf"},
		// documents = ["bao-cao"]: only the report, though it is on neither list of 2021-H1.
		"2021-H1/noi-nhan/Giám đốc Sở": {"2021-H1/bao-cao.pdf"},
	}
	if !reflect.DeepEqual(got, want) {
		keys := func(m map[string][]string) []string {
			var k []string
			for x, v := range m {
				k = append(k, x+" "+strings.Join(v, ","))
			}
			sort.Strings(k)
			return k
		}
		t.Fatalf("packages:\n%s\nwant:\n%s", strings.Join(keys(got), "\n"), strings.Join(keys(want), "\n"))
	}
	for _, p := range pkgs {
		switch p.Addressee.Name {
		case "UBND huyện Cam Lộ":
			if p.Addressee.Delivery != ByPost {
				t.Errorf("Cam Lộ delivery %q", p.Addressee.Delivery)
			}
		case "Giám đốc Sở":
			if p.Addressee.Delivery != ByHand {
				t.Errorf("no e-mail and no delivery should be by hand, got %q", p.Addressee.Delivery)
			}
		default:
			if p.Addressee.Delivery != Email {
				t.Errorf("%s delivery %q", p.Addressee.Name, p.Addressee.Delivery)
			}
		}
	}
}

func TestDistributeProblems(t *testing.T) {
	tests := []struct {
		name string
		as   []Addressee
		want string
		warn bool
	}{
		{"folders collide", []Addressee{{Name: "UBND xã A:", Key: "r[0]"}, {Name: "UBND xã A?", Key: "r[1]"}}, "cùng tên thư mục", false},
		{"case-only collision", []Addressee{{Name: "UBND Xã Thuận"}, {Name: "ubnd xã thuận", Email: "x@y"}}, "thông tin khác", true},
		{"email without address", []Addressee{{Name: "A", Delivery: Email}}, "không có địa chỉ email", false},
		{"unknown delivery", []Addressee{{Name: "A", Delivery: "fax"}}, `cách nhận "fax"`, false},
		{"unknown kind", []Addressee{{Name: "A", Documents: []Kind{"bien-ban"}}}, `loại văn bản "bien-ban"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Documents: []Document{{Path: "p.pdf", Kind: Plan, Period: "2020-H2", Recipients: []Recipient{{Addressees: tt.as}}}}}
			_, probs := Distribute(in)
			found := false
			for _, p := range probs {
				found = found || strings.Contains(p.Message, tt.want) && p.Warning == tt.warn
			}
			if !found {
				t.Fatalf("problems %+v, want %q (warning %v)", probs, tt.want, tt.warn)
			}
		})
	}
}

// sampleWritten is sample() with each document written under out.
func sampleWritten(out string) Input {
	in := sample()
	for i, d := range in.Documents {
		p := filepath.Join(out, filepath.FromSlash(d.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("bytes of "+d.Path), 0o644)
		in.Documents[i].SHA256 = strings.Repeat("ab", 32)
		in.Documents[i].Size = int64(len("bytes of " + d.Path))
	}
	return in
}

func TestWritePackages(t *testing.T) {
	out := t.TempDir()
	in := sampleWritten(out)
	pkgs, _ := Distribute(in)
	st, err := WritePackages(out, pkgs, "")
	if err != nil || st.Written != len(pkgs) {
		t.Fatalf("first write: %+v %v", st, err)
	}
	dir := filepath.Join(out, "2021-H1", "noi-nhan", "UBND xã Gio Mai")
	a, _ := os.Stat(filepath.Join(dir, "bao-cao-xa-gio-mai.pdf"))
	b, _ := os.Stat(filepath.Join(out, "2021-H1", "bao-cao-xa-gio-mai.pdf"))
	if a == nil || !os.SameFile(a, b) {
		t.Fatal("package file is not a link to the output")
	}
	cover, _ := os.ReadFile(filepath.Join(dir, CoverName))
	for _, want := range []string{"DANH MỤC VĂN BẢN GỬI UBND xã Gio Mai", "Kỳ: 6 tháng đầu năm 2021 (2021-H1)", "thư điện tử, ubnd.gio-mai@quangtri.example", "2. Báo cáo xã gio-mai", "Tệp: bao-cao-xa-gio-mai.pdf"} {
		if !strings.Contains(string(cover), want) {
			t.Errorf("cover list lacks %q:\n%s", want, cover)
		}
	}
	// A rerun with nothing changed rewrites nothing.
	st, err = WritePackages(out, pkgs, "")
	if err != nil || st.Written != 0 || st.Kept != len(pkgs) {
		t.Fatalf("rerun: %+v %v", st, err)
	}
	// A package folder removed by hand, another replaced by a file: both
	// are laid out again, the others kept.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(out, "2021-H1", "noi-nhan", "UBND xã Thuận")
	if err := os.RemoveAll(other); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte("không phải thư mục"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = WritePackages(out, pkgs, "")
	if err != nil || st.Written != 2 || st.Kept != len(pkgs)-2 {
		t.Fatalf("after two packages were removed: %+v %v; want 2 written", st, err)
	}
	if fi, err := os.Stat(other); err != nil || !fi.IsDir() {
		t.Fatalf("the package put back in place of a file: %v", err)
	}
	// One commune report changed; one addressee dropped; a crash left a staging folder.
	os.MkdirAll(filepath.Join(out, "2021-H1", "noi-nhan", ".tmp-UBND xã Thuận-1"), 0o755)
	in.Documents[3].SHA256 = strings.Repeat("cd", 32)
	var kept []Document
	for _, d := range in.Documents {
		var rs []Recipient
		for _, r := range d.Recipients {
			var as []Addressee
			for _, a := range r.Addressees {
				if a.Name != "Giám đốc Sở" {
					as = append(as, a)
				}
			}
			rs = append(rs, Recipient{Line: r.Line, Addressees: as})
		}
		d.Recipients = rs
		kept = append(kept, d)
	}
	in.Documents = kept
	pkgs2, _ := Distribute(in)
	st, err = WritePackages(out, pkgs2, "")
	// Only Thuận's 2021-H1 package holds the changed report (its
	// district, Hướng Hóa, is no addressee).
	if err != nil || st.Written != 1 || st.Removed != 1 || len(st.Cleaned) != 1 {
		t.Fatalf("after a change: %+v %v; want 1 written, 1 removed, 1 cleaned", st, err)
	}
	if _, err := os.Stat(filepath.Join(out, "2021-H1", "noi-nhan", "Giám đốc Sở")); !os.IsNotExist(err) {
		t.Fatal("the dropped addressee's package is still there")
	}
	m, err := ReadManifest(out)
	if err != nil || len(m.Packages) != len(pkgs2) {
		t.Fatalf("manifest: %v, %d packages", err, len(m.Packages))
	}
}

func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"format":"ntm-phan-phoi/1","packages":[{"period":"2021-H1","addressee":{"name":"A","delivery":"email"},"folder":"2021-H1/noi-nhan/A","files":[{"path":"a.pdf","name":"a.pdf","kind":"ke-hoach","title":"t","sha256":"00","size":1}]}]}`))
	f.Add([]byte(`{"format":"ntm-phan-phoi/1","packages":[{"folder":"../x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, ManifestName), b, 0o644)
		m, err := ReadManifest(dir)
		if err != nil {
			return
		}
		for _, p := range m.Packages {
			if !filepath.IsLocal(filepath.FromSlash(p.Folder)) {
				t.Fatalf("folder %q escapes", p.Folder)
			}
			for _, f := range p.Files {
				if !filepath.IsLocal(filepath.FromSlash(f.Path)) || strings.Contains(f.Name, "/") {
					t.Fatalf("file %q escapes", f.Path)
				}
			}
		}
	})
}

// TestUpdatePackagesInPlace: when a document is written again (a new
// file at its path), the packages that hold it are brought up to date in
// their folders: the new file linked in, a file the package no longer
// holds and a leftover temporary file removed, the cover list written
// again; a package whose files did not change keeps its folder untouched.
func TestUpdatePackagesInPlace(t *testing.T) {
	for _, tc := range []struct {
		name   string
		spares bool // the cover lists' spares kept (publish.ReplaceFileSpare)
	}{{"without spares", false}, {"with spares", true}} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			spares := ""
			if tc.spares {
				spares = filepath.Join(out, ".cache", "spares")
			}
			// What a file written by this process looks like (its mode
			// under the umask), to compare the packages' files with.
			os.WriteFile(filepath.Join(out, "mode"), nil, 0o644)
			os.Mkdir(filepath.Join(out, "mode-dir"), 0o755)
			fileMode, dirMode := modeOf(t, filepath.Join(out, "mode")), modeOf(t, filepath.Join(out, "mode-dir"))
			in := sample()
			write := func(i int, text string) {
				t.Helper()
				d := &in.Documents[i]
				p := filepath.Join(out, filepath.FromSlash(d.Path))
				os.MkdirAll(filepath.Dir(p), 0o755)
				tmp := p + ".new"
				if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(tmp, p); err != nil { // a new file, as the pipeline writes
					t.Fatal(err)
				}
				sum := sha256.Sum256([]byte(text))
				d.SHA256, d.Size = hex.EncodeToString(sum[:]), int64(len(text))
			}
			for i := range in.Documents {
				write(i, "bytes of "+in.Documents[i].Path)
			}
			pkgs, _ := Distribute(in)
			if st, err := WritePackages(out, pkgs, spares); err != nil || st.Written != len(pkgs) {
				t.Fatalf("first write: %+v %v", st, err)
			}
			dir := filepath.Join(out, "2021-H1", "noi-nhan", "UBND xã Gio Mai")
			untouched := filepath.Join(out, "2021-H1", "noi-nhan", "UBND xã Thuận")
			before, err := os.Stat(filepath.Join(untouched, CoverName))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "ghi-chu-cua-van-thu.txt"), []byte("x"), 0o644)
			os.WriteFile(filepath.Join(dir, ".bao-cao-xa-gio-mai.pdf.tmp-1-2"), []byte("x"), 0o644)
			gioMai := -1
			for i, d := range in.Documents {
				if d.Path == "2021-H1/bao-cao-xa-gio-mai.pdf" {
					gioMai = i
				}
			}
			if gioMai < 0 {
				t.Fatal("the sample has no report of Gio Mai")
			}
			// Gio Mai's report is written again, three times, each
			// shorter or longer than the last: the first update keeps
			// the replaced cover list as the spare, the next ones write
			// into it.
			for round, text := range []string{
				"new bytes of Gio Mai's report",
				"bytes",
				strings.Repeat("much longer bytes of Gio Mai's report ", 200),
			} {
				write(gioMai, text)
				pkgs, _ = Distribute(in)
				st, err := WritePackages(out, pkgs, spares)
				if err != nil {
					t.Fatal(err)
				}
				a, _ := os.Stat(filepath.Join(dir, "bao-cao-xa-gio-mai.pdf"))
				b, _ := os.Stat(filepath.Join(out, "2021-H1", "bao-cao-xa-gio-mai.pdf"))
				if a == nil || !os.SameFile(a, b) {
					t.Fatalf("round %d: the package does not hold the new report", round)
				}
				entries, _ := os.ReadDir(dir)
				var got []string
				for _, e := range entries {
					got = append(got, e.Name())
				}
				if want := []string{"bao-cao-xa-gio-mai.pdf", "bao-cao.pdf", CoverName}; !reflect.DeepEqual(got, want) {
					t.Errorf("round %d: the package holds %q, want %q", round, got, want)
				}
				var pkg *Package
				for i := range pkgs {
					if filepath.Join(out, filepath.FromSlash(pkgs[i].Folder)) == dir {
						pkg = &pkgs[i]
					}
				}
				cover, _ := os.ReadFile(filepath.Join(dir, CoverName))
				if pkg == nil || !bytes.Equal(cover, Cover(pkg)) {
					t.Errorf("round %d: the cover list is not the package's:\n%s", round, cover)
				}
				if !strings.Contains(string(cover), in.Documents[gioMai].SHA256) {
					t.Errorf("round %d: the cover list does not give the new report's SHA-256:\n%s", round, cover)
				}
				if m := modeOf(t, filepath.Join(dir, CoverName)); m != fileMode {
					t.Errorf("round %d: the cover list's mode is %v, want %v as every file written", round, m, fileMode)
				}
				if m := modeOf(t, dir); m != dirMode {
					t.Errorf("round %d: the package folder's mode is %v, want %v", round, m, dirMode)
				}
				after, err := os.Stat(filepath.Join(untouched, CoverName))
				if err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
					t.Errorf("round %d: a package whose files did not change was written again", round)
				}
				if st.Written == 0 || st.Written == len(pkgs) {
					t.Errorf("round %d: %d of %d packages written; want only those holding the report", round, st.Written, len(pkgs))
				}
				list, _ := os.ReadDir(spares)
				if tc.spares && len(list) != st.Written {
					t.Errorf("round %d: %d spares for %d packages updated", round, len(list), st.Written)
				}
			}
			// A package no longer wanted takes its spare with it.
			var fewer []Package
			for _, p := range pkgs {
				if filepath.Join(out, filepath.FromSlash(p.Folder)) != dir {
					fewer = append(fewer, p)
				}
			}
			if _, err := WritePackages(out, fewer, spares); err != nil {
				t.Fatal(err)
			}
			if s := spareOf(spares, "2021-H1/noi-nhan/UBND xã Gio Mai"); s != "" {
				if _, err := os.Lstat(s); !os.IsNotExist(err) {
					t.Errorf("the removed package's spare is still there: %v", err)
				}
			}
		})
	}
}

func modeOf(t *testing.T, p string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// TestPackagesAfterAStoppedRun: a run stopped while laying out packages
// leaves folders no index lists, some half made; the next run completes
// every one of them.
func TestPackagesAfterAStoppedRun(t *testing.T) {
	out := t.TempDir()
	in := sampleWritten(out)
	pkgs, _ := Distribute(in)
	if _, err := WritePackages(out, pkgs, ""); err != nil {
		t.Fatal(err)
	}
	// As if the run had stopped before its index and list: one package
	// without its cover list and a document, with a temporary file.
	os.Remove(filepath.Join(out, IndexName))
	os.Remove(filepath.Join(out, ManifestName))
	dir := filepath.Join(out, "2021-H1", "noi-nhan", "UBND xã Gio Mai")
	os.Remove(filepath.Join(dir, CoverName))
	os.Remove(filepath.Join(dir, "bao-cao-xa-gio-mai.pdf"))
	os.WriteFile(filepath.Join(dir, ".danh-muc.txt.tmp-123"), []byte("nửa chừng"), 0o644)
	st, err := WritePackages(out, pkgs, "")
	if err != nil || st.Written != len(pkgs) {
		t.Fatalf("after the stopped run: %+v %v; want every package written", st, err)
	}
	for _, p := range pkgs {
		pdir := filepath.Join(out, filepath.FromSlash(p.Folder))
		if cover, err := os.ReadFile(filepath.Join(pdir, CoverName)); err != nil || !bytes.Equal(cover, Cover(&p)) {
			t.Errorf("%s: cover list %v", p.Folder, err)
		}
		entries, _ := os.ReadDir(pdir)
		if len(entries) != len(p.Files)+1 {
			t.Errorf("%s holds %d entries, want its %d files and the cover list", p.Folder, len(entries), len(p.Files))
		}
		for _, f := range p.Files {
			a, _ := os.Stat(filepath.Join(pdir, f.Name))
			b, _ := os.Stat(filepath.Join(out, filepath.FromSlash(f.Path)))
			if a == nil || b == nil || !os.SameFile(a, b) {
				t.Errorf("%s: %s is not the document", p.Folder, f.Name)
			}
		}
	}
	if _, err := ReadManifest(out); err != nil {
		t.Fatalf("the list of packages: %v", err)
	}
}
