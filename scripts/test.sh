#!/usr/bin/env bash
# The project's test command (README, .ci/run): installs the tools the
# tests use when they are missing, then vets and tests every package.
#   - poppler-utils: pdftotext/pdffonts/pdfinfo read back the PDFs we make
#   - mailpit: the SMTP server the send tests start on loopback (built with go install)
#   - libreoffice-calc-nogui: soffice recalculates the workbooks' formulas
#   - qpdf: checks the structure of the archival PDFs
#   - time (GNU time): measures the peak memory of the hostile-input runs
# then runs every fuzz target for a short fixed time (scripts/fuzz.sh;
# FUZZTIME=0 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "thiếu ${need_apt[*]}: chạy 'sudo apt-get install ${need_apt[*]}' rồi chạy lại" >&2
    exit 1
  fi
fi

# mailpit for the send tests, built from the Go module proxy (about a minute).
gobin="$(go env GOBIN)"; gobin="${gobin:-$(go env GOPATH)/bin}"
if ! command -v mailpit >/dev/null 2>&1 && [ ! -x "$gobin/mailpit" ]; then
  go install github.com/axllent/mailpit@v1.33.1
fi
# NTM_CI=1 (and CI=1): a test that needs a tool fails instead of
# skipping when the tool is missing.
export NTM_CI=1 CI=${CI:-1}

go vet ./...
go test -count=1 -timeout 30m ./...
if [ "${FUZZTIME:-10s}" != "0" ]; then
  bash scripts/fuzz.sh
fi
