// Command ntm turns a sponsorship plan and the communes' self-assessment
// workbooks into the paperwork of a provincial office: the plan as an
// official PDF (Decree 30/2020/NĐ-CP), and the checks of the inputs.
//
// Usage:
//
//	ntm [build] [-in input] [-out output]   viết các văn bản vào output/
//	ntm check [-in input]                   chỉ kiểm tra dữ liệu đầu vào
//	ntm init -period 2021-H1 [-in input]    tạo biểu tự đánh giá trống cho các xã
//	ntm version                             in phiên bản
//
// Exit codes: 0 success, 1 input problems or failure (nothing half
// written), 2 misuse, 130 interrupted.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
