#!/usr/bin/env bash
# Generates 1k, 10k and 100k-offer catalogues and runs bench_catalog on each (one
# process per size, so the peak RSS belongs to that size). Prints numbers only.
#
#   bench/run_catalog_bench.sh [build-dir]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[[ -x "$build/bench/bench_catalog" ]] || cmake --build "$build" --target bench_catalog
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 1000 10000 100000; do
  python3 tools/gen_catalog.py --offers "$n" --seed 7 --out "$tmp/feed-$n.json"
  echo "=== $n offers"
  "$build/bench/bench_catalog" "$tmp/feed-$n.json" --queries 200
done
