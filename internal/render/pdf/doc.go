// Package pdf draws a finished report.Document as a PDF on an io.Writer:
// the "render" stage for paper documents, and the one layout engine of
// Decree 30/2020/NĐ-CP, Appendix I, that every document of ntm goes
// through. It never opens a file and never computes anything about
// criteria: it lays out text it is given. Its sizes, ranges and defaults
// come from package decree30.
//
// # Use
//
//	r, err := pdf.NewRenderer() // fonts parsed once per process
//	info, err := r.Render(w, doc) // info.Pages, info.PartPages for the archive
//
// A Renderer is safe for concurrent use and cheap to make; the package
// function Render(w, doc) makes one. The output depends only on the
// document: the same model gives the same bytes, on one goroutine or many.
//
// # What the engine does with a Document
//
// Each Part starts on a new page of its own geometry (A4 portrait or
// landscape, the part's Layout; a zero field of Layout takes decree30's
// default) and is numbered from 1; its page numbers are printed centred
// in the top margin from its second page (13 pt, upright).
//
//   - Official: the two-column header (parent agency upright, agency bold
//     with a rule 2/5 of its longest line; national name and motto with a
//     rule as long as the motto; "Số:" and the place and date on one
//     line), the type and trích yếu centred with a rule, "Kính gửi:".
//     Agency names, titles and signer lines are broken at phrase
//     boundaries in even lines ("ỦY BAN NHÂN DÂN / HUYỆN HƯƠNG KHÊ"); a
//     "\n" in them forces a break. Without a Parent the agency starts
//     level with the national name.
//   - KinhGui: names only; the engine adds the dashes and the final ";"
//     and "." (a name's own final ";" or "." is replaced).
//   - Annex: "Phụ lục I" bold 14 pt, the title, the "(Kèm theo …)" line
//     in italics, centred, and a short rule.
//   - Body: the closed set of block kinds. A Paragraph is justified with
//     its first-line indent and never leaves one line alone at the foot
//     or head of a page; a Heading stays with the first lines after it
//     (level 1 always bold; 2 and 3 as Bold and Italic say); a Caption is
//     centred and stays with the table or chart after it; a TableBlock
//     repeats all its header rows on every page, keeps them with its first
//     row, and splits a row taller than a page between lines; a ChartBlock
//     is vector graphics in greys, never split; a PageBreak starts a page.
//   - Closing: "Nơi nhận:" and the list on the left, level with the
//     signer's first title line; the signer's lines (any of the decree's
//     forms: "GIÁM ĐỐC"; "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"; "TM. ỦY BAN
//     NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; Q., TL., TUQ.), room
//     for the signature, the name, centred under the national name. The
//     list takes the room the signer's block leaves, so the columns never
//     overlap; a list that does not fit runs on to the next page, and the
//     signer's block stays with at least the last two lines of the body.
//
// # Text
//
// Strings must be NFC. Lines break only at U+0020 (a tab or newline is
// taken as a space); builders put U+00A0 no-break spaces inside a name
// that must not be split ("xã Gio\u00a0Mai"), and the engine prints them
// as spaces. A word wider than a line is cut between letters, starting
// on the line where it comes.
//
// # Errors
//
// The model is checked before anything is drawn. A block of an unknown
// kind, a table whose cells do not add up to its columns (or have one too
// many), a column too narrow for a letter of its cells, chart data that
// does not match its categories or axis, a layout outside the decree's
// ranges, a control character or a rune the fonts lack, text not in NFC:
// all are reported together in one *ModelError, each with its part,
// block, row and cell; nothing is written then. The renderer never
// panics on a model.
//
// # Fonts and speed
//
// Fonts are Liberation Serif (metric-compatible with Times New Roman,
// which the decree names), embedded in the binary, parsed once per
// process through ntm's patch of fpdf (third_party/fpdf). Only the faces
// a document uses are embedded. A document whose text stays within the
// Vietnamese repertoire (printable ASCII, every Vietnamese letter,
// common signs) embeds each face's subset of that repertoire, built once
// and shared by every such document; a document with another rune gets a
// subset of the repertoire and that rune, built for it and kept for the
// next. A commune report costs about 2 ms of CPU.
package pdf
