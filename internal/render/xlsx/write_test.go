package xlsx

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/report"
)

var (
	outDir    = flag.String("out", "", "TestWriteWorkbooks: write the sample's and a made-up plan's workbooks into this folder, to open them")
	outSynthN = flag.Int("out-communes", 24, "TestWriteWorkbooks: communes of the made-up plan")
)

// TestWriteWorkbooks writes workbooks to look at: go test
// ./internal/render/xlsx -run TestWriteWorkbooks -out /tmp/wb, then
// open them, or soffice --headless --convert-to pdf them.
func TestWriteWorkbooks(t *testing.T) {
	if *outDir == "" {
		t.Skip("no -out folder")
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	sample, synth := loadSample(t), synthetic(t, *outSynthN)
	for _, per := range []criteria.Period{h2020, h2021, h2022} {
		for name, fx := range map[string]*fixture{"sample": sample, "synth-" + strconv.Itoa(*outSynthN): synth} {
			if len(fx.outcome.ByPeriod[per]) == 0 {
				continue
			}
			var buf bytes.Buffer
			if err := Render(&buf, fx.workbook(t, per)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(*outDir, name+"-"+report.WorkbookFileName(per))
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", file, buf.Len())
		}
	}
}

// FuzzCellText: whatever text the inputs hold (a note, a name, a
// message), it is written as text and read back as the same text, or
// the render fails cleanly; it is never a formula.
func FuzzCellText(f *testing.F) {
	for _, s := range []string{"=1+1", "+84 912", "-5", "@SUM(A1)", "Gio Mỹ", "a&b<c>\"d'", "\x00\x1f", "\u202e", "𝔸"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wb := &report.Workbook{Sheets: []*report.Sheet{{Name: "A", Rows: func(yield func(report.SheetRow) bool) {
			yield(report.SheetRow{Num: 1, Cells: []report.SheetCell{{Kind: report.CellText, Text: s}}})
		}}}}
		var buf bytes.Buffer
		if err := Render(&buf, wb); err != nil {
			return
		}
		if err := wellFormed([]byte(readPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml"))); err != nil {
			t.Fatalf("%q: the sheet is not well-formed XML: %v", s, err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%q: the file does not open: %v", s, err)
		}
		defer x.Close()
		if f, _ := x.GetCellFormula("A", "A1"); f != "" {
			t.Fatalf("%q became the formula %q", s, f)
		}
		if xmlText(s) && utf8.RuneCountInString(s) < 32767 {
			if got, _ := x.GetCellValue("A", "A1"); got != s {
				t.Fatalf("%q read back as %q", s, got)
			}
		}
	})
}

// xmlText reports whether s is valid UTF-8 made of characters XML 1.0
// allows (others cannot be stored in the file at all).
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0xD800 && r < 0xE000 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}
