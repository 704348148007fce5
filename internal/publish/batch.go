package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
)

// Batch writes many files as one commit: each is written to a temporary
// file beside its target without syncing, then Commit flushes them all to
// disk with one syncfs(2) (one fsync per file where that is not
// available), renames each over its target and syncs each directory once.
// A national run writes ten thousand reports: one flush instead of ten
// thousand fsyncs. A crash before Commit leaves only temporary files
// (CleanStale removes them); a crash during the renames leaves every
// target either its old whole file or its new whole file.
type Batch struct {
	mu    sync.Mutex
	files []pending
	done  bool
}

type pending struct{ tmp, dst string }

// Write stages data for path. Safe for concurrent use.
func (b *Batch) Write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("tạo tệp tạm trong %s: %w", dir, err)
	}
	track(f.Name())
	_, err = f.Write(data)
	err = errors.Join(err, f.Chmod(0o644), f.Close())
	if err != nil {
		os.Remove(f.Name())
		untrack(f.Name())
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	b.mu.Lock()
	b.files = append(b.files, pending{f.Name(), path})
	b.mu.Unlock()
	return nil
}

// Len is the number of staged files.
func (b *Batch) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.files)
}

// Commit makes every staged file durable, then puts each in place.
func (b *Batch) Commit() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return errors.New("publish: batch already committed")
	}
	b.done = true
	if len(b.files) == 0 {
		return nil
	}
	if err := flush(b.files); err != nil {
		b.abort()
		return err
	}
	dirs := map[string]bool{}
	for i, p := range b.files {
		if err := os.Rename(p.tmp, p.dst); err != nil {
			for _, q := range b.files[i:] {
				os.Remove(q.tmp)
				untrack(q.tmp)
			}
			return fmt.Errorf("ghi %s: %w", p.dst, err)
		}
		untrack(p.tmp)
		dirs[filepath.Dir(p.dst)] = true
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	sort.Strings(list)
	for _, d := range list {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// Abort removes the staged files; nothing is committed.
func (b *Batch) Abort() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = true
	b.abort()
}

func (b *Batch) abort() {
	for _, p := range b.files {
		os.Remove(p.tmp)
		untrack(p.tmp)
	}
	b.files = nil
}

// flush makes the staged files durable: syncfs(2) on their file system
// when the kernel has it (Linux), else an fsync of each.
func flush(files []pending) error {
	if f, err := os.Open(filepath.Dir(files[0].tmp)); err == nil {
		err := syncFS(f)
		f.Close()
		if err == nil && sameDevice(files) {
			return nil
		}
	}
	for _, p := range files {
		f, err := os.Open(p.tmp)
		if err != nil {
			return fmt.Errorf("ghi %s: %w", p.dst, err)
		}
		err = errors.Join(f.Sync(), f.Close())
		if err != nil {
			return fmt.Errorf("ghi %s: %w", p.dst, err)
		}
	}
	return nil
}

// sameDevice reports whether every staged file is on one file system, so
// that one syncfs covers them all.
func sameDevice(files []pending) bool {
	var dev uint64
	for i, p := range files {
		st, err := os.Stat(p.tmp)
		if err != nil {
			return false
		}
		sys, ok := st.Sys().(*syscall.Stat_t)
		if !ok {
			return false
		}
		if i == 0 {
			dev = sys.Dev
		} else if sys.Dev != dev {
			return false
		}
	}
	return true
}
