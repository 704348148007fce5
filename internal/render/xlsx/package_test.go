package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// worksheetOrder is the sequence of a worksheet's child elements in the
// schema (ECMA-376 Part 1, CT_Worksheet): Excel asks to repair a sheet
// whose elements come in another order.
var worksheetOrder = strings.Fields(`sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr
	sheetProtection protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells
	phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter
	rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF
	picture oleObjects controls webPublishItems tableParts extLst`)

// TestPackageIsValid checks, on the sample's and a made-up province's
// workbooks, what makes Excel offer to repair a file: parts that are not
// well-formed XML, a worksheet's elements out of order, columns, rows or
// cells out of order, overlapping merges, rows too tall, duplicate cell
// formats, empty shared strings, relationships to missing parts, parts
// without a content type, names that refer to missing sheets.
func TestPackageIsValid(t *testing.T) {
	for _, c := range []struct {
		name string
		fx   func(testing.TB) *fixture
	}{
		{"sample", func(tb testing.TB) *fixture { return loadSample(tb) }},
		{"synthetic", func(tb testing.TB) *fixture { return synthetic(tb, 24) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := render(t, c.fx(t), h2021)
			checkPackage(t, r.data)
		})
	}
}

func checkPackage(t *testing.T, data []byte) {
	t.Helper()
	names, parts := zipParts(t, data)
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			t.Errorf("part %s twice", name)
		}
		seen[name] = true
	}
	if len(names) == 0 || names[0] != "[Content_Types].xml" {
		t.Errorf("the first part is not [Content_Types].xml")
	}
	for name, b := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := wellFormed(b); err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
			}
		}
	}
	checkContentTypes(t, parts)
	checkRelationships(t, parts)
	for name, b := range parts {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml") {
			checkWorksheet(t, name, b)
		}
	}
	checkStyles(t, parts["xl/styles.xml"])
	if ss, ok := parts["xl/sharedStrings.xml"]; ok {
		var sst struct {
			SI []struct {
				T string `xml:"t"`
				R []struct {
					T string `xml:"t"`
				} `xml:"r"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal(ss, &sst); err != nil {
			t.Fatal(err)
		}
		for i, si := range sst.SI {
			if si.T == "" && len(si.R) == 0 {
				t.Errorf("shared string %d is empty", i)
			}
		}
	}
	checkNames(t, parts["xl/workbook.xml"])
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func checkContentTypes(t *testing.T, parts map[string][]byte) {
	var ct struct {
		Defaults []struct {
			Extension string `xml:",attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName string `xml:",attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &ct); err != nil {
		t.Fatal(err)
	}
	ext, over := map[string]bool{}, map[string]bool{}
	for _, d := range ct.Defaults {
		ext[d.Extension] = true
	}
	for _, o := range ct.Overrides {
		over[strings.TrimPrefix(o.PartName, "/")] = true
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("content type for the missing part %s", o.PartName)
		}
	}
	for name := range parts {
		if name == "[Content_Types].xml" || over[name] || ext[strings.TrimPrefix(path.Ext(name), ".")] {
			continue
		}
		t.Errorf("part %s has no content type", name)
	}
}

