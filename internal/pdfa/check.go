package pdfa

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
)

var headerRE = regexp.MustCompile(`^%PDF-1\.[0-7](\r\n|\n|\r)%`)

// goodHeader checks the header line and the comment of four bytes above
// 127 that follows it (6.1.2).
func goodHeader(b []byte) bool {
	loc := headerRE.FindIndex(b)
	if loc == nil || len(b) < loc[1]+4 {
		return false
	}
	for _, c := range b[loc[1] : loc[1]+4] {
		if c < 128 {
			return false
		}
	}
	return true
}

// maxICC bounds the decoded output intent profile that Check reads.
const maxICC = 4 << 20

// Check reads pdf back and returns, in Vietnamese, every PDF/A-2b rule it
// finds broken among those it can test; none means the file passed them
// all. It tests: the header and its binary comment; that the file parses
// as one revision whose cross-reference offsets all point at their
// objects and whose every stream /Length ends at its endstream; nothing
// but an end-of-line after %%EOF; a trailer /ID and no /Encrypt; the
// catalog's XMP metadata (an unfiltered /Metadata stream that
// encoding/xml parses, pdfaid part 2 and conformance B, and each entry of
// the information dictionary equal to its XMP equivalent); an
// /OutputIntents entry of subtype GTS_PDFA1 whose profile is a valid
// 3-component ICC profile; every font embedded (each font descriptor
// carries a font program); no transparency (soft masks, constant alpha
// below 1, blend modes other than Normal, transparency groups); no LZW,
// JavaScript, launch actions or embedded files; every annotation printable.
//
// It does not test what only a full validator such as veraPDF can: the
// operators of the content streams and the colour spaces used inside
// them, the glyph widths of the font programs against /W, the ToUnicode
// maps, the syntax of the XMP beyond these properties.
func Check(pdf []byte) []string {
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !goodHeader(pdf) {
		add("dòng đầu phải là %%PDF-1.0…1.7 và tiếp theo là dòng chú thích có 4 byte > 127 (6.1.2)")
	}
	if i := bytes.LastIndex(pdf, []byte("%%EOF")); i < 0 {
		add("thiếu %%%%EOF")
	} else if tail := string(pdf[i+5:]); tail != "" && tail != "\n" && tail != "\r\n" && tail != "\r" {
		add("có dữ liệu sau %%%%EOF (6.1.3)")
	}
	f, err := parseFile(pdf)
	if err == nil {
		err = f.loadAll()
	}
	if err != nil {
		add("không đọc được cấu trúc tệp: %v", err)
		return probs
	}
	id := f.trailer.get("ID")
	if id.kind != kArray || len(id.items) != 2 || id.items[0].kind != kString || id.items[1].kind != kString {
		add("trailer thiếu /ID gồm hai chuỗi (6.1.3)")
	}
	cat := f.resolve(f.trailer.get("Root"))
	if cat.kind != kDict || !cat.get("Type").isName("Catalog") {
		add("trailer không chỉ tới /Catalog")
		return probs
	}
	checkMetadata(f, cat, add)
	checkOutputIntent(f, cat, add)
	for _, o := range f.objs {
		walk(o.val, 0, func(d value) { checkDict(f, o.num, d, add) })
	}
	return probs
}

