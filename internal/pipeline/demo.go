package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/demo"
	"github.com/ntm-project/ntm/internal/publish"
)

// Demo writes a generated input folder into dir (which must not exist or
// be empty: a demo never overwrites anything) and returns what a correct
// reading of it must find.
func Demo(ctx context.Context, dir string, opt demo.Options) (*Summary, []demo.Expected, error) {
	sum := &Summary{}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return sum, nil, &UsageError{Msg: fmt.Sprintf("-out %s: thư mục đã có tệp; ntm demo chỉ ghi vào thư mục mới hoặc trống", dir)}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return sum, nil, err
	}
	cat, err := criteria.Embedded()
	if err != nil {
		return sum, nil, err
	}
	var (
		mu           sync.Mutex
		files, total int
		batch        publish.Batch
	)
	exp, err := demo.Generate(ctx, cat, opt, func(f demo.File) error {
		mu.Lock()
		files++
		total += len(f.Data)
		mu.Unlock()
		return batch.Write(filepath.Join(dir, filepath.FromSlash(f.Path)), f.Data)
	})
	if err != nil {
		batch.Abort()
		return sum, nil, err
	}
	if err := batch.Commit(); err != nil {
		return sum, nil, err
	}
	sum.Notes = append(sum.Notes, fmt.Sprintf("đã tạo %s: kế hoạch %d xã, %d kỳ, %d tệp (%s)", dir, opt.Communes, opt.Periods, files, sizeText(total)))
	for _, e := range exp {
		sum.Notes = append(sum.Notes, fmt.Sprintf("kỳ %s: %d biểu đã điền, %d biểu để trống", e.Period, e.Returned, e.Blank))
	}
	return sum, exp, nil
}
