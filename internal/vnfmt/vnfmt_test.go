package vnfmt

import (
	"fmt"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDate(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{day(2020, 12, 8), "ngày 08 tháng 12 năm 2020"},
		{day(2020, 1, 5), "ngày 05 tháng 01 năm 2020"},
		{day(2021, 2, 28), "ngày 28 tháng 02 năm 2021"},
		{day(2019, 6, 29), "ngày 29 tháng 6 năm 2019"},
		{day(2020, 3, 10), "ngày 10 tháng 3 năm 2020"},
		{day(2024, 10, 1), "ngày 01 tháng 10 năm 2024"},
		{day(2024, 11, 30), "ngày 30 tháng 11 năm 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Date(tt.t); got != tt.want {
				t.Errorf("Date(%v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
	if got, want := PlaceDate("Quảng Trị", day(2020, 12, 8)), "Quảng Trị, ngày 08 tháng 12 năm 2020"; got != want {
		t.Errorf("PlaceDate = %q, want %q", got, want)
	}
	if got, want := ShortDate(day(2020, 7, 14)), "14/07/2020"; got != want {
		t.Errorf("ShortDate = %q, want %q", got, want)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		f    float64
		dec  int
		want string
	}{
		{1234.5, 2, "1.234,5"},
		{36, 1, "36"},
		{0, 1, "0"},
		{85.55, 1, "85,6"},
		{-1234567.891, 2, "-1.234.567,89"},
		{1000000, 0, "1.000.000"},
		{999, 0, "999"},
		{-0.04, 1, "0"},
		{0.855, 3, "0,855"},
		{100, 1, "100"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.f), func(t *testing.T) {
			if got := Number(tt.f, tt.dec); got != tt.want {
				t.Errorf("Number(%v, %d) = %q, want %q", tt.f, tt.dec, got, tt.want)
			}
		})
	}
	fixed := []struct {
		f    float64
		dec  int
		want string
	}{
		{85, 1, "85,0"},
		{1234.56, 1, "1.234,6"},
		{-2.5, 2, "-2,50"},
		{7, 0, "7"},
	}
	for _, tt := range fixed {
		if got := FixedNumber(tt.f, tt.dec); got != tt.want {
			t.Errorf("FixedNumber(%v, %d) = %q, want %q", tt.f, tt.dec, got, tt.want)
		}
	}
	if got := Percent(85.5, 1); got != "85,5%" {
		t.Errorf("Percent = %q", got)
	}
}

func TestDocNumberRomanUpper(t *testing.T) {
	if got := DocNumber(2071, "SKH-KTN"); got != "2071/SKH-KTN" {
		t.Errorf("DocNumber = %q", got)
	}
	if got := DocNumber(5, "KH-SKH"); got != "05/KH-SKH" {
		t.Errorf("DocNumber = %q", got)
	}
	for n, want := range map[int]string{1: "I", 2: "II", 3: "III", 4: "IV", 9: "IX", 14: "XIV", 40: "XL"} {
		if got := Roman(n); got != want {
			t.Errorf("Roman(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Upper("Sở Kế hoạch và Đầu tư"); got != "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" {
		t.Errorf("Upper = %q", got)
	}
}

func ExampleDate() {
	fmt.Println(PlaceDate("Hà Nội", time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC)))
	// Output: Hà Nội, ngày 05 tháng 01 năm 2020
}

func ExampleNumber() {
	fmt.Println(Number(1234.5, 1))
	// Output: 1.234,5
}
