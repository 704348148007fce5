package assess

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

var fuzzKinds = []criteria.Kind{criteria.KindBool, criteria.KindPercent, criteria.KindMoney, criteria.KindZero, criteria.KindNumber}

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"85,5", "85,5%", "1.234,5", "0.855", "Đạt", "chua dat", "Không", "-3", "1e5", "§¹t", "1 234", ",5", "NaN", "9e308"} {
		for k := range fuzzKinds {
			f.Add(s, uint8(k), k%2 == 0)
		}
	}
	f.Fuzz(func(t *testing.T, raw string, k uint8, pct bool) {
		kind := fuzzKinds[int(k)%len(fuzzKinds)]
		v, err := ParseValue(raw, kind, pct)
		if err != nil {
			if !utf8.ValidString(err.Error()) && utf8.ValidString(raw) {
				t.Fatalf("invalid UTF-8 error for %q", raw)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("ParseValue(%q, %s, %v) = %v", raw, kind, pct, v)
		}
		if kind == criteria.KindPercent && v > 100 {
			t.Fatalf("ParseValue(%q, percent) = %v > 100", raw, v)
		}
		if kind == criteria.KindBool && v != 0 && v != 1 {
			t.Fatalf("ParseValue(%q, bool) = %v", raw, v)
		}
		if _, err := ParseNumber(raw); err == nil {
			// numbers parse the same whatever the wrapping
			return
		}
		_, _, _ = DecodeLegacy(raw)
		_, _ = ParseVerdict(raw)
	})
}

func FuzzRead(f *testing.F) {
	f.Add(canonicalWith(nil)())
	for _, tc := range readCases() {
		switch tc.name {
		case "two-row header under a merged Kết quả", "TCVN3 text in .VnTime cells", "merged label, merged TT over two rows, merged result",
			"percent-formatted cells hold fractions; float artefacts rounded", "formula without cached value", "not a zip at all":
			data := tc.build()
			if tc.patch != nil {
				data = tc.patch(data)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("PK\x03\x04"))
	// Hand-made shapes: merged multi-row headers, running STT, numbers in the content.
	_, set := corpusCatalogue(f)
	for _, tc := range corpusCases()[:3] {
		fx := excelize.NewFile()
		must(fx.SetSheetName("Sheet1", tc.hands[0].sheet))
		tc.hands[0].build(f, fx, set)
		f.Add(save(fx))
	}
	f.Add(rawBook(sheetXML(smallForm(), `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`), ""))
	cat := testCatalogue()
	f.Fuzz(func(t *testing.T, data []byte) {
		a, probs := Read(testFile, bytes.NewReader(data), cat)
		for _, p := range probs {
			if p.Msg == "" || !strings.HasPrefix(p.Pos.File, testFile) {
				t.Fatalf("bad problem %+v", p)
			}
			if utf8.ValidString(p.Msg) && !norm.NFC.IsNormalString(p.Msg) {
				// messages quote input; only the fixed text must be NFC
				continue
			}
		}
		if a != nil {
			for _, v := range a.Values {
				if a.Pos(v.Cell).File != testFile || v.Cell.String() == "" {
					t.Fatalf("value without position: %+v", v)
				}
				if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
					t.Fatalf("value %s = %v", v.IndicatorID, v.Num)
				}
			}
		}
	})
}

var _ = excelize.NewFile

// FuzzReadCells puts fuzzed text into the cells a commune fills (so the
// fuzzer reaches the label, TT, value and verdict logic rather than the
// zip layer) and checks that Read neither panics nor lets non-NFC text or
// unpositioned values through.
func FuzzReadCells(f *testing.F) {
	f.Add("Gio Mai", "2021-H1", "2.2", "85,5", "Đạt", uint8(0))
	f.Add("H¶i Th¸i", "6 tháng đầu năm 2021", "2.2", "§¹t", "§¹t", uint8(1))
	f.Add("Haûi Thaùi", "năm 2021", "17.1", "Khoâng", "Ñaït", uint8(3))
	f.Add("", "", "", "", "", uint8(2))
	f.Add("xã Gio Mai", "2021-H2 (cả năm)", "2,2", "1.234,5%", "-", uint8(0))
	fonts := []string{"", ".VnTime", ".VnTimeH", "VNI-Times"}
	cat := testCatalogue()
	f.Fuzz(func(t *testing.T, commune, period, tt, result, verdict string, font uint8) {
		for _, s := range []string{commune, period, tt, result, verdict} {
			if !utf8.ValidString(s) || len(s) > 200 || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0xFFFE || r == 0xFFFF }) {
				return // excelize cannot store it
			}
		}
		data := canonicalWith(func(fx *excelize.File, sh string) {
			must(fx.SetCellValue(sh, "C3", commune))
			must(fx.SetCellValue(sh, "C5", period))
			must(fx.SetCellValue(sh, "A17", tt))
			must(fx.SetCellValue(sh, "G17", result))
			must(fx.SetCellValue(sh, "H17", verdict))
			if fam := fonts[int(font)%len(fonts)]; fam != "" {
				for _, c := range []string{"C3", "G17", "H17"} {
					setFont(fx, sh, c, fam)
				}
			}
		})()
		a, probs := Read(testFile, bytes.NewReader(data), cat)
		if a == nil {
			t.Fatalf("no assessment; problems %q", messages(probs))
		}
		if !norm.NFC.IsNormalString(a.Commune) {
			t.Fatalf("commune %q not NFC", a.Commune)
		}
		for _, v := range a.Values {
			if v.Cell.String() == "" || !norm.NFC.IsNormalString(v.Raw) || !norm.NFC.IsNormalString(v.SelfRaw) {
				t.Fatalf("bad value %+v", v)
			}
			if v.Has && (math.IsNaN(v.Num) || v.Num < 0) {
				t.Fatalf("bad number %+v", v)
			}
		}
		for _, p := range probs {
			if p.Pos.File != testFile || p.Msg == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}
