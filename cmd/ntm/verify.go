package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ntm-project/ntm/internal/pipeline"
)

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := pipeline.DefaultConfig()
	fs := newFlagSet("verify", "ntm verify [-out output] [MỤC]   (MỤC: tên một mục trong output/luu-tru; mặc định mục mới nhất)", stderr)
	fs.StringVar(&cfg.Out, "out", cfg.Out, "thư mục kết quả có luu-tru/")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "ntm verify: thừa tham số %q\n", fs.Arg(1))
		fs.Usage()
		return exitUsage
	}
	rep, err := pipeline.Verify(cfg, fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "ntm verify:", err)
		return exitFailure
	}
	for _, p := range rep.All() {
		fmt.Fprintf(stderr, "%s/%s\n", rep.Entry, p)
	}
	if !rep.OK() {
		fmt.Fprintf(stdout, "mục lưu trữ %s KHÔNG nguyên vẹn: %d tệp thiếu, %d tệp bị sửa, %d tệp thừa\n", rep.Entry, len(rep.Missing), len(rep.Changed)+len(rep.Manifest), len(rep.Extra))
		return exitFailure
	}
	fmt.Fprintf(stdout, "mục lưu trữ %s nguyên vẹn: %d tệp khớp SHA-256 trong manifest.json\n", rep.Entry, rep.Files)
	return exitOK
}
