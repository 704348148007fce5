package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "plan.toml")
	os.WriteFile(reg, []byte("a = 1\n"), 0o644)
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, make([]byte, 2048), 0o644)
	fifo := filepath.Join(dir, "fifo.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml"))
	os.Symlink(filepath.Join(dir, "nothing"), filepath.Join(dir, "dangling.toml"))
	os.Mkdir(filepath.Join(dir, "sub.toml"), 0o755)
	tests := []struct {
		name, want string
	}{
		{"plan.toml", ""},
		{"big.toml", "tệp quá lớn (2 KB), tối đa 1 KB"},
		{"fifo.xlsx", "không phải tệp thông thường (là đường ống FIFO)"},
		{"zero.toml", "không phải tệp thông thường (là thiết bị)"},
		{"dangling.toml", "tệp không tồn tại"},
		{"sub.toml", "không phải tệp thông thường (là thư mục)"},
		{"missing.toml", "tệp không tồn tại"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			data, err := Read(filepath.Join(dir, tt.name), 1024)
			if time.Since(start) > time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tt.want == "" {
				if err != nil || string(data) != "a = 1\n" {
					t.Errorf("Read = %q, %v", data, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(e.Msg, tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
