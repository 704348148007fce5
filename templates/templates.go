// Package templates holds the Vietnamese text templates that ntm ships,
// embedded in the binary: the sentences of the reports that follow from
// data (report/*.tmpl) and the subject and body of the e-mails that carry
// the documents (mail/*.tmpl). A clerk overrides any of them with a file
// of the same name under input/templates/ (input/templates/report/x.tmpl
// replaces report/x.tmpl).
//
// The Go file lives here, at the top of the repository, because embed
// patterns cannot reach up with "..". It imports nothing from ntm.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"path"
)

//go:embed report/*.tmpl mail/*.tmpl
var embedded embed.FS

// FS is the embedded templates.
var FS fs.FS = embedded

// MaxSize bounds a template file, embedded or overriding.
const MaxSize = 256 << 10

// Source is one template's text and where it came from.
type Source struct {
	Name string // "report/tien-do.tmpl"
	// Display names the file in messages: the override's path under the
	// input folder, or "templates/<name> (cài sẵn)" for the embedded one.
	Display string
	Text    string
}

// ErrTooLarge is returned for a template file over MaxSize.
var ErrTooLarge = errors.New("tệp mẫu quá lớn")

// Open returns the template called name ("report/tien-do.tmpl"): the file
// of that name in override when there is one (override may be nil), else
// the embedded one. overrideDisplay is how the override folder is shown
// to the clerk ("input/templates").
func Open(name string, override fs.FS, overrideDisplay string) (Source, error) {
	if override != nil {
		if st, err := fs.Stat(override, name); err == nil {
			if !st.Mode().IsRegular() {
				return Source{}, &fs.PathError{Op: "open", Path: path.Join(overrideDisplay, name), Err: errors.New("không phải tệp thường")}
			}
			if st.Size() > MaxSize {
				return Source{}, &fs.PathError{Op: "open", Path: path.Join(overrideDisplay, name), Err: ErrTooLarge}
			}
			b, err := fs.ReadFile(override, name)
			if err != nil {
				return Source{}, err
			}
			return Source{Name: name, Display: path.Join(overrideDisplay, name), Text: string(b)}, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return Source{}, err
		}
	}
	b, err := fs.ReadFile(embedded, name)
	if err != nil {
		return Source{}, err
	}
	return Source{Name: name, Display: "templates/" + name + " (cài sẵn)", Text: string(b)}, nil
}
