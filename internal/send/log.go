package send

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LogName is the send log in the output folder.
const LogName = "nhat-ky-gui.jsonl"

// The states of a log record.
const (
	StateSending = "dang-gui" // written before the message goes to the server
	StateSent    = "da-gui"   // the server accepted the message
	StateFailed  = "loi"      // the server refused it, or it could not be sent
)

// Record is one line of the send log.
type Record struct {
	Time      string       `json:"time"` // RFC 3339, UTC
	State     string       `json:"state"`
	MessageID string       `json:"message_id"`
	Package   string       `json:"package"` // the package folder under the output folder
	Addressee string       `json:"addressee"`
	To        string       `json:"to"`
	Files     []LoggedFile `json:"files"`
	Error     string       `json:"error,omitempty"`
}

// LoggedFile is a document a message carried.
type LoggedFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// maxLog bounds the send log that is read back (a national run's log,
// 20.000 messages over years, stays far below).
const maxLog = 256 << 20

// History is what the send log says.
type History struct {
	// sent maps address and document path to the SHA-256 of the bytes
	// last accepted for that address, and how many times those bytes went.
	sent map[string]sentFile
	// Pending are the messages logged as about to be sent with no outcome
	// after them: a crash between the two. The server may or may not have
	// accepted them.
	Pending map[string]Record
	// FirstSent is, for each document path, when the server first
	// accepted a message carrying it (the register's "ngày chuyển").
	FirstSent map[string]time.Time
	// Torn counts lines that could not be read (a torn last line after a
	// crash); they are skipped.
	Torn int
}

type sentFile struct {
	sha   string
	times int
}

func sentKey(to, path string) string { return strings.ToLower(to) + "\x00" + path }

// ReadLog reads the send log of the output folder out; a missing log is
// an empty history.
func ReadLog(out string) (*History, error) {
	h := &History{sent: map[string]sentFile{}, Pending: map[string]Record{}, FirstSent: map[string]time.Time{}}
	f, err := os.Open(filepath.Join(out, LogName))
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxLog))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(line, &r); err != nil || r.MessageID == "" {
			h.Torn++
			continue
		}
		h.add(r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(out, LogName), err)
	}
	return h, nil
}

func (h *History) add(r Record) {
	switch r.State {
	case StateSending:
		h.Pending[r.MessageID] = r
	case StateSent:
		delete(h.Pending, r.MessageID)
		t, _ := time.Parse(time.RFC3339, r.Time)
		for _, f := range r.Files {
			k := sentKey(r.To, f.Path)
			s := h.sent[k]
			if s.sha == f.SHA256 {
				s.times++
			} else {
				s = sentFile{sha: f.SHA256, times: 1}
			}
			h.sent[k] = s
			if first, ok := h.FirstSent[f.Path]; !ok || t.Before(first) {
				h.FirstSent[f.Path] = t
			}
		}
	case StateFailed:
		delete(h.Pending, r.MessageID)
	}
}

// Sent reports whether the bytes sha of path went to address to, and how
// many times.
func (h *History) Sent(to, path, sha string) (bool, int) {
	s := h.sent[sentKey(to, path)]
	return s.sha == sha, s.times
}
