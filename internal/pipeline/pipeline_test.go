package pipeline

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/form"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const sampleIn = "../../input"

// dumpOutcome writes the evaluation of every commune and period as text
// for a golden file: the totals, the group, the criteria not met and each
// indicator's value against its threshold.
func dumpOutcome(in *Inputs) string {
	var b strings.Builder
	o := in.Outcome
	fmt.Fprintf(&b, "kỳ gốc: %s\n", o.Baseline)
	for _, per := range o.Periods {
		for _, e := range o.ByPeriod[per] {
			r := e.Result
			fmt.Fprintf(&b, "\n%s %s (vùng %s, bộ %s): %d/%d tiêu chí — %s; chưa đạt: %v\n",
				per, e.Commune.CommuneLabel(), e.Region, e.Set.ID, r.Met, r.Total, r.Group.Label(), r.MissingCriteria())
			for _, cr := range r.Criteria {
				for _, ir := range cr.Indicators {
					val := "—"
					if ir.Has {
						val = vnfmt.Number(ir.Value, 2)
					}
					v := "Chưa đạt"
					if ir.Met {
						v = "Đạt"
					}
					fmt.Fprintf(&b, "  %-5s %-10s %-8s %s\n", ir.Indicator.ID, val, ir.Threshold.Text, v)
				}
			}
		}
	}
	return b.String()
}

func TestSampleEvaluationGolden(t *testing.T) {
	in, problems, err := loadAll(context.Background(), Config{In: sampleIn})
	if err != nil {
		t.Fatal(err)
	}
	if problems.Errors() > 0 {
		t.Fatalf("the sample has errors:\n%v", problems.Err())
	}
	got := dumpOutcome(in)
	golden := filepath.Join("testdata", "evaluation.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("evaluation differs from %s (rerun with -update after checking):\n%s", golden, got)
	}
	// The facts the plan states must hold in the sample, whatever the
	// golden says.
	wantMissing := map[string]string{
		"2020-H2 thuan": "[5 6 10 11 13 17 18 19]", "2020-H2 gio-mai": "[2 6]",
		"2020-H2 gio-my": "[]", "2020-H2 cam-chinh": "[]",
		"2021-H1 gio-mai": "[]", "2021-H1 gio-my": "[]", "2021-H1 cam-chinh": "[]",
	}
	for _, per := range in.Outcome.Periods {
		for _, e := range in.Outcome.ByPeriod[per] {
			k := per.String() + " " + e.Commune.ID
			if w, ok := wantMissing[k]; ok && fmt.Sprint(e.Result.MissingCriteria()) != w {
				t.Errorf("%s: missing %v, want %s", k, e.Result.MissingCriteria(), w)
			}
		}
	}
	if len(in.Outcome.Periods) < 2 {
		t.Errorf("the sample has %d period(s), want at least 2", len(in.Outcome.Periods))
	}
}

