// Package pdfa turns the PDF bytes that the renderer writes into an
// archival PDF aimed at PDF/A-2b (ISO 19005-2, level B), and checks the
// parts of that conformance that can be checked without a full
// validator.
//
// fpdf writes a classic PDF (one revision, a cross-reference table, every
// font embedded, no transparency, no encryption) but has no call for
// three things PDF/A requires. Convert adds them by rewriting the file
// around its objects, which it copies byte for byte:
//
//   - the header "%PDF-1.7" followed by a comment line of four bytes above
//     127 (ISO 19005-2, 6.1.2);
//   - an XMP metadata stream in the catalog (/Metadata) that states
//     pdfaid:part 2 and pdfaid:conformance B and repeats the document
//     information dictionary (title, author, subject, keywords, creator,
//     producer, dates) exactly, as 6.6.2 and 6.6.3 ask;
//   - an output intent (/OutputIntents, /S /GTS_PDFA1) with an embedded
//     sRGB ICC profile (6.2.3), which ntm makes itself (see icc.go);
//   - a trailer /ID (6.1.3), derived from the SHA-256 of the input so that
//     the same document gives the same bytes.
//
// It also adds /Lang to the catalog when the caller gives one and the
// file has none. Convert refuses what it cannot handle safely (an
// encrypted file, incremental updates, cross-reference streams, object
// streams): the renderer never writes those.
//
// Check reads a file back and reports every rule it can test; it is what
// the tests and `ntm verify` rely on. What it does not test (the font
// programs' glyph widths against /W, the content streams' operators,
// colour spaces inside content streams) is listed on Check.
package pdfa
