package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/report"
)

func lineTexts(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text()
	}
	return out
}

// TestWrap checks the line breaker on the cases issue #7 names: a long
// word after other words is cut to the measure, a no-break space never
// breaks and prints as a space, only U+0020 (and tab and newline) break,
// and a combining mark stays with its letter.
func TestWrap(t *testing.T) {
	fs := testRenderer.fs
	f := font{regular, 14}
	url := "https://huongkhe.hatinh.gov.vn/nong-thon-moi/quy-hoach-chung-xay-dung-xa-giai-doan-2021-2030/ho-so-cong-bo"
	tests := []struct {
		name  string
		text  string
		width float64
		// lines, when given, is the exact result; otherwise check says.
		lines []string
		check func(t *testing.T, ls []line)
	}{
		{name: "plain", text: "Bảo đảm sự phối hợp chặt chẽ", width: 1000, lines: []string{"Bảo đảm sự phối hợp chặt chẽ"}},
		{name: "url after words", text: "hồ sơ công bố tại " + url + " để người dân theo dõi", width: 80, check: func(t *testing.T, ls []line) {
			if !strings.HasPrefix(ls[0].text(), "hồ sơ công bố tại https://") {
				t.Errorf("the URL does not start on the line where it comes: %q", ls[0].text())
			}
			if got := strings.Join(lineTexts(ls), ""); !strings.Contains(got, url) {
				t.Errorf("the URL's pieces do not make it whole again: %q", got)
			}
		}},
		{name: "no-break space", text: "các xã Gio" + nb + "Mai, Gio" + nb + "Mỹ, Cam" + nb + "Chính và Thuận", width: 38, check: func(t *testing.T, ls []line) {
			for _, l := range ls {
				for _, w := range l.words {
					if w.s == "Gio" || w.s == "Mai," || w.s == "Cam" || w.s == "Chính" {
						t.Errorf("a name was split at its no-break space: %q", lineTexts(ls))
					}
					if strings.ContainsRune(w.s, nbsp) {
						t.Errorf("a no-break space is printed as itself in %q", w.s)
					}
				}
			}
		}},
		{name: "only ordinary spaces break", text: "10\u2002000 đồng\u2009và\ttab\nmới", width: 1000,
			lines: []string{"10\u2002000 đồng\u2009và tab mới"}},
		{name: "a word wider than the line alone", text: strings.Repeat("ư", 200), width: 30, check: func(t *testing.T, ls []line) {
			if len(ls) < 3 {
				t.Errorf("cut into %d lines", len(ls))
			}
		}},
		{name: "combining mark kept", text: "A" + strings.Repeat("e\u0301", 40), width: 20, check: func(t *testing.T, ls []line) {
			for _, l := range ls {
				if r, _ := utf8.DecodeRuneInString(l.text()); r == '\u0301' {
					t.Errorf("a line starts with a combining mark: %q", l.text())
				}
			}
		}},
		{name: "empty", text: "  \t ", width: 50, lines: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := fs.wrap(tt.text, f, tt.width, 0, 0)
			for i, l := range ls {
				if l.w > tt.width+1e-6 {
					t.Errorf("line %d %q is %.2f mm, wider than %.2f", i, l.text(), l.w, tt.width)
				}
				if got := fs.widthMM(l.text(), f.st, f.size); abs(got-l.w) > 1e-6 {
					t.Errorf("line %d measured %.3f, drawn %.3f", i, l.w, got)
				}
				if l.more != (i < len(ls)-1) {
					t.Errorf("line %d: more = %v", i, l.more)
				}
			}
			if tt.lines != nil && strings.Join(lineTexts(ls), "|") != strings.Join(tt.lines, "|") {
				t.Errorf("lines %q, want %q", lineTexts(ls), tt.lines)
			}
			if tt.check != nil {
				tt.check(t, ls)
			}
		})
	}
}

// TestLongWordInDocument is issue #7's URL that ran to x = 493 mm: in a
// paragraph, after other words, it now stays inside the margins.
func TestLongWordInDocument(t *testing.T) {
	doc := sampleDoc(0)
	doc.Parts[0].Body = append(doc.Parts[0].Body, report.Block{Text: "Hồ sơ được công bố tại https://huongkhe.hatinh.gov.vn/nong-thon-moi/quy-hoach-chung-xay-dung-xa-giai-doan-2021-2030/ho-so-cong-bo-quy-hoach-chung-xay-dung-cac-xa-tren-dia-ban-huyen để người dân theo dõi."})
	tr, _, info := traced(t, doc)
	checkFrame(t, tr, info)
}

// TestBreakName checks how agency names and signer titles break: at a
// phrase boundary, in even lines, never inside a compound or a place
// name, and where a "\n" says.
func TestBreakName(t *testing.T) {
	fs := testRenderer.fs
	fa := font{bold, 13}
	width := decreeLeftWidth() - 2
	tests := []struct {
		name string
		want []string
	}{
		{"SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", []string{"SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"}},
		{"ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ", []string{"ỦY BAN NHÂN DÂN", "HUYỆN HƯƠNG KHÊ"}},
		{"SỞ KẾ HOẠCH VÀ ĐẦU TƯ", []string{"SỞ KẾ HOẠCH VÀ ĐẦU TƯ"}},
		{"ỦY BAN NHÂN DÂN XÃ GIO MAI", []string{"ỦY BAN NHÂN DÂN", "XÃ GIO MAI"}},
		{"SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", []string{"SỞ TÀI NGUYÊN VÀ", "MÔI TRƯỜNG"}},
		// Too wide for a phrase boundary at 13 pt: both breaks touch the
		// dash (the header then sets it at 12 pt, TestHeaderGeometry).
		{"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", []string{"SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"}},
		{"VĂN PHÒNG ĐIỀU PHỐI\nNÔNG THÔN MỚI", []string{"VĂN PHÒNG ĐIỀU PHỐI", "NÔNG THÔN MỚI"}},
		{"BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA TỈNH QUẢNG TRỊ", []string{"BAN CHỈ ĐẠO CÁC", "CHƯƠNG TRÌNH MỤC TIÊU", "QUỐC GIA TỈNH QUẢNG TRỊ"}},
	}
	// A date stays whole in a centred note.
	note := lineTexts(fs.balanced("(Kèm theo Báo cáo số …/BC-SKH ngày 25 tháng 6 năm 2021 của Sở Kế hoạch và Đầu tư)", font{italic, 14}, 165))
	if !strings.Contains(strings.Join(note, "|"), "ngày 25 tháng 6 năm 2021") {
		t.Errorf("a date was split: %q", note)
	}
	for _, tt := range tests {
		got := lineTexts(fs.breakName(tt.name, fa, width))
		if strings.Join(got, " / ") != strings.Join(tt.want, " / ") {
			t.Errorf("%q: %q, want %q", tt.name, got, tt.want)
		}
		for _, l := range fs.breakName(tt.name, fa, width) {
			if l.w > width {
				t.Errorf("%q: line %q is %.1f mm, wider than %.1f", tt.name, l.text(), l.w, width)
			}
		}
	}
}

// decreeLeftWidth is the width of the header's left column on a portrait
// page with the default margins.
func decreeLeftWidth() float64 { return 165 * 0.42 }
