package demo

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// Options say what to generate.
type Options struct {
	Communes int   // how many communes the plan sponsors
	Periods  int   // six-monthly periods, from the plan's baseline on
	Seed     int64 // the same seed gives the same files
}

// File is one generated file: its path under the input folder, with
// slashes, and its contents.
type File struct {
	Path string
	Data []byte
}

// Expected is what a correct reading of the generated input must find,
// per period: the figures `ntm check` prints.
type Expected struct {
	Period        criteria.Period
	Returned      int // forms filled in
	Blank         int // forms sent back empty ("chưa nộp")
	Full          int // communes meeting every criterion
	MetTotal      int // criteria met, summed over the returned forms
	Discrepancies int // indicators whose self-assessment differs from the computed verdict
}

// Average is the mean number of criteria met per returned form.
func (e Expected) Average() float64 {
	if e.Returned == 0 {
		return 0
	}
	return float64(e.MetTotal) / float64(e.Returned)
}

// The plan of the generated input: a national coordination office's
// plan signed in December 2021, so that its baseline (2021-H2) is judged
// by QĐ 1980 and the periods from 2022 by QĐ 318.
var planDate = time.Date(2021, 12, 15, 0, 0, 0, 0, time.UTC)

// commune is one generated commune and its path over the periods.
type commune struct {
	id, name, district, province string
	region                       criteria.Region
	met                          [][20]bool // per period, criterion 1–19 met
	blank                        []bool     // per period: the form came back empty
	targetYear                   int
	target                       string
}

// Generate makes the plan and the assessment workbooks: N communes drawn
// from all 63 provinces with the real share of repeated names (a small
// pool of common names, pairs that differ only by a tone mark), regions
// from their provinces, K periods in which communes meet, keep or lose
// criteria, and the mistakes real forms carry: a self-assessment that
// differs from the value, an indicator left blank, a form sent back
// empty, numbers typed as text with a decimal comma, percentages stored
// as fractions in a percent cell. emit receives each file in no
// particular order, from several goroutines at once (emit
// must be safe for concurrent use); the same options give the same bytes.
func Generate(ctx context.Context, cat *criteria.Catalogue, opt Options, emit func(File) error) ([]Expected, error) {
	if opt.Communes < 1 || opt.Communes > 100000 {
		return nil, fmt.Errorf("số xã %d không hợp lệ: cần từ 1 đến 100.000", opt.Communes)
	}
	if opt.Periods < 1 || opt.Periods > 20 {
		return nil, fmt.Errorf("số kỳ %d không hợp lệ: cần từ 1 đến 20", opt.Periods)
	}
	periods := make([]criteria.Period, opt.Periods)
	periods[0] = criteria.Period{Year: planDate.Year(), Half: criteria.H2}
	for i := 1; i < opt.Periods; i++ {
		periods[i] = periods[i-1].Next()
	}
	sets := make([]*criteria.Set, len(periods))
	for i, p := range periods {
		if sets[i] = cat.ForPeriod("ntm", p); sets[i] == nil {
			return nil, fmt.Errorf("không có bộ tiêu chí cho năm %d", p.Year)
		}
	}
	extra, cat, err := figures(cat, sets, periods)
	if err != nil {
		return nil, err
	}
	for i, p := range periods {
		sets[i] = cat.ForPeriod("ntm", p)
	}
	for _, f := range extra {
		if err := emit(f); err != nil {
			return nil, err
		}
	}
	communes := drawCommunes(opt)
	exp := make([]Expected, len(periods))
	for i := range exp {
		exp[i].Period = periods[i]
	}
	if err := emit(File{Path: "plan.toml", Data: planTOML(communes, periods[len(periods)-1].Year)}); err != nil {
		return nil, err
	}
	// Forms are made on every core; each commune and period has its own
	// random stream, so the bytes do not depend on the order.
	type job struct{ pi, ci int }
	jobs := make(chan job)
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				c, per := &communes[j.ci], periods[j.pi]
				rng := rand.New(rand.NewPCG(uint64(opt.Seed), uint64(j.ci)<<8|uint64(j.pi)))
				data, st, err := formFor(c, j.pi, per, sets[j.pi], rng)
				if err == nil {
					err = emit(File{Path: "assessments/" + per.String() + "/" + c.id + ".xlsx", Data: data})
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				e := &exp[j.pi]
				if c.blank[j.pi] {
					e.Blank++
				} else {
					e.Returned++
					e.MetTotal += st.met
					if st.met == len(sets[j.pi].Criteria) {
						e.Full++
					}
					e.Discrepancies += st.discrepancies
				}
				mu.Unlock()
			}
		}()
	}
	func() {
		defer close(jobs)
		for pi := range periods {
			for ci := range communes {
				if ci%256 == 0 && ctx.Err() != nil {
					return
				}
				mu.Lock()
				failed := firstErr != nil
				mu.Unlock()
				if failed {
					return
				}
				jobs <- job{pi, ci}
			}
		}
	}()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return exp, nil
}

