package demo

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/ntm-project/ntm/internal/criteria"
)

// FiguresFile is the province file the demo writes beside its plan
// (criteria/gia-dinh-demo.toml): a figure for every threshold the
// national data leaves without one — those the decision leaves to the
// province, and those the data does not have yet — for every region and
// year the demo's periods use, so that every generated form can be
// judged. The figures are assumptions for trying the program, marked as
// such and unverified; they are not the decisions' figures.
const FiguresFile = "criteria/gia-dinh-demo.toml"

// assumed is the figure for a threshold without one, by kind and
// comparison: a usual level, not a decision's.
func assumed(ind *criteria.Indicator) string {
	switch {
	case ind.Op == criteria.LE:
		return "<=25"
	case ind.Kind == criteria.KindMoney:
		return ">=50"
	case ind.Kind == criteria.KindNumber:
		return ">=1"
	case ind.Kind == criteria.KindPercent:
		return ">=70"
	}
	return ""
}

// figures writes one province file per set that lacks figures, and
// returns the files with the catalogue they give.
func figures(cat *criteria.Catalogue, sets []*criteria.Set, periods []criteria.Period) ([]File, *criteria.Catalogue, error) {
	type need struct {
		regions map[criteria.Region]bool
		years   map[int]bool
		byYear  bool
	}
	var files []File
	out := cat.Clone()
	done := map[string]bool{}
	for i, s := range sets {
		if done[s.ID] {
			continue
		}
		done[s.ID] = true
		needs := map[*criteria.Indicator]*need{}
		var order []*criteria.Indicator
		for j, p := range periods {
			if sets[j] != s {
				continue
			}
			for _, r := range criteria.Regions {
				for _, ind := range s.Gaps(r, p.Year) {
					if assumed(ind) == "" {
						continue
					}
					n := needs[ind]
					if n == nil {
						n = &need{regions: map[criteria.Region]bool{}, years: map[int]bool{}, byYear: ind.ByYear != nil}
						needs[ind] = n
						order = append(order, ind)
					}
					n.regions[r], n.years[p.Year] = true, true
				}
			}
		}
		_ = i
		if len(order) == 0 {
			continue
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "# Mức chỉ tiêu GIẢ ĐỊNH cho dữ liệu mẫu của \"ntm demo\" (không phải mức của quyết định nào):\n")
		fmt.Fprintf(&b, "# điền các ngưỡng mà dữ liệu quốc gia để trống (do tỉnh quy định, hoặc chưa có) để mọi biểu mẫu đều được đánh giá.\n\n")
		fmt.Fprintf(&b, "set = %q\nsource = \"Giả định của dữ liệu mẫu ntm demo\"\n", s.ID)
		for _, ind := range order {
			n := needs[ind]
			var regions []string
			for r := range n.regions {
				regions = append(regions, string(r))
			}
			sort.Strings(regions)
			fig := assumed(ind)
			fmt.Fprintf(&b, "\n[[indicators]]\nid = %q\nverified = false\nnote = \"Mức giả định của dữ liệu mẫu.\"\n", ind.ID)
			row := func() string {
				var c bytes.Buffer
				c.WriteString("{ ")
				for k, r := range regions {
					if k > 0 {
						c.WriteString(", ")
					}
					fmt.Fprintf(&c, "%s = %q", r, fig)
				}
				c.WriteString(" }")
				return c.String()
			}
			if n.byYear {
				var years []int
				for y := range n.years {
					years = append(years, y)
				}
				sort.Ints(years)
				for _, y := range years {
					fmt.Fprintf(&b, "by_year.%d = %s\n", y, row())
				}
			} else {
				fmt.Fprintf(&b, "thresholds = %s\n", row())
			}
		}
		name := FiguresFile
		if len(files) > 0 {
			name = fmt.Sprintf("criteria/gia-dinh-demo-%d.toml", len(files)+1)
		}
		if ps := out.Apply(name, b.Bytes()); ps.Errors() > 0 {
			return nil, nil, fmt.Errorf("dữ liệu mẫu: tệp mức giả định không áp dụng được: %v", ps.Err())
		}
		files = append(files, File{Path: name, Data: b.Bytes()})
	}
	return files, out, nil
}
