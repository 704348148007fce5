// Copyright ©2026 The ntm authors. Use of this source code is governed by
// the MIT-style license of this package (LICENSE).

package fpdf

// This file is ntm's patch (see README.md): a UTF-8 TrueType font parsed
// once and added to many documents, with its subset font programs built
// once per distinct glyph set and shared.

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zlib"
)

// maxPreparedCuts bounds the number of distinct subsets a PreparedFont
// keeps; past it a subset is built for each document and not kept.
const maxPreparedCuts = 64

// PreparedFont is a UTF-8 TrueType font parsed once, to be added to any
// number of documents with AddUTF8PreparedFont, from any number of
// goroutines. Adding it costs no parsing; its subset font program (the
// glyphs a document uses, the CIDToGIDMap and the width array) is built
// once for each distinct set of runes and reused by every document that
// needs the same set.
//
// With a repertoire, every document whose runes all lie in it embeds the
// subset of the whole repertoire, so that such documents share one
// subset; a document with a rune outside it embeds the repertoire plus
// its other runes. The bytes of a document depend only on the document
// and the repertoire, never on what was rendered before.
type PreparedFont struct {
	ttf        []byte
	tmpl       fontDefType // Tp, Desc, Up, Ut, Cw as parsed
	repertoire map[int]int // rune → rune; nil: subset to the runes used
	repKey     string
	// inRep has a bit for each rune of the repertoire below repBits, so
	// that drawing text need not record those runes one by one (ntm
	// patch, fasttext.go): the subset holds them anyway.
	inRep [repBits / 64]uint64

	mu    sync.Mutex
	ids   map[string]string // font key → font ID (as generateFontID names it)
	cuts  map[string]*preparedCut
	built atomic.Int64
	hits  atomic.Int64
}

// PreparedFontStats counts the subsets a PreparedFont built and the times
// a document reused one.
type PreparedFontStats struct {
	Built, Reused int64
}

// utf8Cut is everything putfonts writes for a UTF-8 font that depends on
// the runes used: the compressed subset font program and its length, the
// compressed CIDToGIDMap and the /W array.
type utf8Cut struct {
	font     []byte // zlib-compressed subset font program
	length1  int    // its uncompressed length
	cidToGID []byte // zlib-compressed CIDToGIDMap
	widths   string // "/W [ … ]"
}

type preparedCut struct {
	once sync.Once
	cut  *utf8Cut
}

// PrepareUTF8Font parses a TrueType font for use in many documents.
// repertoire, when not empty, lists the runes every document embeds (see
// PreparedFont); runes the font has no glyph for are left out of it.
func PrepareUTF8Font(ttf []byte, repertoire []rune) (p *PreparedFont, err error) {
	defer func() {
		// The parser indexes the file without bounds checks.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("fpdf: cannot parse font: %v", r)
		}
	}()
	utf := newUTF8Font(&fileReader{array: ttf})
	if err := utf.parseFile(); err != nil {
		return nil, err
	}
	p = &PreparedFont{
		ttf: ttf,
		tmpl: fontDefType{
			Tp: "UTF8",
			Desc: FontDescType{
				Ascent:       int(utf.Ascent),
				Descent:      int(utf.Descent),
				CapHeight:    utf.CapHeight,
				Flags:        utf.Flags,
				FontBBox:     utf.Bbox,
				ItalicAngle:  utf.ItalicAngle,
				StemV:        utf.StemV,
				MissingWidth: round(utf.DefaultWidth),
			},
			Up: int(round(utf.UnderlinePosition)),
			Ut: round(utf.UnderlineThickness),
			Cw: utf.CharWidths,
		},
		ids:  make(map[string]string),
		cuts: make(map[string]*preparedCut),
	}
	if len(repertoire) > 0 {
		p.repertoire = make(map[int]int, len(repertoire))
		for _, r := range repertoire {
			if p.HasGlyph(r) {
				p.repertoire[int(r)] = int(r)
			}
		}
		p.repKey = runeSetKey(p.repertoire)
		for r := range p.repertoire {
			if r < repBits {
				p.inRep[r/64] |= 1 << (r % 64)
			}
		}
	}
	return p, nil
}

// repBits bounds the runes inRep covers: Vietnamese ends at U+1EF9.
const repBits = 0x2100

// HasGlyph reports whether the font can print r.
func (p *PreparedFont) HasGlyph(r rune) bool {
	return r > 0 && int(r) < len(p.tmpl.Cw) && p.tmpl.Cw[r] != 0
}

// Width is the advance width of r in thousandths of the font size, as
// GetStringWidth counts it (the missing width for a rune without glyph).
func (p *PreparedFont) Width(r rune) int {
	cw := p.tmpl.Cw
	if r >= 0 && int(r) < len(cw) && cw[r] > 0 {
		if cw[r] == 65535 {
			return 0
		}
		return cw[r]
	}
	if p.tmpl.Desc.MissingWidth != 0 {
		return p.tmpl.Desc.MissingWidth
	}
	return 500
}

