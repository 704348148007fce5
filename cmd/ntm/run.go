package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/pipeline"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1 // input problems, or the job failed
	exitUsage       = 2
	exitInternal    = 70 // a bug of ntm (EX_SOFTWARE)
	exitInterrupted = 130
)

// version is the release; the VCS revision is appended when known.
const version = "0.2.0"

const usage = `ntm — lập hồ sơ phụ trách, đỡ đầu xây dựng nông thôn mới

Cách dùng:
  ntm [build] [-in THƯ_MỤC] [-out THƯ_MỤC]   đọc dữ liệu, viết các văn bản (mặc định)
  ntm check [-in THƯ_MỤC]                     chỉ kiểm tra dữ liệu đầu vào, không viết gì
  ntm init -period NĂM-H1|NĂM-H2 [-in THƯ_MỤC] tạo biểu tự đánh giá trống cho từng xã
  ntm send [-dry-run] [-resend] [-smtp-host …]  gửi thư điện tử các văn bản chưa gửi cho từng nơi nhận
  ntm verify [MỤC]                            kiểm tra mục lưu trữ (mặc định mục mới nhất) còn nguyên vẹn
  ntm demo -communes N -periods K -out THƯ_MỤC tạo dữ liệu mẫu N xã để thử ở quy mô lớn
  ntm version                                 in phiên bản
  ntm help                                    in hướng dẫn này

Thư mục đầu vào (mặc định input/):
  plan.toml                 kế hoạch: cơ quan, số hiệu, nội dung, các xã, nơi nhận, người ký
  criteria/*.toml           (tùy chọn) điều chỉnh bộ tiêu chí của tỉnh
  assessments/KỲ/*.xlsx     biểu tự đánh giá của các xã, ví dụ assessments/2021-H1/gio-mai.xlsx
  assessments/KỲ/bao-cao.toml  (tùy chọn) nội dung báo cáo kỳ do đơn vị viết
  templates/                (tùy chọn) mẫu câu thay cho mẫu cài sẵn (report/*.tmpl, mail/*.tmpl)

Thư mục kết quả (mặc định output/): kế hoạch, báo cáo kỳ, báo cáo từng xã, bảng tổng hợp Excel,
gói văn bản theo nơi nhận, sổ đăng ký văn bản đi, lưu trữ (luu-tru/) của mỗi lần chạy.

Mã thoát: 0 thành công; 1 dữ liệu có lỗi hoặc không hoàn thành; 2 dùng sai lệnh;
70 lỗi nội bộ của ntm; 130 bị ngắt (Ctrl-C).
Gõ "ntm LỆNH -h" để xem các tùy chọn của một lệnh.
`

// run is the whole program behind main, testable: it parses args, runs
// the command and returns the exit code. Everything the clerk reads goes
// to stdout (results) or stderr (problems).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || isHelp(args[0])) {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "build":
		return runBuild(ctx, args, stdout, stderr)
	case "check":
		return runCheck(ctx, args, stdout, stderr)
	case "init":
		return runInit(ctx, args, stdout, stderr)
	case "send":
		return runSend(ctx, args, stdout, stderr)
	case "verify":
		return runVerify(ctx, args, stdout, stderr)
	case "demo":
		return runDemo(ctx, args, stdout, stderr)
	case "version":
		fs := newFlagSet("version", "ntm version", stderr)
		if code, ok := parse(fs, args, stdout); !ok {
			return code
		}
		fmt.Fprintln(stdout, "ntm", versionString())
		return exitOK
	case "help", "-h", "-help", "--help":
		// A bare "ntm -h" asks about the program, not about build.
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "ntm: không có lệnh %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// newFlagSet makes a flag set whose help and errors are Vietnamese.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Cách dùng: %s\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" {
				def = fmt.Sprintf(" (mặc định %q)", f.DefValue)
			}
			fmt.Fprintf(fs.Output(), "  -%s\t%s%s\n", f.Name, f.Usage, def)
		})
	}
	return fs
}

// parse parses args; when it returns ok = false the command must return
// code (0 after -h, 2 on a bad flag or a stray argument).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "ntm %s: thừa tham số %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

func ioFlags(fs *flag.FlagSet, cfg *pipeline.Config, out bool) {
	fs.StringVar(&cfg.In, "in", cfg.In, "thư mục dữ liệu đầu vào")
	if out {
		fs.StringVar(&cfg.Out, "out", cfg.Out, "thư mục ghi kết quả")
	}
	fs.IntVar(&cfg.Workers, "workers", 0, "số luồng đọc và viết song song (0: mỗi lõi một luồng); kết quả như nhau")
	fs.StringVar(&cpuProfile, "cpuprofile", "", "(cho người phát triển) ghi hồ sơ CPU vào tệp này")
	fs.StringVar(&memProfile, "memprofile", "", "(cho người phát triển) ghi hồ sơ cấp phát bộ nhớ vào tệp này khi xong")
}

