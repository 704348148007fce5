package pipeline

import (
	"os/exec"
	"strings"
	"testing"
)

// allowed lists, for each package of ntm, the other ntm packages it may
// import: data flows one way (load → evaluate → build the model → render
// → write), renderers see only the model, and only pipeline (and the thin
// command) sees everything. Modelled on go/build's deps_test.go.
var allowed = map[string][]string{
	"cmd/ntm":                {"internal/pipeline", "internal/diag", "internal/demo", "internal/publish"},
	"internal/diag":          {},
	"internal/vnfmt":         {},
	"internal/publish":       {},
	"internal/tomlpos":       {},
	"internal/decree30":      {},
	"internal/inputfile":     {},
	"internal/cputime":       {}, // the benchmarks' CPU clock and scales, for tests only
	"internal/pdfa":          {},
	"internal/archive":       {"internal/publish"},
	"internal/distribute":    {"internal/publish"},
	"internal/send":          {"internal/distribute", "internal/publish", "templates"},
	"internal/send/sendtest": {},
	"internal/register":      {"internal/publish"},
	"templates":              {},
	"internal/tomldec":       {"internal/diag", "internal/tomlpos"},
	"internal/criteria":      {"internal/diag", "internal/tomldec", "internal/tomlpos", "internal/vnfmt", "internal/inputfile"},
	"internal/plan":          {"internal/diag", "internal/tomlpos", "internal/tomldec", "internal/decree30", "internal/vnfmt", "internal/inputfile"},
	"internal/assess":        {"internal/diag", "internal/criteria", "internal/vnfmt", "internal/inputfile"},
	"internal/form":          {"internal/criteria", "internal/vnfmt"},
	"internal/evaluate":      {"internal/diag", "internal/criteria", "internal/plan", "internal/assess", "internal/vnfmt"},
	"internal/narrative":     {"internal/diag", "internal/tomldec", "internal/plan", "internal/inputfile"},
	"internal/report":        {"internal/diag", "internal/criteria", "internal/plan", "internal/evaluate", "internal/vnfmt", "internal/decree30", "internal/narrative", "templates"},
	"internal/render/pdf":    {"internal/report", "internal/vnfmt", "internal/decree30"},
	"internal/demo":          {"internal/criteria", "internal/vnfmt"},
	"internal/pipeline":      nil, // anything

	"internal/render/xlsx": {"internal/report", "internal/vnfmt", "internal/decree30"},
}

func TestDependencyPolicy(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "../../...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const mod = "github.com/ntm-project/ntm/"
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], mod)
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the dependency policy (deps_test.go): say what it may import", pkg)
			continue
		}
		if ok == nil && pkg == "internal/pipeline" {
			continue
		}
		for _, imp := range f[1:] {
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			dep := strings.TrimPrefix(imp, mod)
			permitted := false
			for _, a := range ok {
				permitted = permitted || a == dep
			}
			if !permitted {
				t.Errorf("%s imports %s, which the policy does not allow", pkg, dep)
			}
		}
	}
}
