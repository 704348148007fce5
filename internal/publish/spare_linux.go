package publish

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// noExchange is set once the file system has refused RENAME_EXCHANGE:
// the spares are then neither used nor made.
var noExchange atomic.Bool

// ReplaceFileSpare is ReplaceFileNoSync for a small file that every run
// may rewrite in many folders (a package's cover list), without freeing
// the replaced file's blocks. Freeing them is what such a rewrite costs
// most: on a file system mounted with online discard, each freed block
// waits for the disk (about 50 µs here, 0,5 s for 10.000 packages).
//
// The file that path held is kept under the name spare (outside the
// folder a reader sees); the next call writes its new bytes into that
// spare and swaps the two names in one rename (RENAME_EXCHANGE), so the
// same two files serve run after run. A reader of path sees the old bytes
// or the new, whole. A spare that is not a plain file of ntm's own (one
// name only) is removed, never written. Where the file system cannot swap
// names, or spare is "", it is ReplaceFileNoSync.
//
// Nothing is synced (the caller flushes once for many, SyncTree): a crash
// before that flush may leave path with the bytes of an earlier run, so
// the caller records the change as done only after the flush, and the
// next run writes path again.
func ReplaceFileSpare(path, spare string, data []byte) error {
	if spare == "" || noExchange.Load() {
		return ReplaceFileNoSync(path, data)
	}
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return ReplaceFileNoSync(path, data)
	}
	if reuseSpare(path, spare, data) {
		return nil
	}
	// No spare yet: the file being replaced becomes it.
	err = os.Link(path, spare)
	if errors.Is(err, os.ErrNotExist) {
		if os.MkdirAll(filepath.Dir(spare), 0o755) == nil {
			err = os.Link(path, spare)
		}
	}
	if err := ReplaceFileNoSync(path, data); err != nil {
		os.Remove(spare)
		return err
	}
	return nil
}

// reuseSpare writes data into spare and swaps it with path; false when
// there is no usable spare (what there was is removed).
func reuseSpare(path, spare string, data []byte) bool {
	f, err := os.OpenFile(spare, os.O_WRONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			os.Remove(spare)
		}
		return false
	}
	var st unix.Stat_t
	ok := unix.Fstat(int(f.Fd()), &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG && st.Nlink == 1
	if ok {
		_, err = f.WriteAt(data, 0)
		if err == nil && st.Size != int64(len(data)) {
			err = f.Truncate(int64(len(data)))
		}
		ok = err == nil
	}
	if f.Close() != nil {
		ok = false
	}
	if ok {
		err := unix.Renameat2(unix.AT_FDCWD, spare, unix.AT_FDCWD, path, unix.RENAME_EXCHANGE)
		if err == nil {
			return true
		}
		if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
			noExchange.Store(true)
		}
	}
	os.Remove(spare)
	return false
}
