#!/usr/bin/env bash
# The soak test's long version: 24 simulated hours of visitors and a changed feed every 15
# simulated minutes (tests/ui/soak_test.cpp), printing resident memory after the first hour
# and at the end, open files, textures and publishes. Prints numbers; the test's limits apply.
#
#   bench/run_soak.sh [build-dir] [hours]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
MINT_SOAK_HOURS=${2:-24} "$build/tests/mint_ui_tests" -tc="soak:*" -s 2>&1 | grep -E "MESSAGE|resident|test cases|FAILED|ERROR" -A1
