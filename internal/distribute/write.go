package distribute

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/ntm-project/ntm/internal/publish"
)

// ManifestName is the list of packages in the output folder.
const ManifestName = "phan-phoi.json"

// CoverName is the cover list in each package.
const CoverName = "danh-muc.txt"

// Format names the manifest's form.
const Format = "ntm-phan-phoi/1"

// Manifest is phan-phoi.json: every package of the last build.
type Manifest struct {
	Format   string    `json:"format"`
	Packages []Package `json:"packages"`
}

// maxManifest bounds phan-phoi.json when it is read back.
const maxManifest = 256 << 20

// ReadManifest reads out/phan-phoi.json; a missing file is an empty
// manifest.
func ReadManifest(out string) (*Manifest, error) {
	p := filepath.Join(out, ManifestName)
	var m Manifest
	err := publish.ReadJSON(p, maxManifest, &m)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{Format: Format}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%v; chạy lại ntm build", err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("%s: dạng %q, cần %q; chạy lại ntm build", p, m.Format, Format)
	}
	for _, pk := range m.Packages {
		if !localPath(pk.Folder) {
			return nil, fmt.Errorf("%s: thư mục %q không hợp lệ", p, pk.Folder)
		}
		for _, f := range pk.Files {
			if !localPath(f.Path) || !localPath(f.Name) || strings.Contains(f.Name, "/") {
				return nil, fmt.Errorf("%s: tệp %q không hợp lệ", p, f.Path)
			}
		}
	}
	return &m, nil
}

// localPath accepts a relative slash path that stays inside its folder.
func localPath(p string) bool {
	return p != "" && filepath.IsLocal(filepath.FromSlash(p)) && !strings.Contains(p, "\\") && path.Clean(p) == p
}

// Cover is the text of a package's cover list: who it is for, how it is
// delivered, and each document with its file, pages, size and SHA-256.
func Cover(p *Package) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "DANH MỤC VĂN BẢN GỬI %s\n", p.Addressee.Name)
	fmt.Fprintf(&b, "Kỳ: %s (%s)\n", PeriodLabel(p.Period), p.Period)
	switch p.Addressee.Delivery {
	case Email:
		fmt.Fprintf(&b, "Cách nhận: thư điện tử, %s\n", p.Addressee.Email)
	case ByPost:
		b.WriteString("Cách nhận: gửi qua bưu điện\n")
	default:
		b.WriteString("Cách nhận: giao tận tay\n")
	}
	fmt.Fprintf(&b, "Số văn bản: %d\n\n", len(p.Files))
	for i, f := range p.Files {
		fmt.Fprintf(&b, "%d. %s\n", i+1, f.Title)
		if f.Pages > 0 {
			fmt.Fprintf(&b, "   Tệp: %s (%d trang, %s)\n", f.Name, f.Pages, size(f.Size))
		} else {
			fmt.Fprintf(&b, "   Tệp: %s (%s)\n", f.Name, size(f.Size))
		}
		fmt.Fprintf(&b, "   SHA-256: %s\n", f.SHA256)
	}
	return b.Bytes()
}

func size(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d byte", n)
	}
	return fmt.Sprintf("%d KB", (n+512)/1024)
}

// Stats says what WritePackages did.
type Stats struct {
	Written, Kept, Removed int
	Cleaned                []string
}

