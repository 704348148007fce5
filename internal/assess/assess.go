package assess

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/xuri/excelize/v2"
)

// Assessment is one commune's self-assessment for one period, read from one workbook.
type Assessment struct {
	File, Sheet        string          // as given (display path), sheet read
	Commune            string          // "Gio Mai" (NFC, without "xã")
	District           string          // "Gio Linh" (without "huyện"), may be empty
	Period             criteria.Period // from "Kỳ đánh giá:"
	SetID              string          // from "Bộ tiêu chí:", may be empty
	Set                *criteria.Set   // the set the form was read against (named, or in force for the year)
	Region             criteria.Region // from "Vùng:", may be empty
	FilledBy, FilledOn string          // "Người lập:", "Ngày lập:" (a date cell as dd/mm/yyyy)
	CommunePos         diag.Pos        // the commune name's cell
	PeriodPos          diag.Pos        // the period's cell
	Values             []Value         // in sheet order
}

// Value is the row of one indicator.
type Value struct {
	IndicatorID  string   // "2.1"
	Raw          string   // the cell text as read (NFC); a number in a percent-formatted cell reads "85.5%"
	Num          float64  // parsed value (bool: 1 Đạt / 0 Chưa đạt; percent 0–100)
	Has          bool     // a value was given (and parsed)
	Prev         string   // "Kết quả kỳ trước" text if any
	Self         *bool    // the commune's own verdict (nil = blank)
	SelfRaw      string   // the verdict cell text
	Note         string   // "Ghi chú, minh chứng"
	Pos, SelfPos diag.Pos // File, Sheet, Cell of the result and the verdict cell
}

// recoverPanics turns a panic inside a third-party reader into a problem;
// the fuzz test switches it off to see them.
var recoverPanics = true

// maxFileSize bounds what Read loads into memory.
const maxFileSize = 64 << 20

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

const (
	msgXLS    = "tệp .xls (Excel 97-2003) không đọc được: mở tệp bằng Excel rồi chọn Lưu thành (Save As) .xlsx (Sổ làm việc Excel) và gửi lại"
	msgODS    = "tệp .ods (LibreOffice/OpenOffice) không đọc được: mở tệp bằng LibreOffice Calc rồi chọn Lưu thành (Save As) .xlsx (Excel 2007-365) và gửi lại"
	msgOLE    = "tệp có đuôi .xlsx nhưng thực chất là Excel 97-2003 (.xls) hoặc đã đặt mật khẩu mở tệp: mở bằng Excel, bỏ mật khẩu nếu có, rồi chọn Lưu thành (Save As) .xlsx và gửi lại"
	msgLegacy = "không đọc được chữ trong ô: %v; hãy chuyển bảng mã sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại"
)

