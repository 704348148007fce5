package evaluate

import (
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/plan"
)

func TestBaselineOf(t *testing.T) {
	tests := []struct {
		date time.Time
		want string
	}{
		{time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC), "2020-H2"},
		{time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC), "2021-H1"},
		{time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC), "2021-H2"},
		{time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), "2022-H1"},
	}
	for _, tt := range tests {
		p := &plan.Plan{Document: plan.Document{Date: tt.date}}
		if got := BaselineOf(p).String(); got != tt.want {
			t.Errorf("BaselineOf(%v) = %s, want %s", tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
}

func TestMatchCommune(t *testing.T) {
	p := &plan.Plan{Communes: []plan.Commune{{ID: "gio-my", Name: "Gio Mỹ"}, {ID: "thuan", Name: "Thuận"}}}
	tests := []struct {
		name, want string
	}{
		{"Gio Mỹ", "gio-my"},
		{"xã Gio Mỹ", "gio-my"},
		{"Xã  GIO MỸ", "gio-my"},
		{"Gio My\u0303", "gio-my"}, // decomposed
		{"thuan", "thuan"},
		{"Thuận ", "thuan"},
		{"Gio Mai", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if c := indexCommunes(p).match(tt.name); c != nil {
			got = c.ID
		}
		if got != tt.want {
			t.Errorf("matchCommune(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNextAndCoverage(t *testing.T) {
	p := criteria.Period{Year: 2020, Half: criteria.H2}
	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, p.String())
		p = p.Next()
	}
	if want := "[2020-H2 2021-H1 2021-H2]"; fmtList(got) != want {
		t.Errorf("next: %s, want %s", fmtList(got), want)
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
