package pdfa

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// XMP is the metadata packet Convert embeds for info: the PDF/A
// identification (part 2, conformance B) and, for each entry of the
// information dictionary, its XMP equivalent with the same value
// (ISO 19005-2, 6.6.2.3 and 6.6.3): Title → dc:title, Author →
// dc:creator, Subject → dc:description, Keywords → pdf:Keywords, Creator
// → xmp:CreatorTool, Producer → pdf:Producer, CreationDate →
// xmp:CreateDate, ModDate → xmp:ModifyDate. lang, when set, is written as
// dc:language. Only properties of the predefined schemas are used, so no
// extension schema is needed.
func XMP(info Info, lang string) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
`)
	if info.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(info.Title))
	}
	if info.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(info.Author))
	}
	if info.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(info.Subject))
	}
	if lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(lang))
	}
	if info.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(info.Keywords))
	}
	if info.Producer != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(info.Producer))
	}
	if info.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(info.Creator))
	}
	if d := xmpDate(info.CreationDate); d != "" {
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n", d)
	}
	if d := xmpDate(info.ModDate); d != "" {
		fmt.Fprintf(&b, "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", d)
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Room for an editor to update the packet in place (XMP, 7.3.2).
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 8))
	b.WriteString(`<?xpacket end="w"?>`)
	return b.Bytes()
}

// Metadata is what ParseXMP reads back from a packet.
type Metadata struct {
	Part, Conformance      string
	Title, Creator         string // dc:title (x-default), dc:creator (first)
	Description            string
	Language               string
	Keywords, Producer     string
	CreatorTool            string
	CreateDate, ModifyDate string
}

// ParseXMP reads the properties that XMP writes, with encoding/xml (an
// independent reading of the packet: a malformed packet is an error).
func ParseXMP(packet []byte) (Metadata, error) {
	type list struct {
		Alt []string `xml:"Alt>li"`
		Seq []string `xml:"Seq>li"`
		Bag []string `xml:"Bag>li"`
	}
	var doc struct {
		RDF struct {
			Descriptions []struct {
				Part        string `xml:"http://www.aiim.org/pdfa/ns/id/ part"`
				Conformance string `xml:"http://www.aiim.org/pdfa/ns/id/ conformance"`
				Title       list   `xml:"http://purl.org/dc/elements/1.1/ title"`
				Creator     list   `xml:"http://purl.org/dc/elements/1.1/ creator"`
				Description list   `xml:"http://purl.org/dc/elements/1.1/ description"`
				Language    list   `xml:"http://purl.org/dc/elements/1.1/ language"`
				Keywords    string `xml:"http://ns.adobe.com/pdf/1.3/ Keywords"`
				Producer    string `xml:"http://ns.adobe.com/pdf/1.3/ Producer"`
				CreatorTool string `xml:"http://ns.adobe.com/xap/1.0/ CreatorTool"`
				CreateDate  string `xml:"http://ns.adobe.com/xap/1.0/ CreateDate"`
				ModifyDate  string `xml:"http://ns.adobe.com/xap/1.0/ ModifyDate"`
			} `xml:"Description"`
		} `xml:"RDF"`
	}
	if err := xml.Unmarshal(packet, &doc); err != nil {
		return Metadata{}, fmt.Errorf("XMP: %w", err)
	}
	var m Metadata
	first := func(l list) string {
		for _, s := range [][]string{l.Alt, l.Seq, l.Bag} {
			if len(s) > 0 {
				return s[0]
			}
		}
		return ""
	}
	for _, d := range doc.RDF.Descriptions {
		set := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		set(&m.Part, d.Part)
		set(&m.Conformance, d.Conformance)
		set(&m.Title, first(d.Title))
		set(&m.Creator, first(d.Creator))
		set(&m.Description, first(d.Description))
		set(&m.Language, first(d.Language))
		set(&m.Keywords, d.Keywords)
		set(&m.Producer, d.Producer)
		set(&m.CreatorTool, d.CreatorTool)
		set(&m.CreateDate, d.CreateDate)
		set(&m.ModifyDate, d.ModifyDate)
	}
	return m, nil
}
