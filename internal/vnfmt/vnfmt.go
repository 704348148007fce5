package vnfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Date formats t as "ngày 08 tháng 12 năm 2020". Decree 30 pads the day
// below 10 and the months 1 and 2 with a leading zero ("tháng 01",
// "tháng 02") and no other month ("tháng 3").
func Date(t time.Time) string {
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// PlaceDate is the place-and-date line (ô 4): "Quảng Trị, ngày 08 tháng
// 12 năm 2020".
func PlaceDate(place string, t time.Time) string {
	return place + ", " + Date(t)
}

// ShortDate formats t as "08/12/2020", the form used in running text and
// tables.
func ShortDate(t time.Time) string {
	return fmt.Sprintf("%02d/%02d/%d", t.Day(), int(t.Month()), t.Year())
}

// DocNumber is the number and symbol of a document, "2071/SKH-KTN".
// Decree 30 writes numbers below 10 with a leading zero ("05/KH-SKH").
func DocNumber(n int, symbol string) string {
	return fmt.Sprintf("%02d/%s", n, symbol)
}

// Number formats f with a dot between thousands and a decimal comma,
// rounding half away from zero to at most decimals places (of the number
// as written, so 85.55 gives "85,6") and dropping trailing zeros:
// Number(1234.5, 2) = "1.234,5", Number(36, 1) = "36".
func Number(f float64, decimals int) string {
	return format(f, decimals, false)
}

// FixedNumber is Number that keeps exactly decimals places: FixedNumber(85, 1)
// = "85,0". Tables use it so that a column lines up.
func FixedNumber(f float64, decimals int) string {
	return format(f, decimals, true)
}

func format(f float64, decimals int, fixed bool) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "—"
	}
	if decimals < 0 {
		decimals = 0
	}
	neg, intPart, frac := roundDecimal(f, decimals)
	if !fixed {
		frac = strings.TrimRight(frac, "0")
	}
	var b strings.Builder
	if neg && (strings.Trim(intPart, "0") != "" || strings.Trim(frac, "0") != "") {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// roundDecimal rounds the shortest decimal representation of f (the
// digits a person typed) half away from zero, which binary rounding of
// 85.55 (really 85.5499…) would not do.
func roundDecimal(f float64, decimals int) (neg bool, intPart, frac string) {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) <= decimals {
		return neg, intPart, frac + strings.Repeat("0", decimals-len(frac))
	}
	roundUp := frac[decimals] >= '5'
	digits := []byte(intPart + frac[:decimals])
	if roundUp {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - decimals
	return neg, string(digits[:n]), string(digits[n:])
}

// Percent formats f (0–100) as "85,5%".
func Percent(f float64, decimals int) string { return Number(f, decimals) + "%" }

// Roman writes n (1–3999) in Roman numerals, for section numbers.
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Upper is strings.ToUpper, named here so that callers say why: Decree 30
// prints agency names, document types and signer titles in capitals, and
// Go's ToUpper maps every Vietnamese letter (đ→Đ, ệ→Ệ) correctly.
func Upper(s string) string { return strings.ToUpper(s) }
