package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ntm-project/ntm/internal/demo"
	"github.com/ntm-project/ntm/internal/pipeline"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo", "ntm demo -communes N -periods K -out THƯ_MỤC [-seed S]", stderr)
	opt := demo.Options{}
	fs.IntVar(&opt.Communes, "communes", 125, "số xã")
	fs.IntVar(&opt.Periods, "periods", 2, "số kỳ đánh giá 6 tháng, từ kỳ gốc của kế hoạch")
	fs.Int64Var(&opt.Seed, "seed", 1, "hạt giống: cùng hạt giống cho cùng dữ liệu")
	out := fs.String("out", "", "thư mục mới để ghi dữ liệu mẫu (rồi chạy: ntm build -in THƯ_MỤC)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "ntm demo: cần -out, ví dụ: ntm demo -communes 10000 -periods 2 -out /tmp/toan-quoc")
		return exitUsage
	}
	sum, _, err := pipeline.Demo(ctx, *out, opt)
	return finish(sum, err, stdout, stderr)
}
