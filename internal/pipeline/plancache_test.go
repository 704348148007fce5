package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanCache: a build keeps its loading of the plan; the next build
// takes it from there (the cache's plan then gives the same documents);
// an edited plan is loaded again, and a damaged or foreign cache is
// passed over.
func TestPlanCache(t *testing.T) {
	ctx := context.Background()
	in, out := copyInput(t), t.TempDir()
	cfg := Config{In: in, Out: out, Program: "ntm test"}
	cacheFile := filepath.Join(out, cacheDir, planCache)
	planFile := filepath.Join(in, PlanFile)
	if _, err := Build(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	kept, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatalf("no plan cache after a build: %v", err)
	}
	fromFile := loadPlanFile(Config{In: in, Program: "ntm test"}) // no output folder: no cache
	fromCache := loadPlanFile(cfg)
	if fromCache.save != nil {
		t.Fatal("the plan was loaded again although its cache is there")
	}
	if fromFile.plan.Document.Agency != fromCache.plan.Document.Agency || len(fromFile.plan.Communes) != len(fromCache.plan.Communes) ||
		len(fromFile.problems) != len(fromCache.problems) || fromFile.sum != fromCache.sum {
		t.Fatal("the cached plan is not the plan")
	}
	first := readOutputs(t, out)
	if _, err := Build(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	for name, data := range readOutputs(t, out) {
		if !bytes.Equal(first[name], data) {
			t.Errorf("%s differs when the plan comes from the cache", name)
		}
	}

	// An edited plan is loaded again and kept anew.
	text, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(text), `name = "Trương Chí Trung"`, `name = "Trương Chí Trịnh"`, 1)
	if edited == string(text) {
		t.Fatal("nothing to edit in the sample plan")
	}
	if err := os.WriteFile(planFile, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if lp := loadPlanFile(cfg); lp.save == nil || lp.plan.Signer.Name != "Trương Chí Trịnh" {
		t.Fatal("the edited plan was taken from the cache")
	}

	// A damaged cache, or one of another program, is passed over.
	if err := os.WriteFile(planFile, text, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"cut":     kept[:len(kept)/2],
		"altered": append(append([]byte{}, kept[:len(kept)-40]...), bytes.Repeat([]byte{0xff}, 40)...),
		"empty":   nil,
	} {
		if err := os.WriteFile(cacheFile, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if lp := loadPlanFile(cfg); lp.plan == nil || lp.save == nil {
			t.Errorf("%s cache: plan %v, loaded again %v", name, lp.plan != nil, lp.save != nil)
		}
	}
	if err := os.WriteFile(cacheFile, kept, 0o644); err != nil {
		t.Fatal(err)
	}
	if lp := loadPlanFile(Config{In: in, Out: out, Program: "ntm other"}); lp.save == nil {
		t.Error("another program's cache was used")
	}
}

// readOutputs reads the documents of an output folder (not its cache,
// archive or state).
func readOutputs(t *testing.T, out string) map[string][]byte {
	t.Helper()
	docs := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if d.IsDir() {
			if rel == cacheDir || rel == ArchiveDir {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(p); ext == ".pdf" || ext == ".xlsx" {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			docs[rel] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no documents")
	}
	return docs
}

// TestPlanCacheKeepsRecipientWarnings: the recipients are checked with
// the plan, and a plan taken from the cache still gives their warnings.
func TestPlanCacheKeepsRecipientWarnings(t *testing.T) {
	ctx := context.Background()
	in, out := copyInput(t), t.TempDir()
	planFile := filepath.Join(in, PlanFile)
	text, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	const office = `  { name = "Phòng Khoa giáo - Văn xã", email = "kgvx@skhdt.quangtri.example" },` + "\n"
	// The province again, with another address.
	edited := strings.Replace(string(text), office, office+`  { name = "UBND tỉnh Quảng Trị", email = "khac@quangtri.example" },`+"\n", 1)
	if edited == string(text) {
		t.Fatal("nothing to edit in the sample plan")
	}
	if err := os.WriteFile(planFile, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{In: in, Out: out, Program: "ntm test"}
	for run := 1; run <= 2; run++ {
		if run == 2 {
			if lp := loadPlanFile(cfg); lp.save != nil {
				t.Fatal("the second run loads the plan again instead of taking it from the cache")
			}
		}
		sum, err := Build(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range sum.Problems {
			found = found || strings.Contains(p.Msg, `nơi nhận "UBND tỉnh Quảng Trị" đã có ở`) && strings.HasPrefix(p.Pos.Key, "recipients[")
		}
		if !found {
			t.Fatalf("run %d: no warning about the province listed twice: %v", run, sum.Problems)
		}
	}
}
