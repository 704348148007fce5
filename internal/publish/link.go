package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// Link makes dst another name of the file src (a hard link), so that a
// package or an archive entry holds a document without copying its bytes.
// Where a link cannot be made (another device, a file system without hard
// links, too many links) it copies src atomically instead. dst must not
// exist. It reports whether it linked.
//
// A linked file shares its bytes with src: ntm never writes a file in
// place (WriteFile replaces it by a rename, which leaves every other link
// to the old bytes intact), so a later build does not change what a
// package or an archive entry holds.
func Link(src, dst string) (linked bool, err error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, fmt.Errorf("tạo thư mục %s: %w", filepath.Dir(dst), err)
	}
	err = os.Link(src, dst)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, fs.ErrExist) || errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("liên kết %s → %s: %w", src, dst, err)
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) || !canCopyInstead(errno) {
		return false, fmt.Errorf("liên kết %s → %s: %w", src, dst, err)
	}
	return false, CopyFile(src, dst)
}

// canCopyInstead says which failures of link(2) a copy works around.
func canCopyInstead(e syscall.Errno) bool {
	switch e {
	case syscall.EXDEV, syscall.EPERM, syscall.EMLINK, syscall.ENOTSUP, syscall.EACCES, syscall.ENOSYS:
		return true
	}
	return false
}

// CopyFile copies src to dst atomically (through WriteNew: dst must not
// exist, and is never seen half written).
func CopyFile(src, dst string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("chép %s: %w", src, err)
	}
	defer f.Close()
	return WriteNew(dst, func(w io.Writer) error {
		_, err := io.Copy(w, f)
		return err
	})
}

// The prefixes of the folders that CommitDir, ReplaceDir and CleanStaleDirs
// handle. Names made by SafeName never start with a dot.
const (
	stagingPrefix = ".tmp-"
	oldPrefix     = ".old-"
)

// StageDir creates an empty staging folder in parent for a folder that
// will be called name once complete: the caller fills it, then commits it
// with CommitDir or ReplaceDir. A crash before that leaves only a
// ".tmp-…" folder, which CleanStaleDirs removes on the next run.
func StageDir(parent, name string) (string, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("tạo thư mục %s: %w", parent, err)
	}
	// Not os.MkdirTemp, which makes the folder readable by its owner
	// only: a package or an archive entry is read by others (0755 less
	// the umask, as every other folder ntm makes).
	prefix := filepath.Join(parent, stagingPrefix+cut(name, 180)+"-")
	for {
		dir := prefix + uniqueSuffix()
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			track(dir)
			return dir, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("tạo thư mục tạm trong %s: %w", parent, err)
		}
	}
}

// CommitDir renames the staging folder to parent/name, which must not
// exist yet (an archive entry is never overwritten). Everything in the
// folder is made durable first, then the rename.
func CommitDir(staging, name string) error {
	parent := filepath.Dir(staging)
	final := filepath.Join(parent, name)
	if err := syncTree(staging); err != nil {
		return err
	}
	if _, err := os.Lstat(final); err == nil {
		return fmt.Errorf("%s: %w, không ghi đè", final, ErrExists)
	}
	untrack(staging)
	if err := os.Rename(staging, final); err != nil {
		return fmt.Errorf("đặt tên %s: %w", final, err)
	}
	return syncDir(parent)
}

// manyFiles is where one flush of the file system costs less than a sync
// of each file.
const manyFiles = 64

