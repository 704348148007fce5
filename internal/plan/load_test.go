package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/diag"
)

// base is a small valid plan; the malformed cases edit it.
const base = `opening = ["Căn cứ quyết định số 1841/QĐ-UBND…"]
archive = "VT, KTN"
[document]
agency = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
type = "Kế hoạch"
number = 2071
symbol = "SKH-KTN"
place = "Quảng Trị"
date = 2020-12-08
title = "Thực hiện công tác phụ trách, đỡ đầu"

[program]
region = "BTB"

[[sections]]
title = "Nội dung thực hiện"

[[sections.items]]
text = "Hỗ trợ {{xa \"gio-mai\"}} ({{thieu \"gio-mai\"}})."

[[communes]]
id = "thuan"
name = "Thuận"
district = "Hướng Hóa"
status = "chua-dat"
missing = [5, 6]

[[communes]]
id = "gio-my"
name = "Gio Mỹ"
district = "Gio Linh"
status = "dat-chuan"

[[communes]]
id = "gio-mai"
name = "Gio Mai"
district = "Gio Linh"
status = "chua-dat"
missing = [2, 6]

[[recipients]]
line = "UBND các xã Thuận, Gio Mai"
addressees = [
  { name = "UBND xã Thuận", commune = "thuan" },
  { name = "UBND xã Gio Mai", commune = "gio-mai" },
]

[signer]
titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
name = "Trương Chí Trung"
`

// edit returns base with each old→new pair replaced; old must occur
// exactly once.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if n := strings.Count(s, pairs[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times in base", pairs[i], n)
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func problemTexts(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

func TestLoadBase(t *testing.T) {
	p, problems := Load("p.toml", []byte(base))
	if len(problems) > 0 {
		t.Fatalf("base plan has problems:\n%s", strings.Join(problemTexts(problems), "\n"))
	}
	if got, want := p.Document.Date, time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Date = %v, want %v", got, want)
	}
	if got, want := p.Layout, DefaultLayout; got != want {
		t.Errorf("Layout = %+v, want the defaults %+v", got, want)
	}
	if got, want := p.Document.Subject, p.Document.Title; got != want {
		t.Errorf("Subject = %q, want the title %q", got, want)
	}
	if got, want := p.Sections[0].List, ListDash; got != want {
		t.Errorf("List = %q, want %q", got, want)
	}
	if got, want := p.File, "p.toml"; got != want {
		t.Errorf("File = %q, want %q", got, want)
	}
}

