package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The form every workbook case starts from, and where it goes.
const (
	victim     = "assessments/2021-H1/gio-my.xlsx"
	victimPath = "assessments/2021-H1/gio-my.xlsx"
)

// rewriteZip rewrites the victim form of the input copy: edit gets each
// part's name and contents and returns the new contents (nil drops it).
func rewriteZip(t *testing.T, in string, edit func(name string, data []byte) []byte) {
	t.Helper()
	p := filepath.Join(in, victimPath)
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		data = edit(f.Name, data)
		if data == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zr.Close()
	zw.Close()
	writeFile(t, in, victim, buf.Bytes())
}

// sheetPart is the first worksheet's part name in a form ntm wrote.
const sheetPart = "xl/worksheets/sheet1.xml"

// rawZip writes the victim as a zip whose sheet entry carries the given
// raw (deflated) bytes and declared sizes and CRC: a header that lies.
func rawZip(t *testing.T, in string, lie func(h *zip.FileHeader, raw []byte) []byte) {
	t.Helper()
	p := filepath.Join(in, victimPath)
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != sheetPart {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
			rc, _ := f.Open()
			io.Copy(w, rc)
			rc.Close()
			continue
		}
		rc, _ := f.OpenRaw()
		raw, _ := io.ReadAll(rc)
		h := f.FileHeader
		raw = lie(&h, raw)
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw)
	}
	zr.Close()
	zw.Close()
	writeFile(t, in, victim, buf.Bytes())
}

// bombZip writes the victim as a workbook whose sheet part inflates to
// size bytes of filler inside an otherwise valid sheet.
func bombZip(t *testing.T, in string, rows int) {
	t.Helper()
	rewriteZip(t, in, func(name string, data []byte) []byte {
		if name != sheetPart {
			return data
		}
		var b bytes.Buffer
		s := string(data)
		i := strings.Index(s, "<sheetData>") + len("<sheetData>")
		b.WriteString(s[:i])
		for r := 1; r <= rows; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
		}
		j := strings.Index(s, "</sheetData>")
		b.WriteString(s[j:])
		return b.Bytes()
	})
}

