package assess

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/inputfile"
)

// Assessment is one commune's self-assessment for one period, read from one workbook.
type Assessment struct {
	File, Sheet        string          // as given (display path), sheet read
	CommuneID          string          // the plan's id, from the "Mã xã (không sửa):" cell `ntm init` writes; may be empty
	Commune            string          // "Gio Mai" (NFC, without "xã"): the most trusted commune clue of the sheet, "" when none
	District           string          // "Gio Linh" (without "huyện"), may be empty
	Period             criteria.Period // from "Kỳ đánh giá:", a title line, or the period folder
	PeriodSource       Source          // where Period comes from
	CommuneSource      Source          // where Commune comes from ("" when the sheet names none)
	SetID              string          // from "Bộ tiêu chí:", may be empty
	Set                *criteria.Set   // the set the form was read against (named, or in force for the year)
	Region             criteria.Region // from "Vùng:", may be empty
	FilledBy, FilledOn string          // "Người lập:", "Ngày lập:" (a date cell as dd/mm/yyyy)
	CommunePos         diag.Pos        // the commune name's cell (the file when it comes from the file name)
	CommuneIDPos       diag.Pos        // the id's cell
	PeriodPos          diag.Pos        // the period's cell
	Clues              []Clue          // every clue about who and when, with its cell and source (see Best)
	Blank              bool            // no result and no verdict in any indicator row: a form nobody filled ("chưa nộp")
	SHA256             [32]byte        // of the file's bytes
	Size               int64           // the file's length in bytes
	Candidates         []SheetCandidate
	Values             []Value // in sheet order
}

// SheetCandidate is a sheet that holds an assessment table; when a
// workbook has several, the one covering most of the set's indicators is
// read (Assessment.Sheet) and the choice is reported as a warning.
type SheetCandidate struct {
	Sheet      string
	Indicators int // indicator rows recognised
}

// Value is the row of one indicator.
type Value struct {
	IndicatorID string  // "2.1"
	Raw         string  // the cell text as read (NFC); a number in a percent-formatted cell reads "85.5%"
	Num         float64 // parsed value (bool: 1 Đạt / 0 Chưa đạt; percent 0–100)
	Has         bool    // a value was given (and parsed), or taken from the verdict (FromVerdict)
	FromVerdict bool    // a yes/no indicator whose result cell is blank or a description: Num is the commune's verdict, not verifiable
	Prev        string  // "Kết quả kỳ trước" text if any
	Self        *bool   // the commune's own verdict (nil = blank)
	SelfRaw     string  // the verdict cell text
	Note        string  // "Ghi chú, minh chứng"
	// Cell and SelfCell are where the result and the verdict are (the
	// anchor of a merged cell); a.Pos(v.Cell) is the full position. Kept
	// as two numbers: twenty thousand forms of fifty values each are in
	// memory at national scale.
	Cell, SelfCell Cell
}

// Cell is a cell of the assessment's sheet: row and column from 1; the
// zero Cell is none.
type Cell struct{ Row, Col int32 }

// String is the cell's A1 name ("G14"), "" for the zero Cell.
func (c Cell) String() string { return cellName(int(c.Row), int(c.Col)) }

// Pos is the position of cell c of the sheet a was read from.
func (a *Assessment) Pos(c Cell) diag.Pos {
	return diag.Pos{File: a.File, Sheet: a.Sheet, Cell: c.String()}
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

const (
	msgXLS    = "tệp .xls (Excel 97-2003) không đọc được: mở tệp bằng Excel rồi chọn Lưu thành (Save As) .xlsx (Sổ làm việc Excel) và gửi lại"
	msgODS    = "tệp .ods (LibreOffice/OpenOffice) không đọc được: mở tệp bằng LibreOffice Calc rồi chọn Lưu thành (Save As) .xlsx (Excel 2007-365) và gửi lại"
	msgOLE    = "tệp có đuôi .xlsx nhưng thực chất là Excel 97-2003 (.xls) hoặc đã đặt mật khẩu mở tệp: mở bằng Excel, bỏ mật khẩu nếu có, rồi chọn Lưu thành (Save As) .xlsx và gửi lại"
	msgLegacy = "không đọc được chữ trong ô: %v; hãy chuyển bảng mã sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại"
	msgResend = "mở bằng Excel, lưu lại thành .xlsx rồi gửi lại"
	msgStop   = "chưa đọc xong: đã dừng theo yêu cầu"
)

// stopped is the one problem of a file whose reading was cancelled.
func stopped(name string) diag.List {
	var l diag.List
	l.Add(diag.Pos{File: name}, msgStop)
	return l
}

// clip shortens s to at most n runes, marking the cut with "…": messages
// quote only a short excerpt of what a file holds.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return s[:i] + "…"
}