// copyInput copies the sample input folder into a temporary one.
func copyInput(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(sampleIn, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(sampleIn, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// editForm opens the form src, lets edit change it and writes it to dst.
// edit is given the first sheet's name and its rows; it returns false
// when it found nothing to change.
func editForm(src, dst string, edit func(f *excelize.File, sheet string, rows [][]string) bool) error {
	f, err := excelize.OpenFile(src)
	if err != nil {
		return err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	if !edit(f, sheet, rows) {
		return fmt.Errorf("%s: nothing to change", src)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

// setLabelled changes the value next to a header label ("Xã:") of a form.
func setLabelled(t *testing.T, path, label, value string) {
	t.Helper()
	err := editForm(path, path, func(f *excelize.File, sheet string, rows [][]string) bool {
		for r, row := range rows {
			for c, v := range row {
				if strings.TrimSpace(v) != label {
					continue
				}
				for k := c + 1; k < len(row)+3; k++ {
					cell, _ := excelize.CoordinatesToCellName(k+1, r+1)
					// excelize returns a merged range's value for each of its
					// cells: skip the label's own merge.
					if cur, _ := f.GetCellValue(sheet, cell); cur != "" && strings.TrimSpace(cur) != label {
						f.SetCellValue(sheet, cell, value)
						return true
					}
				}
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("label %q: %v", label, err)
	}
}

// setResult changes the result of indicator id in a form.
func setResult(t *testing.T, path, id string, value any) {
	t.Helper()
	err := editForm(path, path, func(f *excelize.File, sheet string, rows [][]string) bool {
		resCol := -1
		for r, row := range rows {
			for c, v := range row {
				if v == "Kết quả kỳ này" {
					resCol = c
				}
				if c == 0 && v == id && resCol >= 0 {
					cell, _ := excelize.CoordinatesToCellName(resCol+1, r+1)
					f.SetCellValue(sheet, cell, value)
					return true
				}
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("indicator %s: %v", id, err)
	}
}

// TestCheckFindsInconsistencies breaks a copy of the sample in one way
// each and expects check to say so, with the place.
func TestCheckFindsInconsistencies(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, in string)
		want   []string // substrings of the problems
		fails  bool
	}{
		{"commune not in the plan", func(t *testing.T, in string) {
			setLabelled(t, filepath.Join(in, "assessments/2021-H1/gio-my.xlsx"), form.IDLabel, "gio-hai")
		}, []string{`gio-my.xlsx!Tự đánh giá!H5: lỗi: mã xã "gio-hai" không có trong kế hoạch`, "1 xã chưa nộp biểu tự đánh giá (không có tệp hoặc biểu để trống): Gio Mỹ"}, true},
		{"name disagrees with the id", func(t *testing.T, in string) {
			setLabelled(t, filepath.Join(in, "assessments/2021-H1/gio-my.xlsx"), "Xã:", "Gio Hải")
		}, []string{`gio-my.xlsx!Tự đánh giá!C5: cảnh báo: biểu ghi tên xã "Gio Hải" nhưng mã xã "gio-my" là của xã Gio Mỹ (huyện Gio Linh); ntm dùng mã xã`}, false},
		{"duplicate form", func(t *testing.T, in string) {
			data, _ := os.ReadFile(filepath.Join(in, "assessments/2021-H1/gio-mai.xlsx"))
			os.WriteFile(filepath.Join(in, "assessments/2021-H1/gio-mai-ban-sao.xlsx"), data, 0o644)
		}, []string{"gio-mai.xlsx", "biểu của xã Gio Mai kỳ 2021-H1 trùng với tệp"}, true},
		{"missing form", func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, "assessments/2021-H1/thuan.xlsx"))
		}, []string{"assessments/2021-H1: cảnh báo: kỳ 2021-H1 (6 tháng đầu năm 2021): 1 xã chưa nộp biểu tự đánh giá (không có tệp hoặc biểu để trống): Thuận; các xã này không được tính vào số liệu của kỳ"}, false},
		{"missing period between", func(t *testing.T, in string) {
			os.MkdirAll(filepath.Join(in, "assessments/2021-H2x"), 0o755)
			os.Rename(filepath.Join(in, "assessments/2021-H1"), filepath.Join(in, "assessments/2022-H1"))
			os.Remove(filepath.Join(in, "assessments/2022-H1/bao-cao.toml")) // dated in 2021
			for _, f := range []string{"thuan", "gio-mai", "gio-my", "cam-chinh"} {
				setLabelled(t, filepath.Join(in, "assessments/2022-H1", f+".xlsx"), "Kỳ đánh giá:", "2022-H1")
			}
		}, []string{"assessments/2021-H1: cảnh báo: kỳ 2021-H1 (6 tháng đầu năm 2021) chưa có biểu nào của 4 xã", "assessments/2021-H2: cảnh báo: kỳ 2021-H2 (6 tháng cuối năm 2021) chưa có biểu nào của 4 xã"}, false},
		{"baseline disagrees with the plan", func(t *testing.T, in string) {
			setResult(t, filepath.Join(in, "assessments/2020-H2/gio-my.xlsx"), "4.2", 50)
		}, []string{"plan.toml:", "(khóa communes[2].missing)", "kế hoạch ghi xã Gio Mỹ chưa đạt tiêu chí (không có), nhưng biểu kỳ gốc 2020-H2", "cho kết quả chưa đạt tiêu chí 4"}, true},
		{"form in another period's folder", func(t *testing.T, in string) {
			os.Rename(filepath.Join(in, "assessments/2021-H1/gio-my.xlsx"), filepath.Join(in, "assessments/2020-H2/gio-my-2021.xlsx"))
		}, []string{"2020-H2/gio-my-2021.xlsx!Tự đánh giá!", "cảnh báo: biểu ghi kỳ 2021-H1 nhưng nằm trong thư mục 2020-H2"}, false},
		{"unknown criteria set", func(t *testing.T, in string) {
			data, _ := os.ReadFile(filepath.Join(in, "plan.toml"))
			os.WriteFile(filepath.Join(in, "plan.toml"), []byte(strings.Replace(string(data), `criteria_set = "qd1980-2016"`, `criteria_set = "qd1980"`, 1)), 0o644)
		}, []string{"plan.toml:", "(khóa program.criteria_set): lỗi: bộ tiêu chí \"qd1980\" không có; cần một trong: qd1980-2016, qd318-2022, qd318-2022-nang-cao"}, true},
		{"self-assessment differs", func(t *testing.T, in string) {
			setResult(t, filepath.Join(in, "assessments/2021-H1/gio-my.xlsx"), "4.2", 50)
		}, []string{"cảnh báo: xã tự đánh giá chỉ tiêu 4.2 là \"Đạt\", nhưng kết quả \"50\" so với chỉ tiêu"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := copyInput(t)
			tt.break_(t, in)
			sum, err := Check(context.Background(), Config{In: in})
			var text strings.Builder
			sum.Problems.Sort()
			sum.Problems.Print(&text)
			if tt.fails != (err != nil) {
				t.Fatalf("Check error = %v, want failure %v\n%s", err, tt.fails, text.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(text.String(), w) {
					t.Errorf("problems lack %q:\n%s", w, text.String())
				}
			}
		})
	}
}

func TestInitWritesFormsOnce(t *testing.T) {
	in := copyInput(t)
	sum, err := Init(context.Background(), Config{In: in}, "2021-H2")
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 4 {
		t.Fatalf("wrote %d forms, want 4", len(sum.Files))
	}
	// The forms read back as 2021-H2 forms of the right communes, with
	// last period's results prefilled.
	f, err := excelize.OpenFile(filepath.Join(in, "assessments/2021-H2/gio-mai.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	joined := fmt.Sprint(rows)
	for _, w := range []string{"Gio Mai", "2021-H2", "Kết quả kỳ trước"} {
		if !strings.Contains(joined, w) {
			t.Errorf("form lacks %q", w)
		}
	}
	// Last period's results are prefilled, numbers typed as text ("85,5")
	// coming back as numbers.
	prev := map[string]string{}
	for _, r := range rows {
		if len(r) > 5 {
			prev[r[0]] = r[5]
		}
	}
	for id, want := range map[string]string{"1.1": "Đạt", "2.2": "85.5", "2.4": "72.6"} {
		if prev[id] != want {
			t.Errorf("prefilled %s = %q, want %q", id, prev[id], want)
		}
	}
	sum, err = Init(context.Background(), Config{In: in}, "2021-H2")
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, p := range sum.Problems {
		if strings.Contains(p.Msg, "không ghi đè") {
			kept++
		}
	}
	if len(sum.Files) != 0 || kept != 4 {
		t.Fatalf("second init wrote %d files and kept %d; want 0 and 4", len(sum.Files), kept)
	}
	if _, err := Init(context.Background(), Config{In: in}, "2021-H3"); err == nil {
		t.Fatal("a bad period must be an error")
	}
	var _ diag.List = sum.Problems
}
