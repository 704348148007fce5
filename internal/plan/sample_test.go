package plan

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ntm-project/ntm/internal/tomlpos"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// names1980 are the criterion names of QĐ 1980/QĐ-TTg (2016-2020), as
// the criteria package gives them; the tests use them to render thieu.
var names1980 = map[int]string{
	1: "Quy hoạch", 2: "Giao thông", 3: "Thủy lợi", 4: "Điện", 5: "Trường học",
	6: "Cơ sở vật chất văn hóa", 7: "Cơ sở hạ tầng thương mại nông thôn",
	8: "Thông tin và Truyền thông", 9: "Nhà ở dân cư", 10: "Thu nhập", 11: "Hộ nghèo",
	12: "Lao động có việc làm", 13: "Tổ chức sản xuất", 14: "Giáo dục và Đào tạo",
	15: "Y tế", 16: "Văn hóa", 17: "Môi trường và an toàn thực phẩm",
	18: "Hệ thống chính trị và tiếp cận pháp luật", 19: "Quốc phòng và An ninh",
}

func name1980(n int) string { return names1980[n] }

const samplePath = "../../input/plan.toml"

// planText expands every paragraph of p in reading order, with the
// markers a renderer would print ("I.", "- ", "+ ", "1.").
func planText(t *testing.T, p *Plan) string {
	t.Helper()
	var b strings.Builder
	expand := func(path, s string) string {
		got, err := p.Expand(s, name1980)
		if err != nil {
			t.Errorf("Expand(%s): %v", path, err)
		}
		return got
	}
	for i, s := range p.Opening {
		fmt.Fprintln(&b, expand(tomlpos.Elem("opening", i), s))
	}
	roman := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
	for i, s := range p.Sections {
		fmt.Fprintf(&b, "%s. %s\n", roman[i%len(roman)], s.Title)
		for j, it := range s.Items {
			mark := "- "
			switch s.List {
			case ListNumbered:
				mark = fmt.Sprintf("%d. ", j+1)
			case ListPlain:
				mark = ""
			}
			fmt.Fprintln(&b, mark+expand(fmt.Sprintf("sections[%d].items[%d]", i, j), it.Text))
			for k, sub := range it.Items {
				fmt.Fprintln(&b, "+ "+expand(fmt.Sprintf("sections[%d].items[%d].items[%d]", i, j, k), sub.Text))
			}
		}
	}
	for i, s := range p.Closing {
		fmt.Fprintln(&b, expand(tomlpos.Elem("closing", i), s))
	}
	return b.String()
}

func TestSamplePlan(t *testing.T) {
	p, problems := LoadFile(samplePath)
	if len(problems) > 0 {
		t.Fatalf("sample plan has problems:\n%v", problems.Err())
	}
	got := planText(t, p)
	golden := filepath.Join("testdata", "sample-text.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("expanded text differs from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
	}
}

