package pdf

import (
	"io"
	"testing"

	"github.com/ntm-project/ntm/internal/report"
)

var testRenderer = func() *Renderer {
	r, err := NewRenderer()
	if err != nil {
		panic(err)
	}
	return r
}()

// renderTrace draws doc on w and returns the text runs as drawn.
func renderTrace(w io.Writer, doc *report.Document) ([]TextBox, error) {
	_, tr, err := testRenderer.render(w, doc, true)
	if err != nil {
		return nil, err
	}
	return tr.Texts, nil
}

// traced draws doc and returns the whole trace, failing the test on error.
func traced(t testing.TB, doc *report.Document) (*trace, []byte, Info) {
	t.Helper()
	var buf bytesBuffer
	info, tr, err := testRenderer.render(&buf, doc, true)
	if err != nil {
		t.Fatal(err)
	}
	return tr, buf.b, info
}

type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
