package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by WriteNew when the target already exists.
var ErrExists = errors.New("tệp đã có")

// WriteFile writes what write produces to path, replacing any earlier
// file only once the new one is complete. Missing directories are created.
func WriteFile(path string, write func(io.Writer) error) error {
	return commit(path, write, false)
}

// WriteNew is WriteFile for a file that must not exist yet (a form that a
// commune may already have filled in): it never overwrites, and returns an
// error wrapping ErrExists when path is taken.
func WriteNew(path string, write func(io.Writer) error) error {
	return commit(path, write, true)
}

func commit(path string, write func(io.Writer) error, exclusive bool) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	if exclusive {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w, không ghi đè", path, ErrExists)
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("tạo tệp tạm trong %s: %w", dir, err)
	}
	track(tmp.Name())
	renamed := false
	defer func() {
		untrack(tmp.Name())
		if !renamed {
			// Remove the temporary file only if it did not become the
			// target: after a rename its name belongs to the target.
			err = errors.Join(err, ignoreNotExist(os.Remove(tmp.Name())))
		}
	}()
	// Buffered: a writer of many small pieces (a manifest, a list) makes
	// one system call per 256 KB, not one per piece.
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		tmp.Close()
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	// Sync before rename: otherwise a crash can leave the new name
	// pointing at an empty file on some file systems.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	if exclusive {
		// A hard link fails if the target exists, closing the race
		// between the check above and this moment.
		if err := os.Link(tmp.Name(), path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %w, không ghi đè", path, ErrExists)
			}
			return fmt.Errorf("ghi %s: %w", path, err)
		}
	} else if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	} else {
		renamed = true
	}
	return syncDir(dir)
}

func ignoreNotExist(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// syncDir makes the rename itself durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("đồng bộ thư mục %s: %w", dir, err)
	}
	return nil
}
