package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nbsp is the no-break space builders put inside names ("Gio Mai"): a
// line never breaks there, and it prints as a space.
const nbsp = '\u00a0'

// breakable reports whether a line may break at r: only the ordinary
// space, and the tab and newline that builders should not send (taken as
// spaces).
func breakable(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// word is one unbreakable piece of a line as printed (no-break spaces
// already turned into spaces) and its width in mm.
type word struct {
	s string
	w float64
}

// line is one line of wrapped text: its words, the width they take with
// one space between them, and whether the text goes on after it (so that
// a justified line is stretched; the last line of a paragraph is not).
type line struct {
	words []word
	w     float64
	more  bool
}

// text returns the line as one string with single spaces.
func (l line) text() string {
	switch len(l.words) {
	case 0:
		return ""
	case 1:
		return l.words[0].s
	}
	n := len(l.words) - 1
	for _, w := range l.words {
		n += len(w.s)
	}
	var b strings.Builder
	b.Grow(n)
	for i, w := range l.words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.s)
	}
	return b.String()
}

// font is a face at a size: what measuring and drawing a run needs.
type font struct {
	st   style
	size float64 // pt
}

// tokens splits text at the breakable spaces and measures each piece;
// no-break spaces become spaces inside a word.
func (fs *fontSet) tokens(text string, f font) []word {
	out := make([]word, 0, strings.Count(text, " ")+1)
	start := -1
	for i, r := range text {
		if breakable(r) {
			if start >= 0 {
				out = append(out, fs.word(text[start:i], f))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, fs.word(text[start:], f))
	}
	return out
}

func (fs *fontSet) word(s string, f font) word {
	if strings.ContainsRune(s, nbsp) {
		s = strings.ReplaceAll(s, string(nbsp), " ")
	}
	return word{s: s, w: fs.widthMM(s, f.st, f.size)}
}

// wrap breaks text into lines no wider than width, the first line
// narrower by first and the others by rest (a hanging indent). A word
// wider than a whole line is cut between letters: it starts on the line
// where it comes, filling what is left of it, and goes on on the next
// lines; no line is ever wider than its measure.
func (fs *fontSet) wrap(text string, f font, width, first, rest float64) []line {
	return fs.wrapWords(fs.tokens(text, f), f, width, first, rest)
}

func (fs *fontSet) wrapWords(ws []word, f font, width, first, rest float64) []line {
	space := fs.spaceMM(f.st, f.size)
	// The lines' words are consecutive runs of one array (a table of a
	// thousand cells wraps a thousand texts: one allocation each, not one
	// per line and growth); each line's slice is capped, so that
	// appending to one never writes into the next.
	total := 0.0
	for _, wd := range ws {
		total += wd.w + space
	}
	lines := make([]line, 0, 1+int(total/max(width-rest, 1)))
	backing := make([]word, 0, len(ws)+2)
	start := 0
	cur := line{}
	add := func(wd word) {
		backing = append(backing, wd)
		cur.words = backing[start:len(backing):len(backing)]
	}
	avail := width - first
	flush := func() {
		cur.more = true
		lines = append(lines, cur)
		cur = line{}
		start = len(backing)
		avail = width - rest
	}
	for _, wd := range ws {
		for {
			gap := 0.0
			if len(cur.words) > 0 {
				gap = space
			}
			if cur.w+gap+wd.w <= avail+1e-9 {
				add(wd)
				cur.w += gap + wd.w
				break
			}
			if len(cur.words) > 0 && wd.w <= width-rest+1e-9 {
				// It fits on the next line.
				flush()
				continue
			}
			// Wider than a line: cut it, filling this line first.
			room := avail - cur.w - gap
			head, tail, ok := fs.cut(wd, f, room, len(cur.words) == 0)
			if !ok {
				flush()
				continue
			}
			add(head)
			cur.w += gap + head.w
			flush()
			wd = tail
		}
	}
	if len(cur.words) > 0 {
		lines = append(lines, cur)
	}
	if n := len(lines); n > 0 {
		lines[n-1].more = false
	}
	return lines
}

// cut splits w so that its head fits in room, never before a combining
// mark. At the start of a line (force) the head has at least one letter
// even when it does not fit; elsewhere ok is false when nothing fits.
func (fs *fontSet) cut(w word, f font, room float64, force bool) (head, tail word, ok bool) {
	used := 0.0
	end := 0
	for i, r := range w.s {
		rw := fs.runeMM(r, f.st, f.size)
		if used+rw > room+1e-9 && !unicode.Is(unicode.Mn, r) {
			break
		}
		used += rw
		end = i + utf8.RuneLen(r)
	}
	if end == 0 {
		if !force {
			return word{}, word{}, false
		}
		_, n := utf8.DecodeRuneInString(w.s)
		end = n
		for end < len(w.s) {
			r, n := utf8.DecodeRuneInString(w.s[end:])
			if !unicode.Is(unicode.Mn, r) {
				break
			}
			end += n
		}
		used = fs.widthMM(w.s[:end], f.st, f.size)
	}
	if end >= len(w.s) {
		// The whole word fits after all (rounding): no tail.
		return w, word{}, true
	}
	return word{s: w.s[:end], w: used}, word{s: w.s[end:], w: w.w - used}, true
}

// balanced lays out a centred text (a title, a caption, the heading of
// an appendix) in as few lines as width allows, with lines of even
// length broken at phrase boundaries rather than a long line and a stub
// ("… xây dựng nông / thôn mới"): the rules of agency names (names.go).
func (fs *fontSet) balanced(text string, f font, width float64) []line {
	return fs.breakName(text, f, width)
}

// widest is the width of the widest of lines.
func widest(lines []line) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, l.w)
	}
	return w
}