// CommitDirFiles is CommitDir for a staging folder whose new data are
// only in files (the rest are hard links to durable files): it syncs
// those files and the folders (or, when there are many files, flushes the
// file system once), then renames.
func CommitDirFiles(staging, name string, files, folders []string) error {
	parent := filepath.Dir(staging)
	final := filepath.Join(parent, name)
	if len(files) > manyFiles {
		if err := syncTree(staging); err != nil {
			return err
		}
	} else {
		for _, f := range files {
			if err := syncFile(f); err != nil {
				return err
			}
		}
		for _, d := range append(folders, staging) {
			for p := d; strings.HasPrefix(p, staging); p = filepath.Dir(p) {
				if err := syncDir(p); err != nil {
					return err
				}
				if p == staging {
					break
				}
			}
		}
	}
	if _, err := os.Lstat(final); err == nil {
		return fmt.Errorf("%s: %w, không ghi đè", final, ErrExists)
	}
	untrack(staging)
	if err := os.Rename(staging, final); err != nil {
		return fmt.Errorf("đặt tên %s: %w", final, err)
	}
	return syncDir(parent)
}

func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("đồng bộ %s: %w", p, err)
	}
	return nil
}

// ReplaceDir puts the staging folder in the place of parent/name,
// after making its contents durable (see ReplaceDirNoSync),
// replacing an earlier folder of that name: the earlier one is first
// renamed aside (".old-…"), then the new one renamed into place, then the
// old one removed. A crash in between leaves either the old or the new
// folder under the name, or none and a ".old-…" one that CleanStaleDirs
// removes (the caller rebuilds what is missing).
func ReplaceDir(staging, name string) error {
	if err := syncTree(staging); err != nil {
		return err
	}
	return ReplaceDirNoSync(staging, name)
}

// ReplaceDirNoSync is ReplaceDir without the flush: for many folders
// replaced in one run (the packages), which the caller makes durable at
// once with SyncTree before it writes the record that they are complete.
func ReplaceDirNoSync(staging, name string) error {
	parent := filepath.Dir(staging)
	final := filepath.Join(parent, name)
	var old string
	if _, err := os.Lstat(final); err == nil {
		tmp, err := os.MkdirTemp(parent, oldPrefix+cut(name, 180)+"-")
		if err != nil {
			return fmt.Errorf("tạo thư mục tạm trong %s: %w", parent, err)
		}
		old = filepath.Join(tmp, "x")
		if err := os.Rename(final, old); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("đổi tên %s: %w", final, err)
		}
		old = tmp
	}
	untrack(staging)
	if err := os.Rename(staging, final); err != nil {
		return fmt.Errorf("đặt tên %s: %w", final, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("xóa %s: %w", old, err)
		}
	}
	return nil
}

// CleanStaleDirs removes what an interrupted run left in parent (one level,
// not below, unlike CleanStale): staging
// folders and set-aside old folders of StageDir and ReplaceDir, and the
// temporary files of WriteFile. It reports what it removed. A missing
// parent is not an error. Only one ntm run may write a folder at a time.
func CleanStaleDirs(parent string) ([]string, error) {
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		n := e.Name()
		stale := strings.HasPrefix(n, stagingPrefix) || strings.HasPrefix(n, oldPrefix) ||
			(strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp-"))
		if !stale {
			continue
		}
		p := filepath.Join(parent, n)
		if err := os.RemoveAll(p); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, p)
	}
	return removed, errors.Join(errs...)
}

// StageCopy copies src to dst inside a staging folder (StageDir), without
// a sync of its own: CommitDir and ReplaceDir make the whole folder
// durable at once before renaming it into place, which costs one flush
// instead of one per file (an archive entry may hold thousands of
// inputs). dst must not exist.
func StageCopy(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("chép %s: %w", src, err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("tạo thư mục %s: %w", filepath.Dir(dst), err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("chép %s: %w", src, err)
	}
	// ReadFrom, not io.Copy: io.Copy would take the source's WriteTo,
	// which copies between two files through a new 32 KB buffer;
	// ReadFrom lets the kernel copy (copy_file_range).
	_, err = out.ReadFrom(in)
	return errors.Join(err, out.Close())
}

// StageCopyTimes is StageCopy that also gives the copy the modification
// time of its source, so that a later run can tell by its size and time
// that the source has not changed since (package archive).
func StageCopyTimes(src, dst string) error {
	st, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("chép %s: %w", src, err)
	}
	if err := StageCopy(src, dst); err != nil {
		return err
	}
	return os.Chtimes(dst, st.ModTime(), st.ModTime())
}