func checkMetadata(f *file, cat value, add func(string, ...any)) {
	mref := cat.get("Metadata")
	if mref.kind != kRef || f.obj(mref.ref[0]) == nil || f.obj(mref.ref[0]).stream == nil {
		add("catalog thiếu luồng /Metadata (6.6.2.1)")
		return
	}
	mo := f.byNum[mref.ref[0]]
	if !mo.val.get("Type").isName("Metadata") || !mo.val.get("Subtype").isName("XML") {
		add("luồng metadata phải có /Type /Metadata /Subtype /XML")
	}
	if mo.val.get("Filter").kind != kNull {
		add("luồng metadata không được nén (để đọc được không cần giải mã)")
		return
	}
	m, err := ParseXMP(mo.stream)
	if err != nil {
		add("XMP không hợp lệ: %v", err)
		return
	}
	if m.Part != "2" || m.Conformance != "B" {
		add("XMP ghi pdfaid:part %q, conformance %q; cần 2 và B", m.Part, m.Conformance)
	}
	info := f.info()
	pairs := []struct{ name, pdf, xmp string }{
		{"Title/dc:title", info.Title, m.Title},
		{"Author/dc:creator", info.Author, m.Creator},
		{"Subject/dc:description", info.Subject, m.Description},
		{"Keywords/pdf:Keywords", info.Keywords, m.Keywords},
		{"Producer/pdf:Producer", info.Producer, m.Producer},
		{"Creator/xmp:CreatorTool", info.Creator, m.CreatorTool},
		{"CreationDate/xmp:CreateDate", xmpDate(info.CreationDate), m.CreateDate},
		{"ModDate/xmp:ModifyDate", xmpDate(info.ModDate), m.ModifyDate},
	}
	for _, p := range pairs {
		if p.pdf != "" && p.pdf != p.xmp {
			add("%s khác nhau: %q trong /Info, %q trong XMP (6.6.3)", p.name, p.pdf, p.xmp)
		}
	}
}

func checkOutputIntent(f *file, cat value, add func(string, ...any)) {
	ois := f.resolve(cat.get("OutputIntents"))
	if ois.kind != kArray {
		add("catalog thiếu /OutputIntents (6.2.3)")
		return
	}
	found := false
	for _, it := range ois.items {
		oi := f.resolve(it)
		if !oi.get("S").isName("GTS_PDFA1") {
			continue
		}
		found = true
		pref := oi.get("DestOutputProfile")
		if pref.kind != kRef || f.obj(pref.ref[0]) == nil || f.obj(pref.ref[0]).stream == nil {
			add("output intent thiếu /DestOutputProfile")
			continue
		}
		po := f.byNum[pref.ref[0]]
		data := po.stream
		if po.val.get("Filter").isName("FlateDecode") {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				add("không giải nén được hồ sơ ICC: %v", err)
				continue
			}
			data, err = io.ReadAll(io.LimitReader(r, maxICC))
			if err != nil {
				add("không giải nén được hồ sơ ICC: %v", err)
				continue
			}
		} else if po.val.get("Filter").kind != kNull {
			add("hồ sơ ICC dùng bộ lọc không kiểm tra được")
			continue
		}
		if err := checkICC(data); err != nil {
			add("hồ sơ ICC không hợp lệ: %v", err)
		}
		if n := po.val.get("N"); n.kind != kNumber || n.num != 3 {
			add("hồ sơ ICC của output intent phải có /N 3 (RGB)")
		}
	}
	if !found {
		add("không có output intent /S /GTS_PDFA1 (6.2.3)")
	}
}

// checkICC checks the structure of an ICC profile: its size, signature,
// colour space and tag table.
func checkICC(p []byte) error {
	be := func(b []byte) uint32 { return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]) }
	if len(p) < 132 {
		return fmt.Errorf("quá ngắn (%d byte)", len(p))
	}
	if int(be(p)) != len(p) {
		return fmt.Errorf("kích thước ghi %d, thực %d", be(p), len(p))
	}
	if string(p[36:40]) != "acsp" {
		return fmt.Errorf("thiếu chữ ký acsp")
	}
	if string(p[16:20]) != "RGB " {
		return fmt.Errorf("không gian màu %q, cần RGB", p[16:20])
	}
	if v := p[8]; v < 2 || v > 4 {
		return fmt.Errorf("phiên bản ICC %d", v)
	}
	n := int(be(p[128:]))
	if 132+12*n > len(p) {
		return fmt.Errorf("bảng thẻ vượt khỏi hồ sơ")
	}
	need := map[string]bool{"desc": false, "wtpt": false, "rXYZ": false, "gXYZ": false, "bXYZ": false, "rTRC": false, "gTRC": false, "bTRC": false}
	for i := 0; i < n; i++ {
		e := p[132+12*i:]
		off, size := be(e[4:]), be(e[8:])
		if uint64(off)+uint64(size) > uint64(len(p)) {
			return fmt.Errorf("thẻ %q vượt khỏi hồ sơ", e[:4])
		}
		if _, ok := need[string(e[:4])]; ok {
			need[string(e[:4])] = true
		}
	}
	for k, ok := range need {
		if !ok {
			return fmt.Errorf("thiếu thẻ %s", k)
		}
	}
	return nil
}

