package plan

import (
	"strings"
	"testing"
	"time"
)

// names318 are the names of QĐ 318/QĐ-TTg's criteria that the tests
// use; 3 holds a comma, which makes a comma-separated list ambiguous.
var names318 = map[int]string{2: "Giao thông", 3: "Thủy lợi và phòng, chống thiên tai", 6: "Cơ sở vật chất văn hóa", 10: "Thu nhập", 17: "Môi trường và an toàn thực phẩm"}

func name318(n int) string { return names318[n] }

// identityPlan holds the names that must stay apart or be told apart:
// "Tân Lập" in three districts, "Ân Tú" and "An Tú", "Cẩm Lộc" and "Cam
// Lộc" (the same letters without their marks).
func identityPlan() *Plan {
	return &Plan{
		Document: Document{AgencyName: "Sở Nông nghiệp và Phát triển nông thôn", Date: time.Date(2022, 6, 15, 0, 0, 0, 0, time.UTC)},
		Program:  Program{StartYear: 2022, EndYear: 2025},
		Annexes:  []Annex{{Title: "A"}, {Title: "B"}},
		Communes: []Commune{
			{ID: "tan-lap-1", Name: "Tân Lập", District: "Đức Hòa", Status: StatusChuaDat, Missing: []int{3, 10}},
			{ID: "tan-lap-2", Name: "Tân Lập", District: "thị xã Kỳ Anh", Status: StatusChuaDat, Missing: []int{2}},
			{ID: "tan-lap-3", Name: "Tân Lập", District: "Cẩm Xuyên", Status: StatusDatChuan},
			{ID: "an-tu-1", Name: "Ân Tú", District: "Hoài Ân", Status: StatusDatChuan},
			{ID: "an-tu-2", Name: "An Tú", District: "Hoài Ân", Status: StatusChuaDat, Missing: []int{17}},
			{ID: "cam-loc-1", Name: "Cẩm Lộc", District: "Cẩm Xuyên", Status: StatusDatChuan},
			{ID: "cam-loc-2", Name: "Cam Lộc", District: "Cẩm Xuyên", Status: StatusKieuMau},
			{ID: "tt", Name: "thị trấn Cẩm Xuyên", District: "Cẩm Xuyên", Status: StatusNangCao},
		},
	}
}

