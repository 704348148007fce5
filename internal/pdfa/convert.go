package pdfa

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// Options are what Convert adds beyond what the file says.
type Options struct {
	// Lang is the document's language (BCP 47, "vi"), set in the catalog
	// (/Lang) when the file has none and written as dc:language.
	Lang string
}

// Header is the header Convert writes: PDF 1.7 (the base of PDF/A-2) and
// the binary comment line (6.1.2).
const Header = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"

// Info is the document information dictionary, decoded.
type Info struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	CreationDate, ModDate                               string // as written, "D:20201208000000"
}

// Convert returns pdf rewritten as a PDF/A-2b candidate (see the package
// comment): the same objects, byte for byte, with a new header, a catalog
// carrying /Metadata, /OutputIntents (and /Lang), three new objects (the
// XMP, the ICC profile, the output intent), a new cross-reference table
// and a trailer with an /ID made from the input's SHA-256. The same input
// always gives the same output. A file that already carries an output
// intent or metadata has them replaced.
func Convert(pdf []byte, opt Options) ([]byte, error) { return ConvertAppend(nil, pdf, opt) }

// ConvertAppend is Convert writing after dst (which may be a buffer the
// caller reuses from one document to the next: a national run converts
// 20.000 reports, and a fresh buffer for each costs as much as the
// conversion). It returns the extended slice.
func ConvertAppend(dst, pdf []byte, opt Options) ([]byte, error) {
	f, err := parseFile(pdf)
	if err != nil {
		return nil, err
	}
	root := f.trailer.get("Root")
	if root.kind != kRef {
		return nil, fmt.Errorf("%w: trailer không có /Root", errSyntax)
	}
	catalog := f.obj(root.ref[0])
	if catalog == nil || catalog.val.kind != kDict || catalog.stream != nil {
		return nil, fmt.Errorf("%w: /Root không phải từ điển", errSyntax)
	}
	info := f.info()
	for _, v := range []string{info.Title, info.Author, info.Subject, info.Keywords, info.Creator, info.Producer, opt.Lang} {
		if !xmlText(v) {
			return nil, fmt.Errorf("%w: thông tin tài liệu có ký tự điều khiển mà XMP không chứa được: %q", ErrUnsupported, v)
		}
	}
	lang := opt.Lang
	if l := catalog.val.get("Lang"); l.kind == kString {
		lang = textString(l.str)
	}
	sum := sha256.Sum256(pdf)
	id := strings.ToUpper(hex.EncodeToString(sum[:16]))

	next := f.size
	xmpNum, iccNum, oiNum := next, next+1, next+2
	size := next + 3

	out := bytes.NewBuffer(dst)
	base := len(dst) // offsets count from the file's first byte
	out.Grow(len(pdf) + 8<<10)
	out.WriteString(Header)
	offsets := make([]int, size)
	gens := make([]int, size)
	for _, o := range f.objs {
		offsets[o.num] = out.Len() - base
		gens[o.num] = o.gen
		if o == catalog {
			fmt.Fprintf(out, "%d %d obj\n", o.num, o.gen)
			writeCatalog(out, catalog.val, xmpNum, oiNum, lang, opt.Lang != "" || catalog.val.get("Lang").kind != kNull)
			out.WriteString("\nendobj\n")
			continue
		}
		span := pdf[o.off:o.end]
		out.Write(span)
		if c := span[len(span)-1]; c != '\n' && c != '\r' {
			out.WriteByte('\n')
		}
	}
	xmp := XMP(info, lang)
	offsets[xmpNum] = out.Len() - base
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n", xmpNum, len(xmp))
	out.Write(xmp)
	out.WriteString("\nendstream\nendobj\n")

	SRGBProfile()
	offsets[iccNum] = out.Len() - base
	fmt.Fprintf(out, "%d 0 obj\n<< /N 3 /Alternate /DeviceRGB /Filter /FlateDecode /Length %d >>\nstream\n", iccNum, len(iccCompressed))
	out.Write(iccCompressed)
	out.WriteString("\nendstream\nendobj\n")

	offsets[oiNum] = out.Len() - base
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (%s) /Info (%s) /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R >>\nendobj\n",
		oiNum, ICCDescription, ICCDescription, iccNum)

	xref := out.Len() - base
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if offsets[n] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(out, "%010d %05d n \n", offsets[n], gens[n])
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d %d R\n", size, catalog.num, catalog.gen)
	if in := f.trailer.get("Info"); in.kind == kRef {
		fmt.Fprintf(out, "/Info %d %d R\n", in.ref[0], in.ref[1])
	}
	fmt.Fprintf(out, "/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n", id, id, xref)
	return out.Bytes(), nil
}

