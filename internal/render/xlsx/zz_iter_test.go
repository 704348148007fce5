package xlsx

import (
	"testing"
)

func BenchmarkIterRows(b *testing.B) {
	fx := synthetic(b, 10000)
	wb := fx.workbook(b, h2021)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, sh := range wb.Sheets {
			for range sh.Rows {
			}
		}
	}
}
