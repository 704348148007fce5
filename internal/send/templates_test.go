package send

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMailTemplates(t *testing.T) {
	d := mailData{Addressee: "UBND xã Gio Mỹ", PeriodLabel: "6 tháng đầu năm 2021", Sender: "Sở Kế hoạch và Đầu tư",
		Files: []mailFile{{Title: "Báo cáo số 15/BC-SKH", Name: "bao-cao.pdf", Pages: 12, Size: "80 KB"}}}
	tm, err := loadTemplates(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	subj, body, err := tm.render(d)
	if err != nil {
		t.Fatal(err)
	}
	if subj != "Sở Kế hoạch và Đầu tư gửi UBND xã Gio Mỹ văn bản kỳ 6 tháng đầu năm 2021" {
		t.Errorf("subject %q", subj)
	}
	if !strings.Contains(body, "1. Báo cáo số 15/BC-SKH\n   Tệp đính kèm: bao-cao.pdf (12 trang, 80 KB)") {
		t.Errorf("body:\n%s", body)
	}
	tests := []struct {
		name, text, want string
	}{
		{"override", "Gửi {{.Addressee}}", ""},
		{"syntax error", "{{.Addressee", "input/templates/mail/tieu-de.tmpl"},
		{"unknown field", "{{.Nguoi}}", "Nguoi"},
		{"too long", `{{range .Files}}{{range $.Files}}{{$.Sender}}{{end}}{{end}}` + strings.Repeat("x", 70<<10), "quá"},
	}
	for _, tt := range tests {
		fs := fstest.MapFS{"mail/tieu-de.tmpl": {Data: []byte(tt.text)}}
		tm, err := loadTemplates(fs, "input/templates")
		if err == nil {
			var s string
			s, _, err = tm.render(d)
			if err == nil && tt.want == "" && s != "Gửi UBND xã Gio Mỹ" {
				t.Errorf("%s: subject %q", tt.name, s)
			}
		}
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.want)
		}
	}
}
