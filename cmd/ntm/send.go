package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/ntm-project/ntm/internal/pipeline"
)

// The environment of `ntm send`. The password is read only from the
// environment, never from a flag (flags show in the process list and in
// the shell's history) nor from a file under version control.
const (
	envHost     = "NTM_SMTP_HOST"
	envPort     = "NTM_SMTP_PORT"
	envUser     = "NTM_SMTP_USER"
	envPassword = "NTM_SMTP_PASSWORD"
	envTLS      = "NTM_SMTP_TLS"
	envFrom     = "NTM_SMTP_FROM"
)

func runSend(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := pipeline.DefaultConfig()
	opt := pipeline.SendOptions{
		Host: os.Getenv(envHost), User: os.Getenv(envUser), TLS: os.Getenv(envTLS), From: os.Getenv(envFrom),
	}
	if opt.TLS == "" {
		opt.TLS = "starttls"
	}
	port := 0
	if p := os.Getenv(envPort); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			fmt.Fprintf(stderr, "ntm send: %s=%q không phải số cổng\n", envPort, p)
			return exitUsage
		}
		port = n
	}
	fs := newFlagSet("send", "ntm send [-out output] [-smtp-host MÁY] [-smtp-port CỔNG] [-smtp-user TÊN] [-tls starttls|tls|none] [-from \"Cơ quan <địa-chỉ>\"] [-dry-run] [-resend]\n  mật khẩu SMTP lấy từ biến môi trường "+envPassword, stderr)
	fs.StringVar(&cfg.In, "in", cfg.In, "thư mục dữ liệu đầu vào (mẫu thư riêng trong templates/mail/)")
	fs.StringVar(&cfg.Out, "out", cfg.Out, "thư mục kết quả của ntm build")
	fs.StringVar(&opt.Host, "smtp-host", opt.Host, "máy chủ SMTP (hoặc biến "+envHost+")")
	fs.IntVar(&port, "smtp-port", port, "cổng SMTP; 0: 587 với starttls, 465 với tls, 25 với none (hoặc biến "+envPort+")")
	fs.StringVar(&opt.User, "smtp-user", opt.User, "tên đăng nhập SMTP (hoặc biến "+envUser+"); mật khẩu chỉ lấy từ biến "+envPassword)
	fs.StringVar(&opt.TLS, "tls", opt.TLS, "mã hóa: starttls, tls hoặc none (hoặc biến "+envTLS+")")
	fs.BoolVar(&opt.InsecureSkipVerify, "insecure-skip-verify", false, "KHÔNG kiểm tra chứng chỉ của máy chủ (chỉ dùng khi biết rõ vì sao)")
	fs.StringVar(&opt.From, "from", opt.From, "người gửi, ví dụ \"Sở Kế hoạch và Đầu tư <vanthu@skhdt.quangtri.gov.vn>\" (hoặc biến "+envFrom+")")
	fs.BoolVar(&opt.DryRun, "dry-run", false, "chỉ liệt kê thư sẽ gửi cho ai, không gửi")
	fs.BoolVar(&opt.Resend, "resend", false, "gửi lại mọi gói, kể cả gói đã gửi")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	opt.Port = port
	opt.Password = os.Getenv(envPassword)
	if !opt.DryRun && opt.Host == "" {
		fmt.Fprintf(stderr, "ntm send: cần -smtp-host (hoặc biến %s); thử -dry-run để xem sẽ gửi gì\n", envHost)
		return exitUsage
	}
	if !opt.DryRun && opt.From == "" {
		fmt.Fprintf(stderr, "ntm send: cần -from (hoặc biến %s)\n", envFrom)
		return exitUsage
	}
	if opt.User != "" && opt.Password == "" && !opt.DryRun {
		fmt.Fprintf(stderr, "ntm send: có -smtp-user nhưng biến %s trống\n", envPassword)
		return exitUsage
	}
	if opt.InsecureSkipVerify {
		fmt.Fprintln(stderr, "ntm send: cảnh báo: không kiểm tra chứng chỉ của máy chủ thư (-insecure-skip-verify)")
	}
	out, err := pipeline.Send(ctx, cfg, opt)
	if out != nil {
		for _, l := range out.Lines {
			fmt.Fprintln(stdout, l)
		}
		if out.Torn > 0 {
			fmt.Fprintf(stderr, "ntm send: bỏ qua %d dòng hỏng cuối nhật ký gửi (lần chạy trước bị dừng đột ngột)\n", out.Torn)
		}
		if len(out.Retried) > 0 {
			fmt.Fprintf(stderr, "ntm send: cảnh báo: %d thư được gửi lại vì lần chạy trước dừng khi đang gửi; nơi nhận có thể nhận hai lần (cùng Message-ID): %v\n", len(out.Retried), out.Retried)
		}
		verb := "đã gửi"
		if opt.DryRun {
			verb = "sẽ gửi"
		}
		n := out.Sent
		if opt.DryRun {
			n = out.Planned
		}
		fmt.Fprintf(stdout, "%s %d thư; %d gói không có gì mới; %d gói giao tay hoặc qua bưu điện; %d thư chưa gửi được\n", verb, n, out.UpToDate, out.ByHand, out.Failed)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "ntm send: đã dừng theo yêu cầu; nhật ký gửi ghi đúng những thư đã đi")
		return exitInterrupted
	default:
		fmt.Fprintln(stderr, "ntm send:", err)
		return exitFailure
	}
}
