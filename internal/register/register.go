// Package register keeps the register of outgoing documents ("Sổ đăng
// ký văn bản đi", Decree 30/2020/NĐ-CP, Appendix IV) across runs and
// renders it as a workbook: one row per document issued, in the ten
// columns of the decree's form, one sheet per calendar year (numbers
// start again each year, Điều 15).
//
// How it is kept. The register's source of truth is a state file in the
// output folder (so-dang-ky-van-ban-di.json), written by ntm; the .xlsx is
// regenerated from it on every run. Before that, the previous .xlsx is
// read back for what only the clerk writes: "Ngày chuyển" where ntm did
// not send the document, "Ký nhận", "Ghi chú", and whole rows the clerk
// added by hand (documents ntm does not make). A document keeps its row
// (matched by its key, kept in a hidden last column), a new one is
// appended, and a row is never removed. Reading the clerk's workbook
// rather than keeping everything in it means a damaged or re-sorted
// workbook cannot lose the rows ntm made, and the state file alone can
// always rebuild the register; if the workbook cannot be read, the run
// stops before overwriting it, so the clerk's entries are not lost.
package register

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/ntm-project/ntm/internal/publish"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// The files of the register in the output folder.
const (
	StateName    = "so-dang-ky-van-ban-di.json"
	WorkbookName = "so-dang-ky-van-ban-di.xlsx"
)

// Format names the state file's form.
const Format = "ntm-so-dang-ky/1"

// Entry is one row of the register.
type Entry struct {
	// Key identifies the document across runs ("ke-hoach/2071-SKH-KTN",
	// "bao-cao/2021-H1"); a row the clerk added has a key starting with
	// "tay:".
	Key  string `json:"key"`
	Year int    `json:"year"` // the sheet: the year of Date

	Number         string `json:"number"`       // (1) số, ký hiệu: "2071/SKH-KTN"
	Date           string `json:"date"`         // (2) ngày tháng: "08/12/2020"
	TypeAndSubject string `json:"type_subject"` // (3) tên loại và trích yếu nội dung
	Signer         string `json:"signer"`       // (4) người ký
	Recipients     string `json:"recipients"`   // (5) nơi nhận văn bản
	ArchiveCopy    string `json:"archive_copy"` // (6) đơn vị, người nhận bản lưu
	Copies         int    `json:"copies"`       // (7) số lượng bản
	Transferred    string `json:"transferred"`  // (8) ngày chuyển
	Signature      string `json:"signature"`    // (9) ký nhận (the clerk's)
	Note           string `json:"note"`         // (10) ghi chú (the clerk's)
	// Path is the document's file under the output folder (for "ngày
	// chuyển" from the send log); empty for a row added by hand.
	Path string `json:"path,omitempty"`
}

// Manual reports whether the clerk added the row.
func (e *Entry) Manual() bool { return strings.HasPrefix(e.Key, "tay:") }

// Book is the whole register, in row order.
type Book struct {
	Format  string  `json:"format"`
	Entries []Entry `json:"entries"`
}

// Issued is a document as the pipeline gives it this run.
type Issued struct {
	Entry
	Issued time.Time // the document's date, for the order of new rows
}

// maxState bounds the state file read back.
const maxState = 128 << 20

// ReadState reads the state file of out; a missing one is an empty book.
func ReadState(out string) (*Book, error) {
	p := filepath.Join(out, StateName)
	var b Book
	err := publish.ReadJSON(p, maxState, &b)
	if errors.Is(err, fs.ErrNotExist) {
		return &Book{Format: Format}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%v; khôi phục tệp từ mục lưu trữ mới nhất (luu-tru/…/output/%s)", err, StateName)
	}
	if b.Format != Format {
		return nil, fmt.Errorf("%s: dạng %q, cần %q", p, b.Format, Format)
	}
	return &b, nil
}

// Clerk is what the clerk wrote in the previous workbook.
type Clerk struct {
	// Fields maps a row's key to its columns (8), (9), (10).
	Fields map[string]ClerkFields
	// Manual are the rows the clerk added, each after the keyed row it
	// followed ("" when it came first in its sheet), in order.
	Manual []ManualRow
}

// ClerkFields are the columns the clerk fills.
type ClerkFields struct {
	Transferred, Signature, Note string
}

// ManualRow is a row the clerk added.
type ManualRow struct {
	After string // key of the row above it in the workbook, "" for none
	Entry Entry
}

