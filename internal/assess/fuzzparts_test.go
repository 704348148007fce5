package assess

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// tokens runs the scanner over data and writes its tokens, text between
// tags joined (a window may cut a text in pieces), and its error.
func tokens(data []byte, window int, oneByte bool) string {
	var b strings.Builder
	r := bytes.NewReader(data)
	var s *xmlScanner
	if oneByte {
		s = newScanner(context.Background(), iotest.OneByteReader(r), make([]byte, window))
	} else {
		s = newScanner(context.Background(), r, nil)
	}
	if window < scanWindow {
		s.buf = make([]byte, window)
	}
	var text []byte
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "T%q ", text)
			text = text[:0]
		}
	}
	n := 0
	for s.next() {
		if n++; n > 1<<20 {
			return "too many tokens"
		}
		switch s.kind {
		case tokText:
			if s.cdata {
				text = append(text, "<![CDATA["...)
			}
			text = append(text, s.text...)
		case tokStart:
			flush()
			if len(s.name) == 0 {
				return "start tag without a name"
			}
			fmt.Fprintf(&b, "<%s %q %v> ", s.name, s.attrs, s.self)
		case tokEnd:
			flush()
			fmt.Fprintf(&b, "</%s> ", s.name)
		}
	}
	if s.err != nil {
		// The text the error cut short is window-dependent (a small
		// window hands out its start before the error is seen), so only
		// the tags before it and the error itself are compared.
		fmt.Fprintf(&b, "error %v", s.err)
		return b.String()
	}
	flush()
	return b.String()
}

// FuzzScanner: the XML tokenizer never panics, always ends, and gives the
// same tokens through a 32 KB window as through a 7-byte one fed one byte
// at a time (the refill and growth paths).
func FuzzScanner(f *testing.F) {
	f.Add([]byte(sheetXML(smallForm(), `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`)))
	f.Add([]byte(`<?xml version="1.0"?><!-- c --><a x="1>2" y='3'><b/>t&amp;<![CDATA[<x>]]></a>`))
	f.Add([]byte(`<!DOCTYPE a><a/>`))
	f.Add([]byte(`<a><b></a>`))
	f.Add([]byte(`<x:a xmlns:x="u"><x:b r="A1">&#x1F600;&#0;</x:b></x:a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		big := tokens(data, scanWindow, false)
		small := tokens(data, 7, true)
		if big != small {
			t.Fatalf("window changes the tokens:\n32 KB: %.500s\n7 B:   %.500s", big, small)
		}
		for _, attrs := range [][]byte{data} {
			if v, ok := attr(attrs, "r"); ok && utf8.Valid(data) && !utf8.ValidString(v) {
				t.Fatalf("attr gives invalid UTF-8 %q", v)
			}
		}
	})
}

// checkRead runs Read on a workbook and checks what it returns.
func checkRead(t *testing.T, data []byte) {
	t.Helper()
	cat := testCatalogue()
	a, probs := Read(testFile, bytes.NewReader(data), cat)
	for _, p := range probs {
		if p.Msg == "" || !strings.HasPrefix(p.Pos.File, testFile) {
			t.Fatalf("bad problem %+v", p)
		}
		if len(p.Msg) > 2000 {
			t.Fatalf("a message of %d bytes", len(p.Msg))
		}
	}
	if a == nil {
		return
	}
	for _, v := range a.Values {
		if v.Cell.String() == "" || math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
			t.Fatalf("bad value %+v", v)
		}
	}
}

// FuzzSheet: any worksheet part inside a valid workbook.
func FuzzSheet(f *testing.F) {
	f.Add(sheetXML(smallForm(), `<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="D5:D6"/></mergeCells>`))
	f.Add(`<worksheet><sheetData><row><c t="s"><v>0</v></c><c r="XFD1048576"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="4"><c r="A4" t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row></sheetData><mergeCells><mergeCell ref="B9:A1"/></mergeCells></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		if len(sheet) > 1<<16 {
			return
		}
		checkRead(t, rawBook(sheet, `<sst><si><t>Đạt</t></si></sst>`))
	})
}

// FuzzSharedStrings: any shared-strings part, cells pointing into it.
func FuzzSharedStrings(f *testing.F) {
	f.Add(`<sst count="2"><si><t>TT</t></si><si><r><rPr><rFont val=".VnTime"/></rPr><t>§¹t</t></r><rPh><t>x</t></rPh></si><si/></sst>`)
	f.Add(`<sst><si><t xml:space="preserve"> a_x000D_b </t></si></sst>`)
	f.Fuzz(func(t *testing.T, sst string) {
		if len(sst) > 1<<16 {
			return
		}
		rows := `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`
		rows += strings.TrimPrefix(sheetXML(smallForm()[1:], ""), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		checkRead(t, rawBook(rows, sst))
	})
}

// FuzzStyles: any styles part, cells using its formats.
func FuzzStyles(f *testing.F) {
	f.Add(`<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts><font><name val=".VnTime"/></font><font><name val="VNI-Times"/></font></fonts><cellXfs><xf numFmtId="164" fontId="0"/><xf numFmtId="14" fontId="1"/></cellXfs></styleSheet>`)
	f.Add(`<styleSheet><cellStyleXfs><xf numFmtId="9"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="10" fontId="99"><alignment/></xf></cellXfs></styleSheet>`)
	f.Fuzz(func(t *testing.T, styles string) {
		if len(styles) > 1<<16 {
			return
		}
		sheet := strings.ReplaceAll(sheetXML(smallForm(), ""), `t="inlineStr"`, `s="1" t="inlineStr"`)
		sheet = strings.Replace(sheet, `<c r="C8" s="1" t="inlineStr"><is><t>80</t></is></c>`, `<c r="C8" s="0"><v>0.8</v></c>`, 1)
		checkRead(t, rawBookStyled(sheet, "", styles))
	})
}