func TestLoadMalformed(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"toml syntax: unclosed string", edit(t, `place = "Quảng Trị"`, `place = "Quảng Trị`), []string{
			"p.toml:8:19 (khóa document.place): lỗi: lỗi cú pháp TOML: chuỗi không được xuống dòng; thiếu dấu nháy đóng, hoặc dùng ba dấu nháy \"\"\"…\"\"\" cho văn bản nhiều dòng",
		}},
		{"impossible date", edit(t, "date = 2020-12-08", "date = 2020-02-31"), []string{
			"p.toml:9:8 (khóa document.date): lỗi: lỗi cú pháp TOML: ngày \"2020-02-31\" không có: tháng 02 năm 2020 chỉ có 29 ngày",
		}},
		{"date written dd/mm/yyyy without quotes", edit(t, "date = 2020-12-08", "date = 08/12/2020"), []string{
			"p.toml:9:8 (khóa document.date): lỗi: lỗi cú pháp TOML: ngày viết dạng NĂM-THÁNG-NGÀY: viết 2020-12-08 thay cho 08/12/2020",
		}},
		{"duplicate key", edit(t, `type = "Kế hoạch"`, "type = \"Kế hoạch\"\ntype = \"Báo cáo\""), []string{
			"p.toml:6:1 (khóa document.type): lỗi: lỗi cú pháp TOML: khóa \"document.type\" được khai báo hai lần",
		}},
		{"date as string, number as string, misspelt key", edit(t,
			"date = 2020-12-08", `date = "08/12/2020"`,
			"number = 2071", `number = "2071"`,
			`title = "Thực`, `titel = "Thực`), []string{
			"p.toml:3:1 (khóa document.title): lỗi: thiếu khóa bắt buộc \"title\" (trích yếu nội dung)",
			"p.toml:6:1 (khóa document.number): lỗi: sai kiểu: cần một số nguyên, thấy chuỗi \"2071\" (bỏ dấu nháy kép: number = 2071)",
			"p.toml:9:1 (khóa document.date): lỗi: ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy: viết date = 2020-12-08, thấy chuỗi \"08/12/2020\"",
			"p.toml:10:1 (khóa document.titel): lỗi: khóa \"titel\" không có trong bảng document; có phải ý là \"title\"?",
		}},
		{"unknown keys", edit(t,
			`opening = [`, "foo = 1\nopening = [",
			`status = "dat-chuan"`, "status = \"dat-chuan\"\nemial = \"a@b.example\""), []string{
			"p.toml:1:1 (khóa foo): lỗi: khóa \"foo\" không có ở cấp ngoài cùng của tệp; các khóa dùng được: document, program, opening, sections, closing, annexes, communes, recipients, archive, signer, layout",
			"p.toml:34:1 (khóa communes[1].emial): lỗi: khóa \"emial\" không có trong bảng communes[1]; có phải ý là \"email\"?",
		}},
		{"missing required fields", edit(t,
			`agency = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"`+"\n", "",
			`name = "Trương Chí Trung"`, "",
			`district = "Gio Linh"`+"\nstatus = \"chua-dat\"", `district = ""`), []string{
			"p.toml:3:1 (khóa document.agency): lỗi: thiếu khóa bắt buộc \"agency\" (tên cơ quan ban hành, ví dụ \"SỞ KẾ HOẠCH VÀ ĐẦU TƯ\")",
			"p.toml:33:1 (khóa communes[2].status): lỗi: thiếu khóa bắt buộc \"status\" (hiện trạng: chua-dat, dat-chuan, nang-cao, kieu-mau)",
			"p.toml:36:1 (khóa communes[2].district): lỗi: khóa \"district\" không được để trống (tên huyện, ví dụ \"Gio Linh\")",
			"p.toml:46:1 (khóa signer.name): lỗi: thiếu khóa bắt buộc \"name\" (họ tên người ký, ví dụ \"Trương Chí Trung\")",
		}},
		{"no sections, communes, recipients", "[document]\nagency = \"SỞ\"\ntype = \"Kế hoạch\"\nnumber = 1\nsymbol = \"SKH\"\nplace = \"Quảng Trị\"\ndate = 2020-12-08\ntitle = \"T\"\n[signer]\ntitles = [\"GIÁM ĐỐC\"]\nname = \"A\"\n", []string{
			"p.toml (khóa communes): lỗi: kế hoạch chưa có xã nào: thêm ít nhất một bảng [[communes]] (id, name, district, status)",
			"p.toml (khóa recipients): lỗi: kế hoạch chưa có nơi nhận: thêm ít nhất một bảng [[recipients]] (line, addressees)",
			"p.toml (khóa sections): lỗi: kế hoạch chưa có phần nào: thêm ít nhất một bảng [[sections]] (title, items)",
			"p.toml:1:1 (khóa document.drafting_unit_short): cảnh báo: dòng \"Lưu:\" chỉ có VT: ghi drafting_unit_short (chữ viết tắt đơn vị soạn thảo, ví dụ \"KTN\")",
		}},
		{"wrong types", edit(t,
			"number = 2071", "number = 20.5",
			"missing = [5, 6]", `missing = "5, 6"`,
			`title = "Nội dung thực hiện"`, "title = 3",
			"[signer]", "[[signer]]"), []string{
			"p.toml:6:1 (khóa document.number): lỗi: sai kiểu: cần một số nguyên, thấy số thực 20.5",
			"p.toml:16:1 (khóa sections[0].title): lỗi: sai kiểu: cần một chuỗi văn bản trong dấu nháy kép, thấy số nguyên 3",
			"p.toml:26:1 (khóa communes[0].missing): lỗi: sai kiểu: cần một mảng số nguyên, ví dụ [2, 6], thấy chuỗi \"5, 6\"",
			"p.toml:48:1 (khóa signer): lỗi: sai kiểu: cần một bảng, thấy một mảng bảng",
		}},
		{"duplicate commune id and name", edit(t,
			`id = "gio-my"`+"\nname = \"Gio Mỹ\"", `id = "thuan"`+"\nname = \"Gio Mai\""), []string{
			"p.toml:29:1 (khóa communes[1].id): lỗi: mã xã \"thuan\" trùng với communes[0]; mỗi xã một mã riêng (mã dùng làm tên tệp biểu, báo cáo của xã)",
			"p.toml:36:1 (khóa communes[2].name): lỗi: tên xã \"Gio Mai\" trùng với communes[1] trong cùng huyện Gio Linh",
		}},
		{"criterion out of range and repeated", edit(t, "missing = [2, 6]", "missing = [2, 6, 23, 6, 0]"), []string{
			"p.toml:39:18 (khóa communes[2].missing[2]): lỗi: tiêu chí 23 không có; cần số từ 1 đến 19",
			"p.toml:39:22 (khóa communes[2].missing[3]): lỗi: tiêu chí 6 ghi hai lần (đã có ở missing[1])",
			"p.toml:39:25 (khóa communes[2].missing[4]): lỗi: tiêu chí 0 không có; cần số từ 1 đến 19",
		}},
		{"unknown status, target, style, region", edit(t,
			`status = "dat-chuan"`, "status = \"da-dat\"\ntarget = \"kieumau\"",
			`title = "Nội dung thực hiện"`, "title = \"Nội dung thực hiện\"\nstyle = \"bullet\"",
			`region = "BTB"`, `region = "Bắc Trung Bộ"`), []string{
			"p.toml:13:1 (khóa program.region): lỗi: vùng \"Bắc Trung Bộ\" không có; cần một trong: TDMNPB (Trung du miền núi phía Bắc), DBSH (Đồng bằng sông Hồng), BTB (Bắc Trung Bộ), DHNTB (Duyên hải Nam Trung Bộ), TN (Tây Nguyên), DNB (Đông Nam Bộ), DBSCL (Đồng bằng sông Cửu Long), chung (chỉ tiêu chung toàn quốc)",
			"p.toml:17:1 (khóa sections[0].style): lỗi: kiểu đánh dấu các mục \"bullet\" không có; cần một trong: numbered, letters, dash, plus, plain",
			"p.toml:33:1 (khóa communes[1].status): lỗi: hiện trạng \"da-dat\" không có; cần một trong: chua-dat, dat-chuan, nang-cao, kieu-mau",
			"p.toml:34:1 (khóa communes[1].target): lỗi: mục tiêu \"kieumau\" không có; có phải ý là \"kieu-mau\"? (cần một trong: dat-chuan, nang-cao-chat-luong, nang-cao, kieu-mau)",
		}},
		{"missing criteria on an NTM commune", edit(t, `status = "dat-chuan"`, "status = \"dat-chuan\"\nmissing = [3]"), []string{
			"p.toml:33:1 (khóa communes[1].missing): lỗi: xã Gio Mỹ có hiện trạng \"dat-chuan\" nên không có tiêu chí chưa đạt; bỏ khóa missing hoặc sửa status thành \"chua-dat\"",
		}},
		{"addressee names an unknown commune", edit(t, `commune = "gio-mai"`, `commune = "gio-mai2"`), []string{
			"p.toml:45:31 (khóa recipients[0].addressees[1].commune): lỗi: không có xã mã \"gio-mai2\" trong danh sách communes; có phải ý là \"gio-mai\"?",
		}},
		{"template errors", edit(t,
			`({{thieu \"gio-mai\"}})`, `({{thieu \"gio-mi\"}}) {{xaa \"thuan\"}}`,
			`opening = ["Căn cứ quyết định số 1841/QĐ-UBND…"]`, `opening = ["Căn cứ {{xa \"thuan\""]`,
			`title = "Nội dung thực hiện"`, `title = "Nội dung {{huyen \"x\"}}"`,
		), []string{
			"p.toml:1:12 (khóa opening[0]): lỗi: mẫu văn bản: thiếu dấu \"}}\" đóng lệnh",
			"p.toml:16:1 (khóa sections[0].title): lỗi: mẫu văn bản: hàm huyen: không có xã mã \"x\" trong danh sách communes (các mã: thuan, gio-my, gio-mai)",
			"p.toml:19:1 (khóa sections[0].items[0].text): lỗi: mẫu văn bản: hàm \"xaa\" không có (các hàm: xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan)",
		}},
		{"template execution stops at its first error", edit(t,
			`({{thieu \"gio-mai\"}})`, `({{thieu \"gio-my\"}}) {{nam \"thuan\"}}`), []string{
			"p.toml:19:1 (khóa sections[0].items[0].text): lỗi: mẫu văn bản: hàm thieu: xã mã \"gio-my\" không có tiêu chí chưa đạt (khóa missing trống)",
		}},
		{"layout outside Decree 30", base + "\n[layout]\nmargin_left = 25\nmargin_top = 20\nbody_size = 12\nline_spacing = 2\nindent = 15\n", []string{
			"p.toml:53:1 (khóa layout.margin_left): lỗi: Nghị định 30/2020/NĐ-CP quy định lề trái từ 30 đến 35 mm, thấy 25",
			"p.toml:55:1 (khóa layout.body_size): lỗi: Nghị định 30/2020/NĐ-CP quy định cỡ chữ nội dung từ 13 đến 14 pt, thấy 12",
			"p.toml:56:1 (khóa layout.line_spacing): lỗi: Nghị định 30/2020/NĐ-CP quy định khoảng cách dòng từ 1 đến 1.5 lần dòng đơn, thấy 2",
			"p.toml:57:1 (khóa layout.indent): lỗi: Nghị định 30/2020/NĐ-CP quy định lùi đầu dòng 10 mm hoặc 12.7 mm (1 cm hoặc 1,27 cm), thấy 15",
		}},
		{"legacy encoding", edit(t, `place = "Quảng Trị"`, `place = "Qu¶ng TrÞ"`, `name = "Gio Mai"`, `name = "Gio Maø"`), []string{
			"p.toml:8:1 (khóa document.place): lỗi: văn bản \"Qu¶ng TrÞ\" có vẻ gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode; hãy chuyển mã sang Unicode dựng sẵn (ví dụ bằng công cụ chuyển mã của Unikey)",
			"p.toml:36:1 (khóa communes[2].name): lỗi: văn bản \"Gio Maø\" có vẻ gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode; hãy chuyển mã sang Unicode dựng sẵn (ví dụ bằng công cụ chuyển mã của Unikey)",
		}},
		{"date with a time", edit(t, "date = 2020-12-08", "date = 2020-12-08T09:00:00"), []string{
			"p.toml:9:1 (khóa document.date): lỗi: cần một ngày không kèm giờ, dạng NĂM-THÁNG-NGÀY (ví dụ date = 2020-12-08), thấy ngày giờ 2020-12-08T09:00:00",
		}},
		{"bad email and commune id", edit(t, `{ name = "UBND xã Thuận", commune = "thuan" }`, `{ name = "UBND xã Thuận", commune = "thuan", email = "ubnd thuan@x" }`,
			`id = "gio-mai"`, `id = "Gio Mai"`, `commune = "gio-mai"`, `commune = "Gio Mai"`, `{{xa \"gio-mai\"}} ({{thieu \"gio-mai\"}})`, `{{xa \"thuan\"}}`), []string{
			"p.toml:35:1 (khóa communes[2].id): lỗi: mã xã \"Gio Mai\" chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ \"gio-mai\"",
			"p.toml:44:48 (khóa recipients[0].addressees[0].email): lỗi: địa chỉ thư điện tử \"ubnd thuan@x\" không hợp lệ",
		}},
		{"items nested too deep", base + "\n[[sections.items.items]]\ntext = \"a\"\n[[sections.items.items.items]]\ntext = \"b\"\n" +
			"[[sections.items.items.items.items]]\ntext = \"c\"\n[[sections.items.items.items.items.items]]\ntext = \"d\"\n" +
			"[[sections.items.items.items.items.items.items]]\ntext = \"e\"\n[[sections.items.items.items.items.items.items.items]]\ntext = \"f\"\n", []string{
			"p.toml:62:1 (khóa sections[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0]): lỗi: mục lồng nhau quá 6 cấp",
		}},
		{"program years", edit(t, `region = "BTB"`, "region = \"BTB\"\nstart_year = 2025\nend_year = 2020\n"), []string{
			"p.toml:15:1 (khóa program.end_year): lỗi: năm kết thúc 2020 trước năm bắt đầu 2025",
		}},
		{"recipient without addressees", base + "\n[[recipients]]\nline = \"UBND tỉnh (b/c)\"\n", []string{
			"p.toml:52:1 (khóa recipients[1]): cảnh báo: dòng nơi nhận \"UBND tỉnh (b/c)\" chưa có người nhận (addressees); sẽ không gửi văn bản cho dòng này",
		}},
		{"CRLF line ends", strings.ReplaceAll(edit(t, "number = 2071", "number = -5", `status = "dat-chuan"`, `status = "dat"`), "\n", "\r\n"), []string{
			"p.toml:6:1 (khóa document.number): lỗi: khóa \"number\" cần một số lớn hơn 0 (số của văn bản, ví dụ 2071), thấy -5",
			"p.toml:32:1 (khóa communes[1].status): lỗi: hiện trạng \"dat\" không có; cần một trong: chua-dat, dat-chuan, nang-cao, kieu-mau",
		}},
		{"warnings only: target years, chua-dat without missing", edit(t,
			`region = "BTB"`, "region = \"BTB\"\nend_year = 2025",
			"missing = [5, 6]", "target_year = 2019",
			"missing = [2, 6]", "missing = [2, 6]\ntarget_year = 2030",
			`({{thieu \"gio-mai\"}})`, ""), []string{
			"p.toml:22:1 (khóa communes[0]): cảnh báo: xã Thuận chưa đạt chuẩn nhưng chưa ghi các tiêu chí chưa đạt (khóa missing, ví dụ missing = [2, 6])",
			"p.toml:27:1 (khóa communes[0].target_year): cảnh báo: năm mục tiêu 2019 trước năm ban hành kế hoạch 2020",
			"p.toml:41:1 (khóa communes[2].target_year): cảnh báo: năm mục tiêu 2030 sau năm cuối của kế hoạch (program.end_year = 2025)",
		}},
		{"not UTF-8", strings.Replace(base, "Quảng Trị", "Qu\xe1ng Tr\xec", 1), []string{
			"p.toml:8:10 (khóa document.place): lỗi: lỗi cú pháp TOML: tệp không phải UTF-8 (byte 0xe1); hãy lưu tệp với bảng mã UTF-8",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Load("p.toml", []byte(tt.src))
			got := problemTexts(problems)
			if os.Getenv("DUMP") != "" {
				t.Logf("%q", got)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if problems.Errors() > 0 && p != nil {
				t.Errorf("Load returned a plan along with errors")
			}
			if problems.Errors() == 0 && p == nil {
				t.Errorf("Load returned no plan and no error")
			}
		})
	}
}

func TestLoadFileMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.toml")
	_, problems := LoadFile(path)
	got := problemTexts(problems)
	want := []string{path + ": lỗi: không đọc được tệp kế hoạch: tệp không tồn tại"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadFileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(path, []byte(strings.Replace(base, "number = 2071", "number = 0", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, problems := LoadFile(path)
	got := problemTexts(problems)
	want := []string{path + `:6:1 (khóa document.number): lỗi: khóa "number" cần một số lớn hơn 0 (số của văn bản, ví dụ 2071), thấy 0`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}