func xlsxCases() []hostileCase {
	v := victim
	return []hostileCase{
		{name: "form is a FIFO", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, v))
			syscall.Mkfifo(filepath.Join(in, v), 0o644)
		}, code: 1, want: []string{"gio-my.xlsx", "không phải tệp thông thường"}, time: 5 * time.Second},
		{name: "form is a symlink to /dev/zero", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, v))
			os.Symlink("/dev/zero", filepath.Join(in, v))
		}, code: 1, want: []string{"gio-my.xlsx", "không phải tệp thông thường"}, time: 5 * time.Second},
		{name: "form is a directory", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, v))
			os.Mkdir(filepath.Join(in, v), 0o755)
		}, code: 1, want: []string{"gio-my.xlsx: lỗi: là thư mục, không phải tệp biểu .xlsx"}},
		{name: "dangling symlink as a form", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, v))
			os.Symlink(filepath.Join(in, "khong-co"), filepath.Join(in, v))
		}, code: 1, want: []string{"gio-my.xlsx"}},
		{name: "empty file", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, v, nil)
		}, code: 1, want: []string{"gio-my.xlsx", "không phải là bảng tính Excel .xlsx"}},
		{name: "a text file named .xlsx", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, v, []byte("TT;Kết quả\n1.1;Đạt\n"))
		}, code: 1, want: []string{"gio-my.xlsx", "không phải là bảng tính Excel .xlsx"}},
		{name: "an .xls workbook", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, v))
			writeFile(t, in, "assessments/2021-H1/gio-my.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0})
		}, code: 1, want: []string{"gio-my.xls", "Save As"}},
		{name: "an .ods workbook", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, v))
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("mimetype")
			io.WriteString(w, "application/vnd.oasis.opendocument.spreadsheet")
			zw.Close()
			writeFile(t, in, "assessments/2021-H1/gio-my.ods", b.Bytes())
		}, code: 1, want: []string{"gio-my.ods", "LibreOffice Calc"}},
		{name: "password-protected workbook", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, v, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...))
		}, code: 1, want: []string{"gio-my.xlsx", "mật khẩu"}},
		{name: "zip cut in half", cmd: "check", setup: func(t *testing.T, in string) {
			b, _ := os.ReadFile(filepath.Join(in, v))
			writeFile(t, in, v, b[:len(b)/2])
		}, code: 1, want: []string{"gio-my.xlsx", "bị hỏng"}},
		{name: "a zip without a workbook", cmd: "check", setup: func(t *testing.T, in string) {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("readme.txt")
			io.WriteString(w, "không phải biểu")
			zw.Close()
			writeFile(t, in, v, b.Bytes())
		}, code: 1, want: []string{"gio-my.xlsx", "không có trang tính nào"}},
		{name: "sheet part cut in half", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == sheetPart {
					return data[:len(data)/2]
				}
				return data
			})
		}, code: 1, want: []string{"gio-my.xlsx", "bị hỏng"}},
		{name: "undefined entity", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == sheetPart {
					return bytes.Replace(data, []byte("<sheetData>"), []byte("<sheetData>&xxe;"), 1)
				}
				return data
			})
		}, code: 1, want: []string{"gio-my.xlsx", "bị hỏng"}},
		{name: "DOCTYPE with an entity (XXE)", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == sheetPart {
					return bytes.Replace(data, []byte("?>"), []byte("?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"), 1)
				}
				return data
			})
		}, code: 1, want: []string{"gio-my.xlsx", "DOCTYPE"}},
		{name: "billion laughs in shared strings", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == "xl/sharedStrings.xml" {
					lol := `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`
					return bytes.Replace(data, []byte("?>"), []byte("?>"+lol), 1)
				}
				return data
			})
		}, code: 1, want: []string{"gio-my.xlsx", "DOCTYPE"}, mem: 100 << 20},
		{name: "zip entry lying about its size", cmd: "check", setup: func(t *testing.T, in string) {
			rawZip(t, in, func(h *zip.FileHeader, raw []byte) []byte {
				h.UncompressedSize64 = 100
				return raw
			})
		}, code: 1, want: []string{"gio-my.xlsx", "bị hỏng"}},
		{name: "zip entry with a wrong CRC", cmd: "check", setup: func(t *testing.T, in string) {
			rawZip(t, in, func(h *zip.FileHeader, raw []byte) []byte {
				h.CRC32 ^= 0xFFFF
				return raw
			})
		}, code: 1, want: []string{"gio-my.xlsx", "CRC"}},
		{name: "corrupt deflate stream", cmd: "check", setup: func(t *testing.T, in string) {
			rawZip(t, in, func(h *zip.FileHeader, raw []byte) []byte {
				for i := len(raw) / 3; i < len(raw)/3+40 && i < len(raw); i++ {
					raw[i] ^= 0x5A
				}
				return raw
			})
		}, code: 1, want: []string{"gio-my.xlsx", "bị hỏng"}},
		{name: "zip bomb: a sheet inflating to 1 GB", cmd: "check", setup: func(t *testing.T, in string) {
			// 1 GB of spaces deflates to about 1 MB.
			rawZip(t, in, func(h *zip.FileHeader, _ []byte) []byte {
				var b bytes.Buffer
				fw, _ := flate.NewWriter(&b, flate.BestCompression)
				chunk := bytes.Repeat([]byte(" "), 1<<20)
				crc := crc32.NewIEEE()
				for i := 0; i < 1024; i++ {
					fw.Write(chunk)
					crc.Write(chunk)
				}
				fw.Close()
				h.Method = zip.Deflate
				h.CRC32 = crc.Sum32()
				h.CompressedSize64 = uint64(b.Len())
				h.UncompressedSize64 = 1 << 30
				return b.Bytes()
			})
		}, code: 1, want: []string{"gio-my.xlsx", "quá lớn"}, time: 10 * time.Second, mem: 150 << 20},
		{name: "a million one-cell rows", cmd: "check", setup: func(t *testing.T, in string) {
			bombZip(t, in, 1000000)
		}, code: 1, want: []string{"gio-my.xlsx"}, time: 10 * time.Second, mem: 150 << 20},
		{name: "a 10 MB cell", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == sheetPart {
					return bytes.Replace(data, []byte("<sheetData>"), []byte(`<sheetData><row r="9999"><c r="A9999" t="inlineStr"><is><t>`+strings.Repeat("Đạt ", 2500000)+`</t></is></c></row>`), 1)
				}
				return data
			})
		}, code: 0, time: 10 * time.Second, mem: 200 << 20},
		{name: "a 30 MB file", cmd: "check", setup: func(t *testing.T, in string) {
			f, _ := os.Create(filepath.Join(in, v))
			w := bufio.NewWriter(f)
			w.Write([]byte("PK\x03\x04"))
			for i := 0; i < 30<<20; i += 4096 {
				w.Write(bytes.Repeat([]byte{byte(i)}, 4096))
			}
			w.Flush()
			f.Close()
		}, code: 1, want: []string{"gio-my.xlsx", "bị hỏng"}, time: 10 * time.Second, mem: 200 << 20},
		{name: "a 50 MB file", cmd: "check", setup: func(t *testing.T, in string) {
			f, _ := os.Create(filepath.Join(in, v))
			f.Truncate(50 << 20)
			f.Close()
		}, code: 1, want: []string{"gio-my.xlsx", "tệp quá lớn"}, time: 5 * time.Second, mem: 100 << 20},
		{name: "Excel lock file beside the form", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, "assessments/2021-H1/~$gio-my.xlsx", []byte("lock"))
		}, code: 0},
		{name: "a period typed 2201-H1", cmd: "check", setup: func(t *testing.T, in string) {
			setCell(t, in, v, "Kỳ đánh giá:", "2201-H1")
		}, code: 1, want: []string{"gio-my.xlsx!Tự đánh giá!C7: lỗi: kỳ 2201-H1 nằm ngoài các năm của kế hoạch"}, check: func(t *testing.T, r result) {
			if n := strings.Count(r.stderr, "lỗi:"); n != 1 {
				t.Errorf("%d errors for one typo, want 1:\n%s", n, clipText(r.stderr))
			}
		}},
		{name: "deeply nested XML", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == sheetPart {
					return bytes.Replace(data, []byte("<sheetData>"), []byte("<sheetData>"+strings.Repeat("<x>", 200000)), 1)
				}
				return data
			})
		}, code: 1, want: []string{"gio-my.xlsx"}, time: 10 * time.Second, mem: 150 << 20},
		{name: "a merge over every cell", cmd: "check", setup: func(t *testing.T, in string) {
			rewriteZip(t, in, func(name string, data []byte) []byte {
				if name == sheetPart {
					return bytes.Replace(data, []byte("</sheetData>"), []byte(`</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>`), 1)
				}
				return data
			})
		}, code: 1, want: []string{"gio-my.xlsx"}, time: 10 * time.Second, mem: 150 << 20},
		{name: "a duplicate form", cmd: "check", setup: func(t *testing.T, in string) {
			b, _ := os.ReadFile(filepath.Join(in, v))
			writeFile(t, in, "assessments/2021-H1/gio-my-ban-sao.xlsx", b)
		}, code: 1, want: []string{"biểu của xã Gio Mỹ kỳ 2021-H1 trùng với tệp"}},
	}
}

// setCell sets the value right of a label in the victim form, through
// the zip (the value is an inline string replacing the cell).
func setCell(t *testing.T, in, name, label, value string) {
	t.Helper()
	rewriteZip(t, in, func(part string, data []byte) []byte {
		if part != "xl/sharedStrings.xml" {
			return data
		}
		// The sample forms keep their strings shared: replace the period
		// string itself.
		return bytes.Replace(data, []byte(">2021-H1<"), []byte(">"+value+"<"), 1)
	})
}
