package xlsx

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/report"
)

// streamRows writes sh's rows with excelize's SetRow: the reference
// that rows.go must match byte for byte.
func (r *renderer) streamRows(_ int, sw *excelize.StreamWriter, sh *report.Sheet) error {
	last := 0
	// One row's cells, reused: the stream takes pointers to them, so no
	// cell is allocated on its own.
	var cells []excelize.Cell
	var values []any
	if sh.Rows != nil {
		for row := range sh.Rows {
			if row.Num <= last {
				return fmt.Errorf("dòng %d sau dòng %d: các dòng phải tăng dần", row.Num, last)
			}
			last = row.Num
			if cap(cells) < len(row.Cells) {
				cells = make([]excelize.Cell, len(row.Cells))
				values = make([]any, len(row.Cells))
				for i := range cells {
					values[i] = &cells[i]
				}
			}
			cells, values = cells[:len(row.Cells)], values[:len(row.Cells)]
			for i, c := range row.Cells {
				if err := r.cell(&cells[i], c); err != nil {
					return fmt.Errorf("dòng %d: %w", row.Num, err)
				}
			}
			var opts []excelize.RowOpts
			if row.Height > 0 {
				opts = append(opts, excelize.RowOpts{Height: math.Min(row.Height, excelize.MaxRowHeight)})
			}
			if err := sw.SetRow("A"+strconv.Itoa(row.Num), values, opts...); err != nil {
				return err
			}
		}
	}
	return nil
}

// cell sets out to one model cell as a stream cell: text as an inline
// string (never a formula), numbers as numbers, formulas with their
// value.
func (r *renderer) cell(out *excelize.Cell, c report.SheetCell) error {
	id, err := r.st.id(c.Style)
	if err != nil {
		return err
	}
	*out = excelize.Cell{StyleID: id}
	switch c.Kind {
	case report.CellBlank:
	case report.CellText:
		if c.Text != "" {
			out.Value = c.Text
		}
	case report.CellNumber:
		if !math.IsNaN(c.Number) && !math.IsInf(c.Number, 0) {
			out.Value = c.Number
		}
	case report.CellFormulaNumber, report.CellFormulaText:
		if c.Formula == "" {
			return errors.New("ô công thức không có công thức")
		}
		out.Formula = c.Formula
		switch {
		case c.Kind == report.CellFormulaText:
			out.Value = c.Text
		case math.IsNaN(c.Number) || math.IsInf(c.Number, 0):
			out.Value = ""
		default:
			out.Value = c.Number
		}
	default:
		return fmt.Errorf("loại ô %d không có", c.Kind)
	}
	return nil
}