func TestExpandForms(t *testing.T) {
	tests := []struct{ text, want, wantErr string }{
		{`{{xa "tan-lap-1"}}`, "xã Tân Lập (huyện Đức Hòa)", ""},
		{`{{xa "tan-lap-2"}}`, "xã Tân Lập (thị xã Kỳ Anh)", ""},
		{`{{xa "an-tu-1"}}, {{xa "an-tu-2"}}, {{xa "cam-loc-1"}}, {{xa "cam-loc-2"}}`, "xã Ân Tú, xã An Tú, xã Cẩm Lộc, xã Cam Lộc", ""},
		{`{{Xa "an-tu-2"}} và {{Huyen "an-tu-2"}}`, "Xã An Tú và Huyện Hoài Ân", ""},
		{`{{Xa "tt"}}`, "Thị trấn Cẩm Xuyên", ""},
		{`{{thieu "tan-lap-1"}}`, "thủy lợi và phòng, chống thiên tai; thu nhập", ""},
		{`{{Thieu "tan-lap-1"}}`, "Thủy lợi và phòng, chống thiên tai; thu nhập", ""},
		{`{{thieu "tan-lap-1" "so"}}`, "3, 10", ""},
		{`{{thieu "tan-lap-1" "so-ten"}}`, "số 3 (Thủy lợi và phòng, chống thiên tai), số 10 (Thu nhập)", ""},
		{`{{thieu "tan-lap-1" "tieu-chi"}}`, "tiêu chí số 3 (Thủy lợi và phòng, chống thiên tai), số 10 (Thu nhập)", ""},
		{`{{Thieu "tan-lap-2" "tieu-chi"}}`, "Tiêu chí số 2 (Giao thông)", ""},
		{`{{thieu "tan-lap-3" "dem"}} / {{thieu "tan-lap-1" "dem"}}`, "0 / 2", ""},
		{`{{thieu "tan-lap-1" "ten-so"}}`, "", `mẫu văn bản: hàm thieu: cách viết "ten-so" không có; cần một trong: ten, so, so-ten, tieu-chi, dem`},
		{`{{thieu "tan-lap-1" "so_ten"}}`, "", `mẫu văn bản: hàm thieu: cách viết "so_ten" không có; có phải ý là "so-ten"? (các cách: ten, so, so-ten, tieu-chi, dem)`},
		{`{{chua_dat}}`, "xã Tân Lập (huyện Đức Hòa), xã Tân Lập (thị xã Kỳ Anh), xã An Tú", ""},
		{`{{chua_dat "cac-xa"}}`, "các xã: Tân Lập (huyện Đức Hòa), Tân Lập (thị xã Kỳ Anh), An Tú", ""},
		{`{{Chua_dat "ten"}}`, "Tân Lập (huyện Đức Hòa), Tân Lập (thị xã Kỳ Anh), An Tú", ""},
		{`{{da_dat "dem"}}`, "5", ""},
		{`{{da_dat "cac-xa"}}`, "xã Tân Lập (huyện Cẩm Xuyên), xã Ân Tú, xã Cẩm Lộc, xã Cam Lộc, thị trấn Cẩm Xuyên", ""},
		{`{{cac_xa "cam-loc-1" "cam-loc-2"}}`, "các xã: Cẩm Lộc, Cam Lộc", ""},
		{`{{Cac_xa "an-tu-1"}}`, "Xã Ân Tú", ""},
		{`{{cac_xa}}`, "", `mẫu văn bản: hàm cac_xa: số đối số không đúng (thấy 0); viết {{cac_xa "gio-mai" "gio-my"}}`},
		{`{{cac_xa "an-tu-1" "an-tu"}}`, "", `mẫu văn bản: hàm cac_xa: không có xã mã "an-tu" trong danh sách communes; có phải ý là "an-tu-1"?`},
		{`{{so_xa}}`, "8", ""},
		{`giai đoạn {{giai_doan}}`, "giai đoạn 2022-2025", ""},
		{`{{phu_luc 2}}`, "Phụ lục II", ""},
		{`{{phu_luc 3}}`, "", "mẫu văn bản: hàm phu_luc: không có phụ lục số 3; kế hoạch có 2 phụ lục (số 1 đến 2)"},
		{`{{phu_luc "1"}}`, "", `mẫu văn bản: hàm phu_luc cần số thứ tự của phụ lục, không có dấu nháy, ví dụ {{phu_luc 1}}; thấy "1"`},
		{`{{co_quan}}`, "Sở Nông nghiệp và Phát triển nông thôn", ""},
		{`{{Nam "tan-lap-1"}}`, "", `mẫu văn bản: hàm "Nam" không có; có phải ý là "nam"? (các hàm: xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan)`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := identityPlan().Expand(tt.text, name318)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tt.want || gotErr != tt.wantErr {
				t.Errorf("got %q, %q\nwant %q, %q", got, gotErr, tt.want, tt.wantErr)
			}
		})
	}
}