// cpuProfile is the -cpuprofile flag's file, for measuring where a run's
// time goes (go tool pprof).
var cpuProfile string

// memProfile is the -memprofile flag's file: the heap profile at the end
// of the command, whose alloc_space shows what the run allocated.
var memProfile string

// profile starts the CPU profile when asked; the returned function stops
// it and writes the heap profile when asked.
func profile(stderr io.Writer) func() {
	stopCPU := func() {}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "ntm: -cpuprofile:", err)
		} else {
			pprof.StartCPUProfile(f)
			stopCPU = func() { pprof.StopCPUProfile(); f.Close() }
		}
	}
	return func() {
		stopCPU()
		if memProfile == "" {
			return
		}
		f, err := os.Create(memProfile)
		if err != nil {
			fmt.Fprintln(stderr, "ntm: -memprofile:", err)
			return
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			fmt.Fprintln(stderr, "ntm: -memprofile:", err)
		}
		f.Close()
	}
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := pipeline.DefaultConfig()
	cfg.Program, cfg.Build = "ntm "+versionString(), buildID()
	fs := newFlagSet("build", "ntm build [-in input] [-out output]", stderr)
	ioFlags(fs, &cfg, true)
	timings := fs.Bool("timings", false, "(cho người phát triển) in thời gian của từng bước ra luồng lỗi")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if b := newBar(stderr); b != nil {
		cfg.Progress = b
	}
	if *timings {
		cfg.Timings = stderr
	}
	start := time.Now()
	defer profile(stderr)()
	sum, err := pipeline.Build(ctx, cfg)
	code := finish(sum, err, stdout, stderr)
	if code == exitOK {
		fmt.Fprintf(stdout, "xong trong %s\n", elapsed(time.Since(start)))
	}
	return code
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := pipeline.DefaultConfig()
	// The same program and build as ntm build: check reads what the last
	// build kept in output/.cache (it never writes there).
	cfg.Program, cfg.Build = "ntm "+versionString(), buildID()
	fs := newFlagSet("check", "ntm check [-in input]", stderr)
	ioFlags(fs, &cfg, false)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if b := newBar(stderr); b != nil {
		cfg.Progress = b
	}
	start := time.Now()
	sum, err := pipeline.Check(ctx, cfg)
	code := finish(sum, err, stdout, stderr)
	if code == exitOK {
		fmt.Fprintf(stdout, "dữ liệu trong %s hợp lệ", cfg.In)
		if n := sum.Problems.Warnings(); n > 0 {
			fmt.Fprintf(stdout, " (%d cảnh báo)", n)
		}
		fmt.Fprintf(stdout, "; kiểm tra trong %s\n", elapsed(time.Since(start)))
	}
	return code
}

// finish prints the problems and the summary and maps err to an exit code.
func finish(sum *pipeline.Summary, err error, stdout, stderr io.Writer) int {
	if sum != nil {
		sum.Problems.Sort()
		sum.Problems.Print(stderr)
	}
	switch {
	case err == nil:
		sum.Print(stdout)
		return exitOK
	case errors.As(err, new(*pipeline.InternalError)):
		var ie *pipeline.InternalError
		errors.As(err, &ie)
		return internalError(stderr, ie.Value, ie.Stack)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "ntm: đã dừng theo yêu cầu; không tệp nào bị ghi dở")
		return exitInterrupted
	case errors.As(err, new(*pipeline.UsageError)):
		fmt.Fprintln(stderr, "ntm:", err)
		return exitUsage
	case errors.Is(err, pipeline.ErrInput):
		n := 0
		if sum != nil {
			n = sum.Problems.Errors()
		}
		if errors.Is(err, pipeline.ErrInputAfterWrite) {
			sum.Print(stdout)
			fmt.Fprintf(stderr, "ntm: %d lỗi trong dữ liệu đầu vào (các tệp ghi ở trên đã được ghi đầy đủ)\n", n)
			return exitFailure
		}
		fmt.Fprintf(stderr, "ntm: %d lỗi trong dữ liệu đầu vào; chưa viết văn bản nào\n", n)
		return exitFailure
	default:
		if list, ok := diag.AsList(err); ok {
			list.Print(stderr)
		} else {
			fmt.Fprintln(stderr, "ntm:", err)
		}
		return exitFailure
	}
}

// elapsed words a duration for the summary: "0,42 giây", "1 phút 05 giây".
func elapsed(d time.Duration) string {
	if d < time.Minute {
		s := fmt.Sprintf("%.2f", d.Seconds())
		return strings.Replace(s, ".", ",", 1) + " giây"
	}
	m := int(d / time.Minute)
	return fmt.Sprintf("%d phút %02d giây", m, int((d%time.Minute)/time.Second))
}

func versionString() string {
	v := version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v
}