// TestSampleData checks the data of the sample plan that the text does
// not show: communes, recipients and their addressees, signer, layout.
func TestSampleData(t *testing.T) {
	p, problems := LoadFile(samplePath)
	if p == nil {
		t.Fatalf("sample plan does not load:\n%v", problems.Err())
	}
	d := p.Document
	if got, want := fmt.Sprintf("%s %d/%s %s %s", d.Type, d.Number, d.Symbol, d.Place, d.Date.Format("02/01/2006")),
		"Kế hoạch 2071/SKH-KTN Quảng Trị 08/12/2020"; got != want {
		t.Errorf("document = %q, want %q", got, want)
	}
	var communes []string
	for _, c := range p.Communes {
		communes = append(communes, fmt.Sprintf("%s|%s|%s|%s|%s|%d|%v", c.ID, c.Name, c.District, c.Status, c.Target, c.TargetYear, c.Missing))
	}
	wantCommunes := []string{
		"thuan|Thuận|Hướng Hóa|chua-dat|dat-chuan|2025|[5 6 10 11 13 17 18 19]",
		"gio-mai|Gio Mai|Gio Linh|chua-dat|dat-chuan|2021|[2 6]",
		"gio-my|Gio Mỹ|Gio Linh|dat-chuan|nang-cao-chat-luong|0|[]",
		"cam-chinh|Cam Chính|Cam Lộ|dat-chuan|kieu-mau|0|[]",
	}
	if got, want := strings.Join(communes, "\n"), strings.Join(wantCommunes, "\n"); got != want {
		t.Errorf("communes:\n%s\nwant:\n%s", got, want)
	}
	var recipients []string
	for _, r := range p.Recipients {
		var names []string
		for _, a := range r.Addressees {
			n := a.Name + " [" + a.Delivery
			if a.Commune != "" {
				n += " " + a.Commune
			}
			if a.District != "" {
				n += " " + a.District
			}
			var comm []string
			for _, c := range p.CommunesFor(&a) {
				comm = append(comm, c.ID)
			}
			docs := "defaults"
			if a.Documents != nil {
				docs = strings.Join(a.Documents, ",")
			}
			names = append(names, n+"] docs="+docs+" scope="+strings.Join(comm, ","))
		}
		recipients = append(recipients, r.Line+" → "+strings.Join(names, "; "))
	}
	all := "docs=defaults scope=thuan,gio-mai,gio-my,cam-chinh"
	wantRecipients := []string{
		"UBND tỉnh (b/c) → UBND tỉnh Quảng Trị [email] " + all,
		"VPĐP NTM tỉnh → Văn phòng Điều phối nông thôn mới tỉnh Quảng Trị [email] " + all,
		"UBND các huyện HH, CL, GL → UBND huyện Hướng Hóa [email Hướng Hóa] docs=defaults scope=thuan; " +
			"UBND huyện Cam Lộ [email Cam Lộ] docs=defaults scope=cam-chinh; " +
			"UBND huyện Gio Linh [email Gio Linh] docs=defaults scope=gio-mai,gio-my",
		"UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai → UBND xã Thuận [email thuan] docs=defaults scope=thuan; " +
			"UBND xã Cam Chính [email cam-chinh] docs=defaults scope=cam-chinh; " +
			"UBND xã Gio Mỹ [email gio-my] docs=defaults scope=gio-my; " +
			"UBND xã Gio Mai [email gio-mai] docs=defaults scope=gio-mai",
		"GD, PGD Nguyễn Huy → Giám đốc Sở Kế hoạch và Đầu tư [email] " + all + "; Phó Giám đốc Nguyễn Huy [email] " + all,
		"Các phòng: TH-QH, KGVX → Phòng Tổng hợp - Quy hoạch [email] " + all + "; Phòng Khoa giáo - Văn xã [email] " + all,
	}
	if got, want := strings.Join(recipients, "\n"), strings.Join(wantRecipients, "\n"); got != want {
		t.Errorf("recipients:\n%s\nwant:\n%s", got, want)
	}
	for _, r := range p.Recipients {
		for _, a := range r.Addressees {
			if !strings.HasSuffix(a.Email, ".example") {
				t.Errorf("addressee %q has email %q outside the reserved .example domain", a.Name, a.Email)
			}
		}
	}
	if got, want := p.ArchiveLine(), "VT, KGVX, KTN"; got != want {
		t.Errorf("Archive = %q, want %q", got, want)
	}
	if got, want := strings.Join(p.Signer.TitleLines(), " / ")+" / "+p.Signer.Name, "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Trương Chí Trung"; got != want {
		t.Errorf("signer = %q, want %q", got, want)
	}
	var styles []string
	for _, s := range p.Sections {
		styles = append(styles, s.Title+":"+s.List)
	}
	if got, want := strings.Join(styles, ", "), "Mục đích, yêu cầu:dash, Nội dung thực hiện:dash, Tổ chức thực hiện:numbered"; got != want {
		t.Errorf("sections = %q, want %q", got, want)
	}
	if got, want := p.Program, (Program{Province: "Quảng Trị", Region: "BTB", CriteriaSet: "qd1980-2016", StartYear: 2020, EndYear: 2025}); got != want {
		t.Errorf("Program = %+v, want %+v", got, want)
	}
	if got, want := p.Layout, DefaultLayout; got != want {
		t.Errorf("Layout = %+v, want %+v", got, want)
	}
	if got, want := d.DraftingUnit+"/"+d.DraftingUnitShort, "Phòng Kinh tế ngành/KTN"; got != want {
		t.Errorf("drafting unit = %q, want %q", got, want)
	}
}

// TestLoadNormalisesNFC feeds decomposed (NFD) text and expects NFC
// back, silently.
func TestLoadNormalisesNFC(t *testing.T) {
	nfd := norm.NFD.String("Quảng Trị")
	if nfd == "Quảng Trị" {
		t.Fatal("test string is not decomposed")
	}
	p, problems := Load("p.toml", []byte(strings.Replace(base, "Quảng Trị", nfd, 1)))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems.Err())
	}
	if got, want := p.Document.Place, "Quảng Trị"; got != want {
		t.Errorf("Place = %q, want NFC %q", got, want)
	}
}
