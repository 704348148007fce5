package main

import (
	"context"
	"io"

	"github.com/ntm-project/ntm/internal/pipeline"
)

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := pipeline.DefaultConfig()
	fs := newFlagSet("init", "ntm init -period NĂM-H1|NĂM-H2 [-in input]", stderr)
	ioFlags(fs, &cfg, false)
	period := fs.String("period", "", "kỳ đánh giá, ví dụ 2021-H1 (6 tháng đầu năm) hoặc 2021-H2 (cả năm)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if *period == "" {
		io.WriteString(stderr, "ntm init: cần -period, ví dụ: ntm init -period 2021-H1\n")
		return exitUsage
	}
	sum, err := pipeline.Init(ctx, cfg, *period)
	return finish(sum, err, stdout, stderr)
}
