package send

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"github.com/ntm-project/ntm/templates"
)

// The mail templates (templates/mail/), overridable from the input
// folder's templates/mail/.
const (
	subjectTemplate = "mail/tieu-de.tmpl"
	bodyTemplate    = "mail/noi-dung.tmpl"
)

// maxMailText bounds what a template may produce.
const maxMailText = 64 << 10

// mailData is what the templates see.
type mailData struct {
	Addressee   string
	Period      string
	PeriodLabel string
	Sender      string
	Files       []mailFile
	Resent      bool
}

type mailFile struct {
	Title, Name string
	Pages       int
	Size        string
}

type mailTemplates struct {
	subject, body *template.Template
}

var funcs = template.FuncMap{"inc": func(i int) int { return i + 1 }}

func loadTemplates(override fs.FS, display string) (*mailTemplates, error) {
	var t mailTemplates
	for _, x := range []struct {
		name string
		dst  **template.Template
	}{{subjectTemplate, &t.subject}, {bodyTemplate, &t.body}} {
		src, err := templates.Open(x.name, override, display)
		if err != nil {
			return nil, fmt.Errorf("mẫu thư %s: %w", x.name, err)
		}
		tt, err := template.New(src.Display).Funcs(funcs).Option("missingkey=error").Parse(src.Text)
		if err != nil {
			return nil, fmt.Errorf("mẫu thư %s: %w", src.Display, err)
		}
		*x.dst = tt
	}
	return &t, nil
}

// limited is a writer that refuses more than maxMailText bytes.
type limited struct{ bytes.Buffer }

func (l *limited) Write(p []byte) (int, error) {
	if l.Len()+len(p) > maxMailText {
		return 0, fmt.Errorf("mẫu thư sinh quá %d KB", maxMailText>>10)
	}
	return l.Buffer.Write(p)
}

// render gives the subject (one line, spaces collapsed) and the body.
func (t *mailTemplates) render(d mailData) (subject, body string, err error) {
	var s, b limited
	if err := t.subject.Execute(&s, d); err != nil {
		return "", "", fmt.Errorf("mẫu thư: %w", err)
	}
	if err := t.body.Execute(&b, d); err != nil {
		return "", "", fmt.Errorf("mẫu thư: %w", err)
	}
	return strings.Join(strings.Fields(s.String()), " "), b.String(), nil
}