// drawCommunes spreads n communes over the provinces' districts, names
// drawn from the pool without repeating a name inside a district, and
// gives each its path: criteria met at the baseline, then gained (more
// often) or lost (rarely) each period.
func drawCommunes(opt Options) []commune {
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0xC0FFEE))
	pool := namePool()
	type district struct{ name, province, region string }
	var districts []district
	count := map[string]int{}
	for _, p := range provinces {
		for _, d := range p.districts {
			count[d]++
		}
	}
	for _, p := range provinces {
		for _, d := range p.districts {
			name := d
			if count[d] > 1 {
				name = d + " (" + p.name + ")"
			}
			districts = append(districts, district{name, p.name, p.region})
		}
	}
	// A national list has about 14 communes a district; a smaller one
	// fills a few districts, as a province's would.
	perDistrict := max(1, min(len(pool)/2, (opt.Communes+len(districts)-1)/len(districts)))
	used := map[string]map[string]bool{}
	ids := map[string]int{}
	out := make([]commune, 0, opt.Communes)
	for i := 0; i < opt.Communes; i++ {
		d := districts[(i/perDistrict)%len(districts)]
		if used[d.name] == nil {
			used[d.name] = map[string]bool{}
		}
		name := pool[rng.IntN(len(pool))]
		for used[d.name][name] {
			name = pool[rng.IntN(len(pool))]
		}
		used[d.name][name] = true
		id := vnfmt.Slug(name) + "-" + vnfmt.Slug(strings.SplitN(d.name, " (", 2)[0])
		if len(id) > 48 {
			id = strings.TrimRight(id[:48], "-")
		}
		ids[id]++
		if ids[id] > 1 {
			id += "-" + strconv.Itoa(ids[id])
		}
		c := commune{id: id, name: name, district: d.name, province: d.province, region: criteria.Region(d.region)}
		met := 5 + rng.IntN(15) // 5–19 at the baseline
		if rng.IntN(4) == 0 {
			met = 19
		}
		var flags [20]bool
		for _, n := range rng.Perm(19)[:met] {
			flags[n+1] = true
		}
		c.met = append(c.met, flags)
		c.blank = append(c.blank, false)
		for p := 1; p < opt.Periods; p++ {
			f := c.met[p-1]
			var lacking, meeting []int
			for n := 1; n <= 19; n++ {
				if f[n] {
					meeting = append(meeting, n)
				} else {
					lacking = append(lacking, n)
				}
			}
			for k := rng.IntN(3); k > 0 && len(lacking) > 0; k-- {
				j := rng.IntN(len(lacking))
				f[lacking[j]] = true
				lacking = append(lacking[:j], lacking[j+1:]...)
			}
			if rng.IntN(12) == 0 && len(meeting) > 0 {
				f[meeting[rng.IntN(len(meeting))]] = false
			}
			c.met = append(c.met, f)
			c.blank = append(c.blank, rng.IntN(50) == 0)
		}
		if met == 19 {
			c.target = []string{"nang-cao-chat-luong", "nang-cao", "kieu-mau"}[rng.IntN(3)]
		} else {
			c.target, c.targetYear = "dat-chuan", 2022+rng.IntN(4)
		}
		out = append(out, c)
	}
	return out
}

