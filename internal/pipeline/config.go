package pipeline

import (
	"os"
	"path/filepath"
	"strings"
)

// checkOut refuses an output folder that is the input folder or inside
// it: ntm never writes into input/ (init's forms excepted, which go to
// assessments/ by design). Both paths are compared after resolving
// symbolic links of the parts that exist.
func (cfg Config) checkOut() error {
	in, out := resolve(cfg.In), resolve(cfg.Out)
	if out == in || strings.HasPrefix(out, in+string(filepath.Separator)) {
		return &UsageError{Msg: "-out " + cfg.Out + ": thư mục ghi kết quả không được là thư mục dữ liệu đầu vào (" + cfg.In + ") hay nằm trong nó; chọn thư mục khác, ví dụ -out output"}
	}
	return nil
}

// resolve makes p absolute and resolves the symbolic links of its
// longest existing prefix.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// exists reports whether p names an existing file or folder.
func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