// Read reads one commune workbook. name is the display path used in
// messages. It returns nil when the file cannot be used at all (not an
// xlsx, no assessment table); otherwise the assessment with every value it
// could read, and every problem found. Read never panics on bad input.
func Read(name string, r io.Reader, cat *criteria.Catalogue) (a *Assessment, probs diag.List) {
	filePos := diag.Pos{File: name}
	defer func() {
		if !recoverPanics {
			return
		}
		if v := recover(); v != nil {
			a = nil
			probs.Add(filePos, "tệp bị hỏng, không đọc được (lỗi nội bộ khi đọc: %v); mở bằng Excel, lưu lại thành .xlsx rồi gửi lại", v)
		}
	}()
	switch strings.ToLower(path.Ext(name)) {
	case ".xls":
		probs.Add(filePos, msgXLS)
		return nil, probs
	case ".ods":
		probs.Add(filePos, msgODS)
		return nil, probs
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		probs.Add(filePos, "không đọc được tệp: %v", err)
		return nil, probs
	}
	if len(data) > maxFileSize {
		probs.Add(filePos, "tệp quá lớn (trên %d MB), không phải biểu tự đánh giá của xã", maxFileSize>>20)
		return nil, probs
	}
	switch {
	case bytes.HasPrefix(data, oleMagic):
		probs.Add(filePos, msgOLE)
		return nil, probs
	case !bytes.HasPrefix(data, zipMagic):
		probs.Add(filePos, "tệp không phải là bảng tính Excel .xlsx (có thể tệp bị hỏng, bị đổi đuôi hoặc là tệp khác): mở bằng Excel, lưu thành .xlsx rồi gửi lại")
		return nil, probs
	}
	switch zipKind(data) {
	case "ods":
		probs.Add(filePos, msgODS)
		return nil, probs
	case "other":
		probs.Add(filePos, "tệp là tệp nén zip nhưng không phải bảng tính Excel .xlsx (không có trang tính nào): mở bằng Excel, lưu thành .xlsx rồi gửi lại")
		return nil, probs
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20,
	})
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		probs.Add(filePos, "tệp .xlsx bị hỏng, không mở được (chi tiết: %v): mở bằng Excel, lưu lại thành .xlsx rồi gửi lại", err)
		return nil, probs
	}
	var g *grid
	var hdr header
	sheets := f.GetSheetList()
	for _, sh := range sheets {
		gg, err := loadGrid(f, name, sh)
		if err != nil {
			continue
		}
		if h, ok := findHeader(gg); ok {
			g, hdr = gg, h
			break
		}
	}
	if g == nil {
		probs.Add(filePos, "không tìm thấy bảng chỉ tiêu: cần một dòng tiêu đề có các cột “TT” và “Kết quả kỳ này” (đã tìm trong %d trang: %s)",
			len(sheets), strings.Join(sheets, ", "))
		return nil, probs
	}
	rd := &reader{g: g, hdr: hdr, cat: cat, a: &Assessment{File: name, Sheet: g.sheet}}
	rd.readHeaderFields()
	rd.readBody()
	return rd.a, rd.probs
}

// zipKind looks inside a zip: "ods" for an OpenDocument spreadsheet (its
// "mimetype" member names the format), "other" for a zip without an Excel
// workbook part, "" otherwise (including a zip that does not open).
func zipKind(data []byte) string {
	if bytes.Contains(data[:min(len(data), 200)], []byte("application/vnd.oasis.opendocument")) {
		return "ods"
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	workbook := false
	for _, zf := range zr.File {
		name := strings.ToLower(zf.Name)
		if name == "xl/workbook.xml" || name == "xl/workbook.bin" || strings.HasSuffix(name, "/workbook.xml") {
			workbook = true
		}
		if zf.Name != "mimetype" || zf.UncompressedSize64 > 200 {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 200))
		rc.Close()
		if bytes.HasPrefix(b, []byte("application/vnd.oasis.opendocument")) {
			return "ods"
		}
	}
	if !workbook {
		return "other"
	}
	return ""
}

// reader holds the state of reading one sheet.
type reader struct {
	g     *grid
	hdr   header
	cat   *criteria.Catalogue
	a     *Assessment
	set   *criteria.Set
	probs diag.List
}

func (rd *reader) sheetPos() diag.Pos { return diag.Pos{File: rd.g.file, Sheet: rd.g.sheet} }

