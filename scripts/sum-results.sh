#!/usr/bin/env bash
# usage: scripts/sum-results.sh LABEL LOG...
# Adds up cargo's "test result:" lines (one per test binary) of the logs into one closing line,
# "LABEL: N passed, N failed".
set -euo pipefail
label=$1
shift
awk -v label="$label" '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  END { printf "%s: %d passed, %d failed\n", label, p, f }' "$@"
