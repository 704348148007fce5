package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/inputfile"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/publish"
)

// planCache is output/.cache/ke-hoach.bin: what loading the plan gave
// last time (the plan and its warnings, those of its recipients
// included), under a stamp of the plan
// file's path and SHA-256, the program and the shape of the plan, and
// the SHA-256 of the encoding, so that a national plan is not parsed
// again when it has not changed.
const planCache = "ke-hoach.bin"

// maxPlanCache bounds the cache file read back (a 10.000-commune plan
// is about 4 MB).
const maxPlanCache = 64 << 20

// loadedPlan is the plan of a run, read once: what it says, the
// SHA-256 of the bytes it was loaded from (for the workbook's sources
// and the outputs' keys), and, when not nil, save, which keeps this
// loading for the next run (Build calls it; Check never writes).
type loadedPlan struct {
	plan     *plan.Plan
	problems diag.List
	sum      [32]byte
	save     func() error
}

// loadPlanFile loads the plan of cfg, from the cache when the file has
// not changed.
func loadPlanFile(cfg Config) loadedPlan {
	path := filepath.Join(cfg.In, PlanFile)
	data, problems := plan.ReadFile(path)
	if problems != nil {
		return loadedPlan{problems: problems}
	}
	sum := sha256.Sum256(data)
	stamp := planStamp(cfg.cacheID(), path, sum)
	file := filepath.Join(cfg.Out, cacheDir, planCache)
	if cfg.Out != "" {
		if p, problems, ok := readPlanCache(file, stamp); ok {
			return loadedPlan{plan: p, problems: problems, sum: sum}
		}
	}
	p, problems := plan.Load(path, data)
	if p != nil {
		// The recipients' problems depend on the plan alone: they are
		// kept with its other warnings (a national plan takes 0,1 s to
		// check).
		problems.Append(CheckRecipients(p))
	}
	lp := loadedPlan{plan: p, problems: problems, sum: sum}
	if cfg.Out == "" || p == nil || problems.Errors() > 0 {
		return lp
	}
	lp.save = func() error {
		var buf bytes.Buffer
		if err := plan.EncodeCache(&buf, p, problems); errors.Is(err, plan.ErrNotCacheable) {
			return nil
		} else if err != nil {
			return err
		}
		enc := sha256.Sum256(buf.Bytes())
		return publish.WriteFile(file, func(w io.Writer) error {
			_, err := io.WriteString(w, stamp+"\n"+hex.EncodeToString(enc[:])+"\n")
			if err == nil {
				_, err = w.Write(buf.Bytes())
			}
			return err
		})
	}
	return lp
}

func planStamp(program, path string, sum [32]byte) string {
	h := sha256.New()
	for _, s := range []string{"ntm-ke-hoach-1", program, path, hex.EncodeToString(sum[:]), plan.CacheShape()} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readPlanCache gives the cached plan when file holds one under stamp
// (read as outside input: a regular file, within a size).
func readPlanCache(file, stamp string) (*plan.Plan, diag.List, bool) {
	data, err := inputfile.Read(file, maxPlanCache)
	if err != nil {
		return nil, nil, false
	}
	// The stamp, then the SHA-256 of what follows: a damaged file is
	// never given to the decoder.
	rest, ok := bytes.CutPrefix(data, []byte(stamp+"\n"))
	if !ok || len(rest) < 65 || rest[64] != '\n' {
		return nil, nil, false
	}
	sum := sha256.Sum256(rest[65:])
	if string(rest[:64]) != hex.EncodeToString(sum[:]) {
		return nil, nil, false
	}
	rest = rest[65:]
	p, problems, err := plan.DecodeCache(bytes.NewReader(rest))
	if err != nil {
		return nil, nil, false
	}
	return p, problems, true
}
