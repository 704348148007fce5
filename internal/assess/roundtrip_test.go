package assess

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/form"
	"github.com/xuri/excelize/v2"
)

// writeForm is the blank form `ntm init` writes for Gio Mai.
func writeForm(t testing.TB, set *criteria.Set, per criteria.Period) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := form.Write(&buf, form.Spec{
		Province: "Quảng Trị", Agency: "Sở Kế hoạch và Đầu tư",
		CommuneID: "gio-mai", Commune: "Gio Mai", District: "Gio Linh",
		Period: per, Set: set, Region: criteria.BTB,
		Prev:    map[string]string{"2.2": "62.4", "1": "Đạt"},
		Created: time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip writes the form with form.Write, fills it in as a
// commune clerk does (numbers as numbers and as text, words, verdicts),
// and reads it back: every value, the id, the name, the period.
func TestRoundTrip(t *testing.T) {
	cat, set := corpusCatalogue(t)
	per := criteria.Period{Year: 2021, Half: criteria.H1}
	f, err := excelize.OpenReader(bytes.NewReader(writeForm(t, set, per)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(form.SheetName)
	if err != nil {
		t.Fatal(err)
	}
	rowOf := map[string]int{}
	for i, r := range rows {
		if len(r) > 0 && r[0] != "" {
			rowOf[r[0]] = i + 1
		}
	}
	var want []typed
	for i, ind := range set.Indicators() {
		r, ok := rowOf[ind.ID]
		if !ok {
			t.Fatalf("the form has no row for %s", ind.ID)
		}
		v := defaultValue(i, ind)
		if i%5 == 0 {
			if s, ok := v.cell.(string); ok {
				if n, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil {
					v.cell = n // typed as a number into the number cell
				}
			}
		}
		must(f.SetCellValue(form.SheetName, fmt.Sprintf("G%d", r), v.cell))
		must(f.SetCellValue(form.SheetName, fmt.Sprintf("H%d", r), v.verdict))
		want = append(want, v)
	}
	must(f.SetCellValue(form.SheetName, "C10", "Nguyễn Văn An"))
	must(f.SetCellValue(form.SheetName, "C11", time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC)))
	data := save(f)

	a, probs := Read(testFile, bytes.NewReader(data), cat)
	if len(probs) != 0 || a == nil {
		t.Fatalf("problems: %q", messages(probs))
	}
	checkTyped(t, a, set, want)
	got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%v", a.CommuneID, a.CommuneIDPos.Cell, a.Commune, a.CommunePos.Cell, a.District, a.Period, a.SetID, a.FilledBy, a.FilledOn, a.Blank)
	if w := "gio-mai|H5|Gio Mai|C5|Gio Linh|2021-H1|qd1980-2016|Nguyễn Văn An|15/06/2021|false"; got != w {
		t.Errorf("header:\n got %s\nwant %s", got, w)
	}
	if a.SHA256 != sha256.Sum256(data) {
		t.Errorf("SHA256 is not the file's")
	}
	if v := valueMap(a)["2.2"]; v.Prev != "62.4" {
		t.Errorf("2.2 Prev = %q, want the prefilled 62.4", v.Prev)
	}
}

// A form that `ntm init` wrote and nobody filled is Blank, with no
// problem: evaluation counts it as not returned.
func TestBlankForm(t *testing.T) {
	cat, set := corpusCatalogue(t)
	data := writeForm(t, set, criteria.Period{Year: 2021, Half: criteria.H1})
	a, probs := Read(testFile, bytes.NewReader(data), cat)
	if a == nil || len(probs) != 0 {
		t.Fatalf("problems: %q", messages(probs))
	}
	if !a.Blank || len(a.Values) != len(set.Indicators()) {
		t.Errorf("Blank = %v with %d values", a.Blank, len(a.Values))
	}
	// One answer makes it a submission.
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	must(f.SetCellValue(form.SheetName, "H15", "Đạt"))
	a, _ = Read(testFile, bytes.NewReader(save(f)), cat)
	if a == nil || a.Blank {
		t.Errorf("a form with one verdict is Blank")
	}
}