// Read reads one commune workbook. name is the display path used in
// messages (its folder, when a period, is the fallback period and its
// base name a clue to the commune). It returns nil when the file cannot
// be used at all (not an xlsx, no assessment table, a table that cannot
// be read safely); otherwise the assessment with every value it could
// read, and every problem found. Read never panics on bad input.
func Read(name string, r io.Reader, cat *criteria.Catalogue) (*Assessment, diag.List) {
	return ReadContext(context.Background(), name, r, cat)
}

// ReadContext is Read, stopping soon after ctx is done (then the problem
// says the file was not read to its end).
func ReadContext(ctx context.Context, name string, r io.Reader, cat *criteria.Catalogue) (*Assessment, diag.List) {
	if probs := refusedByName(name); probs != nil {
		return nil, probs
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		var probs diag.List
		probs.Add(diag.Pos{File: name}, "không đọc được tệp: %v", err)
		return nil, probs
	}
	return readData(ctx, name, data, cat)
}

// refusedByName refuses a file whose name says it is no .xlsx workbook.
func refusedByName(name string) diag.List {
	var probs diag.List
	switch strings.ToLower(path.Ext(name)) {
	case ".xls":
		probs.Add(diag.Pos{File: name}, msgXLS)
	case ".ods":
		probs.Add(diag.Pos{File: name}, msgODS)
	}
	return probs
}

// readData is ReadContext of a file's bytes (at most maxFileSize+1 of
// them: more is refused), once its name has passed refusedByName.
func readData(ctx context.Context, name string, data []byte, cat *criteria.Catalogue) (*Assessment, diag.List) {
	if len(data) > maxFileSize {
		var probs diag.List
		probs.Add(diag.Pos{File: name}, "tệp quá lớn (trên %d MB), không phải biểu tự đánh giá của xã", maxFileSize>>20)
		return nil, probs
	}
	return readBytes(ctx, name, data, cat)
}