func (rd *reader) readHeaderFields() {
	g, a := rd.g, rd.a
	firstHeaderRow := rd.hdr.row
	labels := findLabels(g, firstHeaderRow)
	val := func(k int, what string, required bool) (string, diag.Pos, bool) {
		lc := labels[k]
		if !lc.found {
			if required {
				rd.probs.Add(rd.sheetPos(), "thiếu ô “%s” (%s) ở phần đầu biểu, phía trên bảng chỉ tiêu", labelNames[k], what)
			}
			return "", rd.sheetPos(), false
		}
		if lc.err != nil {
			p := g.pos(lc.val.r, lc.val.c)
			rd.probs.Add(p, msgLegacy, lc.err)
			return "", p, false
		}
		if lc.text == "" {
			p := g.pos(lc.label.r, lc.label.c)
			if required {
				rd.probs.Add(p, "ô “%s” chưa ghi %s", labelNames[k], what)
			}
			return "", p, false
		}
		return lc.text, g.pos(lc.val.r, lc.val.c), true
	}
	if s, p, ok := val(lblCommune, "tên xã", true); ok {
		a.Commune = stripPrefix(s, "xa")
		a.CommunePos = p
		if a.Commune == "" {
			rd.probs.Add(p, "ô “Xã:” chưa ghi tên xã (chỉ có %q)", s)
		}
	} else {
		a.CommunePos = p
	}
	if s, _, ok := val(lblDistrict, "tên huyện", false); ok {
		a.District = stripPrefix(s, "huyen")
	}
	periodOK := false
	if s, p, ok := val(lblPeriod, "kỳ đánh giá, ví dụ 2021-H1", true); ok {
		a.PeriodPos = p
		if per, ok := parsePeriodText(s); ok {
			a.Period, periodOK = per, true
		} else {
			rd.probs.Add(p, "kỳ đánh giá %q không hợp lệ: cần dạng 2021-H1 hoặc 2021-H2, “6 tháng đầu năm 2021”, “6 tháng cuối năm 2021” hoặc “năm 2021”", s)
		}
	} else {
		a.PeriodPos = p
	}
	if s, p, ok := val(lblRegion, "mã vùng", false); ok {
		if reg, ok := parseRegion(s); ok {
			a.Region = reg
		} else {
			rd.probs.Warn(p, "vùng %q không hợp lệ, bỏ qua: cần mã vùng (%s) hoặc tên vùng", s, regionCodes())
		}
	}
	if s, _, ok := val(lblFilledBy, "người lập", false); ok {
		a.FilledBy = s
	}
	if s, _, ok := val(lblFilledOn, "ngày lập", false); ok {
		a.FilledOn = s
		lc := labels[lblFilledOn]
		if v, err := strconv.ParseFloat(s, 64); err == nil && g.isNumberCell(lc.val) && g.isDateFormat(lc.val) {
			if t, err := excelize.ExcelDateToTime(v, false); err == nil {
				a.FilledOn = t.Format("02/01/2006")
			}
		}
	}
	// The criteria set.
	setPos := rd.sheetPos()
	if s, p, ok := val(lblSet, "mã bộ tiêu chí", false); ok {
		setPos = p
		if set := findSet(rd.cat, s); set != nil {
			rd.set, a.SetID = set, set.ID
		} else {
			rd.probs.Add(p, "bộ tiêu chí %q không có trong danh mục (có: %s)", s, setIDs(rd.cat))
			return
		}
	} else if labels[lblSet].found {
		setPos = p
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

var (
	reDottedID = regexp.MustCompile(`^\d{1,2}(\.\d{1,2}){1,2}[a-z]?$`)
	reColNum   = regexp.MustCompile(`^[(\[]?(\d{1,2}|[A-Z])[)\]]?$`)
	excelErrs  = map[string]bool{"#DIV/0!": true, "#N/A": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true}
)

// normTT cleans a TT cell: "2.1." → "2.1", "2,1" → "2.1", "1.1000000000000001" → "1.1".
func normTT(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	s = strings.TrimRight(s, ".")
	s = strings.ReplaceAll(s, ",", ".")
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i > 6 {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			s = strconv.FormatFloat(roundSig(v), 'f', -1, 64)
		}
	}
	return s
}

func (rd *reader) readBody() {
	if rd.set == nil {
		return
	}
	g, h := rd.g, rd.hdr
	// One Value per indicator: sized up front, since at national scale
	// the forms' values are most of what the program keeps in memory.
	rd.a.Values = make([]Value, 0, len(rd.set.Indicators()))
	inds := map[string]*criteria.Indicator{}
	var order []string
	crit := map[string]bool{}
	for _, c := range rd.set.Criteria {
		if c == nil {
			continue
		}
		crit[strconv.Itoa(c.Number)] = true
		for _, ind := range c.Indicators {
			if ind != nil {
				inds[ind.ID] = ind
				order = append(order, ind.ID)
			}
		}
	}
	seen := map[string]int{} // ID → row
	start := h.row + 1
	// A row numbering the columns ("(1) (2) (3)…") right under the header.
	for r := start; r <= g.maxRow && r <= start+1; r++ {
		row, ok := g.rows[r]
		if !ok {
			continue
		}
		n, all := 0, true
		for c := range row {
			s := g.str(r, c+1)
			if s == "" {
				continue
			}
			n++
			if !reColNum.MatchString(s) {
				all = false
			}
		}
		if all && n >= 3 {
			start = r + 1
		}
		break
	}
	ttCol := h.cols[colTT]
	for r := start; r <= g.maxRow; r++ {
		row, ok := g.rows[r]
		if !ok {
			continue
		}
		if stop := rd.isTableEnd(r, row); stop {
			break
		}
		if g.merged(r, ttCol) && g.anchor(r, ttCol).r != r {
			continue // continuation of a row whose TT cell is merged downwards
		}
		tt := normTT(g.str(r, ttCol))
		if tt == "" {
			continue
		}
		ind := inds[tt]
		if ind != nil && seen[tt] != 0 && g.isNumberCell(g.anchor(r, ttCol)) {
			// A numeric TT loses trailing zeros: 17.10 reads 17.1.
			if alt := inds[tt+"0"]; alt != nil && seen[tt+"0"] == 0 {
				tt, ind = tt+"0", alt
			}
		}
		if ind == nil {
			if !crit[tt] && reDottedID.MatchString(tt) {
				rd.probs.Warn(g.pos(r, ttCol), "mã chỉ tiêu %q không có trong bộ tiêu chí %s; dòng này bị bỏ qua", tt, rd.set.ID)
			}
			continue
		}
		if prev := seen[tt]; prev != 0 {
			rd.probs.Add(g.pos(r, ttCol), "chỉ tiêu %s bị lặp: đã có ở dòng %d; mỗi chỉ tiêu chỉ ghi một dòng", tt, prev)
			continue
		}
		seen[tt] = r
		rd.a.Values = append(rd.a.Values, rd.readValue(r, ind))
	}
	var missing []string
	for _, id := range order {
		if seen[id] == 0 {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		rd.probs.Add(rd.sheetPos(), "thiếu dòng của %d chỉ tiêu thuộc bộ tiêu chí %s: %s", len(missing), rd.set.ID, strings.Join(missing, ", "))
	}
}

// isTableEnd reports the footer ("Tổng số tiêu chí đạt") or a second table.
func (rd *reader) isTableEnd(r int, row []string) bool {
	for c := range row {
		f := fold(rd.g.str(r, c+1))
		if strings.HasPrefix(f, "tong so tieu chi") || strings.HasPrefix(f, "tong so chi tieu") {
			return true
		}
	}
	if _, ok := matchRow(rd.g, r, false); ok {
		return true
	}
	return false
}

func (rd *reader) readValue(r int, ind *criteria.Indicator) Value {
	g, h := rd.g, rd.hdr
	v := Value{IndicatorID: ind.ID}
	resCol := h.cols[colResult]
	res := g.anchor(r, resCol)
	v.Pos = g.pos(r, resCol)
	need := func() string { return fmt.Sprintf("chỉ tiêu %s, cần %s", ind.ID, kindNeed(ind.Kind)) }
	raw, err := g.text(r, resCol)
	switch {
	case err != nil:
		rd.probs.Add(v.Pos, msgLegacy+" (chỉ tiêu %s)", err, ind.ID)
	case raw == "":
		if f := g.formula(res); f != "" {
			rd.probs.Add(v.Pos, "công thức “=%s” chưa có giá trị đã tính; mở tệp bằng Excel, lưu lại rồi gửi lại (chỉ tiêu %s)", f, ind.ID)
		}
	case excelErrs[strings.ToUpper(raw)]:
		v.Raw = raw
		rd.probs.Add(v.Pos, "ô có lỗi công thức %q (%s)", raw, need())
	default:
		v.Raw = raw
		pct := ind.Kind == criteria.KindPercent && !strings.HasSuffix(raw, "%") &&
			g.isNumberCell(res) && g.isPercentFormat(res)
		num, err := ParseValue(raw, ind.Kind, pct)
		if err != nil {
			rd.probs.Add(v.Pos, "%v (%s)", err, need())
			break
		}
		v.Num, v.Has = num, true
		if pct {
			v.Raw = strconv.FormatFloat(num, 'f', -1, 64) + "%"
		}
	}
	if c := h.cols[colSelf]; c > 0 {
		v.SelfPos = g.pos(r, c)
		s, err := g.text(r, c)
		switch {
		case err != nil:
			rd.probs.Add(v.SelfPos, msgLegacy+" (tự đánh giá chỉ tiêu %s)", err, ind.ID)
		case s == "":
			if f := g.formula(g.anchor(r, c)); f != "" {
				rd.probs.Add(v.SelfPos, "công thức “=%s” chưa có giá trị đã tính; mở tệp bằng Excel, lưu lại rồi gửi lại (tự đánh giá chỉ tiêu %s)", f, ind.ID)
			}
		default:
			v.SelfRaw = s
			if met, ok := ParseVerdict(s); ok {
				v.Self = &met
			} else {
				rd.probs.Add(v.SelfPos, "tự đánh giá %q không hợp lệ (chỉ tiêu %s, cần “Đạt” hoặc “Chưa đạt”, hoặc để trống)", s, ind.ID)
			}
		}
	}
	other := func(col int, what string) string {
		if col == 0 {
			return ""
		}
		s, err := g.text(r, col)
		if err != nil {
			rd.probs.Add(g.pos(r, col), msgLegacy+" (%s chỉ tiêu %s)", err, what, ind.ID)
		}
		return s
	}
	v.Prev = other(h.cols[colPrev], "kết quả kỳ trước")
	v.Note = other(h.cols[colNote], "ghi chú")
	return v
}

// ReadFS reads every .xlsx (and .xlsm) workbook below the root of fsys,
// recursively, sorted by path; .xls and .ods files are reported as needing
// conversion; Excel lock files (~$…), dotfiles and dot-directories are
// skipped silently, other files ignored. Names in messages are
// path.Join(display, p).
func ReadFS(fsys fs.FS, display string, cat *criteria.Catalogue) ([]*Assessment, diag.List) {
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
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(path.Ext(base)) {
		case ".xlsx", ".xlsm", ".xls", ".ods":
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		probs.Add(diag.Pos{File: display}, "không đọc được thư mục: %v", err)
	}
	sort.Strings(files)
	// Workbooks are independent: read them on every core, then keep the
	// results and problems in file order so the output does not depend on
	// scheduling. The catalogue is only read.
	type result struct {
		a     *Assessment
		probs diag.List
	}
	results := make([]result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i].a, results[i].probs = readFile(fsys, files[i], path.Join(display, files[i]), cat)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []*Assessment
	for _, r := range results {
		probs.Append(r.probs)
		if r.a != nil {
			out = append(out, r.a)
		}
	}
	return out, probs
}

func readFile(fsys fs.FS, p, name string, cat *criteria.Catalogue) (*Assessment, diag.List) {
	fh, err := fsys.Open(p)
	if err != nil {
		var probs diag.List
		probs.Add(diag.Pos{File: name}, "không mở được tệp: %v", err)
		return nil, probs
	}
	defer fh.Close()
	return Read(name, fh, cat)
}