// planTOML is the plan of the generated communes.
func planTOML(cs []commune, endYear int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# Kế hoạch sinh tự động bởi "ntm demo": %d xã của 63 tỉnh, thành phố; dữ liệu giả định để thử chương trình ở quy mô toàn quốc.

opening = ["Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 và Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ; Văn phòng Điều phối nông thôn mới Trung ương xây dựng kế hoạch theo dõi, đánh giá kết quả xây dựng nông thôn mới của các xã như sau:"]
closing = ["Trên đây là Kế hoạch theo dõi, đánh giá kết quả xây dựng nông thôn mới của các xã. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các địa phương phản ánh kịp thời để xem xét, giải quyết."]
archive = "VT, KHTH"

[document]
parent_agency = "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"
agency = "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TRUNG ƯƠNG"
agency_name = "Văn phòng Điều phối nông thôn mới Trung ương"
type = "Kế hoạch"
number = 125
symbol = "KH-VPĐP"
place = "Hà Nội"
date = %s
title = "Theo dõi, đánh giá kết quả xây dựng nông thôn mới của các xã"

[program]
province = "toàn quốc"
region = "BTB"
criteria_set = "qd1980-2016"
start_year = %d
end_year = %d

[[sections]]
title = "Mục đích, yêu cầu"

[[sections.items]]
text = "Theo dõi thường xuyên kết quả thực hiện các tiêu chí nông thôn mới của {{so_xa}} xã được phân công, hỗ trợ các xã chưa đạt chuẩn sớm đạt chuẩn và các xã đã đạt chuẩn nâng cao chất lượng các tiêu chí."

[[sections]]
title = "Tổ chức thực hiện"
list = "numbered"

[[sections.items]]
text = "Các xã tự đánh giá kết quả thực hiện theo định kỳ 6 tháng, gửi biểu về Văn phòng Điều phối nông thôn mới Trung ương."

[signer]
titles = ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
name = "Nguyễn Văn Minh"

[[recipients]]
line = "Bộ trưởng (b/c)"
addressees = [{ name = "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn", email = "botruong@mard.example" }]

[[recipients]]
line = "UBND các xã (theo danh sách)"
addressees = [
`, len(cs), planDate.Format("2006-01-02"), planDate.Year(), max(endYear, 2025))
	// A commune's people's committee is named with its district when
	// another commune of the plan has the same name, as a national list
	// does ("UBND xã Xuân Hưng, huyện Thọ Xuân"): addressees are told
	// apart by name.
	names := map[string]int{}
	for _, c := range cs {
		names[c.name]++
	}
	for _, c := range cs {
		name := "UBND xã " + c.name
		if names[c.name] > 1 {
			name += ", huyện " + c.district
		}
		fmt.Fprintf(&b, "  { name = %q, email = %q, commune = %q },\n", name, "ubnd."+c.id+"@xa.example", c.id)
	}
	b.WriteString("]\n")
	for _, c := range cs {
		status := "dat-chuan"
		var missing []string
		for n := 1; n <= 19; n++ {
			if !c.met[0][n] {
				missing = append(missing, strconv.Itoa(n))
			}
		}
		if len(missing) > 0 {
			status = "chua-dat"
		}
		fmt.Fprintf(&b, "\n[[communes]]\nid = %q\nname = %q\ndistrict = %q\nstatus = %q\ntarget = %q\n", c.id, c.name, c.district, status, c.target)
		if c.targetYear > 0 {
			fmt.Fprintf(&b, "target_year = %d\n", c.targetYear)
		}
		if len(missing) > 0 {
			fmt.Fprintf(&b, "missing = [%s]\n", strings.Join(missing, ", "))
		}
		if c.region != "BTB" {
			fmt.Fprintf(&b, "region = %q\n", c.region)
		}
	}
	return b.Bytes()
}

// formStats is what one generated form holds.
type formStats struct{ met, discrepancies int }

// formFor writes commune c's form for period index pi: in the shape of
// the blank form `ntm init` sends, filled in as commune offices do.
func formFor(c *commune, pi int, per criteria.Period, set *criteria.Set, rng *rand.Rand) ([]byte, formStats, error) {
	var st formStats
	s := newSheet("Tự đánh giá")
	s.widths = []float64{6, 20, 46, 10, 12, 11, 11, 11, 26}
	s.bold(1, 1, "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI")
	s.merge(1, 1, 1, 9)
	s.str(2, 1, set.Name)
	labels := [][2]string{
		{"Xã:", c.name}, {"Huyện:", c.district}, {"Kỳ đánh giá:", per.String()},
		{"Bộ tiêu chí:", set.ID}, {"Vùng:", string(c.region)}, {"Người lập:", "Cán bộ " + c.name}, {"Ngày lập:", fmt.Sprintf("%02d/%02d/%d", 15, 6*int(per.Half), per.Year)},
	}
	for i, l := range labels {
		s.str(5+i, 1, l[0])
		s.str(5+i, 3, l[1])
	}
	s.str(6, 6, "Tỉnh: "+c.province)
	hdr := []string{"TT", "Tên tiêu chí", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu theo vùng", "Kết quả kỳ trước", "Kết quả kỳ này", "Tự đánh giá", "Ghi chú, minh chứng"}
	for i, h := range hdr {
		s.bold(13, i+1, h)
	}
	blank := c.blank[pi]
	flip := !blank && rng.IntN(30) == 0     // one self-assessment differs
	unfilled := !blank && rng.IntN(60) == 0 // one unmet indicator left blank
	r := 14
	for _, cr := range set.Criteria {
		met := c.met[pi][cr.Number]
		if met && !blank {
			st.met++
		}
		single := len(cr.Indicators) == 1 && cr.Indicators[0].ID == strconv.Itoa(cr.Number)
		if !single {
			s.str(r, 1, strconv.Itoa(cr.Number))
			s.bold(r, 2, cr.Name)
			r++
		}
		// An unmet criterion has at least one indicator below its
		// threshold: the first, and others at random.
		for k, ind := range cr.Indicators {
			s.str(r, 1, ind.ID)
			if single {
				s.bold(r, 2, cr.Name)
			}
			s.str(r, 3, ind.Text)
			s.str(r, 4, ind.Unit)
			th := ind.ThresholdFor(c.region, per.Year)
			s.str(r, 5, th.Text)
			if !blank {
				ok := met || (k > 0 && rng.IntN(2) == 0)
				switch {
				case unfilled && !ok:
					unfilled = false // the value and the verdict left blank
				default:
					writeValue(s, r, ind, th, ok, rng)
					self := ok
					if flip && !ok {
						self, flip = true, false
						st.discrepancies++
					}
					s.str(r, 8, verdictText(self, rng))
				}
			}
			r++
		}
	}
	var buf bytes.Buffer
	if err := writeWorkbook(&buf, []*sheet{s}, "Biểu tự đánh giá xã "+c.name+" "+per.String()); err != nil {
		return nil, st, err
	}
	return buf.Bytes(), st, nil
}

// writeValue puts a result in column G that meets th when ok, or misses
// it, typed the ways communes type them.
func writeValue(s *sheet, r int, ind *criteria.Indicator, th criteria.Threshold, ok bool, rng *rand.Rand) {
	const col = 7
	switch ind.Kind {
	case criteria.KindBool:
		if ok {
			s.str(r, col, []string{"Đạt", "Đạt", "đạt"}[rng.IntN(3)])
		} else {
			s.str(r, col, []string{"Chưa đạt", "Không đạt"}[rng.IntN(2)])
		}
		return
	case criteria.KindZero:
		if ok {
			s.str(r, col, []string{"0", "Không"}[rng.IntN(2)])
		} else {
			s.num(r, col, float64(1+rng.IntN(5)), false)
		}
		return
	}
	v := th.Value
	le := ind.Op == criteria.LE
	step := math.Max(1, math.Abs(v)*0.1)
	switch {
	case ok && !le:
		v += rng.Float64() * step
	case ok && le:
		v -= rng.Float64() * step
	case !ok && !le:
		v -= (0.2 + rng.Float64()) * step
	default:
		v += (0.2 + rng.Float64()) * step
	}
	switch ind.Kind {
	case criteria.KindPercent:
		v = math.Max(0, math.Min(100, v))
		if ok && !le && v < th.Value {
			v = th.Value
		}
	default:
		v = math.Max(0, v) // counts and money are not negative
	}
	v = math.Round(v*10) / 10
	// Rounding must not carry a value across its threshold.
	if ok != meets(ind.Op, v, th.Value) {
		v = th.Value
		if !ok {
			if le {
				v += 1
			} else {
				v -= 1
			}
		}
	}
	switch n := rng.IntN(5); {
	case ind.Kind == criteria.KindPercent && n == 0:
		s.num(r, col, v/100, true) // 0,855 in a percent cell
	case n == 1:
		s.str(r, col, strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)) // "85,5" as text
	default:
		s.num(r, col, v, false)
	}
}

func meets(op criteria.Op, v, th float64) bool {
	switch op {
	case criteria.LE:
		return v <= th+1e-6
	case criteria.EQ:
		return math.Abs(v-th) < 1e-6
	}
	return v >= th-1e-6
}

func verdictText(met bool, rng *rand.Rand) string {
	if met {
		return []string{"Đạt", "Đạt", "đạt", "x"}[rng.IntN(4)]
	}
	return []string{"Chưa đạt", "Chưa đạt", "Không đạt"}[rng.IntN(3)]
}

// WriteAll is Generate into w's files, for callers that keep them in
// memory (tests).
func WriteAll(ctx context.Context, cat *criteria.Catalogue, opt Options) (map[string][]byte, []Expected, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	exp, err := Generate(ctx, cat, opt, func(f File) error {
		mu.Lock()
		files[f.Path] = f.Data
		mu.Unlock()
		return nil
	})
	return files, exp, err
}

// Paths lists files' keys in order, for a deterministic listing.
func Paths(files map[string][]byte) []string {
	out := make([]string, 0, len(files))
	for p := range files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