// Stats says how many subsets were built and how many times one was
// reused.
func (p *PreparedFont) Stats() PreparedFontStats {
	return PreparedFontStats{Built: p.built.Load(), Reused: p.hits.Load()}
}

// AddUTF8PreparedFont makes a prepared font available in the document
// under a family and style, as AddUTF8FontFromBytes does with the font's
// bytes, and with the same output for the same runes when the font has no
// repertoire.
func (f *Fpdf) AddUTF8PreparedFont(familyStr, styleStr string, p *PreparedFont) {
	if f.err != nil {
		return
	}
	if p == nil {
		f.err = fmt.Errorf("fpdf: nil prepared font for %s %s", familyStr, styleStr)
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	def := p.tmpl
	def.Name = fontkey
	def.i = p.id(def)
	def.prepared = p
	if f.aliasNbPagesStr == "" {
		def.usedRunes = makeSubsetRange(57)
	} else {
		def.usedRunes = makeSubsetRange(32)
	}
	f.fonts[fontkey] = def
}

// id is the font ID generateFontID gives def, computed once per font key:
// it marshals the whole width table to JSON and hashes it.
func (p *PreparedFont) id(def fontDefType) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if id, ok := p.ids[def.Name]; ok {
		return id
	}
	id, _ := generateFontID(def)
	p.ids[def.Name] = id
	return id
}

// cut returns the subset for a document that used the runes in used (a
// usedRunes map: the values are the runes, 0 stands for none).
func (p *PreparedFont) cut(used map[int]int) *utf8Cut {
	// Most documents stay within the repertoire: that is found without
	// building a set (a map of hundreds of runes) for each of them.
	within := p.repertoire != nil
	for _, r := range used {
		if within && r != 0 && p.repertoire[r] == 0 {
			within = false
			break
		}
	}
	key, set := p.repKey, p.repertoire
	if !within {
		set = make(map[int]int, len(p.repertoire)+len(used))
		for _, r := range used {
			if r != 0 {
				set[r] = r
			}
		}
		for r := range p.repertoire {
			set[r] = r
		}
		key = runeSetKey(set)
	}
	p.mu.Lock()
	e, ok := p.cuts[key]
	if !ok && len(p.cuts) < maxPreparedCuts {
		e = new(preparedCut)
		p.cuts[key] = e
	}
	p.mu.Unlock()
	if e == nil {
		p.built.Add(1)
		return p.makeCut(set)
	}
	fresh := false
	e.once.Do(func() {
		fresh = true
		p.built.Add(1)
		e.cut = p.makeCut(set)
	})
	if !fresh {
		p.hits.Add(1)
	}
	return e.cut
}

// makeCut builds the subset of the runes in set on a parser of its own,
// since building a subset changes the parser's state.
func (p *PreparedFont) makeCut(set map[int]int) *utf8Cut {
	used := makeSubsetRange(57)
	for r := range set {
		used[r] = r
	}
	def := p.tmpl
	def.usedRunes = used
	return makeUTF8Cut(newUTF8Font(&fileReader{array: p.ttf}), &def)
}

// runeSetKey names a set of runes.
func runeSetKey(set map[int]int) string {
	rs := make([]int, 0, len(set))
	for r := range set {
		rs = append(rs, r)
	}
	sort.Ints(rs)
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(strconv.Itoa(r))
		b.WriteByte(',')
	}
	return b.String()
}

// makeUTF8Cut builds the subset of font for the runes in font.usedRunes,
// as putfonts always did: it is shared by fonts added from files or bytes
// and prepared fonts, so that both write the same bytes.
func makeUTF8Cut(utf *utf8FontFile, font *fontDefType) *utf8Cut {
	usedRunes := font.usedRunes
	delete(usedRunes, 0)
	stream := utf.GenerateCutFont(usedRunes)
	codeSign := utf.CodeSymbolDictionary
	delete(codeSign, 0)
	widths := cidFontWidths(font, utf.LastRune)

	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range codeSign {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	// A subset is made once and embedded in every document that uses
	// it (a prepared font's cut is cached): it is compressed as tightly
	// as zlib can, 6 % smaller than at the speed of the page streams.
	return &utf8Cut{cidToGID: compressBest(cidToGidMap), length1: len(stream), widths: widths, font: compressBest(stream)}
}

// compressBest zlib-compresses data at zlib.BestCompression (ntm patch).
func compressBest(data []byte) []byte {
	var b bytes.Buffer
	zw, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
	if err == nil {
		_, err = zw.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}
	return b.Bytes()
}