func readBytes(ctx context.Context, name string, data []byte, cat *criteria.Catalogue) (*Assessment, diag.List) {
	var probs diag.List
	filePos := diag.Pos{File: name}
	switch {
	case bytes.HasPrefix(data, oleMagic):
		probs.Add(filePos, msgOLE)
		return nil, probs
	case !bytes.HasPrefix(data, zipMagic):
		probs.Add(filePos, "tệp không phải là bảng tính Excel .xlsx (có thể tệp bị hỏng, bị đổi đuôi hoặc là tệp khác): mở bằng Excel, lưu thành .xlsx rồi gửi lại")
		return nil, probs
	case bytes.Contains(data[:min(len(data), 200)], []byte("application/vnd.oasis.opendocument")):
		probs.Add(filePos, msgODS)
		return nil, probs
	}
	b, err := openBook(ctx, data)
	if err != nil && ctx.Err() != nil {
		return nil, stopped(name)
	}
	if err != nil {
		switch {
		case errors.Is(err, errNoWorkbook):
			if b2, _ := zipReader(data); b2 != nil && isODS(b2) {
				probs.Add(filePos, msgODS)
			} else {
				probs.Add(filePos, "tệp là tệp nén zip nhưng không phải bảng tính Excel .xlsx (không có trang tính nào): mở bằng Excel, lưu thành .xlsx rồi gửi lại")
			}
		case errors.Is(err, errCentralDir):
			probs.Add(filePos, "tệp .xlsx có danh mục nén quá lớn (trên %d tệp con hoặc %d KB), không phải biểu tự đánh giá của xã: %s", maxEntries, maxCentralDir>>10, msgResend)
		default:
			var pe *partError
			detail := err.Error()
			if !errors.As(err, &pe) {
				detail = clip(detail, 120)
			}
			probs.Add(filePos, "tệp .xlsx bị hỏng, không mở được (chi tiết: %s): %s", detail, msgResend)
		}
		return nil, probs
	}
	// Nothing read from b's grids outlives this function but strings.
	defer b.release()
	sum := sha256.Sum256(data)
	type sheetRead struct {
		rd *reader
		n  int
	}
	var reads []sheetRead
	var names []string
	for _, ref := range b.sheets {
		names = append(names, ref.name)
		g, err := b.loadGrid(name, ref)
		if err != nil && ctx.Err() != nil {
			return nil, stopped(name)
		}
		if err != nil {
			probs.Add(diag.Pos{File: name, Sheet: ref.name}, "tệp .xlsx bị hỏng: %v; %s", err, msgResend)
			continue
		}
		h, ok := findHeader(g, 1)
		if !ok {
			continue
		}
		rd := &reader{g: g, hdr: h, cat: cat, a: &Assessment{File: name, Sheet: g.sheet, SHA256: sum, Size: int64(len(data))}}
		rd.read()
		reads = append(reads, sheetRead{rd, rd.found})
		if rd.set != nil && rd.found == len(indexOf(rd.set).order) {
			break // every indicator: no later sheet can do better
		}
	}
	if len(reads) == 0 {
		if probs.Errors() == 0 {
			probs.Add(filePos, "không tìm thấy bảng chỉ tiêu: cần một dòng tiêu đề có cột “TT” (hoặc “Mã chỉ tiêu”, “Nội dung chỉ tiêu”) và cột “Kết quả kỳ này” (hoặc “Kết quả thực hiện”) (đã tìm trong %d trang: %s)",
				len(names), clip(strings.Join(names, ", "), 200))
		}
		return nil, probs
	}
	best := 0
	for i, s := range reads {
		if s.n > reads[best].n {
			best = i
		}
	}
	rd := reads[best].rd
	if len(reads) > 1 {
		var others []string
		for i, s := range reads {
			rd.a.Candidates = append(rd.a.Candidates, SheetCandidate{Sheet: s.rd.g.sheet, Indicators: s.n})
			if i != best {
				others = append(others, fmt.Sprintf("“%s” (%d chỉ tiêu)", s.rd.g.sheet, s.n))
			}
		}
		rd.probs.Warn(rd.sheetPos(), "tệp có %d trang có bảng chỉ tiêu; đọc trang “%s” (%d chỉ tiêu), bỏ qua %s",
			len(reads), rd.g.sheet, reads[best].n, strings.Join(others, ", "))
	}
	probs.Append(rd.probs)
	if rd.refused {
		return nil, probs
	}
	return rd.a, probs
}

func isODS(zr interface{ Open(string) (fs.File, error) }) bool {
	f, err := zr.Open("mimetype")
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 64)
	n, _ := io.ReadFull(f, buf)
	return bytes.HasPrefix(buf[:n], []byte("application/vnd.oasis.opendocument"))
}

// reader holds the state of reading one sheet.
type reader struct {
	g         *grid
	hdr       header
	cat       *criteria.Catalogue
	a         *Assessment
	set       *criteria.Set
	probs     diag.List
	found     int  // indicator rows recognised
	filled    int  // result or verdict cells with something unreadable in them
	refused   bool // the sheet cannot be read safely (its one problem says why)
	end       int  // the row after the table
	viLetters int  // the criterion whose indicators are lettered a) b) c) d) đ) e)
	labels    [nLabels]labelCell
}

func (rd *reader) sheetPos() diag.Pos { return diag.Pos{File: rd.g.file, Sheet: rd.g.sheet} }

// read reads the sheet: who and when, the set, the result column, the
// rows.
func (rd *reader) read() {
	rd.readHeaderFields()
	if rd.set == nil {
		return
	}
	if !rd.chooseResult() {
		rd.refused = true
		return
	}
	rd.readBody()
}

