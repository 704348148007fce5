package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Journal is an append-only file of records, one a line (the send log).
// Each Append writes one whole line with a single write(2) on a file
// opened with O_APPEND and syncs it before returning, so that a record is
// on disk before the program acts on it, and a crash can at worst leave
// the last line torn: the reader of a journal skips a final line that has
// no newline.
type Journal struct {
	mu   sync.Mutex
	f    *os.File
	path string
}

// OpenJournal opens (creating it if needed) the journal at path.
func OpenJournal(path string) (*Journal, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("mở %s: %w", path, err)
	}
	j := &Journal{f: f, path: path}
	// A torn line left by a crash would glue itself to the next record:
	// end it first.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		r, err := os.Open(path)
		if err == nil {
			last := make([]byte, 1)
			_, err = r.ReadAt(last, st.Size()-1)
			r.Close()
			if err == nil && last[0] != '\n' {
				if err := j.write([]byte("\n")); err != nil {
					f.Close()
					return nil, err
				}
			}
		}
	}
	return j, syncDir(filepath.Dir(path))
}

// Append writes line (a newline is added; line must hold none) and
// syncs it to disk.
func (j *Journal) Append(line []byte) error {
	if bytes.ContainsAny(line, "\n\r") {
		return fmt.Errorf("%s: bản ghi có ký tự xuống dòng", j.path)
	}
	return j.write(append(append([]byte(nil), line...), '\n'))
}

func (j *Journal) write(b []byte) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Write(b); err != nil {
		return fmt.Errorf("ghi %s: %w", j.path, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("ghi %s: %w", j.path, err)
	}
	return nil
}

// Close closes the journal.
func (j *Journal) Close() error { return j.f.Close() }
