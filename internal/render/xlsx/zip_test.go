package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestSortedZipPieces: parts cut into pieces compressed on their own
// read back whole (the zip reader checks each part's CRC and sizes),
// in the fixed order, and the file is the same for any number of
// workers and however the writes are split.
func TestSortedZipPieces(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 64
	parts := []struct{ name, data string }{
		{"xl/worksheets/sheet2.xml", strings.Repeat("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", 40)},
		{"[Content_Types].xml", "<Types/>"},
		{"xl/empty.xml", ""},
		{"_rels/.rels", strings.Repeat("x", 64)}, // exactly one piece
		{"xl/worksheets/sheet1.xml", strings.Repeat("Hải Lệ, Cam Chính; ", 100)},
	}
	write := func(workers, split int) []byte {
		var out bytes.Buffer
		z := newSortedZip(&out, workers)
		for _, p := range parts {
			w, err := z.Create(p.name)
			if err != nil {
				t.Fatal(err)
			}
			for b := []byte(p.data); len(b) > 0; {
				k := min(split, len(b))
				if _, err := w.Write(b[:k]); err != nil {
					t.Fatal(err)
				}
				b = b[k:]
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	want := write(1, 1000)
	for _, c := range []struct{ workers, split int }{{1, 1}, {2, 7}, {4, 64}, {8, 65}, {3, 5000}} {
		if got := write(c.workers, c.split); !bytes.Equal(got, want) {
			t.Errorf("%d workers, writes of %d bytes: a different file", c.workers, c.split)
		}
	}
	names, got := zipParts(t, want)
	order := []string{"[Content_Types].xml", "_rels/.rels", "xl/empty.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
	if strings.Join(names, " ") != strings.Join(order, " ") {
		t.Errorf("parts %q, want %q", names, order)
	}
	for _, p := range parts {
		if string(got[p.name]) != p.data {
			t.Errorf("%s: read back %d bytes, want %d", p.name, len(got[p.name]), len(p.data))
		}
	}
}

// zipParts reads every part of a zip file (the reader checks each one's
// CRC and sizes): the names in the file's order, the contents by name.
func zipParts(tb testing.TB, data []byte) ([]string, map[string][]byte) {
	tb.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	parts := map[string][]byte{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		parts[f.Name] = b
	}
	return names, parts
}

// TestSortedZipTwice: a part written twice is refused.
func TestSortedZipTwice(t *testing.T) {
	var out bytes.Buffer
	z := newSortedZip(&out, 2)
	for range 2 {
		w, _ := z.Create("a.xml")
		fmt.Fprint(w, "x")
	}
	if err := z.Close(); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Fatalf("Close: %v, want a part written twice", err)
	}
}
