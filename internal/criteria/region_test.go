package criteria

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestParseRegion(t *testing.T) {
	tests := []struct {
		in   string
		want Region
	}{
		{"BTB", BTB},
		{"btb", BTB},
		{" BTB ", BTB},
		{"Bắc Trung Bộ", BTB},
		{norm.NFD.String("Bắc Trung Bộ"), BTB},
		{"bac trung bo", BTB},
		{"Vùng Bắc Trung Bộ", BTB},
		{"BTB - Bắc Trung Bộ", BTB},
		{"ĐBSH", DBSH},
		{"Đồng bằng sông Hồng", DBSH},
		{"ĐBSCL", DBSCL},
		{"Đồng bằng sông Cửu Long", DBSCL},
		{"TDMNPB", TDMNPB},
		{"Trung du miền núi phía Bắc", TDMNPB},
		{"DHNTB", DHNTB},
		{"Duyên hải Nam Trung Bộ", DHNTB},
		{"Tây Nguyên", TN},
		{"ĐNB", DNB},
		{"Đông Nam Bộ", DNB},
		{"chung", Chung},
		{"Chung", Chung},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRegion(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseRegion(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "BTN", "Nam Bộ", "miền Trung"} {
		if r, err := ParseRegion(bad); err == nil {
			t.Errorf("ParseRegion(%q) = %q, want an error", bad, r)
		}
	}
	_, err := ParseRegion("BTN")
	if got, want := err.Error(), `vùng "BTN" không hợp lệ: cần một trong chung, TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL, hoặc tên vùng như "Bắc Trung Bộ"`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}