// StageLink is Link for a file inside a staging folder: a hard link, or
// where none can be made a StageCopy.
func StageLink(src, dst string) (linked bool, err error) {
	// The folder is made only when the link says it is missing: an
	// archive entry links thirty thousand files into a few folders, and
	// a stat of the folder before each link doubled its system calls.
	err = os.Link(src, dst)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return false, fmt.Errorf("tạo thư mục %s: %w", filepath.Dir(dst), err)
		}
		err = os.Link(src, dst)
	}
	if err == nil {
		return true, nil
	}
	var errno syscall.Errno
	if errors.Is(err, fs.ErrExist) || errors.Is(err, fs.ErrNotExist) || !errors.As(err, &errno) || !canCopyInstead(errno) {
		return false, fmt.Errorf("liên kết %s → %s: %w", src, dst, err)
	}
	return false, StageCopy(src, dst)
}

// StageWrite writes a file inside a staging folder, without a sync of
// its own (see StageCopy).
func StageWrite(dst string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("tạo thư mục %s: %w", filepath.Dir(dst), err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("ghi %s: %w", dst, err)
	}
	_, err = out.Write(data)
	return errors.Join(err, out.Close())
}

// RemoveDir removes a folder that ntm made (a package no longer wanted)
// by first renaming it aside, so that no half-removed folder is ever left
// under its name; a crash leaves a ".old-…" folder that CleanStaleDirs
// removes.
func RemoveDir(dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	parent := filepath.Dir(dir)
	tmp, err := os.MkdirTemp(parent, oldPrefix+cut(filepath.Base(dir), 180)+"-")
	if err != nil {
		return fmt.Errorf("tạo thư mục tạm trong %s: %w", parent, err)
	}
	if err := os.Rename(dir, filepath.Join(tmp, "x")); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("xóa %s: %w", dir, err)
	}
	if err := syncDir(parent); err != nil {
		return err
	}
	return os.RemoveAll(tmp)
}

// SyncTree makes everything written under dir durable (one flush of its
// file system where the platform allows, else file by file).
func SyncTree(dir string) error { return syncTree(dir) }

// ReplaceLinkNoSync makes dst a hard link to src (a copy where the file
// system has no links), in place of whatever dst was, in one rename: a
// reader sees the old file or the new one, never a missing or partial
// one. Nothing is synced: the caller flushes once for many (SyncTree).
func ReplaceLinkNoSync(src, dst string) error {
	tmp := tempName(dst)
	track(tmp)
	defer untrack(tmp)
	if _, err := StageLink(src, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("đặt tên %s: %w", dst, err)
	}
	return nil
}

// ReplaceFileNoSync writes data to path through a temporary file renamed
// over it, without a sync (see ReplaceLinkNoSync). The file is readable by
// all, as WriteFile makes it (0644 less the umask).
func ReplaceFileNoSync(path string, data []byte) error {
	tmp := tempName(path)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("tạo tệp tạm trong %s: %w", filepath.Dir(path), err)
	}
	track(tmp)
	defer untrack(tmp)
	_, err = f.Write(data)
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("đặt tên %s: %w", path, err)
	}
	return nil
}

// tempName is a name for a temporary file beside path that no other
// goroutine or process picks: ".<name>.tmp-<n>-<pid>", which CleanStale
// and CleanStaleDirs know.
func tempName(path string) string {
	return filepath.Join(filepath.Dir(path), "."+cut(filepath.Base(path), 180)+".tmp-"+uniqueSuffix())
}

// uniqueSuffix ends the temporary names (tempName, StageDir): "<n>-<pid>",
// n counting up in this process.
func uniqueSuffix() string {
	return strconv.FormatUint(tempSeq.Add(1), 36) + "-" + strconv.Itoa(os.Getpid())
}

var tempSeq atomic.Uint64
