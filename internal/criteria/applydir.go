package criteria

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/inputfile"
)

// ApplyDir applies every *.toml file of the folder dir (a province's
// corrections, input/criteria/), in name order, with Apply. A missing
// folder is no problem; a file that is not a regular file, or too large,
// is one, named.
func (c *Catalogue) ApplyDir(dir string) diag.List {
	var problems diag.List
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		problems.Add(diag.Pos{File: dir}, "không đọc được thư mục: %v", inputfile.Describe(err))
		return problems
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(dir, n)
		data, err := inputfile.Read(path, int64(Limits.MaxBytes))
		if err != nil {
			problems.Add(diag.Pos{File: path}, "không đọc được tệp: %v", err)
			continue
		}
		problems.Append(c.Apply(path, data))
	}
	return problems
}
