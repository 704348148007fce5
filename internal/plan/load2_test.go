package plan

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestLoadMalformedConstructs is the malformed-plan table for the
// constructs of the second schema: the signer's lines, Kính gửi, items at
// every depth, tables, annexes, the Lưu line, identities, addressees,
// hostile templates and sizes.
func TestLoadMalformedConstructs(t *testing.T) {
	signer := func(titles string) string {
		return edit(t, `titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`, "titles = "+titles)
	}
	item := func(toml string) string {
		return edit(t, "[[sections.items]]\ntext = \"Hỗ trợ {{xa \\\"gio-mai\\\"}} ({{thieu \\\"gio-mai\\\"}}).\"", toml)
	}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"signer: prefix without its dot, alone, misplaced, twice", signer(`["KT GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`), []string{
			"p.toml:49:11 (khóa signer.titles[0]): lỗi: quyền hạn viết như Nghị định 30: chữ viết tắt, dấu chấm rồi một dấu cách — \"KT. GIÁM ĐỐC\", thấy \"KT GIÁM ĐỐC\"",
		}},
		{"signer: KT. with nobody under it", signer(`["KT. GIÁM ĐỐC"]`), []string{
			"p.toml:49:11 (khóa signer.titles[0]): lỗi: sau \"KT.\" cần dòng chức vụ của người ký, ví dụ titles = [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]",
		}},
		{"signer: TM. not first, KT. twice", signer(`["KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]`), []string{
			"p.toml:49:27 (khóa signer.titles[1]): lỗi: \"TM.\" (thay mặt tập thể) đứng ở dòng đầu, dưới là chức vụ người ký, ví dụ titles = [\"TM. ỦY BAN NHÂN DÂN\", \"CHỦ TỊCH\"]",
			"p.toml:49:50 (khóa signer.titles[2]): lỗi: khối chữ ký chỉ có một dòng \"KT.\"",
		}},
		{"signer: a deputy without KT., five lines", signer(`["A", "B", "C", "D", "PHÓ GIÁM ĐỐC"]`), []string{
			"p.toml:49:1 (khóa signer.titles): lỗi: khối chữ ký tối đa 4 dòng quyền hạn, chức vụ; thấy 5",
			"p.toml:49:31 (khóa signer.titles[4]): cảnh báo: cấp phó ký thay cấp trưởng thì ghi \"KT.\" ở dòng trên, ví dụ titles = [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]",
		}},
		{"signer: a line break in a title, academic title", edit(t, `titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`, `titles = ["KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"]`, `name = "Trương Chí Trung"`, `name = "TS. Trương Chí Trung"`), []string{
			"p.toml:49:11 (khóa signer.titles[0]): lỗi: khóa \"titles\" in trên một dòng, không được xuống dòng (thấy \"KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC\"); bỏ ký tự xuống dòng \\n",
			"p.toml:50:1 (khóa signer.name): cảnh báo: Nghị định 30 không ghi học hàm, học vị trước họ tên người ký; viết \"Trương Chí Trung\"",
		}},
		{"signer: first schema's keys", edit(t, `titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`, "authority = \"KT. Giám đốc\"\nposition = \"Phó Giám đốc\""), []string{
			"p.toml:49:1 (khóa signer.authority): cảnh báo: authority và position đã thay bằng titles (các dòng quyền hạn, chức vụ); viết titles = [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]",
		}},
		{"signer: first schema's keys and titles", edit(t, `titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`, "titles = [\"GIÁM ĐỐC\"]\nposition = \"Phó Giám đốc\""), []string{
			"p.toml:49:1 (khóa signer.titles): lỗi: người ký ghi cả titles và authority/position; chỉ giữ titles",
		}},
		{"signer: authority with a line break", edit(t, `titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`, "authority = \"TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\"\nposition = \"PHÓ CHỦ TỊCH\""), []string{
			"p.toml:49:1 (khóa signer.authority): lỗi: khóa \"authority\" in trên một dòng, không được xuống dòng (thấy \"TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\"); bỏ ký tự xuống dòng \\n",
		}},
		{"kinh gui written with its marks", edit(t, `title = "Thực hiện công tác phụ trách, đỡ đầu"`, "title = \"Thực hiện công tác phụ trách, đỡ đầu\"\nkinh_gui = [\"- UBND tỉnh;\", \"Kính gửi: Sở Tài chính\", \" \"]"), []string{
			"p.toml:11:13 (khóa document.kinh_gui[0]): lỗi: ghi tên nơi nhận \"- UBND tỉnh;\" không kèm \"- \" ở đầu hay \";\", \".\" ở cuối (chương trình tự thêm theo Nghị định 30); viết \"UBND tỉnh\"",
			"p.toml:11:29 (khóa document.kinh_gui[1]): lỗi: không ghi chữ \"Kính gửi\" (chương trình tự in); viết \"Sở Tài chính\"",
			"p.toml:11:55 (khóa document.kinh_gui[2]): lỗi: tên nơi nhận sau \"Kính gửi:\" không được để trống",
		}},
		{"kinh gui as one string", edit(t, `title = "Thực hiện công tác phụ trách, đỡ đầu"`, "title = \"Thực hiện công tác phụ trách, đỡ đầu\"\nkinh_gui = \"UBND tỉnh Quảng Trị.\""), []string{
			"p.toml:11:1 (khóa document.kinh_gui): lỗi: ghi tên nơi nhận \"UBND tỉnh Quảng Trị.\" không kèm \"- \" ở đầu hay \";\", \".\" ở cuối (chương trình tự thêm theo Nghị định 30); viết \"UBND tỉnh Quảng Trị\"",
		}},
		{"items: empty, table with text, style without heading, unknown list", item("[[sections.items]]\n[[sections.items]]\ntext = \"a\"\nstyle = \"italic\"\nlist = \"bullet\"\n[[sections.items]]\ntext = \"b\"\n[sections.items.table]\nrows = [[\"1\"]]"), []string{
			"p.toml:18:1 (khóa sections[0].items[0]): lỗi: mục cần nội dung: text (đoạn văn), heading (tiêu đề) hoặc table (bảng)",
			"p.toml:21:1 (khóa sections[0].items[1].style): lỗi: style là kiểu chữ của tiêu đề (heading); mục này không có heading",
			"p.toml:22:1 (khóa sections[0].items[1].list): lỗi: kiểu đánh dấu các mục con \"bullet\" không có; cần một trong: numbered, letters, dash, plus, plain",
			"p.toml:25:1 (khóa sections[0].items[2].table): lỗi: một mục chỉ là một bảng (table) hoặc một đoạn văn (text, heading); tên bảng ghi ở table.title",
		}},
		{"items: list on an item without sub-items, heading style unknown", item("[[sections.items]]\nheading = \"Mục đích\"\nstyle = \"dam\"\nlist = \"dash\""), []string{
			"p.toml:20:1 (khóa sections[0].items[0].style): lỗi: kiểu chữ tiêu đề \"dam\" không có; cần một trong: bold, italic, bold-italic",
			"p.toml:21:1 (khóa sections[0].items[0].list): cảnh báo: list là cách đánh dấu các mục con của mục này, nhưng mục không có mục con; muốn đổi dấu của chính mục này thì ghi list ở mục cha, hoặc marker = \"…\"",
		}},
		{"items: more than 23 letters", edit(t, `title = "Nội dung thực hiện"`, "title = \"Nội dung thực hiện\"\nlist = \"letters\"") + strings.Repeat("\n[[sections.items]]\ntext = \"x\"\n", 23), []string{
			"p.toml:119:1 (khóa sections[0].items[23]): lỗi: danh sách a), b), c)… chỉ có 23 điểm (đến y); chia danh sách hoặc dùng list = \"numbered\"",
		}},
		{"tables: rows of the wrong width, header overflow, rowspan in the body", item(`[[sections.items]]
[sections.items.table]
columns = [{ width = 1 }, { width = 0 }, { width = 2, align = "middle" }]
header = [[{ text = "TT", rowspan = 3 }, "A", "B"], ["C", "D", "E"]]
rows = [["1", "2"], ["1", { text = "x", colspan = 2 }], [{ text = "1", rowspan = 2 }, "2", "3"]]`), []string{
			"p.toml:20:29 (khóa sections[0].items[0].table.columns[1].width): lỗi: độ rộng cột là một số lớn hơn 0 (tỉ lệ so với các cột khác), thấy 0",
			"p.toml:20:55 (khóa sections[0].items[0].table.columns[2].align): lỗi: cách căn lề \"middle\" không có; cần một trong: left, center, right, justify",
			"p.toml:21:27 (khóa sections[0].items[0].table.header[0][0].rowspan): lỗi: ô gộp 3 dòng nhưng phần tiêu đề chỉ còn 2 dòng",
			"p.toml:21:64 (khóa sections[0].items[0].table.header[1][2]): lỗi: dòng tiêu đề 2 có nhiều ô hơn 3 cột của bảng",
			"p.toml:22:9 (khóa sections[0].items[0].table.rows[0]): lỗi: dòng 1 có 2 cột, bảng có 3 cột (một ô gộp nhiều cột ghi { text = \"…\", colspan = 2 })",
			"p.toml:22:72 (khóa sections[0].items[0].table.rows[2][0].rowspan): lỗi: chỉ ô của dòng tiêu đề (header) gộp được nhiều dòng",
		}},
		{"tables: no rows, fields on a written table", item("[[sections.items]]\n[sections.items.table]\nfields = [\"xa\"]\ncolumns = [{ width = 1 }]"), []string{
			"p.toml:19:1 (khóa sections[0].items[0].table.rows): lỗi: bảng chưa có dòng nào: ghi rows = [[\"…\", \"…\"], …], hoặc generated = \"communes\" để lập bảng các xã",
			"p.toml:20:1 (khóa sections[0].items[0].table.fields): lỗi: khóa fields chỉ dùng cho bảng sinh từ dữ liệu (generated = \"communes\")",
		}},
		{"tables: generated with rows, unknown generator, unknown field and status", item("[[sections.items]]\n[sections.items.table]\ngenerated = \"communes\"\nrows = [[\"1\"]]\nfields = [\"xa\", \"ten\", \"xa\"]\nstatus = [\"chua_dat\"]\n[[sections.items]]\n[sections.items.table]\ngenerated = \"xa\""), []string{
			"p.toml:21:1 (khóa sections[0].items[0].table.rows): lỗi: bảng sinh từ dữ liệu (generated = \"communes\") không ghi rows; chọn cột bằng fields = [\"tt\", \"xa\", \"huyen\", \"hien-trang\", \"muc-tieu\", \"nam\", \"thieu\"]",
			"p.toml:22:17 (khóa sections[0].items[0].table.fields[1]): lỗi: cột \"ten\" không có; cần một trong: tt, xa, huyen, hien-trang, muc-tieu, nam, thieu",
			"p.toml:22:24 (khóa sections[0].items[0].table.fields[2]): lỗi: cột \"xa\" ghi hai lần",
			"p.toml:23:11 (khóa sections[0].items[0].table.status[0]): lỗi: hiện trạng \"chua_dat\" không có; có phải ý là \"chua-dat\"? (cần một trong: chua-dat, dat-chuan, nang-cao, kieu-mau)",
			"p.toml:26:1 (khóa sections[0].items[1].table.generated): lỗi: bảng sinh từ dữ liệu \"xa\" không có; cần một trong: communes",
		}},
		{"tables: a cell of the wrong type, a cell too long, size", item("[[sections.items]]\n[sections.items.table]\nsize = 20\nrows = [[1, \"" + strings.Repeat("x", 2001) + "\"]]"), []string{
			"p.toml:20:1 (khóa sections[0].items[0].table.size): lỗi: cỡ chữ của bảng từ 10 đến 14 pt, thấy 20",
			"p.toml:21:10 (khóa sections[0].items[0].table.rows[0][0]): lỗi: sai kiểu: ô của bảng là một chuỗi văn bản trong dấu nháy kép, hoặc một bảng { text = \"…\", colspan = 2 }; thấy số nguyên 1",
			"p.toml:21:13 (khóa sections[0].items[0].table.rows[0][1]): lỗi: ô bảng dài 2001 ký tự; tối đa 2000 ký tự",
		}},
		{"annexes: no content, no agency_name, landscape in quotes", base + "\n[[annexes]]\ntitle = \"Danh sách\"\nlandscape = \"true\"\n[[annexes]]\n[annexes.table]\ngenerated = \"communes\"\n", []string{
			"p.toml:3:1 (khóa document.agency_name): lỗi: kế hoạch có phụ lục nên cần agency_name (tên cơ quan viết trong câu, in ở dòng \"(Kèm theo Kế hoạch số … của …)\"), ví dụ agency_name = \"Sở Kế hoạch và Đầu tư\"",
			"p.toml:52:1 (khóa annexes[0]): lỗi: phụ lục chưa có nội dung: ghi table (bảng) hoặc items (các mục)",
			"p.toml:52:1 (khóa annexes[0]): cảnh báo: nội dung kế hoạch chưa chỉ dẫn đến Phụ lục I (Nghị định 30: văn bản có phụ lục phải có chỉ dẫn về phụ lục); ghi ví dụ \"chi tiết tại {{phu_luc 1}}\"",
			"p.toml:54:1 (khóa annexes[0].landscape): lỗi: sai kiểu: cần true hoặc false (không có dấu nháy), thấy chuỗi \"true\" (bỏ dấu nháy kép: landscape = true)",
			"p.toml:55:1 (khóa annexes[1]): cảnh báo: nội dung kế hoạch chưa chỉ dẫn đến Phụ lục II (Nghị định 30: văn bản có phụ lục phải có chỉ dẫn về phụ lục); ghi ví dụ \"chi tiết tại {{phu_luc 2}}\"",
			"p.toml:55:1 (khóa annexes[1].title): lỗi: thiếu khóa bắt buộc \"title\" (tên phụ lục, ví dụ \"Danh sách các xã được phân công phụ trách, đỡ đầu\")",
		}},
		{"annexes: pointed to by hand, Phụ lục II is not Phụ lục I", edit(t, `title = "Thực hiện công tác phụ trách, đỡ đầu"`, "title = \"Thực hiện công tác phụ trách, đỡ đầu\"\nagency_name = \"Sở Kế hoạch và Đầu tư\"") +
			"\n[[sections]]\ntitle = \"Ghi chú\"\n[[sections.items]]\ntext = \"Chi tiết tại Phụ lục II.\"\n" +
			"[[annexes]]\ntitle = \"A\"\n[[annexes.items]]\ntext = \"Xem Phụ lục I.\"\n[[annexes]]\ntitle = \"B\"\n[[annexes.items]]\ntext = \"b\"\n", []string{
			"p.toml:57:1 (khóa annexes[0]): cảnh báo: nội dung kế hoạch chưa chỉ dẫn đến Phụ lục I (Nghị định 30: văn bản có phụ lục phải có chỉ dẫn về phụ lục); ghi ví dụ \"chi tiết tại {{phu_luc 1}}\"",
		}},
		{"archive: Lưu: and the full stop written", edit(t, `archive = "VT, KTN"`, `archive = "Lưu: VT, KTN."`), []string{
			"p.toml:2:1 (khóa archive): lỗi: không ghi chữ \"Lưu:\" và dấu chấm cuối (chương trình tự in); viết archive = \"VT, KTN\"",
		}},
		{"archive: a line break", edit(t, `archive = "VT, KTN"`, `archive = "VT,\nKTN"`), []string{
			"p.toml:2:1 (khóa archive): lỗi: dòng \"Lưu:\" in trên một dòng, không được xuống dòng (thấy \"VT,\\nKTN\"); bỏ ký tự xuống dòng \\n",
		}},
		{"archive: no VT", edit(t, `archive = "VT, KTN"`, `archive = "KTN"`), []string{
			"p.toml:2:1 (khóa archive): cảnh báo: Nghị định 30 ghi dòng Lưu bắt đầu bằng \"VT\" (văn thư), rồi chữ viết tắt đơn vị soạn thảo, ví dụ archive = \"VT, KTN\"",
		}},
		{"archive table: units with commas, VT, drafter with a space, copies", edit(t, `archive = "VT, KTN"`, `archive = { units = ["KGVX, KTN", "VT"], drafter = "N L", copies = -1 }`), []string{
			"p.toml:2:1 (khóa archive): cảnh báo: dòng \"Lưu:\" cần chữ viết tắt đơn vị soạn thảo: ghi document.drafting_unit_short, ví dụ \"KTN\"",
			"p.toml:2:59 (khóa archive.copies): lỗi: số bản lưu từ 1 đến 999, thấy -1",
			"p.toml:2:42 (khóa archive.drafter): lỗi: ký hiệu người soạn thảo viết liền, ví dụ \"NLJ\"; thấy \"N L\"",
			"p.toml:2:22 (khóa archive.units[0]): lỗi: mỗi đơn vị lưu một chuỗi, không có dấu phẩy hay dấu chấm, ví dụ units = [\"KGVX\", \"KTN\"]; thấy \"KGVX, KTN\"",
			"p.toml:2:35 (khóa archive.units[1]): lỗi: không ghi \"VT\" trong units (chương trình tự in VT đầu tiên và đơn vị soạn thảo drafting_unit_short cuối cùng)",
		}},
		{"archive: wrong type", edit(t, `archive = "VT, KTN"`, `archive = 5`), []string{
			"p.toml:2:1 (khóa archive): lỗi: sai kiểu: archive là dòng \"Lưu:\" viết thành chuỗi (archive = \"VT, KTN\") hoặc một bảng [archive] (units, drafter, copies); thấy số nguyên 5",
		}},
		{"communes: same name in one district, in two districts, reserved id, long id and name", edit(t,
			`id = "gio-my"`+"\nname = \"Gio Mỹ\"", `id = "con"`+"\nname = \"gio mai\"",
			`id = "thuan"`+"\nname = \"Thuận\"", `id = "`+strings.Repeat("a", 65)+`"`+"\nname = \""+strings.Repeat("Gio Mai ", 40)+`"`), []string{
			"p.toml:22:1 (khóa communes[0].id): lỗi: khóa \"id\" dài 65 ký tự; tối đa 64 ký tự (thấy \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\")",
			"p.toml:23:1 (khóa communes[0].name): lỗi: khóa \"name\" dài 320 ký tự; tối đa 80 ký tự (thấy \"Gio Mai Gio Mai Gio Mai Gio Mai Gio Mai Gio Mai Gio Mai G…\")",
			"p.toml:29:1 (khóa communes[1].id): lỗi: mã xã \"con\" trùng tên thiết bị mà Windows dành riêng (không đặt được tên tệp con.xlsx); chọn mã khác, ví dụ \"xa-con\"",
			"p.toml:30:1 (khóa communes[1].name): cảnh báo: tên riêng viết hoa chữ cái đầu mỗi tiếng: \"Gio Mai\", thấy \"gio mai\"",
			"p.toml:36:1 (khóa communes[2].name): lỗi: tên xã \"Gio Mai\" trùng với communes[1] trong cùng huyện Gio Linh",
			"p.toml:44:29 (khóa recipients[0].addressees[0].commune): lỗi: không có xã mã \"thuan\" trong danh sách communes (các mã: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, con, gio-mai)",
		}},
		{"communes: same name in two districts is fine, district_short warned once", edit(t,
			`name = "Thuận"`, "name = \"Gio Mai\"\ndistrict_short = \"HH\"", `district = "Gio Linh"`+"\nstatus = \"chua-dat\"", `district = "Gio Linh"`+"\ndistrict_short = \"GL\"\nstatus = \"chua-dat\""), []string{
			"p.toml:24:1 (khóa communes[0].district_short): cảnh báo: khóa district_short không còn dùng (chương trình không in chữ viết tắt tên huyện); xóa các dòng district_short",
		}},
		{"addressees: email delivery without address, unknown delivery, district, documents", edit(t,
			`{ name = "UBND xã Thuận", commune = "thuan" },`, `{ name = "UBND xã Thuận", commune = "thuan", delivery = "email" },
  { name = "UBND huyện Hải Lăng", district = "Hải Lăng", delivery = "buudien" },
  { name = "UBND huyện Gio Linh", district = "huyện Gio Linh", commune = "gio-my", documents = ["ke-hoach", "bao_cao", "ke-hoach"] },
  { name = "Sở Tài chính", documents = [] },`), []string{
			"p.toml:44:48 (khóa recipients[0].addressees[0].delivery): lỗi: gửi bằng thư điện tử (delivery = \"email\") nhưng chưa có địa chỉ: ghi email = \"…\"",
			"p.toml:45:58 (khóa recipients[0].addressees[1].delivery): lỗi: cách gửi \"buudien\" không có; có phải ý là \"buu-dien\"? (cần một trong: email, tay, buu-dien)",
			"p.toml:45:35 (khóa recipients[0].addressees[1].district): lỗi: không có xã nào của kế hoạch thuộc huyện \"Hải Lăng\" (các huyện: Hướng Hóa, Gio Linh)",
			"p.toml:46:35 (khóa recipients[0].addressees[2].district): lỗi: người nhận là UBND một xã (commune) hoặc một huyện (district), không cả hai",
			"p.toml:46:109 (khóa recipients[0].addressees[2].documents[1]): lỗi: loại văn bản \"bao_cao\" không có; có phải ý là \"bao-cao\"? (cần một trong: ke-hoach, bao-cao, bao-cao-xa, tong-hop)",
			"p.toml:46:120 (khóa recipients[0].addressees[2].documents[2]): lỗi: loại văn bản \"ke-hoach\" ghi hai lần",
			"p.toml:47:28 (khóa recipients[0].addressees[3].documents): cảnh báo: người nhận \"Sở Tài chính\" không nhận văn bản nào (documents = [])",
		}},
		{"symbol: another office's, or with Số", edit(t, `agency = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"`, "agency = \"SỞ NÔNG NGHIỆP\\n\\nVÀ PHÁT TRIỂN NÔNG THÔN\"\nagency_short = \"SNN\""), []string{
			"p.toml:4:1 (khóa document.agency): lỗi: tên cơ quan \"SỞ NÔNG NGHIỆP\\n\\nVÀ PHÁT TRIỂN NÔNG THÔN\" có dòng trống; \\n chỉ đặt giữa hai phần của tên để xuống dòng",
			"p.toml:8:1 (khóa document.symbol): cảnh báo: ký hiệu \"SKH-KTN\" không có chữ viết tắt tên cơ quan \"SNN\" (agency_short); Nghị định 30 ghi ký hiệu gồm tên loại và tên cơ quan, ví dụ \"KH-SNN\" — kế hoạch này có chép từ kế hoạch của cơ quan khác?",
		}},
		{"symbol written with Số", edit(t, `symbol = "SKH-KTN"`, `symbol = "Số 2071/SKH-KTN"`), []string{
			"p.toml:7:1 (khóa document.symbol): lỗi: ký hiệu \"Số 2071/SKH-KTN\" chỉ ghi phần sau dấu \"/\" (chương trình tự in \"Số: 2071/\"); viết symbol = \"SKH-KTN\"",
		}},
		{"templates: range, printf, a variable", item("[[sections.items]]\ntext = '{{range 1000000000}}{{xa \"thuan\"}}{{end}}'\n[[sections.items]]\ntext = '{{printf \"%d\" 5}}'\n[[sections.items]]\nheading = '{{$x := 1}}'"), []string{
			"p.toml:19:1 (khóa sections[0].items[0].text): lỗi: mẫu văn bản: không dùng {{range}}; chỉ viết chữ và gọi các hàm (xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan) với đối số viết sẵn, ví dụ {{xa \"gio-mai\"}}",
			"p.toml:21:1 (khóa sections[0].items[1].text): lỗi: mẫu văn bản: hàm \"printf\" không có (các hàm: xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan)",
			"p.toml:23:1 (khóa sections[0].items[2].heading): lỗi: mẫu văn bản: không dùng biến ({{$x := 1}}); chỉ gọi các hàm xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan",
		}},
		{"templates: phu_luc without annexes, giai_doan without years", item("[[sections.items]]\ntext = '{{phu_luc 1}} {{giai_doan}}'"), []string{
			"p.toml:19:1 (khóa sections[0].items[0].text): lỗi: mẫu văn bản: hàm phu_luc: kế hoạch không có phụ lục nào ([[annexes]])",
		}},
		{"sizes: a paragraph over 10000 characters", item("[[sections.items]]\ntext = \"" + strings.Repeat("a ", 5001) + "\""), []string{
			"p.toml:19:1 (khóa sections[0].items[0].text): lỗi: khóa \"text\" dài 10002 ký tự; tối đa 10000 ký tự (thấy \"a a a a a a a a a a a a a a a a a a a a a a a a a a a a a…\")",
		}},

		{"Như trên without Kính gửi", edit(t, `line = "UBND các xã Thuận, Gio Mai"`, `line = "Như trên"`), []string{
			"p.toml:42:1 (khóa recipients[0].line): cảnh báo: \"Như trên\" là các nơi ở dòng \"Kính gửi\", nhưng văn bản không có Kính gửi (document.kinh_gui)",
		}},
		{"sections: first schema's style, style and list", edit(t, `title = "Nội dung thực hiện"`, "title = \"Nội dung thực hiện\"\nstyle = \"numbered\"") + "\n[[sections]]\ntitle = \"x\"\nstyle = \"dash\"\nlist = \"dash\"\n[[sections.items]]\ntext = \"a\"\n", []string{
			"p.toml:17:1 (khóa sections[0].style): cảnh báo: khóa style của phần đã đổi tên thành list; viết list = \"numbered\"",
			"p.toml:55:1 (khóa sections[1].style): lỗi: phần này ghi cả list và style; chỉ giữ list (style là tên cũ của list)",
		}},
		{"recipient line with its marks", edit(t, `line = "UBND các xã Thuận, Gio Mai"`, `line = "- UBND các xã Thuận, Gio Mai;"`), []string{
			"p.toml:42:1 (khóa recipients[0].line): lỗi: ghi dòng nơi nhận không kèm \"- \" ở đầu và \";\" ở cuối (chương trình tự thêm); viết \"UBND các xã Thuận, Gio Mai\"",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Load("p.toml", []byte(tt.src))
			got := problemTexts(problems)
			if os.Getenv("DUMP") != "" {
				for _, g := range got {
					t.Logf("%q,", g)
				}
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

// TestLoadDocumentCap shows the cap on the whole plan's text after
// expansion: each paragraph is within its own cap, the sum is not. The
// cap is lowered for the test, which would otherwise need megabytes.
func TestLoadDocumentCap(t *testing.T) {
	defer func(v int) { maxDocumentText = v }(maxDocumentText)
	maxDocumentText = 50000
	src := base + strings.Repeat("\n[[sections]]\ntitle = \"x\"\n[[sections.items]]\ntext = \""+strings.Repeat("{{chua_dat}} ", 700)+"\"\n", 4)
	p, problems := Load("p.toml", []byte(src))
	want := "p.toml:70:1 (khóa sections[4].items[0].text): lỗi: nội dung kế hoạch sau khi điền dữ liệu dài 58899 ký tự, quá giới hạn 50000 ký tự (khoảng 600 trang) từ khóa này; hãy bớt nội dung hoặc tách thành nhiều văn bản"
	if got := strings.Join(problemTexts(problems), "\n"); got != want || p != nil {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestLoadIdentity loads a plan whose names are alike: "Tân Lập" in
// three districts, "Ân Tú" and "An Tú", "Cẩm Lộc" and "Cam Lộc" in one
// district (the same letters once their marks are stripped). None is a
// duplicate; the repeated name is told apart by its district, and every
// ID stays distinct.
func TestLoadIdentity(t *testing.T) {
	communes := []struct{ id, name, district string }{
		{"tan-lap-dh", "Tân Lập", "Đức Hòa"},
		{"tan-lap-ka", "Tân Lập", "thị xã Kỳ Anh"},
		{"tan-lap-cx", "Tân Lập", "Cẩm Xuyên"},
		{"an-tu", "Ân Tú", "Hoài Ân"},
		{"an-tu-2", "An Tú", "Hoài Ân"},
		{"cam-loc", "Cẩm Lộc", "Cẩm Xuyên"},
		{"cam-loc-2", "Cam Lộc", "Cẩm Xuyên"},
	}
	src := edit(t, "[[sections.items]]\ntext = \"Hỗ trợ {{xa \\\"gio-mai\\\"}} ({{thieu \\\"gio-mai\\\"}}).\"",
		"[[sections.items]]\ntext = '{{chua_dat \"cac-xa\"}}; {{xa \"tan-lap-cx\"}}; {{cac_xa \"an-tu\" \"an-tu-2\" \"cam-loc\" \"cam-loc-2\"}}'")
	for _, c := range communes {
		src += fmt.Sprintf("\n[[communes]]\nid = %q\nname = %q\ndistrict = %q\nstatus = \"chua-dat\"\nmissing = [1]\n", c.id, c.name, c.district)
	}
	p, problems := Load("p.toml", []byte(src))
	if len(problems) > 0 || p == nil {
		t.Fatalf("problems:\n%s", strings.Join(problemTexts(problems), "\n"))
	}
	got, err := p.Expand(p.Sections[0].Items[0].Text, name1980)
	if err != nil {
		t.Fatal(err)
	}
	want := "các xã: Thuận, Gio Mai, Tân Lập (huyện Đức Hòa), Tân Lập (thị xã Kỳ Anh), Tân Lập (huyện Cẩm Xuyên), Ân Tú, An Tú, Cẩm Lộc, Cam Lộc; " +
		"xã Tân Lập (huyện Cẩm Xuyên); các xã: Ân Tú, An Tú, Cẩm Lộc, Cam Lộc"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := p.Label(p.Commune("an-tu")); got != "xã Ân Tú" {
		t.Errorf("Label(an-tu) = %q", got)
	}
}

// TestLoadFirstSchema loads the seed plan as the first schema wrote it: a
// clerk's existing plan.toml keeps working, and each key that changed
// gets a warning saying exactly what to write.
func TestLoadFirstSchema(t *testing.T) {
	p, problems := LoadFile("testdata/seed-first-schema.toml")
	if p == nil {
		t.Fatalf("the first schema's plan does not load:\n%v", problems.Err())
	}
	want := []string{
		`testdata/seed-first-schema.toml:67:1 (khóa sections[0].style): cảnh báo: khóa style của phần đã đổi tên thành list; viết list = "dash"`,
		`testdata/seed-first-schema.toml:77:1 (khóa sections[1].style): cảnh báo: khóa style của phần đã đổi tên thành list; viết list = "dash"`,
		`testdata/seed-first-schema.toml:105:1 (khóa sections[2].style): cảnh báo: khóa style của phần đã đổi tên thành list; viết list = "numbered"`,
		`testdata/seed-first-schema.toml:129:1 (khóa communes[0].district_short): cảnh báo: khóa district_short không còn dùng (chương trình không in chữ viết tắt tên huyện); xóa các dòng district_short`,
		`testdata/seed-first-schema.toml:216:1 (khóa signer.authority): cảnh báo: authority và position đã thay bằng titles (các dòng quyền hạn, chức vụ); viết titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`,
	}
	if got := problemTexts(problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := p.ArchiveLine(); got != "VT, KGVX, KTN" {
		t.Errorf("ArchiveLine = %q", got)
	}
}
