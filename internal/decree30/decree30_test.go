package decree30

import (
	"slices"
	"testing"
)

// TestDefaultsInRange checks that every default ntm takes lies within the
// range the decree allows, so that a document built from the defaults
// passes the plan loader's and the renderer's checks.
func TestDefaultsInRange(t *testing.T) {
	for _, r := range []Range{MarginTop, MarginBottom, MarginLeft, MarginRight, BodySize, LineSpacing, ParaSpacing} {
		if !(r.Min <= r.Max) || !r.Contains(r.Default) {
			t.Errorf("%s: default %v outside %v–%v", r.Name, r.Default, r.Min, r.Max)
		}
		if r.Contains(r.Min-0.01) || r.Contains(r.Max+0.01) {
			t.Errorf("%s: Contains accepts values outside %v–%v", r.Name, r.Min, r.Max)
		}
	}
	if !slices.Contains(Indents, DefaultIndent) {
		t.Errorf("default indent %v is not one the decree allows (%v)", DefaultIndent, Indents)
	}
	if RuleShare < RuleMin || RuleShare > RuleMax {
		t.Errorf("rule share %v outside the decree's 1/3–1/2", RuleShare)
	}
	if !(SizeAgencyMin <= SizeAgency && SizePlaceDateMin <= SizePlaceDate) {
		t.Error("a least size above its size")
	}
	if HeaderWidth <= 0 || HeaderWidth > PageWidth || HeaderLeftShare <= 0 || HeaderLeftShare >= 1 {
		t.Errorf("header geometry %v mm, left share %v", HeaderWidth, HeaderLeftShare)
	}
}
