package pdf

import (
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// family is the font family name inside the PDF.
const family = "LiberationSerif"

// addFonts embeds the four styles of Liberation Serif. fpdf needs each
// style registered separately, or it fails with "undefined font" the
// first time a bold or italic run is drawn.
func addFonts(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(family, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(family, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(family, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(family, "BI", liberationserifbolditalic.TTF)
}