// writeCatalog writes the catalog's entries as they were, less those
// Convert sets, then /Metadata, /OutputIntents and /Lang.
func writeCatalog(out *bytes.Buffer, cat value, xmpNum, oiNum int, lang string, setLang bool) {
	out.WriteString("<<\n")
	for _, e := range cat.dict {
		switch e.key {
		case "Metadata", "OutputIntents":
			continue
		case "Lang":
			if setLang {
				continue
			}
		}
		out.WriteString("/" + e.key + " ")
		out.Write(e.val.raw)
		out.WriteByte('\n')
	}
	fmt.Fprintf(out, "/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n", xmpNum, oiNum)
	if setLang && lang != "" {
		out.WriteString("/Lang " + pdfString(lang) + "\n")
	}
	out.WriteString(">>")
}

// info reads the document information dictionary.
func (f *file) info() Info {
	d := f.resolve(f.trailer.get("Info"))
	s := func(k string) string {
		v := f.resolve(d.get(k))
		if v.kind != kString {
			return ""
		}
		return textString(v.str)
	}
	return Info{
		Title: s("Title"), Author: s("Author"), Subject: s("Subject"), Keywords: s("Keywords"),
		Creator: s("Creator"), Producer: s("Producer"), CreationDate: s("CreationDate"), ModDate: s("ModDate"),
	}
}

// pdfString writes s as a PDF text string: literal ASCII when it can,
// else UTF-16BE in hex.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e || s[i] == '(' || s[i] == ')' || s[i] == '\\' {
			ascii = false
		}
	}
	if ascii {
		return "(" + s + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

// xmpDate turns a PDF date ("D:20201208000000", "D:20201208073000+07'00'")
// into the XMP form ("2020-12-08T00:00:00", "2020-12-08T07:30:00+07:00")
// that PDF/A requires to be equal to it (6.6.2.3.1); "" when it is not a
// date.
func xmpDate(d string) string {
	d = strings.TrimPrefix(d, "D:")
	digits := 0
	for digits < len(d) && digits < 14 && d[digits] >= '0' && d[digits] <= '9' {
		digits++
	}
	if digits < 4 {
		return ""
	}
	num := d[:digits]
	parts := []string{num[:4]}
	for k := 4; k+2 <= len(num); k += 2 {
		parts = append(parts, num[k:k+2])
	}
	var b strings.Builder
	b.WriteString(parts[0])
	for i, p := range parts[1:] {
		switch i {
		case 0, 1:
			b.WriteString("-" + p)
		case 2:
			b.WriteString("T" + p)
		default:
			b.WriteString(":" + p)
		}
	}
	if len(parts) == 4 { // an hour without minutes: XMP needs both
		b.WriteString(":00")
	}
	if len(parts) < 4 {
		return b.String()
	}
	switch rest := d[digits:]; {
	case rest == "":
	case rest[0] == 'Z':
		b.WriteString("Z")
	case rest[0] == '+' || rest[0] == '-':
		tz := strings.ReplaceAll(rest[1:], "'", "")
		if len(tz) >= 4 {
			if _, err := strconv.Atoi(tz[:4]); err == nil {
				b.WriteString(rest[:1] + tz[:2] + ":" + tz[2:4])
			}
		} else if len(tz) == 2 {
			b.WriteString(rest[:1] + tz + ":00")
		}
	}
	return b.String()
}

// xmlText reports whether s holds only characters XML 1.0 allows, so that
// its XMP copy can equal it.
func xmlText(s string) bool {
	for _, r := range s {
		ok := r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
		if !ok {
			return false
		}
	}
	return true
}

// PageCount reads the number of pages of a PDF (the /Count of its page
// tree), for the archive's PageAmount; it parses only the catalog and the
// page tree's root.
func PageCount(pdf []byte) (int, error) {
	f, err := parseFile(pdf)
	if err != nil {
		return 0, err
	}
	pages := f.resolve(f.resolve(f.trailer.get("Root")).get("Pages"))
	if c := pages.get("Count"); c.kind == kNumber && c.num >= 0 {
		return int(c.num), nil
	}
	return 0, fmt.Errorf("%w: không có /Count của cây trang", errSyntax)
}
