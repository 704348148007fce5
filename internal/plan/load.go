package plan

import (
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/inputfile"
	"github.com/ntm-project/ntm/internal/tomldec"
)

// LoadFile reads the plan at path and loads it with Load, naming the
// file by path in every problem.
func LoadFile(path string) (*Plan, diag.List) {
	data, l := ReadFile(path)
	if l != nil {
		return nil, l
	}
	return Load(path, data)
}

// ReadFile reads the plan file at path as Load takes it (a regular file,
// within the TOML size limit); a file it cannot read is one problem.
func ReadFile(path string) ([]byte, diag.List) {
	data, err := inputfile.Read(path, int64(tomldec.DefaultLimits.MaxBytes))
	if err != nil {
		var l diag.List
		l.Add(diag.Pos{File: path}, "không đọc được tệp kế hoạch: %s", err)
		return nil, l
	}
	return data, nil
}

// Load decodes and checks a plan written in TOML. name is the file name
// used in problems. It reports every problem it finds at once: TOML
// syntax (only the first, the parser stops there), unknown keys (with the
// nearest known key when it looks like a typo), values of the wrong type,
// missing required fields, and the checks of the plan's meaning (commune
// IDs, criterion numbers, statuses, templates, Decree 30 layout ranges…).
// Each problem names the key path and its line.
//
// Strings are normalised to NFC. Defaults are applied after the checks:
// a zero Layout field takes the Decree 30 default (DefaultLayout), an
// empty Subject takes Title, an empty section Style is "dash".
//
// When the list holds an error, the returned plan is nil; warnings alone
// do not stop the load.
func Load(name string, data []byte) (*Plan, diag.List) {
	p := &Plan{File: name}
	dec, ok := tomldec.Decode(name, data, p, tomldec.DefaultLimits)
	if !ok {
		return nil, dec.List()
	}
	ld := &loader{Decoder: dec}
	p.idx = dec.Index()
	p.index()
	ld.validate(p)
	list := dec.List()
	if list.Errors() > 0 {
		list.Sort()
		return nil, list
	}
	p.applyDefaults()
	list.Sort()
	return p, list
}

// loader holds the state of one Load: the strict decoder's, with the
// plan's own checks on top.
type loader struct {
	*tomldec.Decoder
	x      *Expander // checks the templates, with stub criterion names
	total  int       // characters of all the expanded texts
	overAt string    // the key where total passed maxDocumentText
	// annexRef[i] says whether the body points to annex i.
	annexRef []bool
}

// Pos is where key path (e.g. "communes[1].missing") is written in the
// plan's file, for problems found by later stages (the baseline
// assessments disagreeing with a commune's missing criteria).
func (p *Plan) Pos(path string) diag.Pos {
	line, col := p.idx.Lookup(path)
	return diag.Pos{File: p.File, Key: path, Line: line, Col: col}
}
