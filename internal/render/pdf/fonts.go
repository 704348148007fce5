package pdf

import (
	"fmt"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// family is the font family name inside the PDF.
const family = "LiberationSerif"

// style is one of the four faces of the family.
type style uint8

const (
	regular    style = 0
	bold       style = 1
	italic     style = 2
	boldItalic style = bold | italic
)

// fpdfStyle is the style string fpdf knows each face by.
var fpdfStyle = [4]string{"", "B", "I", "BI"}

func styleOf(isBold, isItalic bool) style {
	var s style
	if isBold {
		s |= bold
	}
	if isItalic {
		s |= italic
	}
	return s
}

// fontSet is the four faces of Liberation Serif, parsed once per process
// and shared by every renderer and goroutine (fpdf.PreparedFont is safe
// for concurrent use; see third_party/fpdf/README.md).
type fontSet struct {
	face [4]*fpdf.PreparedFont
	// space is the width of U+0020 in thousandths of an em, per face.
	space [4]float64
}

var (
	fontsOnce sync.Once
	fonts     *fontSet
	fontsErr  error
)

// sharedFonts parses the fonts the first time it is called.
func sharedFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		rep := repertoire()
		fs := &fontSet{}
		for i, ttf := range [4][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF} {
			p, err := fpdf.PrepareUTF8Font(ttf, rep)
			if err != nil {
				fontsErr = fmt.Errorf("phông Liberation Serif %q: %w", fpdfStyle[i], err)
				return
			}
			fs.face[i] = p
			fs.space[i] = float64(p.Width(' '))
		}
		fonts = fs
	})
	return fonts, fontsErr
}

// repertoire is the glyph set every document embeds (when its text stays
// within it), so that the subset of each face is built once per process
// rather than once per document: printable ASCII, the Vietnamese letters
// (precomposed, as NFC gives them) and the punctuation and signs that
// administrative text uses. A document with another rune embeds the
// repertoire and that rune, built for it (and kept for the next documents
// that need the same set).
func repertoire() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	// Latin-1 letters used in Vietnamese, and a few signs.
	rs = append(rs, []rune("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư")...)
	rs = append(rs, []rune("°±×÷§©®«»·–—‘’“”„…•‰′″€№≤≥≠≈−")...)
	// Latin Extended Additional: ẠạẢả … Ỹỹ, every letter with a tone mark.
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		rs = append(rs, r)
	}
	return rs
}

// widthMM is the width of s in mm, drawn in face st at size pt. A
// no-break space counts as the space it prints as.
func (fs *fontSet) widthMM(s string, st style, size float64) float64 {
	p := fs.face[st]
	w := 0
	for _, r := range s {
		if r == nbsp {
			r = ' '
		}
		w += p.Width(r)
	}
	return float64(w) * size / 1000 * ptMM
}

// runeMM is the width of one rune in mm.
func (fs *fontSet) runeMM(r rune, st style, size float64) float64 {
	if r == nbsp {
		r = ' '
	}
	return float64(fs.face[st].Width(r)) * size / 1000 * ptMM
}

// spaceMM is the width of a space in mm.
func (fs *fontSet) spaceMM(st style, size float64) float64 {
	return fs.space[st] * size / 1000 * ptMM
}

// printable reports whether every face can print r.
func (fs *fontSet) printable(r rune) bool {
	for _, p := range fs.face {
		if !p.HasGlyph(r) {
			return false
		}
	}
	return true
}
