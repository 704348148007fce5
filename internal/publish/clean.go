package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// isTemp reports a temporary file or folder name this package makes:
// ".<target>.tmp-<random>".
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// CleanStale removes the temporary files and folders a killed run left
// below dir (a crash between writing and renaming leaves a complete
// ".<name>.tmp-*" that no one would ever rename). It must only run while
// holding the folder's Lock, so that it never removes the temporary file
// of a run in progress. It returns how many it removed.
func CleanStale(dir string) (int, error) { return CleanStaleOutputs(dir) }

// LockName is the lock file of an output folder.
const LockName = ".ntm.lock"

// ErrLocked is returned by Lock when another ntm works in the folder.
var ErrLocked = errors.New("một lệnh ntm khác đang ghi vào thư mục này")

// Lock takes the output folder for this process (an advisory lock on
// dir/.ntm.lock, released by the returned function or when the process
// ends, even by kill -9), so that two runs never write the same files
// and CleanStale never removes a live run's temporary files.
func Lock(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, LockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("mở tệp khóa trong %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dir, ErrLocked)
		}
		return nil, fmt.Errorf("khóa thư mục %s: %w", dir, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// CleanStaleOutputs is CleanStale for an output folder, not descending
// into the folders whose path relative to dir matches one of skip
// (path.Match patterns, e.g. "luu-tru", "*/noi-nhan"): those hold many
// files of their own and clean their own top level (CleanStaleDirs), so a
// run does not walk every archive entry it ever made.
func CleanStaleOutputs(dir string, skip ...string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p == dir {
			return nil
		}
		if d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			for _, pat := range skip {
				if ok, _ := path.Match(pat, rel); ok {
					return filepath.SkipDir
				}
			}
		}
		if !isTemp(d.Name()) {
			return nil
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
		n++
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
	return n, err
}
