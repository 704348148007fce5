package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// otherCases are the other files a clerk writes: report templates
// overriding the embedded ones, a period's narrative, a province's
// criteria file; and init's own troubles.
func otherCases() []hostileCase {
	const tpl = "templates/report/ket-thuc.tmpl"
	const narr = "assessments/2021-H1/bao-cao.toml"
	const crit = "criteria/quang-tri.toml"
	return []hostileCase{
		{name: "template ranging over a number", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, tpl, []byte("Trên đây là báo cáo.\n{{range 1000000000}}x{{end}}\n"))
		}, code: 1, want: []string{"templates/report/ket-thuc.tmpl:2:"}, time: 5 * time.Second},
		{name: "template calling printf", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, tpl, []byte(`{{printf "%d" 1}}`))
		}, code: 1, want: []string{"templates/report/ket-thuc.tmpl:1:", "printf"}},
		{name: "template with a syntax error", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, tpl, []byte("Dòng một\n{{if .X}\n"))
		}, code: 1, want: []string{"templates/report/ket-thuc.tmpl:2"}},
		{name: "template over 256 KB", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, tpl, []byte(strings.Repeat("Trên đây là báo cáo. ", 20000)))
		}, code: 1, want: []string{"ket-thuc.tmpl", "quá lớn"}},
		{name: "template is a FIFO", cmd: "check", setup: func(t *testing.T, in string) {
			os.MkdirAll(filepath.Join(in, "templates/report"), 0o755)
			syscall.Mkfifo(filepath.Join(in, tpl), 0o644)
		}, code: 1, want: []string{"ket-thuc.tmpl", "không phải tệp thường"}, time: 5 * time.Second},
		{name: "narrative with 10,000 nested tables", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, narr, []byte("x = "+strings.Repeat("{a = ", 10000)+"1"+strings.Repeat("}", 10000)+"\n"))
		}, code: 1, want: []string{"bao-cao.toml:", "lồng nhau"}, time: 3 * time.Second, mem: 100 << 20},
		{name: "narrative over 1 MB", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, narr, []byte("[text]\nimplementation = [\""+strings.Repeat("Nội dung. ", 200000)+"\"]\n"))
		}, code: 1, want: []string{"bao-cao.toml", "quá lớn"}},
		{name: "narrative is a FIFO", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, narr))
			syscall.Mkfifo(filepath.Join(in, narr), 0o644)
		}, code: 1, want: []string{"bao-cao.toml", "không phải tệp thông thường"}, time: 5 * time.Second},
		{name: "narrative key misspelt", cmd: "check", setup: func(t *testing.T, in string) {
			b, _ := os.ReadFile(filepath.Join(in, narr))
			writeFile(t, in, narr, []byte(strings.Replace(string(b), "[document]", "[documnet]", 1)))
		}, code: 1, want: []string{"bao-cao.toml:", "có phải ý là \"document\"?"}},
		{name: "province criteria file is a FIFO", cmd: "check", setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, crit))
			syscall.Mkfifo(filepath.Join(in, crit), 0o644)
		}, code: 1, want: []string{"quang-tri.toml", "không phải tệp thông thường"}, time: 5 * time.Second},
		{name: "province criteria file for an unknown set", cmd: "check", setup: func(t *testing.T, in string) {
			b, _ := os.ReadFile(filepath.Join(in, crit))
			writeFile(t, in, crit, []byte(strings.Replace(string(b), `set = "qd1980-2016"`, `set = "qd1980"`, 1)))
		}, code: 1, want: []string{"quang-tri.toml:", "qd1980"}},
		{name: "province criteria file with nested tables", cmd: "check", setup: func(t *testing.T, in string) {
			writeFile(t, in, crit, []byte("set = \"qd1980-2016\"\nx = "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n"))
		}, code: 1, want: []string{"quang-tri.toml:", "lồng nhau"}, time: 3 * time.Second},
		{name: "a commune name 300 characters long", cmd: "init", args: []string{"-period", "2021-H2"}, setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string {
				return strings.Replace(s, `name = "Thuận"`, `name = "`+strings.Repeat("Thuận ", 50)+`"`, 1)
			})
		}, code: 1, want: []string{"plan.toml:", "communes[0].name"}},
		{name: "a commune id leading out of the folder", cmd: "init", args: []string{"-period", "2021-H2"}, setup: func(t *testing.T, in string) {
			editPlan(t, in, func(s string) string { return strings.Replace(s, `id = "thuan"`, `id = "../../thuan"`, 1) })
		}, code: 1, want: []string{"plan.toml:", "communes[0].id"}},
		{name: "init beside a dangling symlink", cmd: "init", args: []string{"-period", "2021-H1"}, setup: func(t *testing.T, in string) {
			os.Remove(filepath.Join(in, victim))
			os.Symlink(filepath.Join(in, "khong-co"), filepath.Join(in, victim))
		}, code: 1, want: []string{"gio-my.xlsx"}},
		{name: "init with a duplicate form on file", cmd: "init", args: []string{"-period", "2021-H2"}, setup: func(t *testing.T, in string) {
			b, _ := os.ReadFile(filepath.Join(in, victim))
			writeFile(t, in, "assessments/2021-H1/gio-my-2.xlsx", b)
		}, code: 1, want: []string{"trùng với tệp"}, check: func(t *testing.T, r result) {
			if !strings.Contains(r.stdout, "đã ghi") {
				t.Errorf("init wrote no form for the other communes:\n%s", r.stdout)
			}
		}},
	}
}
