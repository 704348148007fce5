package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/inputfile"
	"github.com/ntm-project/ntm/internal/publish"
)

// A rerun renders only the documents whose inputs changed and leaves the
// others untouched on disk. Each output has a key: the SHA-256 of
// everything it is made from — the program, the plan, the criteria sets,
// the report templates, the period's narrative, and the forms it reads
// (a commune report: its commune's forms up to its period; a
// consolidated report: every form up to its period). output/.cache/
// van-ban.json records, for each file written, its key and what the
// distribution needs (size, SHA-256, pages, title). An output whose key
// and file are unchanged is not rendered again.
const outputState = "van-ban.json"

// stateEntry is what the last run wrote at one path.
type stateEntry struct {
	Key    string `json:"key"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
	Pages  int    `json:"pages,omitempty"`
	Title  string `json:"title,omitempty"`
}

// keptTitles builds the consolidated reports kept from a run whose record
// has not their title (a record written by an earlier version), for the
// register.
func keptTitles(ctx context.Context, outs []*Output, workers int) error {
	var todo []*Output
	for _, o := range outs {
		if o.Kind == KindReport && o.Kept && o.Title == "" {
			todo = append(todo, o)
		}
	}
	return parallel(ctx, len(todo), workers, func(_, i int) error {
		doc, err := todo[i].Build()
		if err != nil {
			return err
		}
		todo[i].Title = doc.Meta.Title
		return nil
	})
}

// outputsState reads the record of the last run (empty when missing or
// unreadable: everything is rendered then).
func outputsState(out string) map[string]stateEntry {
	m := map[string]stateEntry{}
	b, err := os.ReadFile(filepath.Join(out, cacheDir, outputState))
	if err != nil {
		return m
	}
	if json.Unmarshal(b, &m) != nil {
		return map[string]stateEntry{}
	}
	return m
}

// saveOutputsState records what this run wrote (or kept).
func saveOutputsState(out string, outs []*Output) error {
	m := make(map[string]stateEntry, len(outs))
	for _, o := range outs {
		if o.Key == ([32]byte{}) || o.Size == 0 {
			continue
		}
		m[o.Path] = stateEntry{Key: hex.EncodeToString(o.Key[:]), SHA256: hex.EncodeToString(o.SHA256[:]), Size: o.Size, Pages: o.Pages, Title: o.Title}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return publish.WriteFile(filepath.Join(out, cacheDir, outputState), func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// removeStale deletes the documents the last run wrote that this run no
// longer makes (a commune whose form was withdrawn, a period whose forms
// were moved), so that output/ holds what the inputs give and nothing
// else. It runs after the new documents are in place. It returns how
// many it removed.
func removeStale(out string, prev map[string]stateEntry, outs []*Output) (int, error) {
	now := make(map[string]bool, len(outs))
	for _, o := range outs {
		now[o.Path] = true
	}
	n := 0
	for p := range prev {
		if now[p] {
			continue
		}
		err := os.Remove(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		if err == nil {
			n++
		}
	}
	return n, nil
}

// reuse marks the outputs whose key matches the last run's and whose file
// is still there with its recorded size: they are not rendered again.
func reuse(out string, prev map[string]stateEntry, outs []*Output) int {
	n := 0
	for _, o := range outs {
		e, ok := prev[o.Path]
		if !ok || e.Key != hex.EncodeToString(o.Key[:]) {
			continue
		}
		st, err := os.Stat(filepath.Join(out, filepath.FromSlash(o.Path)))
		sum, err2 := hex.DecodeString(e.SHA256)
		if err != nil || err2 != nil || len(sum) != 32 || st.Size() != int64(e.Size) || !st.Mode().IsRegular() {
			continue
		}
		o.Kept = true
		o.Size, o.Pages, o.Title = e.Size, e.Pages, e.Title
		copy(o.SHA256[:], sum)
		n++
	}
	return n
}

// keyer makes the outputs' keys from the inputs' fingerprints.
type keyer struct {
	common [32]byte                     // build, criteria, plan, templates, periods on file
	shown  string                       // the input folder as the command line gave it
	narr   map[criteria.Period][32]byte // narrative file of each report period
	forms  map[string][]formSum         // commune id → its forms' sums, oldest first
	all    map[criteria.Period][32]byte // every form up to and including the period
}

type formSum struct {
	per criteria.Period
	sum [32]byte
}

// newKeyer fingerprints the inputs of a run once.
func newKeyer(cfg Config, in *Inputs) (*keyer, error) {
	k := &keyer{shown: filepath.Clean(cfg.In), narr: map[criteria.Period][32]byte{}, forms: map[string][]formSum{}, all: map[criteria.Period][32]byte{}}
	h := sha256.New()
	stamp := in.stamp // the build and the criteria data, as loadAll found them
	if stamp == "" {
		stamp = cacheStamp(cfg.cacheID(), in.Catalogue)
	}
	fmt.Fprintf(h, "%s\x00", stamp)
	h.Write(in.planSum[:])
	// The templates, and the criteria files byte for byte: the workbook
	// lists each file's SHA-256, which a comment changes.
	for _, dir := range []string{TemplatesDir, CriteriaDir} {
		fmt.Fprintf(h, "%s\x00", dir)
		if err := hashTree(h, filepath.Join(cfg.In, dir)); err != nil {
			return nil, err
		}
	}
	for _, p := range in.Outcome.Periods {
		fmt.Fprintf(h, "%s,", p)
	}
	copy(k.common[:], h.Sum(nil))
	for _, per := range in.ReportPeriods {
		k.narr[per] = sha256.Sum256(nil) // no narrative
		if n := in.Narratives[per]; n != nil {
			k.narr[per] = n.SHA256
		}
	}
	// Every returned form, by commune and period; and per period a
	// running digest of all forms up to it.
	running := sha256.New()
	for _, per := range in.Outcome.Periods {
		for _, e := range in.Outcome.ByPeriod[per] {
			s := formSum{per, e.Assessment.SHA256}
			k.forms[e.Commune.ID] = append(k.forms[e.Commune.ID], s)
			fmt.Fprintf(running, "%s %s %x\n", e.Commune.ID, per, s.sum)
		}
		var d [32]byte
		copy(d[:], running.Sum(nil))
		k.all[per] = d
	}
	return k, nil
}

// hashTree adds every regular file below dir (its name below dir and its
// contents, in name order) to h; a missing dir adds nothing. The names
// are relative to dir, so that the key does not depend on how the
// command line spelled the input folder.
func hashTree(h io.Writer, dir string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := inputfile.Read(f, maxTOML)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, f)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
		h.Write(b)
	}
	return nil
}

// lastUpTo is the digest of every form up to per (periods without forms
// take the digest of the last one with forms).
func (k *keyer) lastUpTo(per criteria.Period) [32]byte {
	var best criteria.Period
	var d [32]byte
	for p, s := range k.all {
		if !per.Before(p) && (best == criteria.Period{} || best.Before(p)) {
			best, d = p, s
		}
	}
	return d
}

func (k *keyer) plan() [32]byte { return k.sum("plan") }

func (k *keyer) report(per criteria.Period) [32]byte {
	n, all := k.narr[per], k.lastUpTo(per)
	return k.sum("report", per.String(), hex.EncodeToString(n[:]), hex.EncodeToString(all[:]))
}

func (k *keyer) commune(id string, per criteria.Period) [32]byte {
	n := k.narr[per]
	parts := []string{"commune", id, per.String(), hex.EncodeToString(n[:])}
	for _, f := range k.forms[id] {
		if !per.Before(f.per) {
			parts = append(parts, f.per.String()+":"+hex.EncodeToString(f.sum[:]))
		}
	}
	return k.sum(parts...)
}

// workbook is a period's workbook's key. The workbook names the input
// files as the user's messages do, from the input folder as given ("Nguồn"
// and "Sai lệch"), so the folder's spelling is in its key: the PDFs name
// no file.
func (k *keyer) workbook(per criteria.Period) [32]byte {
	all := k.lastUpTo(per)
	return k.sum("workbook", per.String(), hex.EncodeToString(all[:]), k.shown)
}

func (k *keyer) sum(parts ...string) [32]byte {
	h := sha256.New()
	h.Write(k.common[:])
	for _, p := range parts {
		fmt.Fprintf(h, "\x00%s", p)
	}
	var d [32]byte
	copy(d[:], h.Sum(nil))
	return d
}