// WritePackages lays out pkgs under out and writes out/phan-phoi.json
// last. A package identical to the one the previous manifest records, and
// whose folder is still there, is kept as it is; one whose folder is
// there is brought up to date in it, file by file (updatePackage); a new
// one is built in a staging folder and put in place whole; the folders
// of packages that are no longer wanted are removed. Stale staging
// folders of an interrupted run are cleaned first.
//
// spares is a folder of WritePackages' own, on the same file system as
// out, where the cover lists replaced in place are kept to be reused
// (publish.ReplaceFileSpare); "" for none.
func WritePackages(out string, pkgs []Package, spares string) (*Stats, error) {
	st := &Stats{}
	// The previous packages: the digest index, else the manifest (a
	// damaged one only costs rebuilding every package).
	old, order := readIndex(out)
	if old == nil {
		old = map[string]string{}
		if prev, err := ReadManifest(out); err == nil {
			for i := range prev.Packages {
				old[prev.Packages[i].Folder] = prev.Packages[i].Digest()
				order = append(order, prev.Packages[i].Folder)
			}
		}
	}
	digests := make([]string, len(pkgs))
	for i := range pkgs {
		digests[i] = pkgs[i].Digest()
	}
	parents := map[string]bool{}
	for _, f := range order {
		parents[path.Dir(f)] = true
	}
	for _, p := range pkgs {
		parents[path.Dir(p.Folder)] = true
	}
	var dirs []string
	for d := range parents {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	// The package folders on disk, from one listing of each parent
	// instead of a stat of each of 20.000 folders.
	onDisk := map[string]bool{}
	for _, d := range dirs {
		c, err := publish.CleanStaleDirs(filepath.Join(out, filepath.FromSlash(d)))
		st.Cleaned = append(st.Cleaned, c...)
		if err != nil {
			return st, err
		}
		for _, e := range entries(filepath.Join(out, filepath.FromSlash(d))) {
			if e.IsDir() {
				onDisk[path.Join(d, e.Name())] = true
			}
		}
	}
	want := map[string]bool{}
	var todo []*Package
	for i := range pkgs {
		p := &pkgs[i]
		want[p.Folder] = true
		if d, ok := old[p.Folder]; ok && d == digests[i] && onDisk[p.Folder] {
			st.Kept++
			continue
		}
		todo = append(todo, p)
	}
	// Packages already on disk are brought up to date in place
	// (updatePackage): each touches only its own folder, so six workers
	// do not wait for one another (a corrected form that changes the
	// consolidated report changes half of a national run's 20.000). A new
	// package is a staging folder renamed into the parent folder, where
	// every worker's changes wait for each other: two workers make them.
	errs := make([]error, len(todo))
	srcs := &sources{st: map[string]os.FileInfo{}}
	for _, pass := range []struct {
		update  bool
		workers int
	}{{true, packageWorkers}, {false, 2}} {
		jobs := make(chan int, 64)
		var wg sync.WaitGroup
		for w := 0; w < pass.workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					if pass.update {
						errs[i] = updatePackage(out, todo[i], srcs, spareOf(spares, todo[i].Folder))
					} else {
						errs[i] = writePackage(out, todo[i])
					}
				}
			}()
		}
		for i := range todo {
			if onDisk[todo[i].Folder] == pass.update {
				jobs <- i
			}
		}
		close(jobs)
		wg.Wait()
	}
	if err := errors.Join(errs...); err != nil {
		return st, err
	}
	st.Written = len(todo)
	for _, f := range order {
		if !want[f] {
			if err := publish.RemoveDir(filepath.Join(out, filepath.FromSlash(f))); err != nil {
				return st, err
			}
			if s := spareOf(spares, f); s != "" {
				os.Remove(s)
			}
			st.Removed++
		}
	}
	// One flush for every package written, before the manifest that
	// records them as complete.
	if st.Written > 0 || st.Removed > 0 {
		if err := publish.SyncTree(out); err != nil {
			return st, err
		}
	}
	same := st.Written == 0 && st.Removed == 0 && len(order) == len(pkgs)
	for i := 0; same && i < len(pkgs); i++ {
		same = order[i] == pkgs[i].Folder
	}
	if _, err := os.Stat(filepath.Join(out, ManifestName)); same && err == nil {
		return st, nil
	}
	// The index first: it records what is on disk now.
	var idx bytes.Buffer
	for i, p := range pkgs {
		idx.WriteString(digests[i] + " " + p.Folder + "\n")
	}
	if err := publish.WriteFile(filepath.Join(out, IndexName), func(w io.Writer) error { _, err := w.Write(idx.Bytes()); return err }); err != nil {
		return st, err
	}
	// One package a line: quick to write and to read, and a diff of two
	// builds shows which packages changed.
	var data bytes.Buffer
	data.WriteString(`{"format":"` + Format + `","packages":`)
	if err := publish.AppendJSONLines(&data, pkgs); err != nil {
		return st, err
	}
	data.WriteString("}\n")
	return st, publish.WriteFile(filepath.Join(out, ManifestName), func(w io.Writer) error {
		_, err := w.Write(data.Bytes())
		return err
	})
}