func (rd *reader) readHeaderFields() {
	g, a := rd.g, rd.a
	labels := findLabels(g, rd.hdr.row)
	rd.labels = labels
	val := func(k int) (string, diag.Pos, bool) {
		lc := labels[k]
		if !lc.found {
			return "", rd.sheetPos(), false
		}
		if lc.err != nil {
			p := g.pos(lc.val.r, lc.val.c)
			rd.probs.Add(p, msgLegacy, lc.err)
			return "", p, false
		}
		if lc.text == "" {
			return "", g.pos(lc.label.r, lc.label.c), false
		}
		return lc.text, g.pos(lc.val.r, lc.val.c), true
	}
	addClue := func(c Clue) {
		if len(a.Clues) < maxClues {
			a.Clues = append(a.Clues, c)
		}
	}
	if s, p, ok := val(lblCommuneID); ok {
		a.CommuneID, a.CommuneIDPos = clip(strings.ToLower(strings.TrimSpace(s)), 64), p
		addClue(Clue{Kind: ClueCommuneID, Text: a.CommuneID, Source: SourceLabel, Pos: p})
	}
	if s, p, ok := val(lblCommune); ok {
		if n := stripPrefix(s, "xa"); n != "" {
			addClue(Clue{Kind: ClueCommune, Text: clip(n, 80), Source: SourceLabel, Pos: p})
		}
	}
	if s, p, ok := val(lblDistrict); ok {
		if n := stripPrefix(s, "huyen"); n != "" {
			addClue(Clue{Kind: ClueDistrict, Text: clip(n, 80), Source: SourceLabel, Pos: p})
		}
	}
	periodOK, periodBad := false, false
	if s, p, ok := val(lblPeriod); ok {
		a.PeriodPos = p
		if per, ok := parsePeriodText(s); ok {
			a.Period, a.PeriodSource, periodOK = per, SourceLabel, true
			addClue(Clue{Kind: CluePeriod, Text: per.String(), Period: per, Source: SourceLabel, Pos: p})
		} else {
			periodBad = true
			rd.probs.Add(p, "kỳ đánh giá %q không hợp lệ: cần dạng 2021-H1 hoặc 2021-H2, “6 tháng đầu năm 2021”, “6 tháng cuối năm 2021” hoặc “năm 2021”", clip(s, 60))
		}
	}
	// The letterhead, title lines and signature block.
	rd.end = rd.tableEnd()
	rd.sheetClues(rd.hdr.row, rd.end)
	fileCommune, folder, hasFolder := fileClues(g.file)
	if c, ok := a.Best(ClueCommune); ok {
		a.Commune, a.CommunePos, a.CommuneSource = c.Text, c.Pos, c.Source
	} else {
		what := "ô “Xã:” hoặc “Tên xã:”, dòng “UBND XÃ …” ở đầu biểu, dòng tiêu đề “… xã …”, khối chữ ký “TM. ỦY BAN NHÂN DÂN XÃ …”"
		if labels[lblCommune].found {
			what = "ô “Xã:” để trống; đã tìm cả dòng “UBND XÃ …” ở đầu biểu, dòng tiêu đề “… xã …”, khối chữ ký “TM. ỦY BAN NHÂN DÂN XÃ …”"
		}
		a.CommunePos = diag.Pos{File: g.file}
		addClue(fileCommune)
		rd.probs.Warn(rd.sheetPos(), "biểu không ghi tên xã (%s); xã được xác định theo tên tệp “%s”", what, clip(fileCommune.Text, 60))
	}
	if c, ok := a.Best(ClueDistrict); ok && c.Source != SourceSignature {
		a.District = c.Text
	}
	if !periodOK {
		if periodBad {
			// an invalid period was written: said above
		} else if c, ok := a.Best(CluePeriod); ok && c.Source == SourceTitle {
			a.Period, a.PeriodPos, a.PeriodSource, periodOK = c.Period, c.Pos, SourceTitle, true
		} else if c, ok := rd.headerPeriod(); ok {
			addClue(c)
			a.Period, a.PeriodPos, a.PeriodSource, periodOK = c.Period, c.Pos, SourceHeader, true
		} else if hasFolder {
			a.Period, a.PeriodPos, a.PeriodSource, periodOK = folder.Period, diag.Pos{File: g.file}, SourceFolder, true
			addClue(folder)
			rd.probs.Warn(rd.sheetPos(), "biểu không ghi kỳ đánh giá (đã tìm ô “Kỳ đánh giá:” và dòng tiêu đề như “6 tháng đầu năm 2021”); dùng kỳ của thư mục: %s (%s)", folder.Period, folder.Period.Label())
		} else {
			p := rd.sheetPos()
			if lc := labels[lblPeriod]; lc.found {
				p = g.pos(lc.label.r, lc.label.c)
				rd.probs.Add(p, "ô “Kỳ đánh giá:” chưa ghi kỳ đánh giá, ví dụ 2021-H1")
			} else {
				rd.probs.Add(p, "thiếu ô “Kỳ đánh giá:” (kỳ đánh giá, ví dụ 2021-H1) ở phần đầu biểu, phía trên bảng chỉ tiêu")
			}
			a.PeriodPos = p
		}
	}
	if s, p, ok := val(lblRegion); ok {
		if reg, ok := parseRegion(s); ok {
			a.Region = reg
		} else {
			rd.probs.Warn(p, "vùng %q không hợp lệ, bỏ qua: cần mã vùng (%s) hoặc tên vùng", clip(s, 60), regionCodes())
		}
	}
	if s, _, ok := val(lblFilledBy); ok {
		a.FilledBy = clip(s, 200)
	}
	if s, _, ok := val(lblFilledOn); ok {
		a.FilledOn = clip(s, 60)
		lc := labels[lblFilledOn]
		if v, err := strconv.ParseFloat(s, 64); err == nil && g.isNumberCell(lc.val) && g.isDateFormat(lc.val) {
			if t, ok := excelDate(v, g.b.date1904); ok {
				a.FilledOn = t.Format("02/01/2006")
			}
		}
	}
	// The criteria set.
	setPos := rd.sheetPos()
	if s, p, ok := val(lblSet); ok {
		setPos = p
		if set := findSet(rd.cat, s); set != nil {
			rd.set, a.SetID = set, set.ID
		} else {
			rd.probs.Add(p, "bộ tiêu chí %q không có trong danh mục (có: %s)", clip(s, 60), setIDs(rd.cat))
			return
		}
	} else if labels[lblSet].found {
		setPos = g.pos(labels[lblSet].label.r, labels[lblSet].label.c)
	}
	if rd.set == nil {
		if !periodOK {
			rd.probs.Add(setPos, "không xác định được bộ tiêu chí: cần ô “Bộ tiêu chí:” ghi mã bộ tiêu chí (có: %s) hoặc ô “Kỳ đánh giá:” hợp lệ", setIDs(rd.cat))
			return
		}
		rd.set = setForYear(rd.cat, a.Period.Year)
		if rd.set == nil {
			rd.probs.Add(a.PeriodPos, "không có bộ tiêu chí xã nông thôn mới nào áp dụng cho năm %d: ghi mã bộ tiêu chí vào ô “Bộ tiêu chí:” (có: %s)", a.Period.Year, setIDs(rd.cat))
		}
	}
	a.Set = rd.set
}