// walk calls fn for every dictionary in v, nested ones included.
func walk(v value, depth int, fn func(value)) {
	if depth > maxDepth {
		return
	}
	switch v.kind {
	case kDict:
		fn(v)
		for _, e := range v.dict {
			walk(e.val, depth+1, fn)
		}
	case kArray:
		for _, it := range v.items {
			walk(it, depth+1, fn)
		}
	}
}

func checkDict(f *file, num int, d value, add func(string, ...any)) {
	switch {
	case d.get("Type").isName("FontDescriptor"):
		if d.get("FontFile").kind == kNull && d.get("FontFile2").kind == kNull && d.get("FontFile3").kind == kNull {
			add("đối tượng %d: phông %s không được nhúng (6.2.11.4)", num, d.get("FontName").str)
		}
	case d.get("Type").isName("Font"):
		switch st := d.get("Subtype"); {
		case st.isName("Type1"), st.isName("TrueType"), st.isName("MMType1"), st.isName("CIDFontType0"), st.isName("CIDFontType2"):
			if d.get("FontDescriptor").kind == kNull {
				add("đối tượng %d: phông %s không có FontDescriptor (phông không nhúng)", num, d.get("BaseFont").str)
			}
		}
	case d.get("Type").isName("Annot") || d.get("Subtype").kind == kName && d.get("Rect").kind == kArray:
		if fl := f.resolve(d.get("F")); fl.kind != kNumber || int(fl.num)&4 == 0 || int(fl.num)&(1|2|32) != 0 {
			add("đối tượng %d: chú thích phải có cờ in và không ẩn (6.3.2)", num)
		}
	}
	for _, e := range d.dict {
		v := f.resolve(e.val)
		switch e.key {
		case "SMask":
			if !v.isName("None") {
				add("đối tượng %d: có mặt nạ trong suốt /SMask (6.4)", num)
			}
		case "CA", "ca":
			if v.kind == kNumber && v.num < 1 {
				add("đối tượng %d: độ trong suốt /%s %g (6.4)", num, e.key, v.num)
			}
		case "BM":
			if !v.isName("Normal") && !v.isName("Compatible") {
				add("đối tượng %d: chế độ hòa trộn /BM khác Normal (6.4)", num)
			}
		case "Group":
			if v.get("S").isName("Transparency") {
				add("đối tượng %d: nhóm trong suốt (6.4)", num)
			}
		case "Filter":
			if v.isName("LZWDecode") || v.kind == kArray && containsName(v.items, "LZWDecode") {
				add("đối tượng %d: bộ lọc LZWDecode (6.1.7.2)", num)
			}
		case "JS", "JavaScript":
			add("đối tượng %d: có JavaScript (6.5.1)", num)
		case "S":
			if v.isName("JavaScript") || v.isName("Launch") || v.isName("ImportData") || v.isName("ResetForm") {
				add("đối tượng %d: hành động /%s không được phép (6.5.1)", num, v.str)
			}
		case "EmbeddedFiles":
			if names := f.resolve(v.get("Names")); names.kind == kArray && len(names.items) > 0 {
				add("đối tượng %d: có tệp đính kèm; PDF/A-2 chỉ cho phép đính kèm tệp PDF/A (6.8)", num)
			}
		case "Encrypt":
			add("đối tượng %d: tệp được mã hóa (6.1.3)", num)
		}
	}
}

func containsName(items []value, n string) bool {
	for _, it := range items {
		if it.isName(n) {
			return true
		}
	}
	return false
}
