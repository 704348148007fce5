package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Problem is one thing wrong with an entry.
type Problem struct {
	Path string // slash path inside the entry
	What string // Vietnamese: "thiếu", "đã bị sửa (…)", "thừa, không có trong manifest.json"
}

func (p Problem) String() string { return p.Path + ": " + p.What }

// Report is what Verify found.
type Report struct {
	Entry    string
	Files    int // files listed in the manifest
	Missing  []Problem
	Changed  []Problem
	Extra    []Problem
	Manifest []Problem // the manifest or SHA256SUMS disagree with each other or with the name
}

// OK reports whether the entry is whole.
func (r *Report) OK() bool {
	return len(r.Missing)+len(r.Changed)+len(r.Extra)+len(r.Manifest) == 0
}

// All lists every problem, sorted by path.
func (r *Report) All() []Problem {
	all := append(append(append(append([]Problem(nil), r.Manifest...), r.Missing...), r.Changed...), r.Extra...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	return all
}

// Latest returns the newest entry in dir, or "" when there is none.
func Latest(dir string) (string, error) {
	es, err := Entries(dir)
	if err != nil || len(es) == 0 {
		return "", err
	}
	return es[len(es)-1], nil
}

// Verify re-hashes every file of the entry dir/name and reports each one
// missing, changed (other size or SHA-256) or extra (in the folder but not
// in the manifest), and a manifest that does not match its SHA256SUMS or
// the entry's name. An error means the manifest itself cannot be read.
func Verify(dir, name string) (*Report, error) {
	edir := filepath.Join(dir, name)
	if st, err := os.Stat(edir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("không có mục lưu trữ %s", edir)
	}
	man, err := ReadManifest(edir)
	if err != nil {
		return nil, err
	}
	r := &Report{Entry: name, Files: len(man.Files)}
	sums := Sums(man.Files)
	sh := sha256.Sum256(sums)
	if hex.EncodeToString(sh[:]) != man.Sums {
		r.Manifest = append(r.Manifest, Problem{ManifestName, "danh sách tệp không khớp với trường sums"})
	}
	if m := entryRE.FindStringSubmatch(name); m == nil || m[2] != man.Sums[:min(12, len(man.Sums))] || man.Entry != name {
		r.Manifest = append(r.Manifest, Problem{ManifestName, "tên mục lưu trữ không khớp với manifest"})
	}
	if onDisk, err := os.ReadFile(filepath.Join(edir, SumsName)); err != nil {
		r.Missing = append(r.Missing, Problem{SumsName, "thiếu"})
	} else if !bytes.Equal(onDisk, sums) {
		r.Changed = append(r.Changed, Problem{SumsName, "khác với manifest.json"})
	}
	listed := map[string]bool{ManifestName: true, SumsName: true}
	type result struct {
		p   *Problem
		bad bool // missing
	}
	results := make([]result, len(man.Files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f := man.Files[i]
				if !validPath(f.Path) {
					results[i] = result{p: &Problem{f.Path, "đường dẫn không hợp lệ trong manifest.json"}}
					continue
				}
				sum, size, err := HashFile(filepath.Join(edir, filepath.FromSlash(f.Path)))
				switch {
				case errors.Is(err, fs.ErrNotExist):
					results[i] = result{p: &Problem{f.Path, "thiếu"}, bad: true}
				case err != nil:
					results[i] = result{p: &Problem{f.Path, fmt.Sprintf("không đọc được: %v", err)}}
				case size != f.Size || sum != f.SHA256:
					results[i] = result{p: &Problem{f.Path, fmt.Sprintf("đã bị sửa (%d byte, SHA-256 %s…; manifest ghi %d byte, %s…)", size, sum[:12], f.Size, f.SHA256[:min(12, len(f.SHA256))])}}
				}
			}
		}()
	}
	for i, f := range man.Files {
		listed[f.Path] = true
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, res := range results {
		switch {
		case res.p == nil:
		case res.bad:
			r.Missing = append(r.Missing, *res.p)
		default:
			r.Changed = append(r.Changed, *res.p)
		}
	}
	err = filepath.WalkDir(edir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(edir, p)
		rel = filepath.ToSlash(rel)
		if !listed[rel] {
			r.Extra = append(r.Extra, Problem{rel, "thừa, không có trong manifest.json"})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}
