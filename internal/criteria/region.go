package criteria

import (
	"fmt"
	"strings"

	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// fold reduces s to a comparison key: marks removed (vnfmt.Words), đ/Đ →
// d, lower case, and everything but letters, digits and parentheses
// dropped. "Bắc Trung Bộ", "bac trung bo" and
// "BẮC-TRUNG-BỘ" all fold to "bactrungbo".
func fold(s string) string {
	return strings.ToLower(strings.ReplaceAll(vnfmt.Words(s, ' ', "()"), " ", ""))
}

// regionKeys maps every accepted folded spelling to its region.
var regionKeys = func() map[string]Region {
	m := map[string]Region{
		"canuoc":            Chung,
		"chitieuchung":      Chung,
		"toanquoc":          Chung,
		"tdmnpb":            TDMNPB,
		"mnpb":              TDMNPB,
		"miennuiphiabac":    TDMNPB,
		"trungdumiennuibac": TDMNPB,
		"dbsh":              DBSH,
		"btb":               BTB,
		"dhntb":             DHNTB,
		"dhmt":              DHNTB,
		"tn":                TN,
		"dnb":               DNB,
		"dbscl":             DBSCL,
	}
	for r, name := range RegionName {
		m[fold(string(r))] = r
		m[fold(name)] = r
	}
	return m
}()

// ParseRegion reads a region code ("BTB", "ĐBSH", "chung") or a
// Vietnamese region name ("Bắc Trung Bộ", "vùng Tây Nguyên"), ignoring
// case, diacritics, Unicode normal form and spacing. A form's value
// "BTB - Bắc Trung Bộ" is accepted too (the part before " - ").
func ParseRegion(s string) (Region, error) {
	try := func(t string) (Region, bool) {
		k := fold(t)
		if r, ok := regionKeys[k]; ok {
			return r, true
		}
		if rest, ok := strings.CutPrefix(k, "vung"); ok {
			if r, ok := regionKeys[rest]; ok {
				return r, true
			}
		}
		return "", false
	}
	if r, ok := try(s); ok {
		return r, nil
	}
	for _, sep := range []string{" - ", " – ", " — "} {
		if code, _, ok := strings.Cut(s, sep); ok {
			if r, ok := try(code); ok {
				return r, nil
			}
		}
	}
	return "", fmt.Errorf("vùng %q không hợp lệ: cần một trong %s, hoặc tên vùng như \"Bắc Trung Bộ\"", norm.NFC.String(strings.TrimSpace(s)), regionCodeList())
}

// regionCodeList is "chung, TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL".
func regionCodeList() string {
	codes := []string{string(Chung)}
	for _, r := range Regions {
		codes = append(codes, string(r))
	}
	return strings.Join(codes, ", ")
}
