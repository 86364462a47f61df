#!/usr/bin/env bash
# The soak test's long version: 24 simulated hours of visitors and a changed feed every 15
# simulated minutes (tests/ui/soak_test.cpp), printing resident memory after the first hour
# and at the end, open files, textures and publishes. Prints numbers; the test's limits apply.
#
#   bench/run_soak.sh [build-dir] [hours]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
hours=${2:-24}
log="$build/soak-$hours.log"
MINT_SOAK_HOURS=$hours "$build/tests/mint_ui_tests" -tc="soak:*" -s > "$log" 2>&1 || true
grep -E "MESSAGE|resident|test cases|FAILED|ERROR|logged" -A2 "$log"
echo "(the whole output: $log)"
