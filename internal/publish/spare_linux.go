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
// may rewrite in many folders (a package's cover list), without making a
// new file that replaces the old by a rename. Such a rename costs most of
// such a rewrite: ext4 starts writing the new file's data at once (its
// auto_da_alloc), and frees the old file's blocks, which on a file system
// mounted with online discard waits for the disk (about 50 µs here, 0,5 s
// for 10.000 packages).
//
// The new bytes go into the file spare instead (outside the folder a
// reader sees: the one that path held the run before, or a new one), and
// the two names are swapped in one rename (RENAME_EXCHANGE), so that path
// has the new bytes and spare the old, for the next call: the same two
// files serve run after run. A reader of path sees the old bytes or the
// new, whole. A spare that is not a plain file of ntm's own (one name
// only) is removed, never written. Where the file system cannot swap
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
	if st, err := os.Lstat(path); err != nil || !st.Mode().IsRegular() {
		return ReplaceFileNoSync(path, data)
	}
	// A second try after a spare that could not be used was removed.
	for try := 0; try < 2; try++ {
		if swapIn(path, spare, data) {
			return nil
		}
		if noExchange.Load() {
			break
		}
	}
	return ReplaceFileNoSync(path, data)
}

// swapIn writes data into spare (made when missing) and swaps it with
// path; false when that could not be done (what was at spare is removed).
func swapIn(path, spare string, data []byte) bool {
	const flags = os.O_WRONLY | os.O_CREATE | syscall.O_NOFOLLOW | syscall.O_NONBLOCK | syscall.O_CLOEXEC
	f, err := os.OpenFile(spare, flags, 0o644)
	if errors.Is(err, os.ErrNotExist) { // the spares' folder is missing
		if os.MkdirAll(filepath.Dir(spare), 0o755) == nil {
			f, err = os.OpenFile(spare, flags, 0o644)
		}
	}
	if err != nil {
		os.Remove(spare) // a link (ELOOP), a folder, a pipe: not ntm's
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
