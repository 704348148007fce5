package publish

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxNameBytes bounds a file or folder name made from input: 255 bytes is
// the limit of ext4 and most Linux file systems (NTFS counts 255 UTF-16
// units, which a UTF-8 name of 255 bytes never exceeds). Callers that add
// a suffix pass a smaller limit to SafeName.
const MaxNameBytes = 255

// reserved are the device names Windows refuses as a file name, with or
// without an extension ("CON", "con.txt", "LPT1.pdf").
var reserved = func() map[string]bool {
	m := map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}
	for _, p := range []string{"COM", "LPT"} {
		for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
			m[p+d] = true
		}
	}
	return m
}()

// SafeName turns s (an addressee, a commune, a period, as the clerk typed
// it) into a name that is valid as one file or folder name on Windows and
// on Linux, keeping Vietnamese readable: "UBND xã Gio Mỹ" stays "UBND xã
// Gio Mỹ". It composes the text (NFC); replaces the characters Windows
// forbids (<>:"/\|?*), control characters and line breaks by "_";
// collapses runs of spaces; drops leading dots (ntm's own temporary names
// start with a dot) and leading or trailing spaces and trailing dots
// (Windows drops those silently); appends "_" to a reserved device name
// (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also before an extension); and cuts
// the result at a character boundary to at most maxBytes bytes (0 means
// MaxNameBytes). An empty result becomes "_".
func SafeName(s string, maxBytes int) string {
	if maxBytes <= 0 || maxBytes > MaxNameBytes {
		maxBytes = MaxNameBytes
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			r = '_'
		case unicode.IsSpace(r) && r != '\n' && r != '\r' && r != '\t':
			// Ordinary and no-break spaces become one plain space.
			if space {
				continue
			}
			space = true
			b.WriteByte(' ')
			continue
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cc, r) || strings.ContainsRune(`<>:"/\|?*`, r):
			r = '_'
		}
		space = false
		b.WriteRune(r)
	}
	// Composed again: a '_' put for a broken byte or a control character
	// starts a new sequence, and the marks after it are reordered.
	out := strings.TrimLeft(norm.NFC.String(b.String()), ". ")
	out = cut(out, maxBytes)
	out = strings.TrimRight(out, ". ")
	if out == "" {
		return "_"
	}
	stem, _, _ := strings.Cut(out, ".")
	if reserved[strings.ToUpper(strings.TrimRight(stem, " "))] {
		rest := strings.TrimPrefix(out, stem)
		stem = cut(stem, maxBytes-1) + "_"
		out = stem + cut(rest, maxBytes-len(stem))
		out = strings.TrimRight(out, ". ")
	}
	return out
}

// cut shortens s to at most n bytes without splitting a character, nor,
// where it can, a letter from its marks (a mark cut from its letter would
// change the name, and composing the rest again could change it more).
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	// The last boundary up to and including the one before the next
	// character, if that character starts a new sequence.
	_, size := utf8.DecodeRuneInString(s[n:])
	if i := norm.NFC.LastBoundary([]byte(s[:n+size])); i > 0 && i <= n {
		n = i
	}
	return s[:n]
}

// NameKey is the form under which two names are the same file on a
// case-insensitive file system (Windows, macOS): composed and case-folded.
// "UBND Xã Thuận" and "ubnd xã thuận" have the same key; "Ân Tú" and "An
// Tú" do not.
func NameKey(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return cases.Fold().String(norm.NFC.String(name))
		}
	}
	// ASCII is composed, and folds to its lower case (most names are
	// file names: "bao-cao-2021-H1.pdf").
	return strings.ToLower(name)
}

// Names detects names that would be the same file in one folder.
type Names struct {
	owners map[string]string
}

// Claim records name for owner (what the name was made from, for the
// message). It returns the earlier owner and false when another owner
// already holds a name with the same NameKey.
func (n *Names) Claim(name, owner string) (string, bool) {
	if n.owners == nil {
		n.owners = map[string]string{}
	}
	k := NameKey(name)
	if prev, ok := n.owners[k]; ok && prev != owner {
		return prev, false
	}
	n.owners[k] = owner
	return "", true
}
