#!/usr/bin/env bash
# Runs every fuzz target of the repository for a short fixed time each
# (FUZZTIME, default 10s), as CI does after the tests. A crasher is saved
# under the package's testdata/fuzz/<Target>/ by go test: add it to the
# commit, fix the bug, and it becomes a regression case of the plain tests.
#   bash scripts/fuzz.sh                 all targets
#   FUZZTIME=2m bash scripts/fuzz.sh assess   only packages whose path contains "assess"
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
filter=${1:-}
fail=0
n=0
while read -r file target; do
  pkg=./$(dirname "$file")
  [ -n "$filter" ] && [[ "$pkg" != *"$filter"* ]] && continue
  n=$((n + 1))
  # -fuzzminimizetime bounds the minimisation of a new input, which can
  # stall a short run on a large seed (a workbook).
  if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s >/tmp/ntm-fuzz.log 2>&1; then
    echo "FUZZ FAIL $pkg $target"; tail -30 /tmp/ntm-fuzz.log; fail=1
  else
    echo "fuzz ok   $pkg $target ($(grep -o 'execs: [0-9]*' /tmp/ntm-fuzz.log | tail -1))"
  fi
done < <(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' . | sed -E 's|^\./([^:]*):[0-9]+:func (Fuzz[A-Za-z0-9_]*).*|\1 \2|' | sort)
echo "$n fuzz targets, $fuzztime each"
exit $fail