// headerPeriod is the period named by the table's only result column
// ("Kết quả thực hiện 6 tháng đầu năm 2021", "… đến 30/6/2021").
func (rd *reader) headerPeriod() (Clue, bool) {
	if len(rd.hdr.results) != 1 || rd.hdr.results[0].tag != tagPeriod {
		return Clue{}, false
	}
	c := rd.hdr.results[0]
	return Clue{Kind: CluePeriod, Text: c.per.String(), Period: c.per, Source: SourceHeader, Pos: rd.g.pos(c.cell.r, c.cell.c)}, true
}

// excelDate converts a date serial (1900 or 1904 system) to a date.
func excelDate(v float64, date1904 bool) (time.Time, bool) {
	if v < 0 || v > 2958465 {
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if v < 61 {
		// Excel's 1900 leap-year bug: serials before 1 March 1900.
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	days := int(v)
	frac := v - float64(days)
	return base.AddDate(0, 0, days).Add(time.Duration(frac * 24 * float64(time.Hour))), true
}

// chooseResult picks the column of this period's results among the
// result columns of the header: a column that says "kỳ này", else the
// one that names the form's period. Two that could be current and
// nothing to decide: the sheet is refused with one message.
func (rd *reader) chooseResult() bool {
	h := &rd.hdr
	if len(h.results) == 1 {
		h.cols[colResult] = h.results[0].col
		return true
	}
	per := rd.a.Period
	var current, match, untagged []resultCol
	for _, c := range h.results {
		switch {
		case c.tag == tagCurrent:
			current = append(current, c)
		case c.tag == tagPeriod && c.per == per && per.Year != 0:
			match = append(match, c)
		case c.tag == tagNone:
			untagged = append(untagged, c)
		}
	}
	pick := func(c resultCol) bool {
		h.cols[colResult] = c.col
		if h.cols[colPrev] == 0 {
			// The column of an earlier period is last period's.
			ref := c.per
			if c.tag != tagPeriod {
				ref = per
			}
			for _, o := range h.results {
				if o.col != c.col && o.tag == tagPeriod && ref.Year != 0 && o.per.Before(ref) {
					h.cols[colPrev] = o.col
				}
			}
		}
		return true
	}
	switch {
	case len(current) == 1:
		return pick(current[0])
	case len(current) == 0 && len(match) == 1:
		return pick(match[0])
	case len(current) == 0 && len(match) == 0 && len(untagged) == 1 && allEarlier(h.results, per):
		return pick(untagged[0])
	}
	cands := h.results
	if len(current) > 1 {
		cands = current
	} else if len(match) > 1 {
		cands = match
	}
	var cells []string
	for _, c := range cands {
		cells = append(cells, fmt.Sprintf("%s “%s”", cellName(c.cell.r, c.cell.c), clip(c.label, 60)))
	}
	perText := "biểu không ghi kỳ đánh giá"
	if per.Year != 0 {
		perText = "biểu ghi kỳ " + per.String() + " (" + per.Label() + ")"
	}
	rd.probs.Add(rd.g.pos(cands[0].cell.r, cands[0].cell.c),
		"không xác định được cột kết quả kỳ này: các cột %s đều có thể là kết quả kỳ này và %s; ghi rõ kỳ ở tiêu đề cột (ví dụ “6 tháng đầu năm 2021” hoặc “Kỳ này”, cột kia “Kỳ trước”) rồi gửi lại",
		strings.Join(cells, " và "), perText)
	return false
}

// allEarlier reports whether every dated result column is of a period
// before per (the untagged one is then this period's).
func allEarlier(cols []resultCol, per criteria.Period) bool {
	if per.Year == 0 {
		return false
	}
	for _, c := range cols {
		if c.tag == tagPeriod && !c.per.Before(per) {
			return false
		}
	}
	return true
}

// stripPrefix removes a leading word like "xã" or "huyện" (compared
// folded) from s.
func stripPrefix(s, word string) string {
	s = strings.TrimSpace(s)
	head, tail, ok := strings.Cut(s, " ")
	if ok && fold(head) == word {
		return strings.TrimSpace(tail)
	}
	if fold(s) == word {
		return ""
	}
	return s
}

func regionCodes() string {
	var out []string
	for _, r := range criteria.Regions {
		out = append(out, string(r))
	}
	return strings.Join(out, ", ")
}

// findSet looks a set up by ID, case-insensitively, also accepting the ID
// followed by an explanation ("qd1980-2016 - Bộ tiêu chí …").
func findSet(cat *criteria.Catalogue, s string) *criteria.Set {
	if cat == nil {
		return nil
	}
	cands := []string{strings.TrimSpace(s)}
	if f := strings.Fields(s); len(f) > 0 {
		cands = append(cands, f[0])
	}
	for _, c := range cands {
		for _, set := range cat.Sets {
			if set != nil && strings.EqualFold(set.ID, c) {
				return set
			}
		}
	}
	for _, set := range cat.Sets {
		if set != nil && set.Name != "" && fold(set.Name) == fold(s) {
			return set
		}
	}
	return nil
}

// setForYear is the "ntm" set in force in year: the catalogue's one rule,
// so that reader and evaluation never disagree on it.
func setForYear(cat *criteria.Catalogue, year int) *criteria.Set {
	if cat == nil {
		return nil
	}
	return cat.ForYear("ntm", year)
}

func setIDs(cat *criteria.Catalogue) string {
	if cat == nil || len(cat.Sets) == 0 {
		return "danh mục trống"
	}
	var ids []string
	for _, s := range cat.Sets {
		if s != nil {
			ids = append(ids, s.ID)
		}
	}
	return strings.Join(ids, ", ")
}

// ReadFS reads every .xlsx (and .xlsm) workbook below the root of fsys,
// recursively, sorted by path; .xls and .ods files are reported as needing
// conversion; Excel lock files (~$…), dotfiles and dot-directories are
// skipped silently, other files ignored; anything that is not a regular
// file (a named pipe, a device, a link to one) is refused without being
// opened. Names in messages are path.Join(display, p).
func ReadFS(fsys fs.FS, display string, cat *criteria.Catalogue) ([]*Assessment, diag.List) {
	return ReadFSContext(context.Background(), fsys, display, cat)
}

// ReadFSContext is ReadFS stopping soon (well within 100 ms) after ctx
// is done; it then returns what it read and ctx's error as a problem.
func ReadFSContext(ctx context.Context, fsys fs.FS, display string, cat *criteria.Catalogue) ([]*Assessment, diag.List) {
	return ReadFSWith(ctx, fsys, display, cat, FSOptions{})
}

// Cache keeps what Read gave for the workbooks of earlier runs, so that a
// rerun reads only the forms that changed. It must be safe for concurrent
// use. The reader asks first by the file's stat identity (size,
// modification time, inode: no byte read), then, having read the bytes,
// by their SHA-256; what it reads is stored. The results depend on the
// file's display name (it is in every position), so both lookups take it.
type Cache interface {
	ByStat(name string, st fs.FileInfo) (*Assessment, diag.List, bool)
	BySum(name string, sum [32]byte) (*Assessment, diag.List, bool)
	Store(name string, st fs.FileInfo, a *Assessment, probs diag.List)
}

// FSOptions tune ReadFSWith.
type FSOptions struct {
	Cache    Cache     // nil: read every file
	Progress func(int) // called with 1 after each file (from several goroutines)
	Workers  int       // 0: one per core
}

// ReadFSWith is ReadFSContext with a cache of earlier reads, a progress
// callback and a bound on the workers. The result is the same for any
// cache content and any number of workers.
func ReadFSWith(ctx context.Context, fsys fs.FS, display string, cat *criteria.Catalogue, opt FSOptions) ([]*Assessment, diag.List) {
	var probs diag.List
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.Add(diag.Pos{File: path.Join(display, p)}, "không đọc được thư mục hoặc tệp: %v", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(base))
		if d.IsDir() {
			if ext == ".xlsx" || ext == ".xlsm" {
				// A folder named like a form: the clerk meant a file.
				probs.Add(diag.Pos{File: path.Join(display, p)}, "là thư mục, không phải tệp biểu .xlsx: hãy chép tệp biểu thật vào đây")
				return fs.SkipDir
			}
			return nil
		}
		switch ext {
		case ".xlsx", ".xlsm", ".xls", ".ods":
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		if ctx.Err() != nil {
			probs.Add(diag.Pos{File: display}, "đã dừng theo yêu cầu, chưa đọc hết thư mục")
			return nil, probs
		}
		probs.Add(diag.Pos{File: display}, "không đọc được thư mục: %v", err)
	}
	sort.Strings(files)
	// Workbooks are independent: read them on every core, then keep the
	// results and problems in file order so the output does not depend on
	// scheduling. The catalogue is only read.
	type result struct {
		a     *Assessment
		probs diag.List
		done  bool
	}
	results := make([]result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var crash atomic.Pointer[string]
	for w := 0; w < min(workers, len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic that reaches here is a bug of ntm (the
				// reader's third-party calls are guarded where they
				// are made): carried to the caller's goroutine, where
				// the command reports it as one. The other workers end
				// when the feed stops.
				if v := recover(); v != nil {
					msg := fmt.Sprintf("%v\n[goroutine đọc biểu]\n%s", v, debug.Stack())
					crash.CompareAndSwap(nil, &msg)
					for range next {
					}
				}
			}()
			for i := range next {
				results[i].a, results[i].probs = readFile(ctx, fsys, files[i], path.Join(display, files[i]), cat, opt.Cache)
				results[i].done = true
				if opt.Progress != nil {
					opt.Progress(1)
				}
			}
		}()
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if c := crash.Load(); c != nil {
		panic(*c)
	}
	var out []*Assessment
	cut := false
	for _, r := range results {
		if !r.done || len(r.probs) == 1 && r.probs[0].Msg == msgStop {
			cut = true
			continue
		}
		probs.Append(r.probs)
		if r.a != nil {
			out = append(out, r.a)
		}
	}
	if cut || ctx.Err() != nil {
		probs.Add(diag.Pos{File: display}, "đã dừng theo yêu cầu, chưa đọc hết các biểu")
	}
	return out, probs
}

// readFile reads one workbook of fsys, refusing what is not a regular
// file before opening it (opening a named pipe would block).
func readFile(ctx context.Context, fsys fs.FS, p, name string, cat *criteria.Catalogue, cache Cache) (*Assessment, diag.List) {
	var probs diag.List
	pos := diag.Pos{File: name}
	if ctx.Err() != nil {
		return nil, nil
	}
	st, err := fs.Stat(fsys, p) // follows a symbolic link without opening
	if err != nil {
		probs.Add(pos, "không đọc được tệp: %v", err)
		return nil, probs
	}
	if !st.Mode().IsRegular() {
		probs.Add(pos, "không phải tệp thông thường (%s); ntm chỉ đọc tệp thông thường: hãy chép tệp biểu .xlsx thật vào thư mục này", inputfile.Kind(st.Mode()))
		return nil, probs
	}
	if st.Size() > maxFileSize {
		probs.Add(pos, "tệp quá lớn (trên %d MB), không phải biểu tự đánh giá của xã", maxFileSize>>20)
		return nil, probs
	}
	if cache != nil {
		if a, ps, ok := cache.ByStat(name, st); ok {
			return a, ps
		}
	}
	fh, err := fsys.Open(p)
	if err != nil {
		probs.Add(pos, "không mở được tệp: %v", err)
		return nil, probs
	}
	defer fh.Close()
	if st2, err := fh.Stat(); err == nil && !st2.Mode().IsRegular() {
		probs.Add(pos, "không phải tệp thông thường (%s); ntm chỉ đọc tệp thông thường", inputfile.Kind(st2.Mode()))
		return nil, probs
	}
	if cache == nil {
		return ReadContext(ctx, name, fh, cat)
	}
	if probs := refusedByName(name); probs != nil {
		return nil, probs
	}
	// Read once, into a buffer of the file's size (plus one byte, to see
	// that it ends there).
	buf := bytes.NewBuffer(make([]byte, 0, min(st.Size(), maxFileSize)+1))
	if _, err := buf.ReadFrom(io.LimitReader(fh, maxFileSize+1)); err != nil {
		probs.Add(pos, "không đọc được tệp: %v", err)
		return nil, probs
	}
	data := buf.Bytes()
	sum := sha256.Sum256(data)
	if a, ps, ok := cache.BySum(name, sum); ok {
		cache.Store(name, st, a, ps)
		return a, ps
	}
	a, ps := readData(ctx, name, data, cat)
	if ctx.Err() == nil {
		cache.Store(name, st, a, ps)
	}
	return a, ps
}
