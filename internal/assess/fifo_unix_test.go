//go:build unix

package assess

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe (or a link to one) called x.xlsx is refused without being
// opened: opening it would wait for a writer forever.
func TestReadFSNotRegular(t *testing.T) {
	dir := t.TempDir()
	per := filepath.Join(dir, "2021-H1")
	must(os.Mkdir(per, 0o755))
	if err := syscall.Mkfifo(filepath.Join(per, "x.xlsx"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	must(os.Symlink("x.xlsx", filepath.Join(per, "y.xlsx")))
	must(os.WriteFile(filepath.Join(per, "gio-mai.xlsx"), canonicalWith(nil)(), 0o644))
	must(os.Symlink("gio-mai.xlsx", filepath.Join(per, "z.xlsx")))
	done := make(chan struct{})
	var got []string
	var n int
	go func() {
		as, probs := ReadFS(os.DirFS(dir), "in", testCatalogue())
		got, n = messages(probs), len(as)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFS hangs on a named pipe")
	}
	want := []string{
		"in/2021-H1/x.xlsx: lỗi: không phải tệp thông thường (là đường ống FIFO); ntm chỉ đọc tệp thông thường: hãy chép tệp biểu .xlsx thật vào thư mục này",
		"in/2021-H1/y.xlsx: lỗi: không phải tệp thông thường (là đường ống FIFO); ntm chỉ đọc tệp thông thường: hãy chép tệp biểu .xlsx thật vào thư mục này",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || n != 2 {
		t.Errorf("%d read; problems:\n%s", n, strings.Join(got, "\n"))
	}
}
