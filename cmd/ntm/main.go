// Command ntm turns a sponsorship plan and the communes' self-assessment
// workbooks into the paperwork of a provincial office: the plan as an
// official PDF (Decree 30/2020/NĐ-CP), the six-monthly reports, the
// consolidated workbooks, the recipients' packages, the register of
// outgoing documents and an archive of every run.
//
// Usage:
//
//	ntm [build] [-in input] [-out output]   viết các văn bản vào output/
//	ntm check [-in input]                   chỉ kiểm tra dữ liệu đầu vào
//	ntm init -period 2021-H1 [-in input]    tạo biểu tự đánh giá trống cho các xã
//	ntm version                             in phiên bản
//
// Exit codes: 0 success, 1 input problems or failure (nothing half
// written), 2 misuse, 70 an internal error of ntm (a bug: the message
// says so and carries the stack), 130 interrupted.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/ntm-project/ntm/internal/publish"
)

func main() {
	tuneGC()
	os.Exit(mainCode(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC trades memory the program has for time: a national run makes
// tens of millions of short-lived objects. Collecting when the heap has
// grown fivefold (GOGC=400) rather than doubled: GOGC=200 saved about a
// sixth of a build's CPU against 100, and 400 takes another 8–17 % off a
// national rerun against 200 (side by side, three pairs), with a build
// from scratch no slower. A soft limit of 900 MB keeps the peak within
// the 1 GiB budget all the same: near it, the collector runs as the
// limit requires. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(900 << 20)
	}
}

// mainCode runs the program with signal handling: the first Ctrl-C or
// SIGTERM cancels the command's context (every stage stops, nothing is
// left half-written, exit 130); a second one ends the process at once.
// A panic that reaches here is a bug of ntm, reported as such.
func mainCode(args []string, stdout, stderr io.Writer) (code int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		fmt.Fprintln(stderr, "ntm: đang dừng theo yêu cầu… (nhấn Ctrl-C lần nữa để thoát ngay)")
		cancel()
		if _, ok := <-sigs; ok {
			// At once, but without leaving the temporary files of the
			// writes in progress (finished files are already in place).
			publish.RemoveTemporaries()
			fmt.Fprintln(stderr, "ntm: thoát ngay theo yêu cầu")
			os.Exit(exitInterrupted)
		}
	}()
	defer func() {
		if v := recover(); v != nil {
			code = internalError(stderr, v, debug.Stack())
		}
	}()
	return run(ctx, args, stdout, stderr)
}

// internalError reports a bug of ntm: what happened and where, so that
// it can be reported, never blamed on the clerk's files.
func internalError(stderr io.Writer, v any, stack []byte) int {
	fmt.Fprintf(stderr, "ntm: lỗi nội bộ của ntm (không phải lỗi dữ liệu của anh/chị; xin gửi toàn bộ thông báo này cho người phát triển): %v\n%s", v, stack)
	return exitInternal
}
