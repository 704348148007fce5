#!/usr/bin/env bash
# The project's test command (README, .ci/run): installs the tools the
# tests use when they are missing, then vets and tests every package.
#   - poppler-utils: pdftotext/pdffonts/pdfinfo read back the PDFs we make
#   - mailpit: the SMTP server the send tests start on loopback (built with go install)
#   - libreoffice-calc-nogui: soffice recalculates the workbooks' formulas
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
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
# NTM_CI=1: a test that needs mailpit fails instead of skipping when it is missing.
export NTM_CI=1

go vet ./...
go test -count=1 ./...
