package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/archive"
	"github.com/ntm-project/ntm/internal/plan"
)

var distScale = flag.Int("dist-scale", 0, "communes of the distribution scale test (0: skip); e.g. 10000")

// TestDistributionScale times the distribution stage alone (packages,
// register, archive) on generated outputs: N communes × 2 periods, each
// with its form (16 KB) and its report PDF (30 KB), the consolidated
// report and workbook of each period, one addressee per commune and one
// per district. It then changes one form and one report and runs again.
//
//	go test ./internal/pipeline -run TestDistributionScale -dist-scale 10000 -v
func TestDistributionScale(t *testing.T) {
	n := *distScale
	if n == 0 {
		t.Skip("-dist-scale N runs it")
	}
	root := t.TempDir()
	in, out := filepath.Join(root, "input"), filepath.Join(root, "output")
	periods := []string{"2020-H2", "2021-H1"}
	filler := func(size int, tag string) []byte {
		b := make([]byte, size)
		copy(b, tag)
		for i := len(tag); i < size; i++ {
			b[i] = byte(i*7 + len(tag))
		}
		return b
	}
	write := func(p string, b []byte) (string, int64) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(b)
		return hex.EncodeToString(s[:]), int64(len(b))
	}
	p := &plan.Plan{File: "plan.toml"}
	p.Document = plan.Document{AgencyName: "Sở Kế hoạch và Đầu tư", Type: "Báo cáo", Symbol: "BC-SKH", Date: time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC), Title: "Kết quả"}
	var communeAddr, districtAddr []plan.Addressee
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("xa-%05d", i)
		d := fmt.Sprintf("Huyện %03d", i/100)
		p.Communes = append(p.Communes, plan.Commune{ID: id, Name: fmt.Sprintf("Xã %05d", i), District: d})
		communeAddr = append(communeAddr, plan.Addressee{Name: "UBND xã " + id, Email: id + "@example.vn", Commune: id})
		if i%100 == 0 {
			districtAddr = append(districtAddr, plan.Addressee{Name: "UBND " + d, Email: fmt.Sprintf("h%03d@example.vn", i/100)})
		}
	}
	recips := []plan.Recipient{
		{Line: "UBND tỉnh", Addressees: []plan.Addressee{{Name: "UBND tỉnh", Email: "tinh@example.vn"}}},
		{Line: "UBND các huyện", Addressees: districtAddr},
		{Line: "UBND các xã", Addressees: communeAddr},
	}
	write(filepath.Join(in, "plan.toml"), filler(40<<10, "plan"))
	var issued []Issued
	for _, per := range periods {
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("xa-%05d", i)
			write(filepath.Join(in, "assessments", per, id+".xlsx"), filler(16<<10, per+id))
			rel := per + "/bao-cao-xa-" + id + ".pdf"
			sum, size := write(filepath.Join(out, filepath.FromSlash(rel)), filler(30<<10, rel))
			issued = append(issued, Issued{Path: rel, Kind: archive.KindCommuneReport, Period: per, Commune: id, SHA256: sum, Size: size, Pages: 2, Title: "Báo cáo xã " + id})
		}
		rel := per + "/bao-cao-" + per + ".pdf"
		sum, size := write(filepath.Join(out, filepath.FromSlash(rel)), filler(400<<10, rel))
		issued = append(issued, Issued{Path: rel, Kind: archive.KindReport, Period: per, SHA256: sum, Size: size, Pages: 30,
			Official: &Official{TypeName: "Báo cáo", Symbol: "BC-SKH", Date: time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC), Subject: "Kết quả " + per,
				Agency: "Sở Kế hoạch và Đầu tư", Recipients: recips, RecipientsKey: "recipients", Archive: "VT, KTN", Lang: "vi"}})
		rel = per + "/tong-hop-" + per + ".xlsx"
		sum, size = write(filepath.Join(out, filepath.FromSlash(rel)), filler(2<<20, rel))
		issued = append(issued, Issued{Path: rel, Kind: archive.KindWorkbook, Period: per, SHA256: sum, Size: size, Title: "Biểu tổng hợp " + per})
	}
	inputs := &Inputs{Plan: p}
	cfg := Config{In: in, Out: out}
	run := func(label string) {
		var before, after syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &before)
		start := time.Now()
		sum := &Summary{}
		if err := Distribute(context.Background(), cfg, inputs, issued, "ntm scale", sum); err != nil {
			t.Fatalf("%s: %v\n%v", label, err, sum.Problems)
		}
		wall := time.Since(start)
		syscall.Getrusage(syscall.RUSAGE_SELF, &after)
		cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) * time.Nanosecond
		t.Logf("%s: wall %v, CPU %v, peak RSS %d MB\n  %s", label, wall.Round(time.Millisecond), cpu.Round(time.Millisecond), after.Maxrss>>10, strings.Join(sum.Notes, "\n  "))
	}
	run("first run")
	run("rerun, nothing changed")
	// One commune's form and its report change.
	write(filepath.Join(in, "assessments", "2021-H1", "xa-00007.xlsx"), filler(16<<10, "changed form"))
	for i := range issued {
		if issued[i].Path == "2021-H1/bao-cao-xa-xa-00007.pdf" {
			// A rewritten output is a new file (publish renames), as the build does.
			p := filepath.Join(out, filepath.FromSlash(issued[i].Path))
			os.Remove(p)
			issued[i].SHA256, issued[i].Size = write(p, filler(30<<10, "changed report"))
		}
	}
	run("rerun, one form changed")
}
