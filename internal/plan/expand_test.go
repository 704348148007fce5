package plan

import (
	"os"
	"testing"
)

func testPlan() *Plan {
	return &Plan{Communes: []Commune{
		{ID: "thuan", Name: "Thuận", District: "Hướng Hóa", Status: StatusChuaDat, TargetYear: 2025, Missing: []int{19, 5, 6}},
		{ID: "gio-mai", Name: "Gio Mai", District: "Gio Linh", Status: StatusChuaDat, TargetYear: 2021, Missing: []int{6, 2}},
		{ID: "gio-my", Name: "Gio Mỹ", District: "Gio Linh", Status: StatusDatChuan},
		{ID: "khe-sanh", Name: "thị trấn Khe Sanh", District: "Hướng Hóa", Status: StatusKieuMau},
		{ID: "dong-ha", Name: "phường 1", District: "thành phố Đông Hà", Status: StatusNangCao},
	}}
}

func TestExpand(t *testing.T) {
	tests := []struct {
		name, text string
		names      func(int) string
		want       string
		wantErr    string
	}{
		{name: "plain text", text: "Không có lệnh nào.", want: "Không có lệnh nào."},
		{name: "xa", text: `{{xa "gio-mai"}}`, want: "xã Gio Mai"},
		{name: "huyen", text: `{{huyen "gio-mai"}}`, want: "huyện Gio Linh"},
		{name: "thieu in number order", text: `({{thieu "gio-mai"}})`, want: "(giao thông, cơ sở vật chất văn hóa)"},
		{name: "thieu lower-cases every word", text: `{{thieu "thuan"}}`, want: "trường học, cơ sở vật chất văn hóa, quốc phòng và an ninh"},
		{name: "nam", text: `{{nam "gio-mai"}}`, want: "2021"},
		{name: "chua_dat", text: `{{chua_dat}}`, want: "xã Thuận, xã Gio Mai"},
		{name: "da_dat", text: `{{da_dat}}`, want: "xã Gio Mỹ, thị trấn Khe Sanh, phường 1"},
		{name: "names with their kind are kept", text: `{{xa "khe-sanh"}}, {{huyen "dong-ha"}}`, want: "thị trấn Khe Sanh, thành phố Đông Hà"},
		{name: "sentence", text: `Hỗ trợ {{xa "gio-mai"}} hoàn thiện các tiêu chí chưa đạt ({{thieu "gio-mai"}}), đưa {{xa "gio-mai"}} đạt chuẩn nông thôn mới đến năm {{nam "gio-mai"}}.`,
			want: "Hỗ trợ xã Gio Mai hoàn thiện các tiêu chí chưa đạt (giao thông, cơ sở vật chất văn hóa), đưa xã Gio Mai đạt chuẩn nông thôn mới đến năm 2021."},
		{name: "unknown commune", text: `{{xa "cam-lo"}}`,
			wantErr: `mẫu văn bản: hàm xa: không có xã mã "cam-lo" trong danh sách communes (các mã: thuan, gio-mai, gio-my, khe-sanh, dong-ha)`},
		{name: "misspelt commune", text: `{{xa "gio-ma"}}`,
			wantErr: `mẫu văn bản: hàm xa: không có xã mã "gio-ma" trong danh sách communes; có phải ý là "gio-mai"?`},
		{name: "unknown function", text: `{{thiue "thuan"}}`,
			wantErr: `mẫu văn bản: hàm "thiue" không có; có phải ý là "thieu"? (các hàm: xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan)`},
		{name: "missing argument", text: `{{xa}}`,
			wantErr: `mẫu văn bản: hàm xa cần 1 đối số (mã xã trong dấu nháy kép, ví dụ {{xa "gio-mai"}}), thấy 0`},
		{name: "extra argument", text: `{{so_xa "thuan"}}`,
			wantErr: `mẫu văn bản: hàm so_xa không nhận đối số, thấy 1`},
		{name: "unknown form", text: `{{chua_dat "thuan"}}`,
			wantErr: `mẫu văn bản: hàm chua_dat: cách viết "thuan" không có; cần một trong: xa, cac-xa, ten, dem`},
		{name: "number for an ID", text: `{{xa 5}}`,
			wantErr: `mẫu văn bản: đối số phải là mã xã trong dấu nháy kép, ví dụ {{xa "gio-mai"}}; thấy 5`},
		{name: "data field", text: `{{.Ten}}`,
			wantErr: `mẫu văn bản: không có dữ liệu ".Ten"; chỉ dùng các hàm xa, huyen, thieu, nam, chua_dat, da_dat, cac_xa, so_xa, giai_doan, phu_luc, co_quan`},
		{name: "unclosed action", text: `{{xa "thuan"`, wantErr: `mẫu văn bản: thiếu dấu "}}" đóng lệnh`},
		{name: "unclosed quote", text: `{{xa "thuan}}`, wantErr: `mẫu văn bản: thiếu dấu nháy kép đóng mã xã`},
		{name: "thieu without missing", text: `{{thieu "gio-my"}}`,
			wantErr: `mẫu văn bản: hàm thieu: xã mã "gio-my" không có tiêu chí chưa đạt (khóa missing trống)`},
		{name: "nam without target year", text: `{{nam "gio-my"}}`,
			wantErr: `mẫu văn bản: hàm nam: xã mã "gio-my" chưa có năm mục tiêu (target_year)`},
		{name: "criterion the set does not have", text: `{{thieu "thuan"}}`, names: func(n int) string {
			if n == 19 {
				return ""
			}
			return name1980(n)
		}, wantErr: `mẫu văn bản: hàm thieu: xã mã "thuan": bộ tiêu chí không có tiêu chí số 19`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := tt.names
			if names == nil {
				names = name1980
			}
			got, err := testPlan().Expand(tt.text, names)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if os.Getenv("DUMP") != "" {
				t.Logf("%q %q", got, gotErr)
			}
			if got != tt.want || gotErr != tt.wantErr {
				t.Errorf("Expand(%q) = %q, %q; want %q, %q", tt.text, got, gotErr, tt.want, tt.wantErr)
			}
		})
	}
}

