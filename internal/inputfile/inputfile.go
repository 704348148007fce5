// Package inputfile reads the files a clerk puts in input/ the only safe
// way: a regular file (not a FIFO, a device, or a symbolic link to one),
// opened without blocking, read through a size limit, with the reason in
// Vietnamese when it cannot be. Part of the "load and validate" stage;
// it imports nothing from ntm.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Error says why a file could not be read, in Vietnamese, with its path.
type Error struct {
	Path string
	Msg  string
	Err  error // the underlying error, if any
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by the error for a file over the limit.
var ErrTooLarge = errors.New("tệp quá lớn")

// Read returns the contents of the regular file at path, at most limit
// bytes. It opens the file with O_NONBLOCK so that a FIFO cannot hang the
// program, checks that what it opened is a regular file (following a
// symbolic link, but refusing one that leads to a device), and stops
// reading past limit.
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &Error{Path: path, Msg: Describe(err), Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Msg: Describe(err), Err: err}
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Path: path, Msg: "không phải tệp thông thường (" + Kind(st.Mode()) + "); ntm chỉ đọc tệp thông thường"}
	}
	if st.Size() > limit {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("tệp quá lớn (%s), tối đa %s", size(st.Size()), size(limit)), Err: ErrTooLarge}
	}
	// The size may change while reading (a file being copied in): read
	// through the limit anyway.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{Path: path, Msg: Describe(err), Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("tệp quá lớn (trên %s)", size(limit)), Err: ErrTooLarge}
	}
	return data, nil
}

// Regular reports whether the directory entry is a regular file, or a
// symbolic link to one, without opening it.
func Regular(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	return st.Mode().IsRegular(), nil
}

// Kind words a file's kind for a message: "là thư mục", "là đường ống
// FIFO", "là thiết bị".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "là thư mục"
	case m&fs.ModeNamedPipe != 0:
		return "là đường ống FIFO"
	case m&fs.ModeSocket != 0:
		return "là socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "là thiết bị"
	}
	return "loại tệp " + m.Type().String()
}

// Describe words an OS error in Vietnamese.
func Describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "tệp không tồn tại"
	case errors.Is(err, fs.ErrPermission):
		return "không có quyền đọc tệp"
	case errors.Is(err, syscall.EISDIR):
		return "là thư mục, không phải tệp"
	case errors.Is(err, syscall.ELOOP):
		return "liên kết tượng trưng vòng quanh"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "tên tệp quá dài"
	case errors.Is(err, syscall.EIO):
		return "lỗi đọc đĩa"
	}
	return "không đọc được (" + err.Error() + ")"
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
