package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestIncremental changes one commune's form and rebuilds: that
// commune's report and the period's consolidated report are rendered
// again, every other document is left untouched on disk (same inode and
// time), and the result is byte-identical to a build from scratch.
func TestIncremental(t *testing.T) {
	ctx, in, out := builtSample(t)
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
	ctx, in, out := builtSample(t)
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

// TestIncrementalTextInputs edits the period's narrative, then the plan:
// the documents made from each are rendered again (their keys come from
// the digests taken when the files were loaded), the others are kept.
func TestIncrementalTextInputs(t *testing.T) {
	ctx, in, out := builtSample(t)
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(in, rel)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rebuilt := func() map[string]bool {
		t.Helper()
		before := stats(t, out)
		if _, err := Build(ctx, Config{In: in, Out: out}); err != nil {
			t.Fatal(err)
		}
		changed := map[string]bool{}
		for p, st := range stats(t, out) {
			if b, ok := before[p]; !ok || b != st {
				changed[p] = true
			}
		}
		return changed
	}

	edit("assessments/2021-H1/bao-cao.toml", "báo cáo kết quả thực hiện", "báo cáo kết quả đã thực hiện")
	changed := rebuilt()
	if !changed["2021-H1/bao-cao-2021-H1.pdf"] {
		t.Error("the 2021-H1 report was not rendered again after its narrative changed")
	}
	for _, kept := range []string{"ke-hoach-2071-SKH-KTN.pdf", "2020-H2/tong-hop-2020-H2.xlsx"} {
		if changed[kept] {
			t.Errorf("%s was rewritten although its inputs did not change", kept)
		}
	}

	edit(PlanFile, `name = "Trương Chí Trung"`, `name = "Trương Chí Trịnh"`)
	if changed := rebuilt(); !changed["ke-hoach-2071-SKH-KTN.pdf"] {
		t.Error("the plan was not rendered again after it changed")
	}
}

// TestKeptReportHead: a rerun that keeps the consolidated reports takes
// their title for the register from the last run's record (their date
// and symbol come from package report), and a record without it (an
// earlier version's) makes the run build the reports for it: the
// register is the same bytes in the three cases.
func TestKeptReportHead(t *testing.T) {
	ctx, in, out := builtSample(t)
	register := filepath.Join(out, "so-dang-ky-van-ban-di.xlsx")
	want, err := os.ReadFile(register)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(out, cacheDir, outputState)
	b, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	reportTitle := regexp.MustCompile(`("[^"]*/bao-cao-[^"/]*\.pdf":\{[^}]*),"title":"[^"]*"`)
	if !reportTitle.Match(b) {
		t.Fatalf("the record of the outputs has no report title: %.300s", b)
	}
	for _, old := range []bool{false, true} {
		if old {
			// An earlier version's record: no report title.
			stripped := reportTitle.ReplaceAll(b, []byte("$1"))
			if bytes.Equal(stripped, b) {
				t.Fatal("no title removed")
			}
			if err := os.WriteFile(state, stripped, 0o644); err != nil {
				t.Fatal(err)
			}
			// The register is written again only when it changes: remove
			// it, so that this run's is compared.
			os.Remove(register)
		}
		sum, err := Build(ctx, Config{In: in, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(sum.Notes, "\n"), "8 văn bản không đổi") {
			t.Errorf("old record %v: notes %v", old, sum.Notes)
		}
		got, err := os.ReadFile(register)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("old record %v: the register differs from the first run's", old)
		}
	}
}

// builtSample copies the sample input and builds it once into a new
// output folder.
func builtSample(t *testing.T) (ctx context.Context, in, out string) {
	t.Helper()
	ctx, in, out = context.Background(), copyInput(t), t.TempDir()
	if _, err := Build(ctx, Config{In: in, Out: out}); err != nil {
		t.Fatal(err)
	}
	return ctx, in, out
}

// TestRerunAsFresh: after an input changes, a rerun gives the documents
// a build from scratch gives, byte for byte: whatever a document is made
// from is in its key. The criteria case failed before the keys took in
// the criteria data (a changed threshold left the old one printed).
func TestRerunAsFresh(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		respell              bool // the input folder given by a relative path this time
	}{
		{name: "input folder spelled differently", respell: true},
		{"province threshold", "criteria/quang-tri.toml", "id = \"2.2\"\nthresholds = { BTB = \">=70\" }", "id = \"2.2\"\nthresholds = { BTB = \">=72\" }", false},
		{"province comment", "criteria/quang-tri.toml", "# CHƯA ĐỐI CHIẾU:", "# CHƯA ĐỐI CHIẾU (ghi chú sửa):", false},
		{"province note", "criteria/quang-tri.toml", "Tạm dùng mức 70% của bộ tiêu chí trước", "Tạm dùng mức 70 phần trăm của bộ tiêu chí trước", false},
		{"narrative", "assessments/2021-H1/bao-cao.toml", "báo cáo kết quả thực hiện", "báo cáo kết quả đã thực hiện", false},
		{"plan", PlanFile, `name = "Trương Chí Trung"`, `name = "Trương Chí Trịnh"`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, in, out := builtSample(t)
			if tc.file != "" {
				p := filepath.Join(in, tc.file)
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(b, []byte(tc.old)) {
					t.Fatalf("%s has no %q", tc.file, tc.old)
				}
				if err := os.WriteFile(p, bytes.Replace(b, []byte(tc.old), []byte(tc.new), 1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tc.respell {
				wd, err := os.Getwd()
				if err != nil {
					t.Fatal(err)
				}
				if in, err = filepath.Rel(wd, in); err != nil {
					t.Fatal(err)
				}
			}
			fresh := t.TempDir()
			for _, dir := range []string{out, fresh} {
				sum, err := Build(ctx, Config{In: in, Out: dir})
				if err != nil {
					t.Fatal(err)
				}
				if tc.respell && dir == out && !slices.ContainsFunc(sum.Notes, func(n string) bool { return strings.Contains(n, "biểu không đổi") }) {
					t.Errorf("the forms were read again under the other name of their folder: %q", sum.Notes)
				}
			}
			got, want := readOutputs(t, out), readOutputs(t, fresh)
			if len(got) != len(want) {
				t.Fatalf("the rerun has %d documents, a fresh build %d", len(got), len(want))
			}
			for _, name := range differing(got, want) {
				t.Errorf("%s: the rerun's differs from a fresh build's", name)
			}
		})
	}
}

// TestSourcesListEveryProvinceFile: with two files correcting the set,
// the workbook's sources list both (they were joined with one
// separator and split with another, and neither was listed).
func TestSourcesListEveryProvinceFile(t *testing.T) {
	in := copyInput(t)
	extra := filepath.Join(in, CriteriaDir, "them.toml")
	if err := os.WriteFile(extra, []byte("set = \"qd1980-2016\"\n[[indicators]]\nid = \"2.4\"\nthresholds = { BTB = \">=71\" }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, _, err := loadChecked(context.Background(), Config{In: in})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, s := range inputSources(loaded) {
		listed[filepath.Base(s.Path)] = strings.HasPrefix(s.What, "Điều chỉnh bộ tiêu chí") && len(s.SHA256) == 64
	}
	for _, f := range []string{"quang-tri.toml", "them.toml"} {
		if !listed[f] {
			t.Errorf("%s is not among the workbook's sources: %v", f, listed)
		}
	}
}

// TestCachesPerBuild: what a run keeps in output/.cache serves only a run
// of the same build (Config.Build): another build reads every form and
// renders every document again, then keeps them for itself.
func TestCachesPerBuild(t *testing.T) {
	ctx, in, out := builtSample(t)
	kept := func(sum *Summary) (forms, docs bool) {
		for _, n := range sum.Notes {
			forms = forms || strings.Contains(n, "biểu không đổi")
			docs = docs || strings.Contains(n, "văn bản không đổi")
		}
		return forms, docs
	}
	for i, want := range []bool{false, true} {
		sum, err := Build(ctx, Config{In: in, Out: out, Build: "another build"})
		if err != nil {
			t.Fatal(err)
		}
		if forms, docs := kept(sum); forms != want || docs != want {
			t.Errorf("run %d of another build: forms kept %v, documents kept %v; want %v", i+1, forms, docs, want)
		}
	}
}