func TestExpandNilNames(t *testing.T) {
	_, err := testPlan().Expand(`{{thieu "thuan"}}`, nil)
	want := "mẫu văn bản: hàm thieu: chưa có bộ tiêu chí để lấy tên tiêu chí"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestExpandNoCommunes(t *testing.T) {
	p := &Plan{Communes: []Commune{{ID: "a", Name: "A", Status: StatusDatChuan}}}
	tests := []struct{ text, want string }{
		{`{{chua_dat}}`, `mẫu văn bản: hàm chua_dat: không có xã nào có hiện trạng "chua-dat"`},
		{`{{xa "b"}}`, `mẫu văn bản: hàm xa: không có xã mã "b" trong danh sách communes (các mã: a)`},
		{`{{huyen "a"}}`, `mẫu văn bản: hàm huyen: xã mã "a" chưa có tên huyện (district)`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			_, err := p.Expand(tt.text, name1980)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := (&Plan{}).Expand(`{{da_dat}}`, name1980); err == nil || err.Error() != "mẫu văn bản: hàm da_dat: không có xã nào đã đạt chuẩn" {
		t.Errorf("da_dat on an empty plan: err = %v", err)
	}
}

func TestCommune(t *testing.T) {
	p := testPlan()
	if got := p.Commune("gio-my"); got == nil || got.Name != "Gio Mỹ" {
		t.Errorf("Commune(gio-my) = %+v, want Gio Mỹ", got)
	}
	if got := p.Commune("nowhere"); got != nil {
		t.Errorf("Commune(nowhere) = %+v, want nil", got)
	}
	// The pointer is into the plan, so callers see changes.
	p.Commune("thuan").TargetYear = 2024
	if got, want := p.Communes[0].TargetYear, 2024; got != want {
		t.Errorf("TargetYear after change = %d, want %d", got, want)
	}
}