// IndexName is the digest of each package, one "<sha256> <folder>" a
// line: how a rerun knows which packages are unchanged without reading
// phan-phoi.json.
const IndexName = "phan-phoi.sha256"

// readIndex reads the index; nil when it is missing or damaged.
func readIndex(out string) (map[string]string, []string) {
	b, err := os.ReadFile(filepath.Join(out, IndexName))
	if err != nil || len(b) > maxManifest {
		return nil, nil
	}
	m := map[string]string{}
	var order []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		d, f, ok := strings.Cut(l, " ")
		if !ok || len(d) != 64 || !localPath(f) {
			return nil, nil
		}
		m[f] = d
		order = append(order, f)
	}
	return m, order
}

// writePackage builds p's folder in a staging folder and puts it in
// place.
func writePackage(out string, p *Package) error {
	dir := filepath.Join(out, filepath.FromSlash(p.Folder))
	staging, err := publish.StageDir(filepath.Dir(dir), filepath.Base(dir))
	if err != nil {
		return err
	}
	for _, f := range p.Files {
		if _, err := publish.StageLink(filepath.Join(out, filepath.FromSlash(f.Path)), filepath.Join(staging, f.Name)); err != nil {
			os.RemoveAll(staging)
			return err
		}
	}
	if err := publish.StageWrite(filepath.Join(staging, CoverName), Cover(p)); err != nil {
		os.RemoveAll(staging)
		return err
	}
	if err := publish.ReplaceDirNoSync(staging, filepath.Base(dir)); err != nil {
		os.RemoveAll(staging)
		return err
	}
	return nil
}

// packageWorkers is how many goroutines lay out packages.
const packageWorkers = 6

// updatePackage brings p's existing folder up to date in place: each file
// that is not the output it should be (the same file: packages hold links)
// is replaced by a link in one rename, files the package no longer holds
// are removed, and the cover list is written again. A reader of the
// folder meanwhile sees whole files, old or new; a run stopped half-way
// leaves the package's old digest in the index, so the next run updates
// it again.
func updatePackage(out string, p *Package, srcs *sources, spare string) error {
	dir := filepath.Join(out, filepath.FromSlash(p.Folder))
	keep := map[string]bool{CoverName: true}
	for _, f := range p.Files {
		keep[f.Name] = true
		src := filepath.Join(out, filepath.FromSlash(f.Path))
		dst := filepath.Join(dir, f.Name)
		got, err := os.Lstat(dst)
		if want := srcs.stat(src); err == nil && want != nil && os.SameFile(want, got) {
			continue
		}
		if err == nil && got.IsDir() {
			if err := os.RemoveAll(dst); err != nil {
				return err
			}
		}
		if err := publish.ReplaceLinkNoSync(src, dst); err != nil {
			return err
		}
	}
	for _, e := range entries(dir) {
		if !keep[e.Name()] {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return publish.ReplaceFileSpare(filepath.Join(dir, CoverName), spare, Cover(p))
}

// spareOf is where the spare of the package folder's cover list is kept:
// a name made from the folder's (which may be long, and Vietnamese).
func spareOf(spares, folder string) string {
	if spares == "" {
		return ""
	}
	h := sha256.Sum256([]byte(folder))
	return filepath.Join(spares, hex.EncodeToString(h[:16]))
}

// sources remembers the stat of the outputs the packages link to (the
// consolidated report is in every commune's package).
type sources struct {
	mu sync.Mutex
	st map[string]os.FileInfo
}

func (s *sources) stat(p string) os.FileInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	if fi, ok := s.st[p]; ok {
		return fi
	}
	fi, _ := os.Stat(p) // nil when missing: the link is then made, and fails
	s.st[p] = fi
	return fi
}

// entries are what dir holds (unsorted, links not followed); none when
// it cannot be read.
func entries(dir string) []os.DirEntry {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	list, _ := f.ReadDir(-1)
	return list
}