func checkRelationships(t *testing.T, parts map[string][]byte) {
	for name, b := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			R []struct {
				Target     string `xml:",attr"`
				TargetMode string `xml:",attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(b, &rels); err != nil {
			t.Fatal(err)
		}
		// xl/worksheets/_rels/sheet1.xml.rels is about xl/worksheets/sheet1.xml.
		dir := path.Dir(path.Dir(name))
		for _, r := range rels.R {
			if r.TargetMode == "External" {
				continue
			}
			target := path.Clean(path.Join(dir, r.Target))
			if strings.HasPrefix(r.Target, "/") {
				target = strings.TrimPrefix(r.Target, "/")
			}
			if _, ok := parts[target]; !ok {
				t.Errorf("%s: relationship to the missing part %s", name, target)
			}
		}
	}
}

// checkWorksheet reads one worksheet's XML as a stream of tokens.
func checkWorksheet(t *testing.T, name string, b []byte) {
	d := xml.NewDecoder(bytes.NewReader(b))
	depth, last, lastRow, lastCol, lastColMax := 0, -1, 0, 0, 0
	order := map[string]int{}
	for i, e := range worksheetOrder {
		order[e] = i
	}
	var merges [][4]int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			attr := func(k string) string {
				for _, a := range el.Attr {
					if a.Name.Local == k {
						return a.Value
					}
				}
				return ""
			}
			switch {
			case depth == 2:
				i, ok := order[el.Name.Local]
				if !ok {
					t.Errorf("%s: unknown element %s", name, el.Name.Local)
				} else if i < last {
					t.Errorf("%s: %s after %s", name, el.Name.Local, worksheetOrder[last])
				} else if i == last && el.Name.Local != "conditionalFormatting" {
					t.Errorf("%s: %s twice", name, el.Name.Local)
				}
				last = max(last, i)
			case el.Name.Local == "col":
				lo, _ := strconv.Atoi(attr("min"))
				hi, _ := strconv.Atoi(attr("max"))
				if lo <= lastColMax || hi < lo {
					t.Errorf("%s: column %d-%d after %d", name, lo, hi, lastColMax)
				}
				if w, _ := strconv.ParseFloat(attr("width"), 64); w > 255 {
					t.Errorf("%s: column %d is %v wide", name, lo, w)
				}
				lastColMax = hi
			case el.Name.Local == "row":
				r, _ := strconv.Atoi(attr("r"))
				if r <= lastRow {
					t.Errorf("%s: row %d after row %d", name, r, lastRow)
				}
				if h, _ := strconv.ParseFloat(attr("ht"), 64); h > 409 {
					t.Errorf("%s: row %d is %v pt tall", name, r, h)
				}
				lastRow, lastCol = r, 0
			case el.Name.Local == "c":
				c, r, err := excelize.CellNameToCoordinates(attr("r"))
				if err != nil || r != lastRow || c <= lastCol {
					t.Errorf("%s: cell %s in row %d after column %d", name, attr("r"), lastRow, lastCol)
				}
				lastCol = c
			case el.Name.Local == "mergeCell":
				ref := strings.Split(attr("ref"), ":")
				c1, r1, _ := excelize.CellNameToCoordinates(ref[0])
				c2, r2, _ := excelize.CellNameToCoordinates(ref[len(ref)-1])
				m := [4]int{r1, c1, r2, c2}
				for _, o := range merges {
					if m[0] <= o[2] && o[0] <= m[2] && m[1] <= o[3] && o[1] <= m[3] {
						t.Errorf("%s: merge %s overlaps %v", name, attr("ref"), o)
					}
				}
				merges = append(merges, m)
			}
		case xml.EndElement:
			depth--
		}
	}
}

func checkStyles(t *testing.T, b []byte) {
	type raw struct {
		Inner string     `xml:",innerxml"`
		Attrs []xml.Attr `xml:",any,attr"`
	}
	var st struct {
		CellXfs []raw `xml:"cellXfs>xf"`
		Dxfs    []raw `xml:"dxfs>dxf"`
		NumFmts []struct {
			ID   string `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
	}
	if err := xml.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	key := func(r raw) string { return fmt.Sprint(r.Attrs) + r.Inner }
	for _, list := range []struct {
		what string
		xs   []raw
	}{{"cell format", st.CellXfs}, {"conditional format", st.Dxfs}} {
		seen := map[string]int{}
		for i, x := range list.xs {
			if j, dup := seen[key(x)]; dup {
				t.Errorf("%s %d is the same as %d", list.what, i, j)
			}
			seen[key(x)] = i
		}
	}
	codes := map[string]string{}
	for _, n := range st.NumFmts {
		if id, dup := codes[n.Code]; dup {
			t.Errorf("number format %q twice (%s, %s)", n.Code, id, n.ID)
		}
		codes[n.Code] = n.ID
	}
}

func checkNames(t *testing.T, b []byte) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
		Names []struct {
			Name  string `xml:"name,attr"`
			Local *int   `xml:"localSheetId,attr"`
			Value string `xml:",chardata"`
		} `xml:"definedNames>definedName"`
	}
	if err := xml.Unmarshal(b, &wb); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range wb.Sheets {
		n := strings.ToLower(s.Name)
		if seen[n] || len([]rune(s.Name)) > 31 || strings.ContainsAny(s.Name, `[]:*?/\`) || s.Name == "" {
			t.Errorf("sheet name %q is taken or not valid", s.Name)
		}
		seen[n] = true
	}
	names := map[string]bool{}
	for _, dn := range wb.Names {
		if dn.Local == nil || *dn.Local >= len(wb.Sheets) {
			t.Errorf("name %s is not tied to a sheet", dn.Name)
			continue
		}
		k := fmt.Sprint(dn.Name, *dn.Local)
		if names[k] {
			t.Errorf("name %s twice for sheet %d", dn.Name, *dn.Local)
		}
		names[k] = true
		sheet := wb.Sheets[*dn.Local].Name
		if !strings.HasPrefix(dn.Value, "'"+strings.ReplaceAll(sheet, "'", "''")+"'!") {
			t.Errorf("name %s of sheet %q refers to %s", dn.Name, sheet, dn.Value)
		}
	}
}