// TestExpandHostile feeds what a hostile or careless plan may hold: Go's
// template language beyond literal calls is refused, quickly and without
// running anything.
func TestExpandHostile(t *testing.T) {
	long := strings.Repeat(`{{chua_dat}} `, 8000)
	tests := []struct{ name, text, want string }{
		{"range of a billion", `{{range 1000000000}}{{xa "tan-lap-1"}}{{end}}`, `mẫu văn bản: không dùng {{range}}; chỉ viết chữ và gọi các hàm (xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan) với đối số viết sẵn, ví dụ {{xa "gio-mai"}}`},
		{"printf", `{{printf "%d"}}`, `mẫu văn bản: hàm "printf" không có (các hàm: xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan)`},
		{"len", `{{len "abc"}}`, `mẫu văn bản: hàm "len" không có (các hàm: xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan)`},
		{"if", `{{if true}}x{{end}}`, `mẫu văn bản: không dùng {{if}}; chỉ viết chữ và gọi các hàm (xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan) với đối số viết sẵn, ví dụ {{xa "gio-mai"}}`},
		{"with", `{{with "a"}}{{.}}{{end}}`, `mẫu văn bản: không dùng {{with}}; chỉ viết chữ và gọi các hàm (xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan) với đối số viết sẵn, ví dụ {{xa "gio-mai"}}`},
		{"define", `{{define "x"}}a{{end}}b`, `mẫu văn bản: không dùng {{define}} hay {{block}}; chỉ dùng chữ và các hàm xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan`},
		{"template call", `{{template "x"}}`, `mẫu văn bản: không dùng {{template}}; chỉ viết chữ và gọi các hàm (xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan) với đối số viết sẵn, ví dụ {{xa "gio-mai"}}`},
		{"variable", `{{$x := "tan-lap-1"}}{{xa $x}}`, `mẫu văn bản: không dùng biến ({{$x := "tan-lap-1"}}); chỉ gọi các hàm xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan`},
		{"pipe", `{{"tan-lap-1" | xa}}`, `mẫu văn bản: không dùng dấu | ({{"tan-lap-1" | xa}}); mỗi lệnh {{ }} gọi một hàm`},
		{"nested call", `{{xa (xa "tan-lap-1")}}`, `mẫu văn bản: đối số phải viết sẵn trong dấu nháy kép, ví dụ {{xa "gio-mai"}}; thấy (xa "tan-lap-1")`},
		{"dot", `{{.}}`, `mẫu văn bản: lệnh {{.}} không phải lời gọi hàm; chỉ dùng các hàm xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan`},
		{"a bare string", `{{"tan-lap-1"}}`, `mẫu văn bản: lệnh {{"tan-lap-1"}} thiếu tên hàm; ví dụ {{xa "tan-lap-1"}}`},
		{"stray end", `a{{end}}`, `mẫu văn bản: {{end}} thừa; không dùng {{range}}, {{if}} hay {{end}}`},
		{"a paragraph grown too long", long, `mẫu văn bản: đoạn văn sau khi điền dữ liệu dài quá 500000 ký tự; hãy chia thành nhiều đoạn`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := identityPlan().Expand(tt.text, name318)
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %v", el)
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("Expand = %d characters, %v\nwant error %q", len(got), err, tt.want)
			}
		})
	}
}

func TestCapitalise(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"xã Gio Mai", "Xã Gio Mai"},
		{"đẩy mạnh", "Đẩy mạnh"},
		{"ủy ban", "Ủy ban"},
		{"(chi tiết)", "(Chi tiết)"},
		{"2021: năm", "2021: năm"},
		{"", ""},
		{"Đã viết hoa", "Đã viết hoa"},
	} {
		if got := Capitalise(tt.in); got != tt.want {
			t.Errorf("Capitalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnnexLabel(t *testing.T) {
	for _, tt := range []struct {
		i, n int
		want string
	}{{1, 1, "Phụ lục"}, {1, 2, "Phụ lục I"}, {4, 5, "Phụ lục IV"}} {
		if got := AnnexLabel(tt.i, tt.n); got != tt.want {
			t.Errorf("AnnexLabel(%d, %d) = %q, want %q", tt.i, tt.n, got, tt.want)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tt := range []struct {
		typ    string
		number int
		symbol string
		want   string
	}{
		{"Kế hoạch", 2071, "SKH-KTN", "ke-hoach-2071-SKH-KTN.pdf"},
		{"Kế hoạch", 5, "KH-SNN", "ke-hoach-05-KH-SNN.pdf"},
		{"Kế hoạch", 112, "KH-UBND", "ke-hoach-112-KH-UBND.pdf"},
		{"Quyết định", 7, "QĐ-UBND", "quyet-dinh-07-QD-UBND.pdf"},
	} {
		p := &Plan{Document: Document{Type: tt.typ, Number: tt.number, Symbol: tt.symbol}}
		if got := p.FileName(); got != tt.want {
			t.Errorf("FileName(%s %d/%s) = %q, want %q", tt.typ, tt.number, tt.symbol, got, tt.want)
		}
	}
}