// Merge is the register after this run: every row of prev in its place,
// updated from this run's documents (the clerk's columns kept); the rows
// the clerk added, from clerk; then the documents new in this run, by
// date and key. sent gives, for a document path, when the send log first
// records it as accepted by the mail server: that fills "ngày chuyển".
func Merge(prev *Book, clerk *Clerk, issued []Issued, sent map[string]time.Time) *Book {
	cur := map[string]Issued{}
	for _, d := range issued {
		cur[d.Key] = d
	}
	var rows []Entry
	seen := map[string]bool{}
	for _, e := range prev.Entries {
		if e.Manual() {
			continue // the workbook is the authority on the clerk's rows
		}
		if d, ok := cur[e.Key]; ok {
			kept := e
			e = d.Entry
			e.Transferred, e.Signature, e.Note = kept.Transferred, kept.Signature, kept.Note
		}
		seen[e.Key] = true
		rows = append(rows, e)
	}
	var fresh []Issued
	for _, d := range issued {
		if !seen[d.Key] {
			seen[d.Key] = true
			fresh = append(fresh, d)
		}
	}
	sort.SliceStable(fresh, func(i, j int) bool {
		if !fresh[i].Issued.Equal(fresh[j].Issued) {
			return fresh[i].Issued.Before(fresh[j].Issued)
		}
		return fresh[i].Key < fresh[j].Key
	})
	for _, d := range fresh {
		rows = append(rows, d.Entry)
	}
	for i := range rows {
		e := &rows[i]
		if clerk != nil {
			if c, ok := clerk.Fields[e.Key]; ok {
				e.Signature, e.Note = c.Signature, c.Note
				if c.Transferred != "" {
					e.Transferred = c.Transferred
				}
			}
		}
		if t, ok := sent[e.Path]; ok && e.Path != "" {
			e.Transferred = t.In(vietnam).Format("02/01/2006")
		}
	}
	// The clerk's own rows, after the row they followed.
	var manual []ManualRow
	if clerk != nil {
		manual = clerk.Manual
	} else {
		after := ""
		for _, e := range prev.Entries {
			if e.Manual() {
				manual = append(manual, ManualRow{After: after, Entry: e})
			} else {
				after = e.Key
			}
		}
	}
	for _, m := range manual {
		at := len(rows)
		if m.After == "" {
			at = firstOfYear(rows, m.Entry.Year)
		} else {
			for i := range rows {
				if rows[i].Key == m.After {
					at = i + 1
					for at < len(rows) && rows[at].Manual() {
						at++
					}
					break
				}
			}
		}
		rows = append(rows[:at], append([]Entry{m.Entry}, rows[at:]...)...)
	}
	return &Book{Format: Format, Entries: rows}
}

func firstOfYear(rows []Entry, year int) int {
	for i, r := range rows {
		if r.Year == year {
			return i
		}
	}
	return len(rows)
}

// vietnam is the time zone of "ngày chuyển" (UTC+7, no daylight saving).
var vietnam = time.FixedZone("ICT", 7*3600)

// manualKey names a row the clerk added, from its contents.
func manualKey(e Entry) string {
	b, _ := json.Marshal([]string{e.Number, e.Date, e.TypeAndSubject, e.Signer, e.Recipients, e.ArchiveCopy, fmt.Sprint(e.Copies), e.Transferred, e.Signature, e.Note})
	s := sha256.Sum256(b)
	return "tay:" + hex.EncodeToString(s[:8])
}

// Years lists the years of the book's sheets, in order.
func (b *Book) Years() []int {
	seen := map[int]bool{}
	var ys []int
	for _, e := range b.Entries {
		if !seen[e.Year] {
			seen[e.Year] = true
			ys = append(ys, e.Year)
		}
	}
	sort.Ints(ys)
	return ys
}

// JSON is the state file's bytes.
func (b *Book) JSON() ([]byte, error) {
	if b.Entries == nil {
		b.Entries = []Entry{}
	}
	out, err := json.MarshalIndent(b, "", "  ")
	return append(out, '\n'), err
}

// Update is one run's work on the register in the output folder out: it
// reads the state and the clerk's workbook, merges this run's documents
// and the send log's dates, and returns the new book and the bytes of its
// state file and workbook, for the caller to write (through package
// publish) — the workbook first, then the state.
func Update(out string, issued []Issued, sent map[string]time.Time, meta Meta) (book *Book, state, workbook []byte, err error) {
	prev, err := ReadState(out)
	if err != nil {
		return nil, nil, nil, err
	}
	clerk, err := ReadClerk(filepath.Join(out, WorkbookName))
	if err != nil {
		return nil, nil, nil, err
	}
	book = Merge(prev, clerk, issued, sent)
	state, err = book.JSON()
	if err != nil {
		return nil, nil, nil, err
	}
	var w bytes.Buffer
	if err := Render(&w, book, meta); err != nil {
		return nil, nil, nil, err
	}
	return book, state, w.Bytes(), nil
}
